// nmfkit: the KL solver of the fast methods ("kl"): one update of a factor
// X (k x c) against Y (k x r) on a side D ~ Y'X (see data/side.h), column by
// column; masked_kl.h runs the same column kernel on observed cells only.
#ifndef NMFKIT_FAST_KL_H
#define NMFKIT_FAST_KL_H

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

#include "../config.h"
#include "../core/simd.h"
#include "../core/threads.h"
#include "../data/side.h"
#include "../model.h"

namespace nmfkit {

// Sequential coordinate Newton descent for the KL divergence (Hsieh & Dhillon
// 2011; as in NNLM): each coordinate of a column takes a projected Newton step
// on  sum_i p_i - d_i log p_i  (p = Y'x), keeping p up to date.
//
// Only the non-zero cells of a column enter the sweeps: a zero cell adds p_i
// to the objective, and the sum of those is linear in x (ysum' x minus the
// non-zero cells' share). The non-zero cells' values and rows of Y' are
// gathered into contiguous scratch arrays once per column, so that dense,
// sparse and masked columns all run the same vectorised loops, whose cost is
// one division per non-zero cell and coordinate. Those loops are compiled for
// the baseline and for AVX2 + FMA (core/simd.h), the CPU picks. Every helper
// of the column kernel is always inlined, so that the AVX2 build covers it all.

// Scratch space of one thread: the column's compacted cells.
struct KlScratch {
  std::vector<int> rows;
  std::vector<double> d, y, p, rest;
};

// The non-zero cells of one column as the sweeps read them: c values d, and
// the rows of Y' at those cells, row l of Y' at y + l * stride.
struct KlCells {
  int c;
  const double* d;
  const double* y;
  std::ptrdiff_t stride;
};

// The non-zero cells of a column (rows/vals, n entries; `rows` null for a
// dense column, where row t is t) and their rows of Y' (yt, r x k). A dense
// column without zeros reads Y' in place; any other is gathered into s.
NMFKIT_ALWAYS_INLINE KlCells kl_gather(int k, const int* rows, const double* vals, int n, const Matrix& yt,
                                       KlScratch& s) {
  const std::ptrdiff_t r = yt.rows();
  int c = 0;
  for (int t = 0; t < n; ++t) c += vals[t] != 0.0;
  if (rows == nullptr && c == n) return {c, vals, yt.data(), r};
  s.rows.resize(c);
  s.d.resize(c);
  s.y.resize(static_cast<std::size_t>(c) * k);
  for (int t = 0, u = 0; t < n; ++t)
    if (vals[t] != 0.0) {
      s.rows[u] = rows ? rows[t] : t;
      s.d[u++] = vals[t];
    }
  for (int l = 0; l < k; ++l) {
    const double* yl = yt.data() + l * r;
    double* yc = s.y.data() + static_cast<std::ptrdiff_t>(l) * c;
    for (int u = 0; u < c; ++u) yc[u] = yl[s.rows[u]];
  }
  return {c, s.d.data(), s.y.data(), c};
}

// Zeroing x[l] leaves each cell the other coordinates' share, which is
// recomputed here (into s.rest): the running p carries the rounding of every
// earlier step, and where the share is a tiny part of p, p minus x[l] y can
// come out 0 or negative (a cell with one large and one tiny term). True when
// a cell is explained by coordinate l alone (share at most 1e-12 of its term):
// that cell must keep p > 0.
NMFKIT_ALWAYS_INLINE bool kl_alone(const double* x, int k, int l, const KlCells& cells, KlScratch& s) {
  const int c = cells.c;
  const double* yl = cells.y + l * cells.stride;
  double* rest = s.rest.data();
  for (int u = 0; u < c; ++u) rest[u] = 0.0;
  for (int m = 0; m < k; ++m)
    if (m != l && x[m] != 0.0) add_scaled(rest, cells.y + m * cells.stride, x[m], c);
  bool alone = false;
  for (int u = 0; u < c && !alone; ++u) alone = yl[u] > 0.0 && rest[u] <= 1e-12 * x[l] * yl[u];
  return alone;
}

// KL divergence of the column: ysum'x for all its cells' model values, plus
// d log(d / p) - d over the non-zero cells.
NMFKIT_ALWAYS_INLINE double kl_column_loss(const double* x, int k, const Vector& ysum, const KlCells& cells,
                                           const double* p) {
  double loss = 0.0;
  for (int l = 0; l < k; ++l) loss += ysum(l) * x[l];
  const double* d = cells.d;
  for (int u = 0; u < cells.c; ++u) loss += d[u] * std::log(d[u] / p[u]) - d[u];
  return loss;
}

// One column: x (k) is updated in place. The column's cells are rows/vals (n
// entries; `rows` null for a dense column, where row t is t); `yt` holds Y'
// (r x k, column-major) and `ysum` the row sums of Y. Returns the column's KL
// divergence when `want_loss` (else 0).
NMFKIT_ALWAYS_INLINE double kl_scd_column_impl(double* x, int k, const int* rows, const double* vals, int n,
                                               const Matrix& yt, const Vector& ysum, KlScratch& s, int inner,
                                               Penalty pen, bool want_loss) {
  const KlCells cells = kl_gather(k, rows, vals, n, yt, s);
  const int c = cells.c;
  const double* d = cells.d;
  const double* ybase = cells.y;
  const std::ptrdiff_t ystride = cells.stride;
  s.p.resize(c);
  s.rest.resize(c);
  double* p = s.p.data();
  for (int u = 0; u < c; ++u) p[u] = 0.0;
  for (int l = 0; l < k; ++l) {
    if (x[l] == 0.0) continue;
    add_scaled(p, ybase + l * ystride, x[l], c);
  }
  for (int sweep = 0; sweep < inner; ++sweep) {
    double change = 0.0, size = 0.0;
    for (int l = 0; l < k; ++l) {
      const double* yl = ybase + l * ystride;
      // gradient ysum_l - sum d y / p and curvature sum d y^2 / p^2 (p > 0 on
      // the non-zero cells; the 1e-300, which changes no p above 1e-284, only
      // keeps a 0 / 0 out without a branch, which would stop vectorisation)
      double a = 0.0, b = 0.0;
#ifdef _OPENMP
#pragma omp simd reduction(+ : a, b)
#endif
      for (int u = 0; u < c; ++u) {
        const double inv = 1.0 / (p[u] + 1e-300), q = d[u] * inv * yl[u];
        a += q;
        b += q * yl[u] * inv;
      }
      const double g = ysum(l) + pen.l1 + pen.l2 * x[l] - a, h = pen.l2 + b;
      if (!(h > 0.0)) continue;
      double x_new = std::max(0.0, x[l] - g / h);
      // a coordinate that would reach 0 is set to 0 with p recomputed
      // exactly, or halved when a cell depends on it alone (kl_alone)
      bool exact = false;
      if (x_new == 0.0 && x[l] > 0.0) {
        if (kl_alone(x, k, l, cells, s)) {
          x_new = 0.5 * x[l];
        } else {
          exact = true;
        }
      }
      const double delta = x_new - x[l];
      if (delta == 0.0) continue;
      if (exact) {
        std::swap(s.p, s.rest);  // p is now exactly the other coordinates' share
        p = s.p.data();
      } else {
        add_scaled(p, yl, delta, c);
      }
      x[l] = x_new;
      change += std::abs(delta);
      size += x_new;
    }
    if (change <= 1e-6 * size) break;
  }
  if (!want_loss) return 0.0;
  return kl_column_loss(x, k, ysum, cells, p);
}

#if NMFKIT_X86_DISPATCH
NMFKIT_TARGET_AVX2 inline double kl_scd_column_avx2(double* x, int k, const int* rows, const double* vals, int n,
                                                   const Matrix& yt, const Vector& ysum, KlScratch& s,
                                                   int inner, Penalty pen, bool want_loss) {
  return kl_scd_column_impl(x, k, rows, vals, n, yt, ysum, s, inner, pen, want_loss);
}
#endif

inline double kl_scd_column(double* x, int k, const int* rows, const double* vals, int n, const Matrix& yt,
                            const Vector& ysum, KlScratch& s, int inner, Penalty pen, bool want_loss) {
#if NMFKIT_X86_DISPATCH
  if (simd_level() == SimdLevel::avx2)
    return kl_scd_column_avx2(x, k, rows, vals, n, yt, ysum, s, inner, pen, want_loss);
#endif
  return kl_scd_column_impl(x, k, rows, vals, n, yt, ysum, s, inner, pen, want_loss);
}

// Updates every column of X; returns the KL divergence of D from Y'X after the
// update when `want_loss` (each column's p is exact once its coordinates are
// done, and Y does not change), else 0: the engine asks only on the last half
// of an iteration.
template <class Side>
double kl_scd_update(const Side& D, const Matrix& Y, Matrix& X, const Options& opt, Penalty pen,
                     bool want_loss = true) {
  const int k = static_cast<int>(X.rows());
  const Vector ysum = Y.rowwise().sum();
  const Matrix yt = Y.transpose();
  std::vector<double> parts(n_blocks(static_cast<int>(X.cols()), kSparseBlock), 0.0);
  parallel_for(static_cast<int>(parts.size()), opt.threads, [&](int blk) {
    const int c0 = blk * kSparseBlock, c1 = std::min<int>(X.cols(), c0 + kSparseBlock);
    std::vector<double> buf;
    KlScratch scratch;
    double total = 0.0;
    for (int j = c0; j < c1; ++j) {
      ColumnView v = D.view(j, buf);
      total += kl_scd_column(col_ptr(X, j), k, v.idx, v.val, v.n, yt, ysum, scratch, opt.inner, pen, want_loss);
    }
    parts[blk] = total;
  });
  return ordered_sum(parts);
}

}  // namespace nmfkit

#endif  // NMFKIT_FAST_KL_H
