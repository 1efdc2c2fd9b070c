// nmfkit: a dense side (a column-major array, read in place: A itself, or A'
// transposed on the fly) and DenseData, the dense matrix seen from both
// factors.
#ifndef NMFKIT_DATA_DENSE_H
#define NMFKIT_DATA_DENSE_H

#include <algorithm>
#include <cstddef>
#include <vector>

#include "../config.h"
#include "../core/threads.h"
#include "gemm.h"
#include "side.h"

namespace nmfkit {

// Rows of A per parallel work item of a low-rank product with A'.
constexpr int kAxpyBlock = 512;
// A with at most this many rows (and 2048 columns or more) splits the
// product with A' over chunks of its columns (DenseSide::row_chunks_).
constexpr int kTransChunkCols = 1024;

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
        // chunks of rows instead, summed in order afterwards (on the
        // transposed side, chunks of the columns of A, so that each work
        // item reads a contiguous part of A rather than a few rows of all of
        // its columns)
        row_chunks_(cols() <= (transposed ? kTransChunkCols : kDenseBlock) && rows() >= 2048 ? std::min(8, rows() / 1024)
                                                                                             : 1) {}

  int rows() const { return transposed_ ? a_.cols() : a_.rows(); }
  int cols() const { return transposed_ ? a_.rows() : a_.cols(); }

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
#if NMFKIT_X86_DISPATCH
        if (gemm_wide()) {
          const Matrix Yp = pad_rows_for_trans(Y);
          const int kp = static_cast<int>(Yp.rows());
          const Eigen::Index lda = a_.rows();
          if (row_chunks_ > 1) {
            sum_row_chunks(out, threads, [&](int j0, int jb, Matrix& part) {
              part.resize(k, cols());
              gemm_trans(Yp.data() + static_cast<Eigen::Index>(j0) * kp, kp, k, a_.data() + j0 * lda, lda, 0, cols(), jb,
                         part.data());
            });
            return;
          }
          for_blocks(threads, [&](int c0, int b) {
            gemm_trans(Yp.data(), kp, k, a_.data(), lda, c0, b, static_cast<int>(a_.cols()), out.col(c0).data());
          });
          return;
        }
#endif
        if (row_chunks_ > 1) {
          sum_row_chunks(out, threads, [&](int j0, int jb, Matrix& part) {
            part.noalias() = Y.middleCols(j0, jb) * a_.middleCols(j0, jb).transpose();
          });
          return;
        }
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
#if NMFKIT_X86_DISPATCH
    if (!dots && gemm_wide()) {
      mult_wide(Y, out, threads);
      return;
    }
#endif
    const Matrix Yt = dots ? Matrix(Y.transpose()) : Matrix();
    if (row_chunks_ > 1) {
      sum_row_chunks(out, threads, [&](int r0, int rb, Matrix& part) {
        if (dots) {
          part.resize(k, cols());
          for (int j = 0; j < cols(); ++j)
            for (int l = 0; l < k; ++l) part(l, j) = Yt.col(l).segment(r0, rb).dot(a_.col(j).segment(r0, rb));
        } else {
          part.noalias() = Y.middleCols(r0, rb) * a_.middleRows(r0, rb);
        }
      });
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
    return sum_cells(Y, X, threads, [](double d, double p) {
      const double e = d - p;
      return e * e;
    });
  }

  // generalised KL divergence of D from Y'X
  double kl_divergence(const Matrix& Y, const Matrix& X, int threads) const {
    return sum_cells(Y, X, threads, kl_cell);
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

  // out = the sum, in order, of part(r0, rb, P) over the fixed row chunks
  // r0..r0+rb of the forward side (each chunk's product written into P).
  template <class Part>
  void sum_row_chunks(Matrix& out, int threads, Part part) const {
    const int chunk = (rows() + row_chunks_ - 1) / row_chunks_;
    std::vector<Matrix> parts(row_chunks_);
    parallel_for(row_chunks_, threads, [&](int t) {
      const int r0 = t * chunk;
      part(r0, std::min(chunk, rows() - r0), parts[t]);
    });
    out = parts[0];
    for (int t = 1; t < row_chunks_; ++t) out += parts[t];
  }

#if NMFKIT_X86_DISPATCH
  // mult() of the forward side with the AVX2 kernels (data/gemm.h), over the
  // same blocks (of columns, or of rows summed in order) as Eigen's path.
  void mult_wide(const Matrix& Y, Matrix& out, int threads) const {
    const PackedY Yp(Y);
    const int k = static_cast<int>(Y.rows());
    if (row_chunks_ > 1) {
      sum_row_chunks(out, threads, [&](int r0, int rb, Matrix& part) {
        part.resize(k, cols());
        gemm_fwd(Yp, a_.data(), a_.rows(), r0, r0 + rb, cols(), part.data(), k);
      });
      return;
    }
    for_blocks(threads, [&](int c0, int b) {
      gemm_fwd(Yp, a_.data() + static_cast<Eigen::Index>(c0) * a_.rows(), a_.rows(), 0, rows(), b, out.col(c0).data(), k);
    });
  }
#endif

  // sum over cells of cell(d, p), d of D and p of Y'X, by fixed blocks of
  // columns summed in order
  template <class Cell>
  double sum_cells(const Matrix& Y, const Matrix& X, int threads, Cell cell) const {
    std::vector<double> parts(n_blocks(cols(), block_), 0.0);
    for_blocks(threads, [&](int c0, int b) {
      Matrix P = Y.transpose() * X.middleCols(c0, b);
      double s = 0.0;
      for (int j = 0; j < b; ++j)
        for (int i = 0; i < P.rows(); ++i) s += cell(at(i, c0 + j), P(i, j));
      parts[c0 / block_] = s;
    });
    return ordered_sum(parts);
  }

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

// The dense data seen from both factors: `fwd` is A (for H), `bwd` is A' (for W).
struct DenseData {
  Eigen::Map<const Matrix> a;
  DenseSide fwd, bwd;
  DenseData(const double* x, int m, int n) : a(x, m, n), fwd(x, m, n, false), bwd(x, m, n, true) {}
  const Eigen::Map<const Matrix>& matrix() const { return a; }
};

}  // namespace nmfkit

#endif  // NMFKIT_DATA_DENSE_H
