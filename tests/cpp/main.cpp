// Runs every registered test of the core; the last line is the summary
//   test-cpp: N tests, N checks, N failed[; N known-bug tests not run]
// and the exit status is 1 when any check failed or a test threw.
//   nmfkit-tests [NAME]          the tests whose name contains NAME
//   nmfkit-tests --known-bugs    only the KNOWN_BUG tests (each must fail)
#include <chrono>
#include <cstdio>
#include <exception>
#include <string>

#include <nmfkit/core/governor.h>

#include "harness.h"

namespace {

// Runs one test; returns its number of failed checks (a throw counts as one).
long run_one(const nmfkit_test::Test& t) {
  nmfkit_test::counters() = nmfkit_test::Counters();
  try {
    t.fn();
  } catch (const std::exception& e) {
    nmfkit_test::fail(t.name, 0, std::string("threw: ") + e.what());
  } catch (...) {
    nmfkit_test::fail(t.name, 0, "threw a non-standard exception");
  }
  if (nmfkit_test::counters().checks == 0) nmfkit_test::fail(t.name, 0, "no check ran");
  return nmfkit_test::counters().failures;
}

}  // namespace

int main(int argc, char** argv) {
  // the tests that compare 1 and 2 threads must run both even on a loaded
  // machine: the thread governor is off, except in its own tests
  nmfkit::thread_governor().set_enabled(false);
  const std::string arg = argc > 1 ? argv[1] : "";
  const bool known_bugs = arg == "--known-bugs";
  const std::string only = known_bugs ? "" : arg;  // a part of the names to run
  const auto t0 = std::chrono::steady_clock::now();
  int run = 0, failed = 0, skipped = 0;
  long checks = 0;
  for (const nmfkit_test::Test& t : nmfkit_test::registry()) {
    if (!only.empty() && std::string(t.name).find(only) == std::string::npos) continue;
    if ((t.known_bug != nullptr) != known_bugs) {
      if (t.known_bug) {
        ++skipped;
        std::printf("bug  %s (not run: %s)\n", t.name, t.known_bug);
      }
      continue;
    }
    const long failures = run_one(t);
    ++run;
    checks += nmfkit_test::counters().checks;
    // a known-bug test is expected to fail; passing means the bug is gone
    const bool bad = known_bugs ? failures == 0 : failures > 0;
    if (bad) ++failed;
    if (known_bugs)
      std::printf("%s %s (%ld checks, %ld failed)\n", bad ? "PASS?" : "bug ", t.name, nmfkit_test::counters().checks,
                  failures);
    else
      std::printf("%s %s (%ld checks%s)\n", bad ? "FAIL" : "ok  ", t.name, nmfkit_test::counters().checks,
                  bad ? (", " + std::to_string(failures) + " failed").c_str() : "");
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (known_bugs) {
    std::printf("test-cpp --known-bugs: %d tests, %d still fail as known, %d pass now (%.1f s)\n", run, run - failed,
                failed, secs);
    return failed > 0 || run == 0 ? 1 : 0;
  }
  std::printf("test-cpp: %d tests, %ld checks, %d failed", run, checks, failed);
  if (skipped > 0) std::printf("; %d known-bug tests not run (--known-bugs runs them)", skipped);
  std::printf(" (%.1f s)\n", secs);
  return failed > 0 || run == 0 ? 1 : 0;
}
