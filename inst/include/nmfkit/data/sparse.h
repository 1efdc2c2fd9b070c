// nmfkit: a sparse side (a compressed sparse column matrix: the data's own
// arrays, or a transposed copy of its pattern made once) and SparseData, the
// sparse matrix seen from both factors. Nothing here forms a dense matrix.
#ifndef NMFKIT_DATA_SPARSE_H
#define NMFKIT_DATA_SPARSE_H

#include <algorithm>
#include <cmath>
#include <vector>

#include "../config.h"
#include "../core/threads.h"
#include "side.h"

namespace nmfkit {

class SparseSide {
 public:
  using Map = Eigen::Map<const SpMat>;

  SparseSide(int rows, int cols, int nnz, const int* p, const int* i, const double* x)
      : s_(rows, cols, nnz, p, i, x) {}

  int rows() const { return s_.rows(); }
  int cols() const { return s_.cols(); }

  void mult(const Matrix& Y, Matrix& out, int threads) const {
    out.setZero(Y.rows(), cols());
    for_cols(threads, [&](int c) {
      for (Map::InnerIterator it(s_, c); it; ++it) out.col(c) += it.value() * Y.col(it.row());
    });
  }

  void kl_num(const Matrix& Y, const Matrix& X, Matrix& out, int threads) const {
    out.setZero(Y.rows(), cols());
    for_cols(threads, [&](int c) {
      for (Map::InnerIterator it(s_, c); it; ++it) {
        if (it.value() == 0.0) continue;
        double p = Y.col(it.row()).dot(X.col(c));
        out.col(c) += kl_ratio(it.value(), p) * Y.col(it.row());
      }
    });
  }

  // ||D||^2 - 2 <Y D, X> + <Y Y', X X'>, from k x k Gram matrices: no dense D.
  double sq_error(const Matrix& Y, const Matrix& X, int threads) const {
    Matrix B;
    mult(Y, B, threads);
    Matrix GY = Y * Y.transpose();
    Matrix GX = X * X.transpose();
    double e = sq_norm() - 2.0 * B.cwiseProduct(X).sum() + GY.cwiseProduct(GX).sum();
    return e > 0.0 ? e : 0.0;
  }

  // sum over stored cells of d log(d/p) - d, plus the sum of all of Y'X.
  double kl_divergence(const Matrix& Y, const Matrix& X, int threads) const {
    std::vector<double> parts(n_blocks(cols(), kSparseBlock), 0.0);
    parallel_for(n_blocks(cols(), kSparseBlock), threads, [&](int blk) {
      const int c0 = blk * kSparseBlock, c1 = std::min(cols(), c0 + kSparseBlock);
      double s = 0.0;
      for (int c = c0; c < c1; ++c)
        for (Map::InnerIterator it(s_, c); it; ++it) {
          double d = it.value();
          if (d == 0.0) continue;
          double p = Y.col(it.row()).dot(X.col(c));
          s += d * std::log(d / p) - d;
        }
      parts[blk] = s;
    });
    double total = Y.rowwise().sum().dot(X.rowwise().sum());
    return ordered_sum(parts) + total;
  }

  double sq_norm() const {
    double s = 0.0;
    const double* v = s_.valuePtr();
    for (int t = 0; t < s_.nonZeros(); ++t) s += v[t] * v[t];
    return s;
  }

  ColumnView view(int c, std::vector<double>&) const {
    const int* outer = s_.outerIndexPtr();
    return {outer[c + 1] - outer[c], s_.innerIndexPtr() + outer[c], s_.valuePtr() + outer[c]};
  }

  Vector row_sums() const {
    Vector s = Vector::Zero(rows());
    for (int c = 0; c < cols(); ++c)
      for (Map::InnerIterator it(s_, c); it; ++it) s(it.row()) += it.value();
    return s;
  }

 private:
  Map s_;

  template <class Fn>
  void for_cols(int threads, Fn fn) const {
    const int c = cols();
    parallel_for(n_blocks(c, kSparseBlock), threads, [&](int blk) {
      const int c0 = blk * kSparseBlock, c1 = std::min(c, c0 + kSparseBlock);
      for (int j = c0; j < c1; ++j) fn(j);
    });
  }
};

// The sparse data seen from both factors: `fwd` is A (for H), `bwd` is A' (for W).
struct SparseData {
  SpMat at;  // transposed copy of the pattern (n x m), made once
  SparseSide fwd, bwd;
  SparseData(int m, int n, int nnz, const int* p, const int* i, const double* x)
      : at(make_transpose(m, n, nnz, p, i, x)),
        fwd(m, n, nnz, p, i, x),
        bwd(n, m, at.nonZeros(), at.outerIndexPtr(), at.innerIndexPtr(), at.valuePtr()) {}

 private:
  static SpMat make_transpose(int m, int n, int nnz, const int* p, const int* i,
                              const double* x) {
    Eigen::Map<const SpMat> a(m, n, nnz, p, i, x);
    SpMat t = a.transpose();
    t.makeCompressed();
    return t;
  }
};

}  // namespace nmfkit

#endif  // NMFKIT_DATA_SPARSE_H
