// nmfkit: the low-rank products of a dense side, Y (k x m) times a block of A
// or of A', with AVX2 + FMA kernels picked at run time (core/simd.h).
//
// R builds packages for the baseline x86-64 (SSE2), where Eigen's product
// kernel does two multiply-adds per instruction. These kernels keep a tile
// of the output in registers (vectors of four doubles) and stream A without
// packing it, so on an AVX2 CPU the products of every dense fit run about
// twice as fast. Each output column is summed in a fixed order that depends
// on the shape only, never on the thread count. Callers use them only when
// gemm_wide() is true, Eigen's product otherwise.
#ifndef NMFKIT_DATA_GEMM_H
#define NMFKIT_DATA_GEMM_H

#include <algorithm>
#include <cstring>

#include "../config.h"
#include "../core/simd.h"

namespace nmfkit {

// True when the AVX2 kernels exist in this build and the CPU runs them.
inline bool gemm_wide() { return NMFKIT_X86_DISPATCH && simd_level() == SimdLevel::avx2; }

#if NMFKIT_X86_DISPATCH

typedef double Vec4 __attribute__((vector_size(32)));

// AVX2 without FMA (see above), and no contraction of a * b + c into one.
#define NMFKIT_TARGET_AVX2_NOFMA __attribute__((target("avx2"), optimize("fp-contract=off")))

// Rows of Y per register tile of the forward product (three vectors).
constexpr int kGemmRows = 12;

// Y (k x m) in row chunks of kGemmRows, each chunk stored as m columns of
// kp = 4 * ceil(rows / 4) entries (zero padding), the layout gemm_fwd reads.
struct PackedY {
  Matrix data;  // kp x (m * chunks)
  int k = 0, m = 0;
  explicit PackedY(const Matrix& Y) : k(static_cast<int>(Y.rows())), m(static_cast<int>(Y.cols())) {
    data = Matrix::Zero(kGemmRows, static_cast<Eigen::Index>(m) * chunks());
    for (int c = 0; c < chunks(); ++c) {
      const int l0 = c * kGemmRows, kr = rows(c);
      data.block(0, static_cast<Eigen::Index>(c) * m, kr, m) = Y.middleRows(l0, kr);
    }
  }
  int chunks() const { return (k + kGemmRows - 1) / kGemmRows; }
  int rows(int c) const { return std::min(kGemmRows, k - c * kGemmRows); }
  const double* chunk(int c) const { return data.data() + static_cast<Eigen::Index>(c) * m * kGemmRows; }
};

// Rows of A (and columns of Y) per pass of gemm_fwd: the pass's part of the
// packed Y (kGemmRows x this, 192 KB) then stays in the L2 cache while every
// column of the block of A goes over it, instead of streaming all of a tall
// Y again for every three columns.
constexpr int kGemmFwdRows = 2048;

// out(0..kr, c) = sum_t Yc(:, t) a(t, c) for NC columns c, a(t, c) = a[t + c * lda],
// t in [t0, t1); Yc has kGemmRows rows per column. NV vectors cover kr rows.
// Acc: add to the running sums in out (in order of t, so a sum taken in
// passes over consecutive ranges of t is the sum taken in one).
template <int NV, int NC, bool Acc>
NMFKIT_ALWAYS_INLINE void gemm_fwd_tile(const double* Yc, const double* a, Eigen::Index lda, int t0, int t1,
                                        double* out, Eigen::Index ldo, int kr) {
  Vec4 acc[NC][NV];
#pragma GCC unroll 8
  for (int c = 0; c < NC; ++c) {
    double tmp[4 * NV] = {};
    if (Acc)
      for (int l = 0; l < kr; ++l) tmp[l] = out[c * ldo + l];
    std::memcpy(acc[c], tmp, sizeof(tmp));
  }
  for (int t = t0; t < t1; ++t) {
    const double* y = Yc + static_cast<Eigen::Index>(t) * kGemmRows;
    Vec4 yv[NV];
#pragma GCC unroll 8
    for (int v = 0; v < NV; ++v) std::memcpy(&yv[v], y + 4 * v, sizeof(Vec4));
#pragma GCC unroll 8
    for (int c = 0; c < NC; ++c) {
      const double s = a[t + c * lda];
#pragma GCC unroll 8
      for (int v = 0; v < NV; ++v) acc[c][v] += s * yv[v];
    }
  }
#pragma GCC unroll 8
  for (int c = 0; c < NC; ++c) {
    double tmp[4 * NV];
    std::memcpy(tmp, acc[c], sizeof(tmp));
    for (int l = 0; l < kr; ++l) out[c * ldo + l] = tmp[l];
  }
}

template <int NV, bool Acc>
NMFKIT_ALWAYS_INLINE void gemm_fwd_chunk(const double* Yc, const double* a, Eigen::Index lda, int t0, int t1,
                                         int ncols, double* out, Eigen::Index ldo, int kr) {
  constexpr int NC = NV >= 3 ? 3 : 4;
  int c = 0;
  for (; c + NC <= ncols; c += NC) gemm_fwd_tile<NV, NC, Acc>(Yc, a + c * lda, lda, t0, t1, out + c * ldo, ldo, kr);
  for (; c < ncols; ++c) gemm_fwd_tile<NV, 1, Acc>(Yc, a + c * lda, lda, t0, t1, out + c * ldo, ldo, kr);
}

template <bool Acc>
NMFKIT_ALWAYS_INLINE void gemm_fwd_pass(const PackedY& Y, const double* a, Eigen::Index lda, int t0, int t1,
                                        int ncols, double* out, Eigen::Index ldo) {
  for (int c = 0; c < Y.chunks(); ++c) {
    const int kr = Y.rows(c);
    double* o = out + c * kGemmRows;
    const double* Yc = Y.chunk(c);
    if (kr > 8) {
      gemm_fwd_chunk<3, Acc>(Yc, a, lda, t0, t1, ncols, o, ldo, kr);
    } else if (kr > 4) {
      gemm_fwd_chunk<2, Acc>(Yc, a, lda, t0, t1, ncols, o, ldo, kr);
    } else {
      gemm_fwd_chunk<1, Acc>(Yc, a, lda, t0, t1, ncols, o, ldo, kr);
    }
  }
}

// out (k x ncols, leading dimension ldo) = Y(:, t0..t1) * A(t0..t1, cols),
// the columns of A at a with leading dimension lda; in passes of
// kGemmFwdRows rows, each adding to the sums of the one before.
NMFKIT_TARGET_AVX2_NOFMA inline void gemm_fwd(const PackedY& Y, const double* a, Eigen::Index lda, int t0, int t1,
                                        int ncols, double* out, Eigen::Index ldo) {
  for (int p0 = t0; p0 < t1; p0 += kGemmFwdRows) {
    const int p1 = std::min(t1, p0 + kGemmFwdRows);
    if (p0 == t0) {
      gemm_fwd_pass<false>(Y, a, lda, p0, p1, ncols, out, ldo);
    } else {
      gemm_fwd_pass<true>(Y, a, lda, p0, p1, ncols, out, ldo);
    }
  }
}

// Columns of A per tile of the transposed product (the tile of 8 rows of A
// then stays in the cache while every row chunk of Y passes over it).
constexpr int kGemmTileCols = 512;
// Rows of Y per register tile of the transposed product.
constexpr int kGemmTRows = 6;
// Tiles of 8 rows of A ahead that gemm_trans_tile prefetches.
constexpr int kGemmTransAhead = 2;

// out(l, r) += sum_j a[r + j * lda] y[l + j * ldy] (in order of j) for 8 rows r and NL <= 6
// rows l (out is k x m column-major: out[r * ldo + l]).
template <int NL>
NMFKIT_ALWAYS_INLINE void gemm_trans_tile(const double* a, Eigen::Index lda, const double* y, int ldy, int n,
                                          double* out, Eigen::Index ldo) {
  // the running sums of the earlier tiles of columns (zero for the first)
  Vec4 acc[NL][2];
#pragma GCC unroll 8
  for (int l = 0; l < NL; ++l) {
    double tmp[8];
    for (int r = 0; r < 8; ++r) tmp[r] = out[r * ldo + l];
    std::memcpy(acc[l], tmp, sizeof(tmp));
  }
  for (int j = 0; j < n; ++j) {
    const double* aj = a + j * lda;
    // the next rows of this column of A, read kGemmTransAhead tiles later:
    // a tile visits n columns a page or more apart, too many streams for the
    // hardware prefetcher, which left the product waiting on memory
    __builtin_prefetch(aj + 8 * kGemmTransAhead);
    Vec4 a0, a1;
    std::memcpy(&a0, aj, sizeof(Vec4));
    std::memcpy(&a1, aj + 4, sizeof(Vec4));
    const double* yj = y + static_cast<Eigen::Index>(j) * ldy;
#pragma GCC unroll 8
    for (int l = 0; l < NL; ++l) {
      const double s = yj[l];
      acc[l][0] += s * a0;
      acc[l][1] += s * a1;
    }
  }
  for (int l = 0; l < NL; ++l) {
    double tmp[8];
    std::memcpy(tmp, acc[l], sizeof(tmp));
    for (int r = 0; r < 8; ++r) out[r * ldo + l] = tmp[r];
  }
}

// out (k x nrows) = Y (k x n) * A(r0..r0+nrows, 0..n)', A column-major with
// leading dimension lda; yp holds the n columns of Y with their rows padded
// to kp, a multiple of kGemmTRows (pad_rows_for_trans).
NMFKIT_TARGET_AVX2_NOFMA inline void gemm_trans(const double* yp, int kp, int k, const double* A, Eigen::Index lda,
                                          int r0, int nrows, int n, double* out) {
  std::fill(out, out + static_cast<Eigen::Index>(k) * nrows, 0.0);
  const int r8 = nrows / 8 * 8;
  for (int j0 = 0; j0 < n; j0 += kGemmTileCols) {
    const int nb = std::min(kGemmTileCols, n - j0);
    const double* yt = yp + static_cast<Eigen::Index>(j0) * kp;
    for (int r = 0; r < r8; r += 8) {
      const double* a = A + r0 + r + static_cast<Eigen::Index>(j0) * lda;
      for (int l0 = 0; l0 < k; l0 += kGemmTRows) {
        const double* y = yt + l0;
        double* o = out + static_cast<Eigen::Index>(r) * k + l0;
        switch (std::min(kGemmTRows, k - l0)) {
          case 6: gemm_trans_tile<6>(a, lda, y, kp, nb, o, k); break;
          case 5: gemm_trans_tile<5>(a, lda, y, kp, nb, o, k); break;
          case 4: gemm_trans_tile<4>(a, lda, y, kp, nb, o, k); break;
          case 3: gemm_trans_tile<3>(a, lda, y, kp, nb, o, k); break;
          case 2: gemm_trans_tile<2>(a, lda, y, kp, nb, o, k); break;
          default: gemm_trans_tile<1>(a, lda, y, kp, nb, o, k); break;
        }
      }
    }
    for (int r = r8; r < nrows; ++r)
      for (int j = j0; j < j0 + nb; ++j) {
        const double x = A[r0 + r + static_cast<Eigen::Index>(j) * lda];
        const double* yj = yp + static_cast<Eigen::Index>(j) * kp;
        for (int l = 0; l < k; ++l) out[static_cast<Eigen::Index>(r) * k + l] += x * yj[l];
      }
  }
}

// Y with its rows padded to a multiple of kGemmTRows (the layout gemm_trans reads).
inline Matrix pad_rows_for_trans(const Matrix& Y) {
  const int k = static_cast<int>(Y.rows()), kp = (k + kGemmTRows - 1) / kGemmTRows * kGemmTRows;
  Matrix Yp = Matrix::Zero(kp, Y.cols());
  Yp.topRows(k) = Y;
  return Yp;
}

#endif  // NMFKIT_X86_DISPATCH

}  // namespace nmfkit

#endif  // NMFKIT_DATA_GEMM_H
