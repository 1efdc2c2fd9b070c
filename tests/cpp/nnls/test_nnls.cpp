// Exact NNLS (nnls/bpp.h, nnls/small.h, nnls/columns.h) against an exhaustive
// search: for k <= 8, the least objective over every passive set's face, on
// random Gram matrices with many right-hand sides each: positive definite,
// and rank-deficient as fits make them (zero components: zero rows and
// columns) or with dependent columns (a known bug, see the KNOWN_BUG tests);
// for larger k, the KKT conditions.
#include <nmfkit/nnls/bpp.h>
#include <nmfkit/nnls/columns.h>
#include <nmfkit/nnls/small.h>

#include <algorithm>
#include <memory>
#include <random>
#include <utility>
#include <vector>

#include "../harness.h"

namespace {

using nmfkit::Matrix;
using nmfkit::Vector;

double objective(const Matrix& G, const Vector& b, const Vector& x) { return 0.5 * x.dot(G * x) - b.dot(x); }

// min over x >= 0 of 1/2 x'Gx - b'x by trying every passive set P: the
// minimum-norm minimiser on the face {x_P free, x elsewhere 0}, when it is
// feasible (G PSD and b in its range: the minimum is attained at such a face).
double brute_force_min(const Matrix& G, const Vector& b) {
  const int k = static_cast<int>(G.rows());
  double best = 0.0;  // x = 0
  for (unsigned mask = 1; mask < (1u << k); ++mask) {
    std::vector<int> idx;
    for (int i = 0; i < k; ++i)
      if (mask & (1u << i)) idx.push_back(i);
    const int p = static_cast<int>(idx.size());
    Matrix Gp(p, p);
    Vector bp(p);
    for (int r = 0; r < p; ++r) {
      bp(r) = b(idx[r]);
      for (int c = 0; c < p; ++c) Gp(r, c) = G(idx[r], idx[c]);
    }
    const Vector xp = Gp.completeOrthogonalDecomposition().solve(bp);
    if (xp.minCoeff() < -1e-13 * std::max(1.0, xp.cwiseAbs().maxCoeff())) continue;
    Vector x = Vector::Zero(k);
    for (int r = 0; r < p; ++r) x(idx[r]) = std::max(0.0, xp(r));
    best = std::min(best, objective(G, b, x));
  }
  return best;
}

// A Gram matrix Y Y' (Y k x r: rank r when r < k) and a right-hand side Y d
// in its range, d with mixed signs (so that some constraints are active).
struct Problem {
  Matrix Y, G;
};
// `zeros` components (rows of Y, every other from the second) are zero.
Problem make_gram(int k, int r, std::mt19937_64& rng, int zeros = 0) {
  std::normal_distribution<double> z(0.0, 1.0);
  Problem pr;
  pr.Y = Matrix(k, r);
  for (int j = 0; j < r; ++j)
    for (int i = 0; i < k; ++i) pr.Y(i, j) = z(rng) + (i == j % k ? 1.0 : 0.0);
  for (int t = 0; t < zeros; ++t) pr.Y.row((1 + 2 * t) % k).setZero();
  pr.G = pr.Y * pr.Y.transpose();
  return pr;
}
Vector make_rhs(const Matrix& Y, std::mt19937_64& rng) {
  std::normal_distribution<double> z(0.3, 1.0);
  Vector d(Y.cols());
  for (int i = 0; i < d.size(); ++i) d(i) = z(rng);
  return Y * d;
}
Vector warm_start(int k, int trial, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Vector x = Vector::Zero(k);
  if (trial % 3 == 0) return x;  // cold start
  for (int i = 0; i < k; ++i) x(i) = u(rng) < 0.5 ? 0.0 : u(rng);
  return x;
}

bool same_objective(double f, double fb) { return std::abs(f - fb) <= 1e-10 * std::max(std::abs(fb), 1e-30); }

// The Gram matrices tried for rank k: (columns of Y, zero components).
// Positive definite, and with one or two zero components (the rank
// deficiency of a fit whose W or H has a zero column or row).
std::vector<std::pair<int, int>> gram_kinds(int k) {
  std::vector<std::pair<int, int>> kinds{{k + 3, 0}};
  if (k >= 2) kinds.push_back({k + 3, 1});
  if (k >= 4) kinds.push_back({k + 3, 2});
  return kinds;
}
// Rank-deficient with dependent columns: Y with fewer columns than rows.
std::vector<std::pair<int, int>> dependent_kinds(int k) {
  std::vector<std::pair<int, int>> kinds;
  if (k >= 2) kinds.push_back({k - 1, 0});
  if (k >= 4) kinds.push_back({k / 2, 0});
  return kinds;
}

// nnls_bpp (run-time rank) on 3 Gram matrices of each kind, 40 right-hand
// sides each, cold and warm starts; the number of wrong answers.
int bpp_wrong(int k, const std::vector<std::pair<int, int>>& kinds, std::mt19937_64& rng) {
  int wrong = 0;
  for (const auto& kind : kinds)
    for (int g = 0; g < 3; ++g) {
      const Problem pr = make_gram(k, kind.first, rng, kind.second);
      nmfkit::NnlsWork work(k);
      for (int t = 0; t < 40; ++t) {
        const Vector b = make_rhs(pr.Y, rng);
        Vector x = warm_start(k, t, rng);
        nmfkit::nnls_bpp(pr.G, b.data(), x.data(), k, work);
        wrong += x.minCoeff() < 0.0 || !same_objective(objective(pr.G, b, x), brute_force_min(pr.G, b));
      }
    }
  return wrong;
}

// The same for SmallNnls<K> (compile-time rank).
int small_wrong(int k, const std::vector<std::pair<int, int>>& kinds, std::mt19937_64& rng) {
  return nmfkit::with_rank<8>(k, [&](auto K) {
    constexpr int kk = decltype(K)::value > 0 ? decltype(K)::value : 1;
    int wrong = 0;
    for (const auto& kind : kinds)
      for (int g = 0; g < 3; ++g) {
        const Problem pr = make_gram(k, kind.first, rng, kind.second);
        std::unique_ptr<nmfkit::SmallNnls<kk>> solver(new nmfkit::SmallNnls<kk>(pr.G));
        for (int t = 0; t < 40; ++t) {
          const Vector b = make_rhs(pr.Y, rng);
          Vector x = warm_start(k, t, rng);
          solver->solve(b.data(), x.data());
          wrong += x.minCoeff() < 0.0 || !same_objective(objective(pr.G, b, x), brute_force_min(pr.G, b));
        }
      }
    return wrong;
  });
}

}  // namespace

TEST(nnls_bpp_matches_exhaustive_search) {
  std::mt19937_64 rng(1);
  for (int k = 1; k <= 8; ++k) CHECK_EQ(bpp_wrong(k, gram_kinds(k), rng), 0);
}

TEST(small_nnls_matches_exhaustive_search) {
  std::mt19937_64 rng(2);
  for (int k = 1; k <= 8; ++k) CHECK_EQ(small_wrong(k, gram_kinds(k), rng), 0);
}

// A singular passive block of dependent (non-zero) columns is factored with
// a pivot at rounding level, or, when that fails, with a ridge of 1e-12 times
// the largest diagonal entry: SmallNnls's cached inverse then has entries
// near 1e16 and its answer can be far from the optimum (not even a KKT
// point); nnls_bpp's triangular solves stay close (objective within a few
// 1e-9). Fits meet such blocks (check-identical's cases do), so mending the
// solvers changes fits: left for its own change.
KNOWN_BUG(nnls_bpp_on_dependent_columns, "1e-12 ridge on singular passive blocks: objective off by up to ~3e-9") {
  std::mt19937_64 rng(5);
  for (int k = 2; k <= 8; ++k) CHECK_EQ(bpp_wrong(k, dependent_kinds(k), rng), 0);
}

KNOWN_BUG(small_nnls_on_dependent_columns, "inverse of numerically singular passive blocks: wrong, non-KKT answers") {
  std::mt19937_64 rng(6);
  for (int k = 2; k <= 8; ++k) CHECK_EQ(small_wrong(k, dependent_kinds(k), rng), 0);
}

// Every column of nnls_columns against the search on G + L2 I and B - L1,
// and the same X with 1 and 2 threads (over several work items).
TEST(nnls_columns_with_penalties_match_exhaustive_search) {
  std::mt19937_64 rng(3);
  const nmfkit::Penalty pens[] = {{0.0, 0.0}, {0.3, 0.0}, {0.0, 0.7}, {0.2, 0.4}};
  for (int k = 1; k <= 8; ++k)
    for (const auto& kind : gram_kinds(k))
      for (const nmfkit::Penalty& pen : pens) {
        const Problem pr = make_gram(k, kind.first, rng, kind.second);
        const int c = 300;
        Matrix B(k, c);
        for (int j = 0; j < c; ++j) B.col(j) = make_rhs(pr.Y, rng);
        Matrix X1 = Matrix::Zero(k, c), X2 = X1;
        nmfkit::nnls_columns(pr.G, B, X1, 1, pen);
        nmfkit::nnls_columns(pr.G, B, X2, 2, pen);
        CHECK(X1 == X2);
        Matrix Gp = pr.G;
        Gp.diagonal().array() += pen.l2;
        int wrong = 0;
        for (int j = 0; j < c; j += 7) {
          const Vector bp = B.col(j).array() - pen.l1;
          wrong += !same_objective(objective(Gp, bp, X1.col(j)), brute_force_min(Gp, bp));
        }
        CHECK_EQ(wrong, 0);
        CHECK(X1.minCoeff() >= 0.0);
      }
}

// Larger ranks (the factor cache by table, by hash, and none past 63): the
// KKT conditions x >= 0, gradient 0 where x > 0 and >= 0 where x = 0.
TEST(nnls_larger_ranks_satisfy_kkt) {
  std::mt19937_64 rng(4);
  for (int k : {9, 12, 13, 20, 40, 70})
    for (int zeros : {0, 3}) {
      const Problem pr = make_gram(k, k + 5, rng, zeros);
      const int c = 150;
      Matrix B(k, c);
      for (int j = 0; j < c; ++j) B.col(j) = make_rhs(pr.Y, rng);
      Matrix X = Matrix::Zero(k, c);
      nmfkit::nnls_columns(pr.G, B, X, 2, nmfkit::Penalty());
      const double scale = pr.G.diagonal().maxCoeff() * (1.0 + X.cwiseAbs().maxCoeff());
      int bad = 0;
      for (int j = 0; j < c; ++j) {
        const Vector grad = pr.G * X.col(j) - B.col(j);
        for (int i = 0; i < k; ++i) {
          const double x = X(i, j), g = grad(i);
          bad += x < 0.0 || (x > 0.0 && std::abs(g) > 1e-8 * scale) || (x == 0.0 && g < -1e-8 * scale);
        }
      }
      CHECK_EQ(bad, 0);
    }
}

// The Cholesky kernels (column-major, by panels of kCholPanel columns) solve
// G s = r as Eigen's LLT does, for every size around the panel width.
TEST(cholesky_kernels_solve_as_eigen) {
  std::mt19937_64 rng(7);
  for (int p = 1; p <= 13; ++p) {
    const Problem pr = make_gram(p, p + 4, rng);
    std::vector<double> a(p * p);
    nmfkit::factor_block([&](int r, int c) { return pr.G(r, c); }, p, a.data());
    const Vector r = make_rhs(pr.Y, rng);
    Vector s = r;
    nmfkit::cholesky_substitute(a.data(), s.data(), p);
    const Vector want = pr.G.llt().solve(r);
    CHECK((s - want).cwiseAbs().maxCoeff() <= 1e-10 * (1.0 + want.cwiseAbs().maxCoeff()));
  }
}

// The factor store (ranks 13-63) only saves work: with it, without it, and
// past the point where it turns itself off (few repeated passive sets), the
// solutions are the same bit for bit; right-hand sides met twice in a row
// hit it.
TEST(nnls_factor_store_gives_the_same_bits) {
  std::mt19937_64 rng(8);
  for (int k : {13, 20, 40}) {
    const Problem pr = make_gram(k, k + 5, rng, 3);
    const int c = 400;
    Matrix B(k, 2 * c);
    for (int j = 0; j < c; ++j) B.col(2 * j) = B.col(2 * j + 1) = make_rhs(pr.Y, rng);
    nmfkit::NnlsWork cached(k), plain(k);
    plain.cache = false;
    int differ = 0;
    for (int j = 0; j < 2 * c; ++j) {
      Vector x1 = Vector::Zero(k), x2 = Vector::Zero(k);
      nmfkit::nnls_bpp(pr.G, B.col(j).data(), x1.data(), k, cached);
      nmfkit::nnls_bpp(pr.G, B.col(j).data(), x2.data(), k, plain);
      differ += !(x1.array() == x2.array()).all();
    }
    CHECK_EQ(differ, 0);
    CHECK(cached.hits > 0);
  }
  // distinct passive sets all along: the store stops being asked
  const int k = 30;
  const Problem pr = make_gram(k, k + 5, rng, 0);
  nmfkit::NnlsWork cached(k), plain(k);
  plain.cache = false;
  int differ = 0;
  for (int j = 0; j < 2000; ++j) {
    const Vector b = make_rhs(pr.Y, rng);
    Vector x1 = warm_start(k, j + 1, rng), x2 = x1;
    nmfkit::nnls_bpp(pr.G, b.data(), x1.data(), k, cached);
    nmfkit::nnls_bpp(pr.G, b.data(), x2.data(), k, plain);
    differ += !(x1.array() == x2.array()).all();
  }
  CHECK_EQ(differ, 0);
  CHECK(!cached.store_pays());
}
