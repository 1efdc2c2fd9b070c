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
#ifndef NMFKIT_SNMF_H
#define NMFKIT_SNMF_H

#include <cmath>
#include <vector>

#include "config.h"
#include "data.h"
#include "updates.h"

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

inline int count_changed(const std::vector<int>& a, const std::vector<int>& b) {
  int n = 0;
  for (size_t i = 0; i < a.size(); ++i) n += a[i] != b[i];
  return n;
}

inline void unit_rows(Matrix& Xt) {
  for (int l = 0; l < Xt.rows(); ++l) Xt.row(l) /= Xt.row(l).norm();
}

// Dh is the data the H step fits (A for snmf/r, A' for snmf/l), Dw its
// transpose; W0 (rows of Dh x k) is the start. Returns W and H of that
// orientation; the caller swaps them back for snmf/l.
template <class Side>
Result snmf_fit(const Side& Dh, const Side& Dw, const Matrix& W0, double eta, const Options& opt,
                const Callbacks& cb) {
  const int k = static_cast<int>(W0.cols()), m = Dh.rows(), n = Dh.cols();
  const double beta = opt.beta, eta2 = eta * eta;
  Matrix Wt = W0.transpose();
  unit_rows(Wt);
  Matrix H = Matrix::Zero(k, n), B, Bw;
  const Penalty none;
  std::vector<int> idx_w_old(m, -1), idx_h_old(n, -1);
  int inc = 0, restarts = 0, i = 0;
  bool have_first = false, have_B = false;
  double erravg1 = 0.0;
  Result res;
  res.stop = Stop::maxit;
  while (i < opt.maxit) {
    if (cb.interrupted()) {
      res.stop = Stop::interrupted;
      break;
    }
    ++i;
    // H step: min ||[A; 0] - [W; sqrt(beta) 1'] H||^2 (B = W'A is left by
    // the convergence check when W has not changed since)
    if (!have_B) Dh.mult(Wt, B, opt.threads);
    have_B = false;
    Matrix G = Wt * Wt.transpose();
    G.array() += beta;
    nnls_columns(G, B, H, opt.threads, none);
    if ((H.rowwise().sum().array() == 0.0).any()) {
      if (cb.log) cb.log("iteration " + std::to_string(i) + ": a row of H is zero, restart");
      if (++restarts >= 10) {
        res.stop = Stop::restarts;
        break;
      }
      std::fill(idx_w_old.begin(), idx_w_old.end(), -1);
      std::fill(idx_h_old.begin(), idx_h_old.end(), -1);
      inc = 0;
      have_first = false;
      Matrix W(m, k);  // runif(m * k), column-major, as R draws it
      for (int c = 0; c < k; ++c)
        for (int r = 0; r < m; ++r) W(r, c) = cb.uniform();
      Wt = W.transpose();
      unit_rows(Wt);
      H.setZero();
      continue;
    }
    // W step: min ||[A'; 0] - [H'; eta I] W'||^2
    Dw.mult(H, Bw, opt.threads);
    Matrix HHt = H * H.transpose();
    Matrix Gw = HHt;
    Gw.diagonal().array() += eta2;
    nnls_columns(Gw, Bw, Wt, opt.threads, none);

    if (i % 5 == 0 || !have_first) {
      std::vector<int> idx_w = max_col_random(Wt, cb.uniform);
      std::vector<int> idx_h = max_col_random(H, cb.uniform);
      const int changed_w = count_changed(idx_w, idx_w_old), changed_h = count_changed(idx_h, idx_h_old);
      inc = (changed_w <= opt.wminchange && changed_h == 0) ? inc + 1 : 0;
      // KKT residuals: min(H, grad_H) and min(W, grad_W)
      Dh.mult(Wt, B, opt.threads);
      have_B = true;
      Matrix gh = (Wt * Wt.transpose()) * H - B;
      gh.rowwise() += beta * H.colwise().sum();
      Matrix gw = HHt * Wt - Bw + eta2 * Wt;
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
      add(H, gh);
      add(Wt, gw);
      const double erravg = convnum > 0 ? conv / convnum : 0.0;
      if (!have_first) {
        erravg1 = erravg;
        have_first = true;
      }
      if (inc >= opt.iconv && erravg <= opt.eps_conv * erravg1) {
        res.stop = Stop::converged;
        break;
      }
      idx_w_old = idx_w;
      idx_h_old = idx_h;
    }
    if (cb.log && i % 100 == 0) cb.log("iteration " + std::to_string(i));
  }
  res.niter = i;
  res.restarts = restarts;
  // the NMF package's objective: 1/2 (||A - WH||^2 + eta sum(W^2) + beta sum(colSums(H)^2))
  const double e = Dh.sq_error(Wt, H, opt.threads);
  res.objective = 0.5 * (e + eta * Wt.squaredNorm() + beta * H.colwise().sum().squaredNorm());
  res.W = Wt.transpose();
  res.H = std::move(H);
  return res;
}

}  // namespace nmfkit

#endif  // NMFKIT_SNMF_H
