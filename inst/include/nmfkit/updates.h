// nmfkit: one update of a factor X (k x c) with Y (k x r) fixed, on a side D
// (r x c) of the data, D ~ Y' X (see data.h). Each solver is written once and
// serves both H (D = A) and W' (D = A').
#ifndef NMFKIT_UPDATES_H
#define NMFKIT_UPDATES_H

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <memory>
#include <vector>

#include "config.h"
#include "data.h"
#include "nnls.h"
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

// Calls fn(j) for every column of X, in parallel over fixed blocks.
template <class Fn>
void for_columns(const Matrix& X, int threads, Fn fn) {
  const int c = static_cast<int>(X.cols());
  parallel_for(n_blocks(c, kSparseBlock), threads, [&](int blk) {
    const int c0 = blk * kSparseBlock, c1 = std::min(c, c0 + kSparseBlock);
    for (int j = c0; j < c1; ++j) fn(j);
  });
}

inline double* col_ptr(Matrix& X, int j) { return X.data() + static_cast<std::ptrdiff_t>(j) * X.rows(); }
inline const double* col_ptr(const Matrix& X, int j) {
  return X.data() + static_cast<std::ptrdiff_t>(j) * X.rows();
}

// HALS / coordinate descent for min 1/2 ||D - Y'X||^2 + penalty, X >= 0
// (Cichocki & Phan 2009), each column solved by repeated sweeps over the k
// coordinates on the k x k Gram matrix until the change of a sweep falls below
// a fraction of the first sweep's (Gillis & Glineur 2012).
template <class Side>
void hals_update(const Side& D, const Matrix& Y, Matrix& X, Workspace& ws, const Options& opt,
                 Penalty pen) {
  D.mult(Y, ws.B, opt.threads);
  ws.G.noalias() = Y * Y.transpose();
  const int k = static_cast<int>(X.rows());
  const double* G = ws.G.data();  // symmetric: column l is row l
  for_columns(X, opt.threads, [&](int j) {
    double* x = col_ptr(X, j);
    const double* b = col_ptr(ws.B, j);
    double first = -1.0;
    for (int sweep = 0; sweep < opt.inner; ++sweep) {
      double change = 0.0;
      for (int l = 0; l < k; ++l) {
        const double* gl = G + static_cast<std::ptrdiff_t>(l) * k;
        const double gll = gl[l] + pen.l2;
        if (!(gll > 0.0)) continue;  // a zero row of Y and no L2: leave it
        double grad = b[l] - pen.l1 - pen.l2 * x[l];
        for (int p = 0; p < k; ++p) grad -= gl[p] * x[p];
        const double x_new = std::max(0.0, x[l] + grad / gll);
        const double d = x_new - x[l];
        change += d * d * gll;
        x[l] = x_new;
      }
      if (first < 0.0) first = change;
      if (change <= opt.inner_tol * first) break;
    }
  });
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
// on  sum_i p_i - d_i log p_i  (p = Y'x), keeping p up to date. Sparse columns
// visit only their non-zero entries (O(nnz k) per sweep); dense columns run
// over contiguous memory (zeros contribute nothing to the ratios).

// One column: x (k) is updated in place; rows/vals/p have n entries; `yt`
// holds Y' (r x k, column-major) and `ysum` the row sums of Y. `rows` is null
// for a dense column (row t is t). Returns the column's KL divergence.
inline double kl_scd_column(double* x, int k, const int* rows, const double* vals, int n,
                            const Matrix& yt, const Vector& ysum, double* p, int inner, Penalty pen) {
  const std::ptrdiff_t r = yt.rows();
  auto y_of = [&](const double* yl, int t) { return rows ? yl[rows[t]] : yl[t]; };
  for (int t = 0; t < n; ++t) p[t] = 0.0;
  for (int l = 0; l < k; ++l) {
    if (x[l] == 0.0) continue;
    const double* yl = yt.data() + l * r;
    for (int t = 0; t < n; ++t) p[t] += x[l] * y_of(yl, t);
  }
  for (int sweep = 0; sweep < inner; ++sweep) {
    double change = 0.0, size = 0.0;
    for (int l = 0; l < k; ++l) {
      const double* yl = yt.data() + l * r;
      double g = ysum(l) + pen.l1 + pen.l2 * x[l], h = pen.l2;
      if (rows) {
        for (int t = 0; t < n; ++t) {
          const double y = yl[rows[t]], inv = 1.0 / std::max(p[t], 1e-300), q = vals[t] * inv * y;
          g -= q;
          h += q * y * inv;
        }
      } else {
#ifdef _OPENMP
#pragma omp simd reduction(+ : h) reduction(- : g)
#endif
        for (int t = 0; t < n; ++t) {
          const double y = yl[t], inv = 1.0 / std::max(p[t], 1e-300), q = vals[t] * inv * y;
          g -= q;
          h += q * y * inv;
        }
      }
      if (!(h > 0.0)) continue;
      double x_new = std::max(0.0, x[l] - g / h);
      if (x_new == 0.0 && x[l] > 0.0) {
        // a cell explained by this coordinate alone must keep p > 0: the
        // lowest admissible x[l] is max_t (x[l] - p_t / y_t) over d_t > 0
        double lb = -std::numeric_limits<double>::infinity();
        for (int t = 0; t < n; ++t) {
          const double y = y_of(yl, t);
          if (y > 0.0 && vals[t] > 0.0) lb = std::max(lb, x[l] - p[t] / y);
        }
        if (lb > -1e-12 * x[l]) x_new = std::max(lb, 0.0) + 0.5 * (x[l] - std::max(lb, 0.0));
      }
      const double d = x_new - x[l];
      if (d == 0.0) continue;
      if (rows) {
        for (int t = 0; t < n; ++t) p[t] += d * yl[rows[t]];
      } else {
#ifdef _OPENMP
#pragma omp simd
#endif
        for (int t = 0; t < n; ++t) p[t] += d * yl[t];
      }
      x[l] = x_new;
      change += std::abs(d);
      size += x_new;
    }
    if (change <= 1e-6 * size) break;
  }
  double s = ysum.dot(Eigen::Map<const Vector>(x, k));
  for (int t = 0; t < n; ++t)
    if (vals[t] != 0.0) s += vals[t] * std::log(vals[t] / p[t]) - vals[t];
  return s;
}

// Updates every column of X; returns the KL divergence of D from Y'X after the
// update (each column's p is exact once its coordinates are done, and Y does
// not change).
template <class Side>
double kl_scd_update(const Side& D, const Matrix& Y, Matrix& X, const Options& opt, Penalty pen) {
  const int k = static_cast<int>(X.rows());
  const Vector ysum = Y.rowwise().sum();
  const Matrix yt = Y.transpose();
  std::vector<double> parts(n_blocks(static_cast<int>(X.cols()), kSparseBlock), 0.0);
  parallel_for(static_cast<int>(parts.size()), opt.threads, [&](int blk) {
    const int c0 = blk * kSparseBlock, c1 = std::min<int>(X.cols(), c0 + kSparseBlock);
    std::vector<double> buf, p(D.rows());
    double total = 0.0;
    for (int j = c0; j < c1; ++j) {
      ColumnView v = D.view(j, buf);
      total += kl_scd_column(col_ptr(X, j), k, v.idx, v.val, v.n, yt, ysum, p.data(), opt.inner, pen);
    }
    parts[blk] = total;
  });
  return ordered_sum(parts);
}

}  // namespace nmfkit

#endif  // NMFKIT_UPDATES_H
