// nmfkit: the alternating engine. Updates H then W every iteration with the
// chosen solver, applies the method's stopping rule, keeps the objective
// track and answers the interrupt callback.
#ifndef NMFKIT_ENGINE_H
#define NMFKIT_ENGINE_H

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "config.h"
#include "data.h"
#include "updates.h"

namespace nmfkit {

// Cluster of each column of H: index of its largest entry (the first one on
// ties, NaN ignored, -1 for a column without a number), as R's which.max.
inline std::vector<int> column_argmax(const Matrix& H) {
  std::vector<int> out(H.cols(), -1);
  for (int j = 0; j < H.cols(); ++j) {
    double best = 0.0;
    for (int l = 0; l < H.rows(); ++l) {
      const double v = H(l, j);
      if (std::isnan(v)) continue;
      if (out[j] < 0 || v > best) {
        best = v;
        out[j] = l;
      }
    }
  }
  return out;
}

// True when the two labelings give the same connectivity matrix, i.e. the same
// partition of the columns up to the names of the clusters.
inline bool same_partition(const std::vector<int>& a, const std::vector<int>& b, int k) {
  std::vector<int> ab(k + 1, -2), ba(k + 1, -2);
  for (size_t j = 0; j < a.size(); ++j) {
    const int x = a[j] + 1, y = b[j] + 1;  // -1 (no number) becomes 0
    if (ab[x] == -2 && ba[y] == -2) {
      ab[x] = y;
      ba[y] = x;
    } else if (ab[x] != y || ba[y] != x) {
      return false;
    }
  }
  return true;
}

// The NMF package's connectivity stopping rule (nmf.stop.connectivity): every
// `check_every` iterations, compare the connectivity of the samples with the
// last one; stop when it has not changed for more than `stopconv` checks.
class ConnectivityRule {
 public:
  explicit ConnectivityRule(int stopconv) : stopconv_(stopconv) {}
  bool check(const Matrix& H) {
    std::vector<int> labels = column_argmax(H);
    if (have_ && same_partition(old_, labels, H.rows())) {
      ++unchanged_;
    } else {
      old_ = labels;
      have_ = true;
      unchanged_ = 0;
    }
    return unchanged_ > stopconv_;
  }

 private:
  int stopconv_;
  bool have_ = false;
  int unchanged_ = 0;
  std::vector<int> old_;
};

// Value of the method's objective at (W = Wt', H): half the residual sum of
// squares for the Frobenius methods (the NMF package's "euclidean" deviance),
// the generalised KL divergence for brunet.
template <class Data>
double objective(const Data& data, const Matrix& Wt, const Matrix& H, Method method, int threads) {
  if (method == Method::brunet) return data.fwd.kl_divergence(Wt, H, threads);
  return 0.5 * data.fwd.sq_error(Wt, H, threads);
}

template <class Data>
Result fit(const Data& data, const Matrix& W0, const Matrix& H0, const Options& opt,
           const Callbacks& cb) {
  Matrix Wt = W0.transpose();
  Matrix H = H0;
  const int k = H.rows();
  Workspace ws_h, ws_w;
  ConnectivityRule connectivity(opt.stopconv);
  const double sqnorm = opt.method == Method::hals ? data.fwd.sq_norm() : 0.0;
  double previous = std::numeric_limits<double>::quiet_NaN();

  Result res;
  res.stop = Stop::maxit;
  int iter = 0;
  while (iter < opt.maxit) {
    if (cb.interrupted()) {
      res.stop = Stop::interrupted;
      break;
    }
    ++iter;
    bool done = false;
    double obj = std::numeric_limits<double>::quiet_NaN();
    switch (opt.method) {
      case Method::hals: {
        hals_update(data.fwd, Wt, H, ws_h, opt);
        hals_update(data.bwd, H, Wt, ws_w, opt);
        // objective from the Gram matrices of the W update: no pass over A
        Matrix GW = Wt * Wt.transpose();
        obj = 0.5 * (sqnorm - 2.0 * ws_w.B.cwiseProduct(Wt).sum() + ws_w.G.cwiseProduct(GW).sum());
        // scale the columns of W to unit norm (W H unchanged)
        for (int l = 0; l < k; ++l) {
          const double s = std::sqrt(GW(l, l));
          if (s > 0.0) {
            Wt.row(l) /= s;
            H.row(l) *= s;
          }
        }
        if (std::isfinite(previous) && std::abs(previous - obj) <= opt.tol * std::abs(previous))
          done = true;
        previous = obj;
        break;
      }
      case Method::lee: {
        lee_update(data.fwd, Wt, H, ws_h, opt);
        lee_update(data.bwd, H, Wt, ws_w, opt);
        // the NMF package rescales the columns of W to sum 1, H untouched
        Vector s = Wt.rowwise().sum();
        for (int l = 0; l < k; ++l) Wt.row(l) /= s(l);
        break;
      }
      case Method::brunet: {
        kl_mu_update(data.fwd, Wt, H, ws_h, opt);
        kl_mu_update(data.bwd, H, Wt, ws_w, opt);
        if (iter % 10 == 0) {  // the NMF package's flooring against underflow
          H = H.cwiseMax(opt.eps_brunet);
          Wt = Wt.cwiseMax(opt.eps_brunet);
        }
        break;
      }
    }
    if (opt.method != Method::hals && iter % opt.check_every == 0) {
      done = connectivity.check(H);
      if (opt.track) obj = objective(data, Wt, H, opt.method, opt.threads);
    }
    if (opt.track && !std::isnan(obj)) {
      res.track_iter.push_back(iter);
      res.track_objective.push_back(obj);
    }
    if (cb.log && (iter % 100 == 0 || done))
      cb.log("iteration " + std::to_string(iter) +
             (std::isnan(obj) ? std::string() : ", objective " + std::to_string(obj)));
    if (done) {
      res.stop = Stop::converged;
      break;
    }
  }

  if (opt.method == Method::hals) {
    // report W with columns summing to 1, as the NMF package's lee does
    for (int l = 0; l < k; ++l) {
      const double s = Wt.row(l).sum();
      if (s > 0.0) {
        Wt.row(l) /= s;
        H.row(l) *= s;
      }
    }
  }
  res.niter = iter;
  res.objective = objective(data, Wt, H, opt.method, opt.threads);
  res.W = Wt.transpose();
  res.H = std::move(H);
  return res;
}

}  // namespace nmfkit

#endif  // NMFKIT_ENGINE_H
