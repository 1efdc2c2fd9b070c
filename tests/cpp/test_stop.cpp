// The stopping rules (stop.h) on hand-made sequences where the iteration at
// which each must fire is known.
#include <nmfkit/stop.h>

#include <cmath>
#include <limits>
#include <vector>

#include "harness.h"

namespace {

using nmfkit::Matrix;

// H whose column j has its largest entry in row labels[j].
Matrix labelled(const std::vector<int>& labels, int k) {
  Matrix H = Matrix::Constant(k, static_cast<int>(labels.size()), 0.1);
  for (size_t j = 0; j < labels.size(); ++j) H(labels[j], j) = 1.0 + j;
  return H;
}

// Index of the first value at which `check` says stop (-1: never).
template <class Check>
int first_stop(const std::vector<double>& values, Check check) {
  for (size_t i = 0; i < values.size(); ++i)
    if (check(values[i])) return static_cast<int>(i);
  return -1;
}

}  // namespace

TEST(relative_rule_fires_at_the_first_small_relative_decrease) {
  const double nan = std::numeric_limits<double>::quiet_NaN(), inf = std::numeric_limits<double>::infinity();
  auto run = [](double tol, const std::vector<double>& v) {
    nmfkit::RelativeRule rule(tol);
    return first_stop(v, [&](double x) { return rule.check(x); });
  };
  // changes of 10, 0.5 and 0.01: relative to the previous value 10%, 0.56%
  // and 0.011%
  const std::vector<double> seq{100, 90, 89.5, 89.49, 80};
  CHECK_EQ(run(1e-3, seq), 3);
  CHECK_EQ(run(1e-2, seq), 2);
  CHECK_EQ(run(1e-4, seq), -1);
  CHECK_EQ(run(1e-3, {5}), -1);                // one value: nothing to compare
  CHECK_EQ(run(1e-3, {5, 5}), 1);              // no change at all
  CHECK_EQ(run(1e-3, {5, 6, 6.001}), 2);       // a rise counts by its size too
  CHECK_EQ(run(1e-3, {10, nan, 9}), 1);        // NaN stops at once
  CHECK_EQ(run(1e-3, {inf, inf, 3, 3}), 3);    // an infinite previous value is no measure
  CHECK_EQ(run(0.0, {1, 0.5, 0.5}), 2);        // tol 0: only an exact repeat
}

TEST(column_argmax_and_same_partition) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Matrix H(3, 4);
  H << 1, 5, nan, nan,  //
      3, 5, 2, nan,     //
      2, 1, 1, nan;
  const std::vector<int> lab = nmfkit::column_argmax(H);
  CHECK(lab == (std::vector<int>{1, 0, 1, -1}));  // first on ties, NaN ignored, -1 for no number
  CHECK(nmfkit::same_partition({0, 0, 1, 2}, {2, 2, 0, 1}, 3));   // renamed clusters
  CHECK(!nmfkit::same_partition({0, 0, 1, 2}, {2, 2, 0, 0}, 3));  // two merged
  CHECK(!nmfkit::same_partition({0, 1, 1, 2}, {0, 0, 1, 2}, 3));  // one moved
  CHECK(nmfkit::same_partition({-1, 0, 0}, {-1, 1, 1}, 2));       // no-number columns match each other
  CHECK(!nmfkit::same_partition({-1, 0, 0}, {0, 0, 0}, 2));
}

// stopconv = 2: stops at the 3rd check in a row without a change of the
// partition (more than 2 unchanged checks), renaming clusters included.
TEST(connectivity_rule_fires_after_stopconv_unchanged_checks) {
  const int k = 3;
  const std::vector<int> a{0, 0, 1, 2, 2}, a_renamed{2, 2, 0, 1, 1}, b{0, 1, 1, 2, 2};
  {
    nmfkit::ConnectivityRule rule(2);
    std::vector<bool> fired;
    for (const auto& lab : {a, a, a_renamed, a, a}) fired.push_back(rule.check(labelled(lab, k)));
    CHECK(fired == (std::vector<bool>{false, false, false, true, true}));
  }
  {
    nmfkit::ConnectivityRule rule(2);  // a change starts the count again
    std::vector<bool> fired;
    for (const auto& lab : {a, a, a, b, b, b, b}) fired.push_back(rule.check(labelled(lab, k)));
    CHECK(fired == (std::vector<bool>{false, false, false, false, false, false, true}));
  }
  {
    nmfkit::ConnectivityRule rule(0);  // stopconv 0: the first repeat
    CHECK(!rule.check(labelled(a, k)));
    CHECK(rule.check(labelled(a_renamed, k)));
  }
}

// interval 5, niter 3: windows of 4 values, the first from iteration 0 (the
// start) on, the next from iteration 5; stops at a window's end when
// (max - min) / niter <= th.
TEST(stationary_rule_fires_at_the_end_of_a_flat_window) {
  const double th = 0.5;
  // iterations 0..3 fall by 1 (range 3: 3 / 3 > th); from 5 on flat
  auto value = [](int iter) { return iter <= 3 ? 10.0 - iter : 6.0; };
  nmfkit::StationaryRule rule(th, 5, 3);
  std::vector<int> asked;
  int fired = -1;
  for (int iter = 0; iter <= 20 && fired < 0; ++iter) {
    if (iter > 0 && !rule.wants(iter)) continue;
    asked.push_back(iter);
    if (rule.check(iter, value(iter))) fired = iter;
  }
  CHECK(asked == (std::vector<int>{0, 1, 2, 3, 5, 6, 7, 8}));
  CHECK_EQ(fired, 8);
  {
    nmfkit::StationaryRule r2(th, 5, 3);  // a window within th stops at its end
    CHECK(!r2.check(0, 1.0));
    CHECK(!r2.check(1, 1.4));
    CHECK(!r2.check(2, 1.2));
    CHECK(r2.check(3, 2.5));  // range 1.5: 1.5 / 3 = 0.5 <= th
  }
  {
    nmfkit::StationaryRule r3(th, 5, 3);
    CHECK(!r3.check(0, 1.0));
    CHECK(r3.check(1, std::numeric_limits<double>::quiet_NaN()));  // NaN stops
  }
  {
    nmfkit::StationaryRule r4(th, 5, 3);  // iteration 0 starts afresh
    CHECK(!r4.check(0, 1.0));
    CHECK(!r4.check(1, 100.0));
    CHECK(!r4.check(0, 1.0));
    CHECK(!r4.check(1, 1.0));
    CHECK(!r4.check(2, 1.0));
    CHECK(r4.check(3, 1.0));
  }
}

// wminchange 1, iconv 3, eps_conv 0.1: stops at the 3rd check in a row with
// at most one change of W's memberships and none of H's, once the KKT
// residual is at most a tenth of the first check's.
TEST(snmf_rule_fires_after_iconv_quiet_checks_with_a_small_residual) {
  const std::vector<int> w{0, 1, 1, 0}, w1{0, 1, 0, 0}, w2{1, 1, 0, 1}, h{1, 0, 2}, h1{1, 1, 2};
  {
    nmfkit::SnmfRule rule(4, 3, 1, 3, 0.1);
    CHECK(rule.first());
    CHECK(!rule.check(w, h, 1.0));  // the first check: everything changed
    CHECK(!rule.first());
    CHECK(!rule.check(w, h, 0.5));   // quiet 1
    CHECK(!rule.check(w1, h, 0.2));  // quiet 2 (one change of W allowed)
    CHECK(rule.check(w1, h, 0.1));   // quiet 3, residual 0.1 <= 0.1 * 1
  }
  {
    nmfkit::SnmfRule rule(4, 3, 1, 3, 0.1);  // the residual holds it back
    CHECK(!rule.check(w, h, 1.0));
    CHECK(!rule.check(w, h, 0.5));
    CHECK(!rule.check(w, h, 0.5));
    CHECK(!rule.check(w, h, 0.5));
    CHECK(rule.check(w, h, 0.05));
  }
  {
    nmfkit::SnmfRule rule(4, 3, 1, 3, 0.1);  // a change of H, or two of W, start the count again
    CHECK(!rule.check(w, h, 1.0));
    CHECK(!rule.check(w, h, 0.01));
    CHECK(!rule.check(w, h1, 0.01));
    CHECK(!rule.check(w, h1, 0.01));
    CHECK(!rule.check(w2, h1, 0.01));  // w -> w2: 3 changes
    CHECK(!rule.check(w2, h1, 0.01));
    CHECK(!rule.check(w2, h1, 0.01));
    CHECK(rule.check(w2, h1, 0.01));
  }
  {
    nmfkit::SnmfRule rule(4, 3, 1, 3, 0.1);  // reset: a new first check, a new reference
    CHECK(!rule.check(w, h, 1.0));
    CHECK(!rule.check(w, h, 1.0));
    rule.reset();
    CHECK(rule.first());
    CHECK(!rule.check(w, h, 10.0));
    CHECK(!rule.check(w, h, 1.0));
    CHECK(!rule.check(w, h, 1.0));
    CHECK(rule.check(w, h, 1.0));  // 1 <= 0.1 * 10
  }
}
