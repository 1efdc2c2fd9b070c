// The AVX2 products of a dense side (data/gemm.h, used by DenseSide::mult)
// equal Eigen's to rounding, for ranks around every tile size, blocks of
// columns and of rows (of A, and of A' by chunks of the columns of A), and
// with 1 or 2 threads bitwise the same.
#include <nmfkit/data/dense.h>

#include <cmath>

#include "../harness.h"

namespace {
double rel_diff(const nmfkit::Matrix& a, const nmfkit::Matrix& b) { return (a - b).norm() / b.norm(); }
}  // namespace

TEST(dense_products_match_eigen_at_every_rank_and_shape) {
  // (on a CPU without AVX2 this checks Eigen's path, the only one there)
  // 4100 x 60: row chunks of A; 40 x 4100 and 600 x 2100: column chunks of A for A'
  const int shapes[][2] = {{67, 53}, {301, 97}, {4100, 70}, {4100, 60}, {33, 1201}, {40, 4100}, {600, 2100}};
  for (const auto& sh : shapes) {
    const int m = sh[0], n = sh[1];
    nmfkit::Matrix A = nmfkit::Matrix::Random(m, n).cwiseAbs();
    nmfkit::DenseData d(A.data(), m, n);
    for (int k : {4, 5, 6, 7, 8, 9, 12, 13, 19, 24, 31, 50}) {
      nmfkit::Matrix W = nmfkit::Matrix::Random(k, m), H = nmfkit::Matrix::Random(k, n), out1, out2, t1, t2;
      d.fwd.mult(W, out1, 1);
      d.fwd.mult(W, out2, 2);
      CHECK(rel_diff(out1, W * A) < 1e-13);
      CHECK(out1 == out2);
      d.bwd.mult(H, t1, 1);
      d.bwd.mult(H, t2, 2);
      CHECK(rel_diff(t1, H * A.transpose()) < 1e-13);
      CHECK(t1 == t2);
    }
  }
}

TEST(dense_products_of_the_baseline_build_match_the_wide_ones) {
  const int m = 211, n = 157, k = 11;
  nmfkit::Matrix A = nmfkit::Matrix::Random(m, n), W = nmfkit::Matrix::Random(k, m), a, b;
  nmfkit::DenseSide side(A.data(), m, n, false);
  side.mult(W, a, 1);
  const int saved = nmfkit::simd_cap().load();
  nmfkit::simd_cap().store(0);
  side.mult(W, b, 1);
  nmfkit::simd_cap().store(saved);
  CHECK(rel_diff(a, b) < 1e-13);
}
