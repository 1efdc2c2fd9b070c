// nmfkit: exact non-negative least squares on a k x k Gram matrix.
//
//   minimise 1/2 x'Gx - b'x  subject to x >= 0
//
// by block principal pivoting (Kim & Park 2011, "Fast nonnegative matrix
// factorization: an active-set-like method and comparisons", SIAM J. Sci.
// Comput. 33(6)), warm-started from the passive set of the incoming x. The
// passive-set systems are solved by a small Cholesky factorization in
// preallocated work space (a column allocates only when the factor store
// grows). This header holds the solver for a rank known at run time
// (nnls_bpp) and what the compile-time one (small.h) shares with it: the
// Cholesky kernels and the pivoting rule.
#ifndef NMFKIT_NNLS_BPP_H
#define NMFKIT_NNLS_BPP_H

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "../config.h"
#include "../core/simd.h"

namespace nmfkit {

// Work space of one thread; reused across columns that share the same G.
// For k <= 63 it caches the Cholesky factor of G_PP for every passive set P
// met, so that columns with a passive set seen before cost two triangular
// solves. For k > 12 the factors live in one growing store, indexed by
// passive set; the cache turns itself off when few passive sets repeat (a
// far-from-converged update, where nearly every column has a new one) or
// when the store reaches kNnlsCacheDoubles. A cached factor is the same bit
// for bit as a fresh one, so the cache only changes the speed.
constexpr std::size_t kNnlsCacheDoubles = std::size_t(1) << 22;  // 32 MB
struct NnlsWork {
  std::vector<double> a, rhs, y;
  std::vector<int> idx;
  std::vector<char> passive;
  std::unordered_map<std::uint64_t, std::size_t> offsets;  // k in 13..63: where in `store`
  std::vector<double> store;
  std::vector<std::vector<double>> table;  // k <= 12, by mask
  bool cache = true;                       // false when every column has its own G
  long lookups = 0, hits = 0;
  explicit NnlsWork(int k) : a(k * k), rhs(k), y(k), idx(k), passive(k) {
    if (k <= 12) table.resize(std::size_t(1) << k);
  }
  // Whether the store still pays: after 256 look-ups, at least 1 in 8 hits.
  bool store_pays() const { return lookups < 256 || 8 * hits >= lookups; }
};

// The Cholesky kernels keep L column-major in a p x p array (entry (r, c) at
// a[c * p + r], lower triangle only), so that every loop over the rows of a
// column is contiguous and vectorises. Each entry of L receives its
// subtractions in the same order (t = 0, 1, ...) as the dot-product
// (Cholesky-Crout) form, so the factor and the solutions are the same bit
// for bit as that form's.

// Columns of L subtracted from the trailing columns at once.
constexpr int kCholPanel = 4;

// Cholesky factor L of the p x p matrix a (column-major, lower triangle
// overwritten) by panels of kCholPanel columns: a panel is factored column by
// column, then subtracted from every later column in one pass over it.
// Returns false when a is not positive definite.
inline bool cholesky_factor(double* a, int p) {
  for (int j0 = 0; j0 < p; j0 += kCholPanel) {
    const int j1 = std::min(p, j0 + kCholPanel);
    for (int j = j0; j < j1; ++j) {
      double* cj = a + std::size_t(j) * p;
      double d = cj[j];
      if (!(d > 0.0)) return false;
      d = std::sqrt(d);
      cj[j] = d;
#ifdef _OPENMP
#pragma omp simd
#endif
      for (int i = j + 1; i < p; ++i) cj[i] /= d;
      for (int t = j + 1; t < j1; ++t) add_scaled(a + std::size_t(t) * p + t, cj + t, -cj[t], p - t);
    }
    if (j1 - j0 == kCholPanel) {
      const double *c0 = a + std::size_t(j0) * p, *c1 = c0 + p, *c2 = c1 + p, *c3 = c2 + p;
      for (int t = j1; t < p; ++t) {
        double* ct = a + std::size_t(t) * p;
        const double l0 = -c0[t], l1 = -c1[t], l2 = -c2[t], l3 = -c3[t];
#ifdef _OPENMP
#pragma omp simd
#endif
        for (int i = t; i < p; ++i) {
          double v = ct[i];
          v += l0 * c0[i];
          v += l1 * c1[i];
          v += l2 * c2[i];
          v += l3 * c3[i];
          ct[i] = v;
        }
      }
    } else {
      for (int t = j1; t < p; ++t)
        for (int j = j0; j < j1; ++j) {
          const double* cj = a + std::size_t(j) * p;
          add_scaled(a + std::size_t(t) * p + t, cj + t, -cj[t], p - t);
        }
    }
  }
  return true;
}

// Solves L L' s = rhs in place, with L from cholesky_factor(): the forward
// solve by columns of L (vectorised), the backward one by dot products.
inline void cholesky_substitute(const double* a, double* rhs, int p) {
  for (int t = 0; t < p; ++t) {
    const double* ct = a + std::size_t(t) * p;
    rhs[t] /= ct[t];
    add_scaled(rhs + t + 1, ct + t + 1, -rhs[t], p - t - 1);
  }
  for (int i = p - 1; i >= 0; --i) {
    const double* ci = a + std::size_t(i) * p;
    double s = rhs[i];
    for (int t = i + 1; t < p; ++t) s -= ci[t] * rhs[t];
    rhs[i] = s / ci[i];
  }
}

// Cholesky factor of a p x p block (column-major in a, lower triangle),
// whose entry (r, c) is g(r, c), with a tiny ridge when the block is
// singular so that the solver always returns.
template <class Entry>
inline void factor_block(Entry g, int p, double* a) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    double ridge = 0.0;
    if (attempt == 1) {
      double dmax = 0.0;
      for (int r = 0; r < p; ++r) dmax = std::max(dmax, g(r, r));
      ridge = 1e-12 * (dmax > 0.0 ? dmax : 1.0);
    }
    for (int c = 0; c < p; ++c) {
      double* ac = a + std::size_t(c) * p;
      ac[c] = g(c, c) + ridge;
      for (int r = c + 1; r < p; ++r) ac[r] = g(r, c);
    }
    if (cholesky_factor(a, p)) return;
  }
}

// Cholesky factorization of G_PP (column-major in w.a), P = w.idx[0..p).
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
    const double* factor = nullptr;
    if (!w.table.empty()) {
      std::vector<double>& entry = w.table[mask];
      if (entry.empty()) {
        factor_passive(G, w, p);
        entry.assign(w.a.begin(), w.a.begin() + p * p);
      }
      factor = entry.data();
    } else if (w.store_pays()) {
      ++w.lookups;
      auto it = w.offsets.find(mask);
      if (it != w.offsets.end()) {
        ++w.hits;
        factor = w.store.data() + it->second;
      } else {
        factor_passive(G, w, p);
        if (w.store.size() + std::size_t(p) * p <= kNnlsCacheDoubles) {
          w.offsets.emplace(mask, w.store.size());
          w.store.insert(w.store.end(), w.a.begin(), w.a.begin() + p * p);
        }
        factor = w.a.data();
      }
    } else {
      factor_passive(G, w, p);
      factor = w.a.data();
    }
    for (int r = 0; r < p; ++r) w.rhs[r] = b[w.idx[r]];
    cholesky_substitute(factor, w.rhs.data(), p);
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
    // the gradient y = G x - b, by the passive columns of G: each y_i sums
    // its terms in the order of the passive set, as a dot product would
    for (int i = 0; i < k; ++i) w.y[i] = -b[i];
    for (int r = 0; r < p; ++r) add_scaled(w.y.data(), G.data() + std::size_t(w.idx[r]) * k, x[w.idx[r]], k);
    int n_bad = 0, last_bad = -1;
    for (int i = 0; i < k; ++i) {
      const bool bad = w.passive[i] ? x[i] < 0.0 : w.y[i] < -tol;
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
