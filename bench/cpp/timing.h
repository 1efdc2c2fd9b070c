// Timing helper of the standalone C++ benchmarks in bench/cpp (not part of the R build).
#ifndef NMFKIT_BENCH_TIMING_H
#define NMFKIT_BENCH_TIMING_H
#include <chrono>
using clk = std::chrono::steady_clock;
// Milliseconds per repetition since t0.
inline double ms(clk::time_point t0, int reps) {
  return 1e3 * std::chrono::duration<double>(clk::now() - t0).count() / reps;
}
#endif
