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
