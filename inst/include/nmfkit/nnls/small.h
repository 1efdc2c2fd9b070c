// nmfkit: exact NNLS (see bpp.h) for a rank K known at compile time, solving
// many right-hand sides that share one Gram matrix.
#ifndef NMFKIT_NNLS_SMALL_H
#define NMFKIT_NNLS_SMALL_H

#include <algorithm>
#include <array>
#include <cmath>

#include "../config.h"
#include "bpp.h"

namespace nmfkit {

// The same solver for a compile-time rank K (nnls_columns uses it up to 6)
// and many right-hand sides sharing G (the usual case: one column of H or W
// per right-hand side). The inverse of G_PP is computed once for each
// passive set P met and kept, so a column whose passive set was seen before
// costs two K x K matrix-vector products; every loop has a compile-time bound.
template <int K>
class SmallNnls {
 public:
  explicit SmallNnls(const Matrix& G) {
    for (int j = 0; j < K; ++j)
      for (int i = 0; i < K; ++i) g_[i + K * j] = G(i, j);
    ready_.fill(0);
    inv_[0].fill(0.0);
    ready_[0] = 1;
  }

  // Solves in place, x holding the warm start on entry (as nnls_bpp).
  void solve(const double* b, double* x) {
    unsigned passive = 0;
    double scale = 0.0;
    for (int i = 0; i < K; ++i) {
      if (x[i] > 0.0) passive |= 1u << i;
      scale = std::max(scale, std::abs(b[i]));
    }
    const double tol = 1e-12 * (scale > 0.0 ? scale : 1.0);
    double xs[K];
    BppPivot pivot(K);
    for (int iter = 0; iter < 10 * K + 10; ++iter) {
      const double* inv = inverse(passive);
      for (int i = 0; i < K; ++i) {
        double s = 0.0;
        for (int j = 0; j < K; ++j) s += inv[i + K * j] * b[j];
        xs[i] = s;
      }
      unsigned bad = 0;
      int n_bad = 0, last_bad = -1;
      for (int i = 0; i < K; ++i) {
        bool is_bad;
        if (passive & (1u << i)) {
          is_bad = xs[i] < 0.0;
        } else {
          double y = -b[i];
          for (int j = 0; j < K; ++j) y += g_[i + K * j] * xs[j];
          is_bad = y < -tol;
        }
        if (is_bad) {
          bad |= 1u << i;
          ++n_bad;
          last_bad = i;
        }
      }
      if (n_bad == 0) break;
      passive ^= pivot.full_exchange(n_bad) ? bad : 1u << last_bad;
    }
    for (int i = 0; i < K; ++i) x[i] = std::max(xs[i], 0.0);
  }

 private:
  // (G_PP)^{-1} spread over a K x K matrix (column-major), zero outside P.
  const double* inverse(unsigned mask) {
    std::array<double, K * K>& out = inv_[mask];
    if (ready_[mask]) return out.data();
    int idx[K], p = 0;
    for (int i = 0; i < K; ++i)
      if (mask & (1u << i)) idx[p++] = i;
    double a[K * K], e[K];
    factor_block([&](int r, int c) { return g_[idx[r] + K * idx[c]]; }, p, a);
    out.fill(0.0);
    for (int c = 0; c < p; ++c) {
      for (int r = 0; r < p; ++r) e[r] = r == c ? 1.0 : 0.0;
      cholesky_substitute(a, e, p);
      for (int r = 0; r < p; ++r) out[idx[r] + K * idx[c]] = e[r];
    }
    ready_[mask] = 1;
    return out.data();
  }

  double g_[K * K];
  std::array<std::array<double, K * K>, (1u << K)> inv_;
  std::array<char, (1u << K)> ready_;
};

}  // namespace nmfkit

#endif  // NMFKIT_NNLS_SMALL_H
