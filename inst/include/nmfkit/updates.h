// nmfkit: one update of a factor X (k x c) with Y (k x r) fixed, on a side D
// (r x c) of the data, D ~ Y' X (see data.h). Each solver is written once and
// serves both H (D = A) and W' (D = A').
#ifndef NMFKIT_UPDATES_H
#define NMFKIT_UPDATES_H

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <memory>
#include <utility>
#include <vector>

#include "config.h"
#include "data.h"
#include "nnls.h"
#include "simd.h"
#include "threads.h"

namespace nmfkit {

// Work space kept between updates: B = Y D and G = Y Y' of the last update.
struct Workspace {
  Matrix B;
  Matrix G;
};

// Penalties on the factor being updated: L1 * sum(X) + L2 / 2 * ||X||^2.
struct Penalty {
  double l1 = 0.0, l2 = 0.0;
};

inline double* col_ptr(Matrix& X, int j) { return X.data() + static_cast<std::ptrdiff_t>(j) * X.rows(); }
inline const double* col_ptr(const Matrix& X, int j) {
  return X.data() + static_cast<std::ptrdiff_t>(j) * X.rows();
}

// y[0..n) += a * x[0..n), vectorised.
NMFKIT_ALWAYS_INLINE void add_scaled(double* y, const double* x, double a, int n) {
#ifdef _OPENMP
#pragma omp simd
#endif
  for (int i = 0; i < n; ++i) y[i] += a * x[i];
}

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

template <int K>
void hals_columns(const Matrix& G, const Matrix& B, Matrix& X, const Options& opt, Penalty pen) {
  const int k = static_cast<int>(X.rows()), c = static_cast<int>(X.cols());
  std::vector<double> inv_diag(k);
  for (int l = 0; l < k; ++l) {
    const double gll = G(l, l) + pen.l2;
    inv_diag[l] = gll > 0.0 ? 1.0 / gll : 0.0;
  }
  parallel_for(n_blocks(c, kSparseBlock), opt.threads, [&](int blk) {
    const int c0 = blk * kSparseBlock, c1 = std::min(c, c0 + kSparseBlock);
    for (int j = c0; j < c1; j += 2)
      hals_columns_at<K>(k, std::min(2, c1 - j), G.data(), inv_diag.data(), B, X, j, pen, opt.inner,
                         opt.inner_tol);
  });
}

template <class Side>
void hals_update(const Side& D, const Matrix& Y, Matrix& X, Workspace& ws, const Options& opt,
                 Penalty pen) {
  D.mult(Y, ws.B, opt.threads);
  ws.G.noalias() = Y * Y.transpose();
  switch (X.rows()) {
#define NMFKIT_HALS_K(K) \
  case K:                \
    return hals_columns<K>(ws.G, ws.B, X, opt, pen);
    NMFKIT_HALS_K(1) NMFKIT_HALS_K(2) NMFKIT_HALS_K(3) NMFKIT_HALS_K(4) NMFKIT_HALS_K(5) NMFKIT_HALS_K(6)
    NMFKIT_HALS_K(7) NMFKIT_HALS_K(8) NMFKIT_HALS_K(9) NMFKIT_HALS_K(10) NMFKIT_HALS_K(11) NMFKIT_HALS_K(12)
    NMFKIT_HALS_K(13) NMFKIT_HALS_K(14) NMFKIT_HALS_K(15) NMFKIT_HALS_K(16)
#undef NMFKIT_HALS_K
    default:
      return hals_columns<0>(ws.G, ws.B, X, opt, pen);
  }
}

// nnls_columns for a compile-time rank K (see SmallNnls).
template <int K>
void nnls_columns_fixed(const Matrix& G, const Matrix& B, Matrix& X, int threads, double l1) {
  const int c = static_cast<int>(X.cols());
  std::vector<std::unique_ptr<SmallNnls<K>>> works(std::max(threads, 1));
  parallel_for(n_blocks(c, kNnlsBlock), threads, [&](int blk) {
    const int c0 = blk * kNnlsBlock, c1 = std::min(c, c0 + kNnlsBlock);
    std::unique_ptr<SmallNnls<K>>& work = works[threads > 1 ? thread_index() : 0];
    if (!work) work.reset(new SmallNnls<K>(G));
    double b[K];
    for (int j = c0; j < c1; ++j) {
      const double* bj = col_ptr(B, j);
      for (int l = 0; l < K; ++l) b[l] = bj[l] - l1;
      work->solve(b, col_ptr(X, j));
    }
  });
}

// Solves every column of X as NNLS with Gram G and right-hand sides B.
inline void nnls_columns(const Matrix& G, const Matrix& B, Matrix& X, int threads, Penalty pen) {
  Matrix Gp = G;
  Gp.diagonal().array() += pen.l2;
  const int k = static_cast<int>(X.rows());
  const int c = static_cast<int>(X.cols());
  switch (k) {
    case 1: return nnls_columns_fixed<1>(Gp, B, X, threads, pen.l1);
    case 2: return nnls_columns_fixed<2>(Gp, B, X, threads, pen.l1);
    case 3: return nnls_columns_fixed<3>(Gp, B, X, threads, pen.l1);
    case 4: return nnls_columns_fixed<4>(Gp, B, X, threads, pen.l1);
    case 5: return nnls_columns_fixed<5>(Gp, B, X, threads, pen.l1);
    case 6: return nnls_columns_fixed<6>(Gp, B, X, threads, pen.l1);
    default: break;
  }
  // one work space (and factor cache) per thread, shared by all its columns;
  // the cache only saves work, so results do not depend on the thread count
  std::vector<std::unique_ptr<NnlsWork>> works(std::max(threads, 1));
  parallel_for(n_blocks(c, kNnlsBlock), threads, [&](int blk) {
    const int c0 = blk * kNnlsBlock, c1 = std::min(c, c0 + kNnlsBlock);
    std::unique_ptr<NnlsWork>& work = works[threads > 1 ? thread_index() : 0];
    if (!work) work.reset(new NnlsWork(k));
    std::vector<double> b(k);
    for (int j = c0; j < c1; ++j) {
      const double* bj = col_ptr(B, j);
      for (int l = 0; l < k; ++l) b[l] = bj[l] - pen.l1;
      nnls_bpp(Gp, b.data(), col_ptr(X, j), k, *work);
    }
  });
}

// Exact alternating NNLS: each column of X solves min 1/2 ||d - Y'x||^2 +
// penalty, x >= 0, by block principal pivoting on the Gram matrix.
template <class Side>
void anls_update(const Side& D, const Matrix& Y, Matrix& X, Workspace& ws, const Options& opt,
                 Penalty pen) {
  D.mult(Y, ws.B, opt.threads);
  ws.G.noalias() = Y * Y.transpose();
  nnls_columns(ws.G, ws.B, X, opt.threads, pen);
}

// Multiplicative update for the Frobenius loss (Lee & Seung 2001) as the NMF
// package computes it:  X <- max(X .* (Y D), eps) ./ (Y Y' X + extra + eps),
// where `extra` (k x c, or empty) holds the offset or penalty terms of the
// NMF package's variants. With eps = 0 (pe-nmf) a 0 / 0 entry stays 0.
template <class Side>
void mu_frobenius_update(const Side& D, const Matrix& Y, Matrix& X, Workspace& ws,
                         const Options& opt, double eps, const Matrix* extra = nullptr) {
  D.mult(Y, ws.B, opt.threads);
  ws.G.noalias() = Y * Y.transpose();
  parallel_for(n_blocks(static_cast<int>(X.cols()), kDenseBlock), opt.threads, [&](int blk) {
    const int c0 = blk * kDenseBlock, b = std::min<int>(kDenseBlock, X.cols() - c0);
    Matrix den = ws.G * X.middleCols(c0, b);
    if (extra) den += extra->middleCols(c0, b);
    for (int j = 0; j < b; ++j)
      for (int l = 0; l < X.rows(); ++l) {
        const double t = X(l, c0 + j) * ws.B(l, c0 + j);
        const double d = den(l, j);
        if (eps > 0.0)
          X(l, c0 + j) = (t > eps ? t : eps) / (d + eps);
        else
          X(l, c0 + j) = (t == 0.0 || !(d > 0.0)) ? 0.0 : t / d;  // never 0 / 0
      }
  });
}

// The NMF package's KL multiplicative update (brunet, KL, nsNMF):
//   X <- X .* (Y (D ./ (Y'X))) ./ rowSums(Y)
template <class Side>
void kl_mu_update(const Side& D, const Matrix& Y, Matrix& X, Workspace& ws, const Options& opt) {
  D.kl_num(Y, X, ws.B, opt.threads);
  Vector ysum = Y.rowwise().sum();
  for (int j = 0; j < X.cols(); ++j)
    for (int l = 0; l < X.rows(); ++l)
      if (ysum(l) > 0.0) X(l, j) = X(l, j) * ws.B(l, j) / ysum(l);  // else: no information, keep
}

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
// the baseline and for AVX2 + FMA (simd.h), the CPU picks.

// Scratch space of one thread: the column's compacted cells.
struct KlScratch {
  std::vector<int> rows;
  std::vector<double> d, y, p, rest;
};

// One column: x (k) is updated in place. The column's cells are rows/vals (n
// entries; `rows` null for a dense column, where row t is t); `yt` holds Y'
// (r x k, column-major) and `ysum` the row sums of Y. Returns the column's KL
// divergence when `want_loss` (else 0).
NMFKIT_ALWAYS_INLINE double kl_scd_column_impl(double* x, int k, const int* rows, const double* vals, int n,
                                               const Matrix& yt, const Vector& ysum, KlScratch& s, int inner,
                                               Penalty pen, bool want_loss) {
  const std::ptrdiff_t r = yt.rows();
  int c = 0;
  for (int t = 0; t < n; ++t) c += vals[t] != 0.0;
  // a dense column without zeros reads Y' in place; any other is gathered
  const bool in_place = rows == nullptr && c == n;
  s.p.resize(c);
  const double* d = vals;
  const double* ybase = yt.data();
  std::ptrdiff_t ystride = r;
  if (!in_place) {
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
    d = s.d.data();
    ybase = s.y.data();
    ystride = c;
  }
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
      bool exact = false;
      if (x_new == 0.0 && x[l] > 0.0) {
        // Zeroing x[l] leaves each cell the other coordinates' share, which
        // is recomputed here: the running p carries the rounding of every
        // earlier step, and where the share is a tiny part of p, p minus
        // x[l] y can come out 0 or negative (a cell with one large and one
        // tiny term). A cell explained by this coordinate alone (share at
        // most 1e-12 of its term) must keep p > 0: x[l] is halved instead.
        double* rest = s.rest.data();
        for (int u = 0; u < c; ++u) rest[u] = 0.0;
        for (int m = 0; m < k; ++m)
          if (m != l && x[m] != 0.0) add_scaled(rest, ybase + m * ystride, x[m], c);
        bool alone = false;
        for (int u = 0; u < c && !alone; ++u) alone = yl[u] > 0.0 && rest[u] <= 1e-12 * x[l] * yl[u];
        if (alone) {
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
  double loss = 0.0;
  for (int l = 0; l < k; ++l) loss += ysum(l) * x[l];
  for (int u = 0; u < c; ++u) loss += d[u] * std::log(d[u] / p[u]) - d[u];
  return loss;
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

#endif  // NMFKIT_UPDATES_H
