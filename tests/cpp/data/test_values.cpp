// The one-pass value scan of the checks before a fit (data/values.h): finite
// range and the counts of missing, infinite and negative values, across the
// chunk boundary of its interrupt polls.
#include <nmfkit/data/values.h>

#include <cmath>
#include <limits>
#include <vector>

#include "../harness.h"

TEST(value_stats_counts_missing_infinite_and_negative_values) {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::nan("");
  const std::vector<double> v = {3.0, nan, -inf, 0.0, -2.5, inf, 7.0, nan, 1e-300};
  const nmfkit::ValueStats s = nmfkit::value_stats(v.data(), v.size());
  CHECK(s.min == -2.5);
  CHECK(s.max == 7.0);
  CHECK(s.n_missing == 2);
  CHECK(s.n_infinite == 2);
  CHECK(s.n_negative == 2);  // -2.5 and -Inf
}

TEST(value_stats_of_nothing_finite_has_an_empty_range) {
  const std::vector<double> v = {std::nan(""), std::numeric_limits<double>::infinity()};
  const nmfkit::ValueStats s = nmfkit::value_stats(v.data(), v.size());
  CHECK(s.min > s.max);
  CHECK(s.n_missing == 1 && s.n_infinite == 1 && s.n_negative == 0);
}

TEST(value_stats_spans_its_chunks) {
  // 2^24 values per chunk: the extremes and a missing value in the second one
  std::vector<double> v((std::size_t(1) << 24) + 10, 1.0);
  v[5] = 0.5;
  v.back() = 9.0;
  v[v.size() - 3] = std::nan("");
  const nmfkit::ValueStats s = nmfkit::value_stats(v.data(), v.size());
  CHECK(s.min == 0.5);
  CHECK(s.max == 9.0);
  CHECK(s.n_missing == 1);
  CHECK(s.n_negative == 0);
}

// The vectorised pass by blocks gives the value-by-value scan's statistics,
// with missing and infinite values in some blocks, at their edges and not.
TEST(value_stats_by_blocks_match_the_value_by_value_scan) {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::nan("");
  const std::size_t n = 5 * nmfkit::kScanBlock + 123;
  std::vector<double> v(n);
  for (std::size_t t = 0; t < n; ++t) v[t] = std::sin(0.37 * static_cast<double>(t)) * (1.0 + t % 7);
  const std::size_t b = nmfkit::kScanBlock;
  for (int trial = 0; trial < 4; ++trial) {
    if (trial == 1) v[b - 1] = nan;
    if (trial == 2) v[2 * b] = -inf;
    if (trial == 3) v[n - 1] = inf;
    nmfkit::ValueStats fast, exact;
    nmfkit::scan_values(v.data(), n, fast);
    nmfkit::scan_values_exact(v.data(), n, exact);
    CHECK(fast.min == exact.min);
    CHECK(fast.max == exact.max);
    CHECK(fast.n_missing == exact.n_missing);
    CHECK(fast.n_infinite == exact.n_infinite);
    CHECK(fast.n_negative == exact.n_negative);
  }
}
