// Timing helper of the standalone benchmarks in tests/cpp (not part of the R build).
#ifndef NMFKIT_TESTS_TIMING_H
#define NMFKIT_TESTS_TIMING_H
#include <chrono>
using clk = std::chrono::steady_clock;
// Milliseconds per repetition since t0.
inline double ms(clk::time_point t0, int reps) {
  return 1e3 * std::chrono::duration<double>(clk::now() - t0).count() / reps;
}
#endif
