// nmfkit: the data matrix as the solvers see it.
//
// Every update fits one factor X (k x c) with the other factor Y (k x r) held
// fixed, on a "side" D (r x c) of the data such that D ~ Y' X:
//   updating H:  D = A  (m x n), Y = W' (k x m), X = H  (k x n)
//   updating W:  D = A' (n x m), Y = H  (k x n), X = W' (k x m)
// so one routine serves both factors. A side wraps a dense column-major array
// (read in place, transposed on the fly) or a compressed sparse column matrix
// (the data's own arrays, or a transposed copy of its pattern made once).
// No side ever forms a dense m x n matrix from sparse data.
#ifndef NMFKIT_DATA_H
#define NMFKIT_DATA_H

#include <cmath>
#include <cstddef>
#include <vector>

#include "config.h"
#include "threads.h"

namespace nmfkit {

// Columns per parallel work item for dense sides; fixed so that results do not
// depend on the number of threads.
constexpr int kDenseBlock = 64;
// Columns per parallel work item for sparse sides.
constexpr int kSparseBlock = 32;
// Rows of A per parallel work item of a low-rank product with A'.
constexpr int kAxpyBlock = 512;
// Columns per parallel work item for the NNLS solves of one update.
constexpr int kNnlsBlock = 128;

// Sums per-block partial results in a fixed order.
inline double ordered_sum(const std::vector<double>& parts) {
  double s = 0.0;
  for (double v : parts) s += v;
  return s;
}

// Generalised KL contribution of one cell: d log(d / p) - d + p, with the
// conventions 0 log 0 = 0 and a cell with d = 0 contributing p.
inline double kl_cell(double d, double p) {
  if (d == 0.0) return p;
  return d * std::log(d / p) - d + p;
}

// Ratio d / p used by the KL multiplicative update; 0 / 0 is taken as 0 so that
// all-zero rows or columns never produce NaN, and so is d / 0: a cell the
// model gives 0 (its factors' entries are 0 there, and a multiplicative
// update keeps zeros at 0) must not turn 0 * Inf into NaN.
inline double kl_ratio(double d, double p) { return (d == 0.0 || p == 0.0) ? 0.0 : d / p; }

// One column of a side: `n` entries with values `val` at rows `idx` (all rows
// 0..n-1 in order when `idx` is null).
struct ColumnView {
  int n;
  const int* idx;
  const double* val;
  int row(int t) const { return idx ? idx[t] : t; }
};

class DenseSide {
 public:
  using Map = Eigen::Map<const Matrix>;

  DenseSide(const double* a, int m, int n, bool transposed)
      : a_(a, m, n), transposed_(transposed),
        // columns per work item: up to kDenseBlock, fewer for a side with few
        // columns (so that a tall, skinny matrix still splits across threads);
        // it depends on the shape only, never on the thread count
        block_(std::max(8, std::min(kDenseBlock, cols() / 8))),
        // a side with few columns and many rows splits mult() over fixed
        // chunks of rows instead, summed in order afterwards
        row_chunks_(!transposed && cols() <= kDenseBlock && rows() >= 2048 ? std::min(8, rows() / 1024) : 1) {}

  int rows() const { return transposed_ ? a_.cols() : a_.rows(); }
  int cols() const { return transposed_ ? a_.rows() : a_.cols(); }

  // out (k x cols) = Y (k x rows) * D
  // out (k x cols) = Y (k x rows) * D. For a rank of 3 or less (5 or less on
  // the transposed side) Eigen's matrix-product kernel wastes most of its
  // work on packing, so the product is taken as vectorised dot products
  // (columns of A against columns of Y') or axpys (columns of A into the
  // columns of (Y D)'), over fixed blocks.
  void mult(const Matrix& Y, Matrix& out, int threads) const {
    const int k = static_cast<int>(Y.rows());
    out.resize(k, cols());
    if (transposed_) {
      if (k > 5) {
        for_blocks(threads, [&](int c0, int b) { out.middleCols(c0, b).noalias() = Y * a_.middleRows(c0, b).transpose(); });
        return;
      }
      // rows c0..c0+b of A: C = A_rows Y' (b x k), out = C'
      parallel_for(n_blocks(cols(), kAxpyBlock), threads, [&](int blk) {
        const int c0 = blk * kAxpyBlock, b = std::min(kAxpyBlock, cols() - c0);
        Matrix C = Matrix::Zero(b, k);
        for (int j = 0; j < a_.cols(); ++j)
          for (int l = 0; l < k; ++l) C.col(l) += Y(l, j) * a_.col(j).segment(c0, b);
        out.middleCols(c0, b) = C.transpose();
      });
      return;
    }
    const bool dots = k <= 3;
    const Matrix Yt = dots ? Matrix(Y.transpose()) : Matrix();
    if (row_chunks_ > 1) {
      const int chunk = (rows() + row_chunks_ - 1) / row_chunks_;
      std::vector<Matrix> parts(row_chunks_);
      parallel_for(row_chunks_, threads, [&](int t) {
        const int r0 = t * chunk, rb = std::min(chunk, rows() - r0);
        if (dots) {
          parts[t].resize(k, cols());
          for (int j = 0; j < cols(); ++j)
            for (int l = 0; l < k; ++l) parts[t](l, j) = Yt.col(l).segment(r0, rb).dot(a_.col(j).segment(r0, rb));
        } else {
          parts[t].noalias() = Y.middleCols(r0, rb) * a_.middleRows(r0, rb);
        }
      });
      out = parts[0];
      for (int t = 1; t < row_chunks_; ++t) out += parts[t];
      return;
    }
    for_blocks(threads, [&](int c0, int b) {
      if (dots) {
        for (int j = c0; j < c0 + b; ++j)
          for (int l = 0; l < k; ++l) out(l, j) = Yt.col(l).dot(a_.col(j));
      } else {
        out.middleCols(c0, b).noalias() = Y * a_.middleCols(c0, b);
      }
    });
  }

  // out = Y * (D ./ (Y' X)), the numerator of the KL multiplicative update.
  // Works on the data's own layout (a block of columns of A, or of rows of A
  // for the transposed side) so that the ratios run over contiguous memory.
  void kl_num(const Matrix& Y, const Matrix& X, Matrix& out, int threads) const {
    out.resize(Y.rows(), cols());
    for_blocks(threads, [&](int c0, int b) {
      if (transposed_) {
        Matrix Pt = X.middleCols(c0, b).transpose() * Y;  // b x r, laid out as A's rows
        ratio_in_place(a_.middleRows(c0, b), Pt);
        out.middleCols(c0, b).noalias() = Y * Pt.transpose();
      } else {
        Matrix P = Y.transpose() * X.middleCols(c0, b);
        ratio_in_place(a_.middleCols(c0, b), P);
        out.middleCols(c0, b).noalias() = Y * P;
      }
    });
  }

  // sum over cells of (D - Y'X)^2
  double sq_error(const Matrix& Y, const Matrix& X, int threads) const {
    std::vector<double> parts(n_blocks(cols(), block_), 0.0);
    for_blocks(threads, [&](int c0, int b) {
      Matrix P = Y.transpose() * X.middleCols(c0, b);
      double s = 0.0;
      for (int j = 0; j < b; ++j)
        for (int i = 0; i < P.rows(); ++i) {
          double e = at(i, c0 + j) - P(i, j);
          s += e * e;
        }
      parts[c0 / block_] = s;
    });
    return ordered_sum(parts);
  }

  // generalised KL divergence of D from Y'X
  double kl_divergence(const Matrix& Y, const Matrix& X, int threads) const {
    std::vector<double> parts(n_blocks(cols(), block_), 0.0);
    for_blocks(threads, [&](int c0, int b) {
      Matrix P = Y.transpose() * X.middleCols(c0, b);
      double s = 0.0;
      for (int j = 0; j < b; ++j)
        for (int i = 0; i < P.rows(); ++i) s += kl_cell(at(i, c0 + j), P(i, j));
      parts[c0 / block_] = s;
    });
    return ordered_sum(parts);
  }

  double sq_norm() const { return a_.squaredNorm(); }

  // Column c; a row of A is copied into `buf` (which must outlive the view).
  ColumnView view(int c, std::vector<double>& buf) const {
    if (!transposed_) return {static_cast<int>(a_.rows()), nullptr, a_.data() + static_cast<std::ptrdiff_t>(c) * a_.rows()};
    buf.resize(a_.cols());
    for (int j = 0; j < a_.cols(); ++j) buf[j] = a_(c, j);
    return {static_cast<int>(a_.cols()), nullptr, buf.data()};
  }

  // Sum of each row of D (length rows()).
  Vector row_sums() const { return transposed_ ? Vector(a_.colwise().sum().transpose()) : Vector(a_.rowwise().sum()); }

 private:
  Map a_;
  bool transposed_;
  int block_;
  int row_chunks_;

  double at(int i, int j) const { return transposed_ ? a_(j, i) : a_(i, j); }

  // P <- D ./ P cell by cell (kl_ratio: 0 where D is 0), column by column.
  template <class Block>
  static void ratio_in_place(const Block& D, Matrix& P) {
    for (Eigen::Index j = 0; j < P.cols(); ++j) {
      const double* d = &D.coeffRef(0, j);
      double* p = P.col(j).data();
      for (Eigen::Index i = 0; i < P.rows(); ++i) p[i] = kl_ratio(d[i], p[i]);
    }
  }

  template <class Fn>
  void for_blocks(int threads, Fn fn) const {
    const int c = cols();
    parallel_for(n_blocks(c, block_), threads, [&](int blk) {
      const int c0 = blk * block_;
      fn(c0, std::min(block_, c - c0));
    });
  }
};

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

// The data seen from both factors: `fwd` is A (for H), `bwd` is A' (for W).
struct DenseData {
  Eigen::Map<const Matrix> a;
  DenseSide fwd, bwd;
  DenseData(const double* x, int m, int n) : a(x, m, n), fwd(x, m, n, false), bwd(x, m, n, true) {}
  const Eigen::Map<const Matrix>& matrix() const { return a; }
};

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

#endif  // NMFKIT_DATA_H
