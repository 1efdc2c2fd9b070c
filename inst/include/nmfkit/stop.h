// nmfkit: the stopping rules, as plain state machines fed with values (the
// engine's view of them is engine/stopping.h): our relative decrease, the NMF
// package's connectivity and stationarity rules, and snmf's convergence test.
#ifndef NMFKIT_STOP_H
#define NMFKIT_STOP_H

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "config.h"

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

// The NMF package's stationarity rule (nmf.stop.stationary): the objective is
// computed at iteration 0, then every iteration of a window of `niter`
// iterations starting every `interval` iterations; at the end of a window the
// fit stops when (max - min) / niter of the window's values is at most `th`.
// A NaN objective stops the fit.
class StationaryRule {
 public:
  StationaryRule(double th, int interval, int niter) : th_(th), interval_(interval), niter_(niter) {}
  bool wants(int iter) const { return stored_ != 0 || iter % interval_ == 0; }
  // Stores the objective of iteration `iter` (0 = the start); true = stop.
  bool check(int iter, double value) {
    if (iter == 0) reset();
    if (std::isnan(value)) return true;
    ++stored_;
    hi_ = std::max(hi_, value);
    lo_ = std::min(lo_, value);
    if (stored_ == niter_ + 1) {
      if (std::abs(hi_ - lo_) / niter_ <= th_) return true;
      reset();
    }
    return false;
  }

 private:
  double th_;
  int interval_, niter_;
  int stored_ = 0;
  double hi_ = -std::numeric_limits<double>::infinity();
  double lo_ = std::numeric_limits<double>::infinity();
  void reset() {
    stored_ = 0;
    hi_ = -std::numeric_limits<double>::infinity();
    lo_ = std::numeric_limits<double>::infinity();
  }
};

// Our rule: stop when the objective decreased by less than `tol` (relative)
// over one iteration.
class RelativeRule {
 public:
  explicit RelativeRule(double tol) : tol_(tol) {}
  bool check(double value) {
    bool done = std::isfinite(previous_) && std::abs(previous_ - value) <= tol_ * std::abs(previous_);
    previous_ = value;
    return done || std::isnan(value);
  }

 private:
  double tol_;
  double previous_ = std::numeric_limits<double>::quiet_NaN();
};

// Number of entries where two labelings differ.
inline int count_changed(const std::vector<int>& a, const std::vector<int>& b) {
  int n = 0;
  for (std::size_t i = 0; i < a.size(); ++i) n += a[i] != b[i];
  return n;
}

// snmf's convergence test (the NMF package's snmf/r): at each check the
// cluster memberships of the m rows of W and the n columns of H are compared
// with the last check's; `inc` counts the checks in a row with at most
// `wminchange` changes in W and none in H. The first check's average KKT
// residual is the reference: converged when inc >= iconv and the residual is
// at most eps_conv times the reference.
class SnmfRule {
 public:
  SnmfRule(int m, int n, int wminchange, int iconv, double eps_conv)
      : wminchange_(wminchange), iconv_(iconv), eps_conv_(eps_conv), old_w_(m, -1), old_h_(n, -1) {}
  // No check since the start or the last restart.
  bool first() const { return !have_first_; }
  // Forgets everything (a restart from a new W).
  void reset() {
    std::fill(old_w_.begin(), old_w_.end(), -1);
    std::fill(old_h_.begin(), old_h_.end(), -1);
    inc_ = 0;
    have_first_ = false;
  }
  // The memberships of W and H and the average KKT residual now; true = stop.
  bool check(const std::vector<int>& w, const std::vector<int>& h, double residual) {
    const int changed_w = count_changed(w, old_w_), changed_h = count_changed(h, old_h_);
    inc_ = (changed_w <= wminchange_ && changed_h == 0) ? inc_ + 1 : 0;
    if (!have_first_) {
      first_ = residual;
      have_first_ = true;
    }
    old_w_ = w;
    old_h_ = h;
    return inc_ >= iconv_ && residual <= eps_conv_ * first_;
  }

 private:
  int wminchange_, iconv_;
  double eps_conv_;
  std::vector<int> old_w_, old_h_;
  int inc_ = 0;
  bool have_first_ = false;
  double first_ = 0.0;
};

}  // namespace nmfkit

#endif  // NMFKIT_STOP_H
