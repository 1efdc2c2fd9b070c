// nmfkit: the HALS solver of the fast methods ("hals"): one update of a
// factor X (k x c) against Y (k x r) on a side D ~ Y'X (see data/side.h), by
// coordinate descent on the k x k Gram matrix; and Hals, the solver type the
// least-squares steps take (fast/updates.h), masked fits included.
#ifndef NMFKIT_FAST_HALS_H
#define NMFKIT_FAST_HALS_H

#include <algorithm>
#include <cstddef>
#include <vector>

#include "../config.h"
#include "../core/rank.h"
#include "../core/simd.h"
#include "../core/threads.h"
#include "../data/side.h"
#include "masked_ls.h"
#include "../model.h"

namespace nmfkit {

// HALS / coordinate descent for min 1/2 ||D - Y'X||^2 + penalty, X >= 0
// (Cichocki & Phan 2009), each column solved by repeated sweeps over the k
// coordinates on the k x k Gram matrix until the change of a sweep falls below
// a fraction of the first sweep's (Gillis & Glineur 2012).
//
// A column keeps its gradient r = b - L1 - (G + L2 I) x up to date instead of
// forming it coordinate by coordinate: a coordinate costs one multiplication
// by 1 / (G_ll + L2), and one axpy of a column of G only when it moves
// (coordinates held at 0 by the bound, most of them in sparse factors, cost
// nothing), with no k-long dependency chain of a dot product. Ranks up to 16
// run with the rank known at compile time (unrolled, vectorised axpys).

// The column state of hals: gradient r, the first sweep's change, and
// whether the column has stopped. step() runs one coordinate, end_sweep() the
// stopping rule; a pair of columns interleaves its independent dependency
// chains (each column's arithmetic is the same as alone).
template <int K>
struct HalsColumn {
  double r_small[K > 0 ? K : 64];
  std::vector<double> r_big;
  double* r;
  double* x;
  double first = -1.0, change = 0.0;
  bool done = false;

  NMFKIT_ALWAYS_INLINE HalsColumn(int k, const double* G, const double* b, double* x_, Penalty pen) : x(x_) {
    r = r_small;
    if (K == 0 && k > 64) {
      r_big.resize(k);
      r = r_big.data();
    }
    for (int p = 0; p < k; ++p) r[p] = b[p] - pen.l1 - pen.l2 * x[p];
    for (int l = 0; l < k; ++l)
      if (x[l] != 0.0) add_scaled(r, G + static_cast<std::ptrdiff_t>(l) * k, -x[l], k);
  }
  NMFKIT_ALWAYS_INLINE void step(int k, int l, const double* gl, double inv, Penalty pen) {
    const double x_new = std::max(0.0, x[l] + r[l] * inv);
    const double d = x_new - x[l];
    if (d == 0.0) return;
    add_scaled(r, gl, -d, k);
    r[l] -= pen.l2 * d;
    change += d * d * (gl[l] + pen.l2);
    x[l] = x_new;
  }
  NMFKIT_ALWAYS_INLINE void end_sweep(double inner_tol) {
    if (first < 0.0) first = change;
    if (change <= inner_tol * first) done = true;
    change = 0.0;
  }
};

// Sweeps over the columns j0 and, when two, j0 + 1 (at most `inner` sweeps
// each, every column stopping by its own rule). A lone column pairs with a
// stopped copy of itself, which reads its column and never writes it.
template <int K>
NMFKIT_ALWAYS_INLINE void hals_columns_at(int k_run, int count, const double* G, const double* inv_diag,
                                          const Matrix& B, Matrix& X, int j0, Penalty pen, int inner,
                                          double inner_tol) {
  const int k = K > 0 ? K : k_run;
  const int j1 = count == 2 ? j0 + 1 : j0;
  HalsColumn<K> a(k, G, col_ptr(B, j0), col_ptr(X, j0), pen);
  HalsColumn<K> c(k, G, col_ptr(B, j1), col_ptr(X, j1), pen);
  c.done = count == 1;
  for (int sweep = 0; sweep < inner && !(a.done && c.done); ++sweep) {
    for (int l = 0; l < k; ++l) {
      if (inv_diag[l] == 0.0) continue;  // a zero row of Y and no L2: leave it
      const double* gl = G + static_cast<std::ptrdiff_t>(l) * k;
      if (!a.done) a.step(k, l, gl, inv_diag[l], pen);
      if (!c.done) c.step(k, l, gl, inv_diag[l], pen);
    }
    if (!a.done) a.end_sweep(inner_tol);
    if (!c.done) c.end_sweep(inner_tol);
  }
}

// The columns c0..c1 of one work item, in pairs.
template <int K>
NMFKIT_ALWAYS_INLINE void hals_block(int k, int c0, int c1, const double* G, const double* inv_diag, const Matrix& B,
                                     Matrix& X, Penalty pen, int inner, double inner_tol) {
  for (int j = c0; j < c1; j += 2) hals_columns_at<K>(k, std::min(2, c1 - j), G, inv_diag, B, X, j, pen, inner, inner_tol);
}

#if NMFKIT_X86_DISPATCH
// The same sweeps built for AVX2 + FMA (core/simd.h): the axpys of a column
// of G take half the instructions; they differ from the baseline build in
// rounding only.
template <int K>
NMFKIT_TARGET_AVX2 void hals_block_avx2(int k, int c0, int c1, const double* G, const double* inv_diag,
                                        const Matrix& B, Matrix& X, Penalty pen, int inner, double inner_tol) {
  hals_block<K>(k, c0, c1, G, inv_diag, B, X, pen, inner, inner_tol);
}
#endif

template <int K>
void hals_columns(const Matrix& G, const Matrix& B, Matrix& X, const Options& opt, Penalty pen) {
  const int k = static_cast<int>(X.rows()), c = static_cast<int>(X.cols());
  std::vector<double> inv_diag(k);
  for (int l = 0; l < k; ++l) {
    const double gll = G(l, l) + pen.l2;
    inv_diag[l] = gll > 0.0 ? 1.0 / gll : 0.0;
  }
  const bool wide = simd_level() == SimdLevel::avx2;
  parallel_for(n_blocks(c, kSparseBlock), opt.threads, [&](int blk) {
    const int c0 = blk * kSparseBlock, c1 = std::min(c, c0 + kSparseBlock);
#if NMFKIT_X86_DISPATCH
    if (wide) {
      hals_block_avx2<K>(k, c0, c1, G.data(), inv_diag.data(), B, X, pen, opt.inner, opt.inner_tol);
      return;
    }
#endif
    hals_block<K>(k, c0, c1, G.data(), inv_diag.data(), B, X, pen, opt.inner, opt.inner_tol);
  });
}

template <class Side>
void hals_update(const Side& D, const Matrix& Y, Matrix& X, Workspace& ws, const Options& opt,
                 Penalty pen) {
  D.mult(Y, ws.B, opt.threads);
  ws.G.noalias() = Y * Y.transpose();
  with_rank<16>(static_cast<int>(X.rows()),
                [&](auto K) { hals_columns<decltype(K)::value>(ws.G, ws.B, X, opt, pen); });
}

// hals as the solver of a least-squares step: the update on the Gram
// matrices, or per column on the observed cells of a masked fit.
struct Hals {
  template <class Side>
  static void solve(const Side& D, const Matrix& Y, Matrix& X, Workspace& ws, const Options& opt, Penalty pen,
                    int) {
    hals_update(D, Y, X, ws, opt, pen);
  }
  template <class Side>
  static double masked(const Side& D, const SideMask& mk, const Matrix& Y, Matrix& X, const Options& opt,
                       Penalty pen, int) {
    return masked_ls_update(D, mk, Y, X, opt, pen, false);
  }
};

}  // namespace nmfkit

#endif  // NMFKIT_FAST_HALS_H
