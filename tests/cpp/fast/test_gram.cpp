// The update from a Gram matrix and right-hand side alone (fast/gram.h),
// which R's block fits use: the exact update equals the in-memory anls
// update on the same data, hals's sweeps never raise the objective, and
// wrong shapes are refused.
#include <nmfkit/data/dense.h>
#include <nmfkit/fast/anls.h>
#include <nmfkit/fast/gram.h>

#include <random>
#include <stdexcept>

#include "../harness.h"

namespace {
using nmfkit::Matrix;

Matrix uniform(int r, int c, unsigned seed) {
  std::mt19937 g(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Matrix m(r, c);
  for (int j = 0; j < c; ++j)
    for (int i = 0; i < r; ++i) m(i, j) = u(g);
  return m;
}

// 1/2 ||A - W H||^2
double loss(const Matrix& A, const Matrix& Wt, const Matrix& H) {
  return 0.5 * (A - Wt.transpose() * H).squaredNorm();
}
}  // namespace

TEST(gram_update_equals_the_in_memory_anls_update_and_hals_descends) {
  const Matrix A = uniform(40, 30, 1), Wt = uniform(5, 40, 2), H0 = uniform(5, 30, 3);
  const Matrix G = Wt * Wt.transpose(), B = Wt * A;
  nmfkit::Options opt;
  Matrix exact = H0;
  nmfkit::gram_update(true, G, B, exact, opt, nmfkit::Penalty{});
  Matrix direct = H0;
  nmfkit::Workspace ws;
  const nmfkit::DenseData data(A.data(), static_cast<int>(A.rows()), static_cast<int>(A.cols()));
  nmfkit::anls_update(data.fwd, Wt, direct, ws, opt, nmfkit::Penalty{});
  CHECK((exact - direct).cwiseAbs().maxCoeff() < 1e-12);
  CHECK(exact.minCoeff() >= 0.0);
  Matrix sweeps = H0;
  nmfkit::gram_update(false, G, B, sweeps, opt, nmfkit::Penalty{});
  CHECK(loss(A, Wt, sweeps) <= loss(A, Wt, H0));
  CHECK(loss(A, Wt, exact) <= loss(A, Wt, sweeps) + 1e-9);
}

TEST(gram_update_refuses_wrong_shapes) {
  const Matrix G = Matrix::Identity(3, 3), B = Matrix::Ones(3, 4);
  Matrix X = Matrix::Zero(2, 4);
  CHECK_THROWS(nmfkit::gram_update(true, G, B, X, nmfkit::Options{}, nmfkit::Penalty{}), std::invalid_argument);
}
