// nmfkit: exact non-negative least squares on a k x k Gram matrix.
//
//   minimise 1/2 x'Gx - b'x  subject to x >= 0
//
// by block principal pivoting (Kim & Park 2011, "Fast nonnegative matrix
// factorization: an active-set-like method and comparisons", SIAM J. Sci.
// Comput. 33(6)), warm-started from the passive set of the incoming x. The
// passive-set systems are solved by a small Cholesky factorization in
// preallocated work space, so a column costs no allocation. This header holds
// the solver for a rank known at run time (nnls_bpp) and what the
// compile-time one (small.h) shares with it: the Cholesky kernels and the
// pivoting rule.
#ifndef NMFKIT_NNLS_BPP_H
#define NMFKIT_NNLS_BPP_H

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "../config.h"

namespace nmfkit {

// Work space of one thread; reused across columns that share the same G.
// For k <= 63 it caches the Cholesky factor of G_PP for every passive set P
// met, so that columns with a passive set seen before cost two triangular
// solves.
struct NnlsWork {
  std::vector<double> a, rhs, sol, y;
  std::vector<int> idx;
  std::vector<char> passive;
  std::unordered_map<std::uint64_t, std::vector<double>> factors;  // k in 13..63
  std::vector<std::vector<double>> table;                            // k <= 12, by mask
  bool cache = true;  // false when every column has its own G
  explicit NnlsWork(int k) : a(k * k), rhs(k), sol(k), y(k), idx(k), passive(k) {
    if (k <= 12) table.resize(std::size_t(1) << k);
  }
};

// Cholesky factor L of the p x p matrix a (row-major, lower triangle
// overwritten). Returns false when a is not positive definite.
inline bool cholesky_factor(double* a, int p) {
  for (int j = 0; j < p; ++j) {
    double d = a[j * p + j];
    for (int t = 0; t < j; ++t) d -= a[j * p + t] * a[j * p + t];
    if (!(d > 0.0)) return false;
    d = std::sqrt(d);
    a[j * p + j] = d;
    for (int i = j + 1; i < p; ++i) {
      double s = a[i * p + j];
      for (int t = 0; t < j; ++t) s -= a[i * p + t] * a[j * p + t];
      a[i * p + j] = s / d;
    }
  }
  return true;
}

// Solves L L' s = rhs in place, with L from cholesky_factor().
inline void cholesky_substitute(const double* a, double* rhs, int p) {
  for (int i = 0; i < p; ++i) {
    double s = rhs[i];
    for (int t = 0; t < i; ++t) s -= a[i * p + t] * rhs[t];
    rhs[i] = s / a[i * p + i];
  }
  for (int i = p - 1; i >= 0; --i) {
    double s = rhs[i];
    for (int t = i + 1; t < p; ++t) s -= a[t * p + i] * rhs[t];
    rhs[i] = s / a[i * p + i];
  }
}

// Cholesky factor of a p x p block (row-major in a), whose entry (r, c) is
// g(r, c), with a tiny ridge when the block is singular so that the solver
// always returns.
template <class Entry>
inline void factor_block(Entry g, int p, double* a) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    double ridge = 0.0;
    if (attempt == 1) {
      double dmax = 0.0;
      for (int r = 0; r < p; ++r) dmax = std::max(dmax, g(r, r));
      ridge = 1e-12 * (dmax > 0.0 ? dmax : 1.0);
    }
    for (int r = 0; r < p; ++r)
      for (int c = 0; c < p; ++c) a[r * p + c] = g(r, c) + (r == c ? ridge : 0.0);
    if (cholesky_factor(a, p)) return;
  }
}

// Cholesky factorization of G_PP (row-major in w.a), P = w.idx[0..p).
inline void factor_passive(const Matrix& G, NnlsWork& w, int p) {
  factor_block([&](int r, int c) { return G(w.idx[r], w.idx[c]); }, p, w.a.data());
}

// Least squares on the passive set: x_P = G_PP^{-1} b_P, x elsewhere 0.
inline void solve_passive(const Matrix& G, const double* b, double* x, int k, NnlsWork& w, int p) {
  for (int i = 0; i < k; ++i) x[i] = 0.0;
  if (p == 0) return;
  if (w.cache && k <= 63) {
    std::uint64_t mask = 0;
    for (int r = 0; r < p; ++r) mask |= std::uint64_t(1) << w.idx[r];
    std::vector<double>* factor;
    if (!w.table.empty()) {
      factor = &w.table[mask];
    } else {
      factor = &w.factors[mask];
    }
    if (factor->empty()) {
      factor_passive(G, w, p);
      factor->assign(w.a.begin(), w.a.begin() + p * p);
    }
    for (int r = 0; r < p; ++r) w.rhs[r] = b[w.idx[r]];
    cholesky_substitute(factor->data(), w.rhs.data(), p);
    for (int r = 0; r < p; ++r) x[w.idx[r]] = w.rhs[r];
    return;
  }
  factor_passive(G, w, p);
  for (int r = 0; r < p; ++r) w.rhs[r] = b[w.idx[r]];
  cholesky_substitute(w.a.data(), w.rhs.data(), p);
  for (int r = 0; r < p; ++r) x[w.idx[r]] = w.rhs[r];
}

// Kim & Park's choice of the next passive set: exchange every infeasible
// variable while their number falls; after 3 exchanges without a fall, flip
// only the last infeasible variable (which guarantees termination).
class BppPivot {
 public:
  explicit BppPivot(int k) : best_(k + 1) {}
  // true: exchange all infeasible variables; false: flip the last one only
  bool full_exchange(int n_bad) {
    if (n_bad < best_) {
      best_ = n_bad;
      backup_ = 3;
      return true;
    }
    if (backup_ > 0) {
      --backup_;
      return true;
    }
    return false;
  }

 private:
  int best_, backup_ = 3;
};

// Solves in place: x holds the warm start on entry and the solution on exit.
// G must be symmetric positive semi-definite.
inline void nnls_bpp(const Matrix& G, const double* b, double* x, int k, NnlsWork& w) {
  for (int i = 0; i < k; ++i) w.passive[i] = x[i] > 0.0;
  double scale = 0.0;
  for (int i = 0; i < k; ++i) scale = std::max(scale, std::abs(b[i]));
  const double tol = 1e-12 * (scale > 0.0 ? scale : 1.0);
  BppPivot pivot(k);
  for (int iter = 0; iter < 10 * k + 10; ++iter) {
    int p = 0;
    for (int i = 0; i < k; ++i)
      if (w.passive[i]) w.idx[p++] = i;
    solve_passive(G, b, x, k, w, p);
    int n_bad = 0, last_bad = -1;
    for (int i = 0; i < k; ++i) {
      bool bad;
      if (w.passive[i]) {
        bad = x[i] < 0.0;
      } else {
        double yi = -b[i];
        for (int r = 0; r < p; ++r) yi += G(i, w.idx[r]) * x[w.idx[r]];
        w.y[i] = yi;
        bad = yi < -tol;
      }
      if (bad) {
        ++n_bad;
        last_bad = i;
      }
    }
    if (n_bad == 0) break;
    if (!pivot.full_exchange(n_bad)) {
      w.passive[last_bad] = !w.passive[last_bad];
      continue;
    }
    for (int i = 0; i < k; ++i) {
      const bool bad = w.passive[i] ? x[i] < 0.0 : w.y[i] < -tol;
      if (bad) w.passive[i] = !w.passive[i];
    }
  }
  for (int i = 0; i < k; ++i) x[i] = std::max(x[i], 0.0);
}

}  // namespace nmfkit

#endif  // NMFKIT_NNLS_BPP_H
