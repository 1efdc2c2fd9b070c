// The hold-out hash of cross-validation (mask.h): deterministic, the
// same cells seen from A and from A', about the asked fraction, other cells
// for another seed; and the masks' walk over a column's observed cells.
#include <nmfkit/data/dense.h>
#include <nmfkit/data/sparse.h>
#include <nmfkit/mask.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "harness.h"

namespace {
const int kRows = 300, kCols = 200;

// The held-out cells of an m x n matrix, column-major.
std::vector<char> held(std::uint64_t seed, double fraction) {
  std::vector<char> out(kRows * kCols);
  for (int j = 0; j < kCols; ++j)
    for (int i = 0; i < kRows; ++i) out[i + kRows * j] = nmfkit::held_out(i, j, seed, fraction);
  return out;
}
}  // namespace

TEST(held_out_is_deterministic_and_near_its_fraction) {
  for (double f : {0.01, 0.05, 0.3}) {
    const std::vector<char> a = held(42, f), b = held(42, f);
    CHECK(a == b);
    double n = 0;
    for (char c : a) n += c;
    const double cells = kRows * kCols, sd = std::sqrt(cells * f * (1 - f));
    CHECK(std::abs(n - cells * f) <= 4 * sd);
  }
  CHECK(!nmfkit::held_out(3, 4, 42, 0.0));  // fraction 0: nothing
  CHECK(nmfkit::held_out(3, 4, 42, 1.0));   // fraction 1: everything
}

TEST(held_out_cells_differ_between_seeds) {
  const double f = 0.05;
  const std::vector<char> a = held(1, f), b = held(2, f);
  double na = 0, both = 0;
  for (size_t t = 0; t < a.size(); ++t) {
    na += a[t];
    both += a[t] && b[t];
  }
  // independent sets share about f^2 of the cells, not f
  const double cells = kRows * kCols;
  CHECK(both < 0.25 * na);
  CHECK(std::abs(both - cells * f * f) <= 5 * std::sqrt(cells * f * f));
  // a larger fraction keeps the cells of a smaller one (same seed)
  const std::vector<char> c = held(1, 2 * f);
  int lost = 0;
  for (size_t t = 0; t < a.size(); ++t) lost += a[t] && !c[t];
  CHECK_EQ(lost, 0);
}

// A's side and A''s side hold out the same cells: cell (i, j) of A is cell
// (j, i) of the transposed side.
TEST(held_out_cells_are_the_same_from_both_sides) {
  nmfkit::SideMask fwd, bwd;
  fwd.holdout = bwd.holdout = 0.1;
  fwd.seed = bwd.seed = 7;
  bwd.transposed = true;
  int differ = 0, out = 0;
  for (int j = 0; j < kCols; ++j)
    for (int i = 0; i < kRows; ++i) {
      differ += fwd.hashed_out(i, j) != bwd.hashed_out(j, i);
      out += fwd.hashed_out(i, j);
    }
  CHECK_EQ(differ, 0);
  CHECK(out > 0);
}

// for_observed visits the same (cell, value, weight) triples from A (columns)
// and from A' (rows), dense and sparse alike, for every kind of mask.
TEST(observed_cells_agree_between_sides_and_storage) {
  const int m = 13, n = 9;
  nmfkit::Matrix A(m, n);
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < m; ++i) A(i, j) = ((i * 7 + j * 3) % 5 == 0) ? 0.0 : 1.0 + i + 10 * j;
  nmfkit::SpMat S = A.sparseView();
  S.makeCompressed();
  const nmfkit::DenseData dense(A.data(), m, n);
  const nmfkit::SparseData sparse(m, n, static_cast<int>(S.nonZeros()), S.outerIndexPtr(), S.innerIndexPtr(),
                                  S.valuePtr());
  // excluded: cells with (i + j) % 4 == 0
  std::vector<int> p{0}, idx;
  for (int j = 0; j < n; ++j) {
    for (int i = 0; i < m; ++i)
      if ((i + j) % 4 == 0) idx.push_back(i);
    p.push_back(static_cast<int>(idx.size()));
  }
  nmfkit::Matrix V = nmfkit::Matrix::Constant(m, n, 0.5);
  V(2, 3) = 0.0;
  std::vector<nmfkit::Mask> masks(4);
  masks[1] = nmfkit::exclude_mask(m, n, p.data(), idx.data());
  masks[2].fwd.mode = masks[2].bwd.mode = nmfkit::SideMask::Mode::weights;
  masks[2].fwd.v = masks[2].bwd.v = V.data();
  masks[2].fwd.v_rows = masks[2].bwd.v_rows = m;
  masks[3].fwd.holdout = masks[3].bwd.holdout = 0.2;
  masks[3].fwd.seed = masks[3].bwd.seed = 5;
  for (nmfkit::Mask& mk : masks) mk.bwd.transposed = true;
  for (const nmfkit::Mask& mk : masks) {
    nmfkit::Matrix seen_fwd = nmfkit::Matrix::Constant(m, n, -1), seen_bwd = seen_fwd, seen_sp = seen_fwd;
    std::vector<double> buf;
    for (int j = 0; j < n; ++j) {
      nmfkit::for_observed(dense.fwd, mk.fwd, j, buf,
                           [&](int i, double v, double w) { seen_fwd(i, j) = v * 1000 + w; });
      nmfkit::for_observed(sparse.fwd, mk.fwd, j, buf,
                           [&](int i, double v, double w) { seen_sp(i, j) = v * 1000 + w; });
    }
    for (int i = 0; i < m; ++i)
      nmfkit::for_observed(dense.bwd, mk.bwd, i, buf, [&](int j, double v, double w) { seen_bwd(i, j) = v * 1000 + w; });
    CHECK(seen_fwd == seen_bwd);
    CHECK(seen_fwd == seen_sp);
  }
  // the excluded cells are left out, the others seen with weight 1
  nmfkit::Matrix seen = nmfkit::Matrix::Zero(m, n);
  std::vector<double> buf;
  for (int j = 0; j < n; ++j)
    nmfkit::for_observed(sparse.fwd, masks[1].fwd, j, buf, [&](int i, double, double w) { seen(i, j) = w; });
  int wrong = 0;
  for (int j = 0; j < n; ++j)
    for (int i = 0; i < m; ++i) wrong += seen(i, j) != ((i + j) % 4 == 0 ? 0.0 : 1.0);
  CHECK_EQ(wrong, 0);
}
