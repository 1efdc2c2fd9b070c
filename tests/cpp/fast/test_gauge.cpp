// The gauge of the fast methods (fast/gauge.h) and the momentum's copies of
// the iterates (fast/extrapolation.h): the column-wise row norms and sums
// equal Eigen's row-by-row ones bit for bit, scaling leaves W H unchanged and
// rows of zeros alone, and gauge_iterates scales every copy alike.
#include <nmfkit/fast/extrapolation.h>
#include <nmfkit/fast/gauge.h>

#include <random>

#include "../harness.h"

namespace {
using nmfkit::Matrix;

Matrix uniform(int r, int c, unsigned seed) {
  std::mt19937 g(seed);
  std::uniform_real_distribution<double> u(0.0, 2.0);
  Matrix m(r, c);
  for (int j = 0; j < c; ++j)
    for (int i = 0; i < r; ++i) m(i, j) = u(g);
  return m;
}
}  // namespace

TEST(row_scales_equal_the_row_by_row_norms_and_sums_exactly) {
  const Matrix X = uniform(7, 301, 5);
  const nmfkit::Vector n2 = nmfkit::row_scales(X, 2), n1 = nmfkit::row_scales(X, 1);
  for (int l = 0; l < X.rows(); ++l) {
    CHECK(n2(l) == X.row(l).norm());
    CHECK(n1(l) == X.row(l).sum());
  }
}

TEST(scale_rows_keeps_the_product_and_leaves_zero_rows_alone) {
  Matrix Wt = uniform(4, 50, 6), H = uniform(4, 30, 7);
  Wt.row(2).setZero();
  const Matrix H2 = H.row(2);
  const Matrix WH = Wt.transpose() * H;
  nmfkit::scale_rows(Wt, H, 2);
  CHECK((Wt.transpose() * H - WH).cwiseAbs().maxCoeff() < 1e-12 * WH.maxCoeff());
  CHECK(std::abs(Wt.row(0).norm() - 1.0) < 1e-14);
  CHECK(std::abs(Wt.row(3).norm() - 1.0) < 1e-14);
  CHECK(Wt.row(2).isZero(0.0));
  CHECK(H.row(2) == H2);  // a zero row of W: its row of H unchanged
  nmfkit::scale_rows(Wt, H, 1);
  CHECK(std::abs(Wt.row(1).sum() - 1.0) < 1e-14);
}

TEST(gauge_iterates_scales_the_model_and_the_momentum_alike) {
  nmfkit::Model f;
  f.Wt = uniform(3, 40, 8);
  f.H = uniform(3, 25, 9);
  nmfkit::Extrapolation e;
  e.Wt_hat = f.Wt;
  e.H_prev = f.H;
  e.loss = 1.0;
  const nmfkit::Options opt;
  const nmfkit::Vector s = nmfkit::gauge_scales(f, opt);
  const Matrix Wt0 = f.Wt, H0 = f.H;
  nmfkit::gauge_iterates(f, e, opt);
  CHECK(f.Wt == e.Wt_hat);
  CHECK(f.H == e.H_prev);
  for (int l = 0; l < 3; ++l) {
    CHECK(std::abs(f.Wt.row(l).norm() - 1.0) < 1e-14);
    CHECK(f.Wt(l, 7) == Wt0(l, 7) / s(l));
    CHECK(f.H(l, 4) == H0(l, 4) * s(l));
  }
  CHECK(e.loss == 1.0);  // no penalty: the objective does not move
}
