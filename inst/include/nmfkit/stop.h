// nmfkit: stopping rules.
#ifndef NMFKIT_STOP_H
#define NMFKIT_STOP_H

#include <cmath>
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

}  // namespace nmfkit

#endif  // NMFKIT_STOP_H
