// nmfkit: threads that stay faster than one on a busy machine.
//
// A parallel region ends when its slowest thread does. When another process
// keeps a core busy, the thread the scheduler puts on that core runs only
// part of the time, and every region of an iteration waits for it: two
// threads were measured 3.5x slower than one on a 2-core machine with one
// core busy (one measurement). The governor watches each parallel region: the threads' CPU
// time summed over the region, divided by its wall time, is the speed-up
// the region got. When three regions in a row got less than kSlowSpeedup,
// the next regions run on the calling thread alone; after a pause (0.5 s,
// doubling while the machine stays busy, at most 8 s) the threads are tried
// again, and one slow region ends that trial. Work items write only their
// own output, so the thread count the governor picks never changes a result.
#ifndef NMFKIT_CORE_GOVERNOR_H
#define NMFKIT_CORE_GOVERNOR_H

#include <algorithm>
#include <chrono>

#if !defined(_WIN32)
#include <time.h>
#endif

namespace nmfkit {

// CPU seconds of the calling thread (-1 where the clock is missing, which
// turns the governor off: it then never sees a slow region).
inline double thread_cpu_seconds() {
#if !defined(_WIN32) && defined(CLOCK_THREAD_CPUTIME_ID)
  timespec ts;
  if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) == 0) return static_cast<double>(ts.tv_sec) + 1e-9 * ts.tv_nsec;
#endif
  return -1.0;
}

inline double wall_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Regions shorter than this say little (thread wake-up dominates).
constexpr double kGovernorMinWall = 2e-4;
// A region whose threads together ran less than this many times its wall
// time would have been about as fast on one thread.
constexpr double kSlowSpeedup = 1.15;
constexpr int kSlowStrikes = 3;
constexpr double kFirstPause = 0.5, kMaxPause = 8.0;

class ThreadGovernor {
 public:

  // The threads the next region uses when `requested` are asked for, at time `now`.
  int threads_for(int requested, double now) {
    if (requested < 2 || !enabled_) return requested;
    if (serial_) {
      if (now < retry_at_) return 1;
      serial_ = false;  // try the threads again: one slow region ends the trial
      strikes_ = kSlowStrikes - 1;
    }
    return requested;
  }

  // What a region run on `threads` threads took: `wall` seconds, `cpu` CPU
  // seconds summed over its threads (negative: unknown).
  void record(int threads, double wall, double cpu, double now) {
    if (threads < 2 || wall < kGovernorMinWall || cpu < 0.0) return;
    if (cpu / wall >= kSlowSpeedup) {
      strikes_ = 0;
      pause_ = kFirstPause;
      return;
    }
    if (++strikes_ < kSlowStrikes) return;
    serial_ = true;
    retry_at_ = now + pause_;
    pause_ = std::min(kMaxPause, 2.0 * pause_);
    ++serial_spells_;
  }

  bool serial() const { return serial_; }
  long serial_spells() const { return serial_spells_; }
  void set_enabled(bool on) {
    enabled_ = on;
    reset();
  }
  bool enabled() const { return enabled_; }
  void reset() {
    serial_ = false;
    strikes_ = 0;
    pause_ = kFirstPause;
    retry_at_ = 0.0;
    serial_spells_ = 0;
  }

 private:
  bool enabled_ = true, serial_ = false;
  int strikes_ = 0;
  double pause_ = kFirstPause, retry_at_ = 0.0;
  long serial_spells_ = 0;
};

// The process's governor; used from the host thread only (parallel_for is
// never called from inside a worker).
inline ThreadGovernor& thread_governor() {
  static ThreadGovernor governor;
  return governor;
}

}  // namespace nmfkit

#endif  // NMFKIT_CORE_GOVERNOR_H
