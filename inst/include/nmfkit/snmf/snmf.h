// nmfkit: sparse NMF by alternating non-negativity-constrained least squares
// (Kim & Park 2007, "Sparse non-negative matrix factorizations via alternating
// non-negativity-constrained least squares for microarray data analysis",
// Bioinformatics 23(12)), exactly as the NMF package's "snmf/r" and "snmf/l":
//
//   snmf/r:  min 1/2 (||A - WH||^2 + eta^2 ||W||^2 + beta sum_j (1'h_j)^2)
//
// alternating exact NNLS for H (sparse) and W (small), with the NMF package's
// convergence test every 5 iterations (cluster memberships unchanged for
// `iconv` checks and the average KKT residual below `eps_conv` times the
// first one), its restarts from a new random W when a row of H is all zero,
// and R's random tie-breaking of max.col. snmf/l is snmf/r on t(A).
#ifndef NMFKIT_SNMF_SNMF_H
#define NMFKIT_SNMF_SNMF_H

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "../config.h"
#include "../model.h"
#include "../nnls/columns.h"
#include "../stop.h"

namespace nmfkit {

// R's max.col(t(X)) with ties.method = "random" (R_max_col): for each column
// of X, the index of its largest entry; entries within 1e-5 times the largest
// absolute entry of the max count as ties and are broken with `uniform`.
inline std::vector<int> max_col_random(const Matrix& X, const std::function<double()>& uniform) {
  const int k = static_cast<int>(X.rows());
  std::vector<int> out(X.cols(), -1);
  for (int c = 0; c < X.cols(); ++c) {
    double large = 0.0;
    bool na = false;
    for (int l = 0; l < k; ++l) {
      const double a = X(l, c);
      if (std::isnan(a)) {
        na = true;
        break;
      }
      if (std::isfinite(a)) large = std::max(large, std::abs(a));
    }
    if (na) continue;
    const double tol = 1e-5 * large;
    int m = 0, ntie = 1;
    double a = X(0, c);
    for (int l = 1; l < k; ++l) {
      const double b = X(l, c);
      if (b > a + tol) {
        a = b;
        m = l;
        ntie = 1;
      } else if (b >= a - tol) {
        ++ntie;
        if (ntie * uniform() < 1.0) m = l;
      }
    }
    out[c] = m;
  }
  return out;
}

inline void unit_rows(Matrix& Xt) {
  for (int l = 0; l < Xt.rows(); ++l) Xt.row(l) /= Xt.row(l).norm();
}

// One snmf/r fit. Dh is the data the H step fits (A for snmf/r, A' for
// snmf/l), Dw its transpose; W0 (rows of Dh x k) is the start. The result
// has W and H of that orientation; run() swaps them back for snmf/l.
template <class Side>
class Snmf {
 public:
  Snmf(const Side& Dh, const Side& Dw, const Matrix& W0, double eta, const Options& opt, const Callbacks& cb)
      : Dh_(Dh), Dw_(Dw), opt_(opt), cb_(cb), eta_(eta), eta2_(eta * eta), beta_(opt.beta),
        Wt_(W0.transpose()), H_(Matrix::Zero(W0.cols(), Dh.cols())),
        rule_(Dh.rows(), Dh.cols(), opt.wminchange, opt.iconv, opt.eps_conv) {
    unit_rows(Wt_);
  }

  Result run() {
    Result res;
    int i = 0, restarts = 0;
    while (i < opt_.maxit) {
      if (cb_.interrupted()) {
        res.stop = Stop::interrupted;
        break;
      }
      ++i;
      if (!h_step()) {
        if (cb_.log) cb_.log("iteration " + std::to_string(i) + ": a row of H is zero, restart");
        if (++restarts >= 10) {
          res.stop = Stop::restarts;
          break;
        }
        restart();
        continue;
      }
      w_step();
      if ((i % 5 == 0 || rule_.first()) && converged()) {
        res.stop = Stop::converged;
        break;
      }
      if (cb_.log && i % 100 == 0) cb_.log("iteration " + std::to_string(i));
    }
    res.niter = i;
    res.restarts = restarts;
    // the NMF package's objective: 1/2 (||A - WH||^2 + eta sum(W^2) + beta sum(colSums(H)^2))
    const double e = Dh_.sq_error(Wt_, H_, opt_.threads);
    res.objective = 0.5 * (e + eta_ * Wt_.squaredNorm() + beta_ * H_.colwise().sum().squaredNorm());
    res.W = Wt_.transpose();
    res.H = std::move(H_);
    return res;
  }

 private:
  // H step: min ||[A; 0] - [W; sqrt(beta) 1'] H||^2 (B = W'A is left by the
  // convergence check when W has not changed since). False when a row of H
  // is all zero.
  bool h_step() {
    if (!have_B_) Dh_.mult(Wt_, B_, opt_.threads);
    have_B_ = false;
    Matrix G = Wt_ * Wt_.transpose();
    G.array() += beta_;
    nnls_columns(G, B_, H_, opt_.threads, Penalty());
    return !(H_.rowwise().sum().array() == 0.0).any();
  }

  // A restart from a new random W: runif(m * k), column-major, as R draws it.
  void restart() {
    rule_.reset();
    const int m = Dh_.rows(), k = static_cast<int>(Wt_.rows());
    Matrix W(m, k);
    for (int c = 0; c < k; ++c)
      for (int r = 0; r < m; ++r) W(r, c) = cb_.uniform();
    Wt_ = W.transpose();
    unit_rows(Wt_);
    H_.setZero();
  }

  // W step: min ||[A'; 0] - [H'; eta I] W'||^2
  void w_step() {
    Dw_.mult(H_, Bw_, opt_.threads);
    HHt_ = H_ * H_.transpose();
    Matrix Gw = HHt_;
    Gw.diagonal().array() += eta2_;
    nnls_columns(Gw, Bw_, Wt_, opt_.threads, Penalty());
  }

  // The memberships (R's max.col with random ties, W's drawn first) and the
  // average KKT residual, min(H, grad_H) and min(W, grad_W), for the rule.
  bool converged() {
    std::vector<int> idx_w = max_col_random(Wt_, cb_.uniform);
    std::vector<int> idx_h = max_col_random(H_, cb_.uniform);
    Dh_.mult(Wt_, B_, opt_.threads);
    have_B_ = true;
    Matrix gh = (Wt_ * Wt_.transpose()) * H_ - B_;
    gh.rowwise() += beta_ * H_.colwise().sum();
    Matrix gw = HHt_ * Wt_ - Bw_ + eta2_ * Wt_;
    double conv = 0.0;
    long convnum = 0;
    auto add = [&](const Matrix& X, const Matrix& g) {
      for (int c = 0; c < X.cols(); ++c)
        for (int l = 0; l < X.rows(); ++l) {
          const double r = std::abs(std::min(X(l, c), g(l, c)));
          conv += r;
          convnum += r > 0.0;
        }
    };
    add(H_, gh);
    add(Wt_, gw);
    return rule_.check(idx_w, idx_h, convnum > 0 ? conv / convnum : 0.0);
  }

  const Side& Dh_;
  const Side& Dw_;
  const Options& opt_;
  const Callbacks& cb_;
  const double eta_, eta2_, beta_;
  Matrix Wt_, H_;
  Matrix B_, Bw_, HHt_;  // W'A of the last H step or check; H A' and H H' of the last W step
  bool have_B_ = false;
  SnmfRule rule_;
};

template <class Side>
Result snmf_fit(const Side& Dh, const Side& Dw, const Matrix& W0, double eta, const Options& opt,
                const Callbacks& cb) {
  return Snmf<Side>(Dh, Dw, W0, eta, opt, cb).run();
}

}  // namespace nmfkit

#endif  // NMFKIT_SNMF_SNMF_H
