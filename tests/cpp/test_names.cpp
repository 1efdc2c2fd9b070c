// The core's names (names.h): every method and stopping-rule name gives its
// enum value, every option name sets its own field and no other, unknown
// names are refused.
#include <nmfkit/names.h>

#include <string>
#include <vector>

#include "harness.h"

namespace {

using nmfkit::Options;

// Every settable field of Options, as doubles, in a fixed order.
std::vector<double> fields(const Options& o) {
  return {o.tol, o.stationary_th, o.eps, o.inner_tol, o.l1_w, o.l1_h, o.l2_w, o.l2_h, o.theta, o.alpha,
          o.beta, o.eta, o.eps_conv, double(o.maxit), double(o.threads), double(o.check_every),
          double(o.stopconv), double(o.stationary_interval), double(o.stationary_niter), double(o.inner),
          double(o.wminchange), double(o.iconv), double(o.track), double(o.extrapolate), double(o.fixed_w),
          double(o.fixed_h)};
}

}  // namespace

TEST(every_method_name_gives_its_method) {
  using nmfkit::Method;
  const struct {
    const char* name;
    Method method;
  } expect[] = {{"hals", Method::hals},     {"anls", Method::anls},       {"kl", Method::kl},
                {"lee", Method::lee},       {"frobenius", Method::frobenius}, {"brunet", Method::brunet},
                {"kl_mu", Method::kl_mu},   {"offset", Method::offset},   {"nsnmf", Method::nsnmf},
                {"ls_nmf", Method::lsnmf},  {"pe_nmf", Method::penmf},    {"snmf_r", Method::snmf_r},
                {"snmf_l", Method::snmf_l}};
  std::vector<int> seen(13, 0);
  for (const auto& e : expect) {
    Method m = Method::hals;
    if (e.method == Method::hals) m = Method::anls;  // so that a silent no-op shows
    CHECK(nmfkit::method_from_name(e.name, m));
    CHECK(m == e.method);
    ++seen[static_cast<int>(m)];
  }
  CHECK(seen == std::vector<int>(13, 1));  // every method has exactly one name
  for (const char* bad : {"", "HALS", "Hals", "snmf/r", "ls-nmf", "KL", "nsNMF", "lee ", "x"}) {
    Method m = Method::penmf;
    CHECK(!nmfkit::method_from_name(bad, m));
    CHECK(m == Method::penmf);  // untouched
  }
}

TEST(every_stop_name_gives_its_rule) {
  using nmfkit::StopRule;
  const struct {
    const char* name;
    StopRule rule;
  } expect[] = {{"relative", StopRule::relative},
                {"connectivity", StopRule::connectivity},
                {"stationary", StopRule::stationary},
                {"snmf", StopRule::snmf}};
  for (const auto& e : expect) {
    StopRule r = e.rule == StopRule::relative ? StopRule::snmf : StopRule::relative;
    CHECK(nmfkit::stop_from_name(e.name, r));
    CHECK(r == e.rule);
  }
  for (const char* bad : {"", "Relative", "tol", "none"}) {
    StopRule r = StopRule::stationary;
    CHECK(!nmfkit::stop_from_name(bad, r));
    CHECK(r == StopRule::stationary);
  }
}

TEST(every_option_name_sets_its_field_only) {
  // the names in the order of fields(), with a value none of them has by default
  const char* names[] = {"tol",         "stationary_th", "eps",      "inner_tol",          "l1_w",
                         "l1_h",        "l2_w",          "l2_h",     "theta",              "alpha",
                         "beta",        "eta",           "eps_conv", "maxit",              "threads",
                         "check_every", "stopconv",      "stationary_interval", "stationary_niter", "inner",
                         "wminchange",  "iconv",         "track",    "extrapolate",        "fixed_w",
                         "fixed_h"};
  const Options defaults;
  const std::vector<double> before = fields(defaults);
  CHECK_EQ(before.size(), sizeof(names) / sizeof(names[0]));
  for (size_t f = 0; f < before.size(); ++f) {
    Options o;
    const bool flag = f >= 22;
    const double value = flag ? (before[f] != 0.0 ? 0.0 : 1.0) : 37.0;
    CHECK(nmfkit::set_option(o, names[f], value));
    std::vector<double> want = before;
    want[f] = value;
    CHECK(fields(o) == want);
  }
  Options o;
  CHECK(nmfkit::set_option(o, "maxit", 12.9));  // whole numbers take the value converted
  CHECK_EQ(o.maxit, 12);
  CHECK(nmfkit::set_option(o, "track", 2.0));
  CHECK(o.track);
  for (const char* bad : {"", "weight", "method", "stop", "Tol", "maxIter", "L1", "l1", "check.interval"}) {
    Options p;
    CHECK(!nmfkit::set_option(p, bad, 1.0));
    CHECK(fields(p) == before);
  }
}
