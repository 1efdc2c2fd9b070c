// nmfkit: a parallel loop over independent items with OpenMP.
// Exceptions thrown inside a worker are caught there and rethrown on the
// calling thread; no R API is ever touched from a worker.
#ifndef NMFKIT_CORE_THREADS_H
#define NMFKIT_CORE_THREADS_H

#include <atomic>
#include <exception>
#include <functional>
#include <thread>

#include "governor.h"

#ifdef _OPENMP
#include <omp.h>
#endif
#if defined(_OPENMP) && !defined(_WIN32)
#include <unistd.h>
#endif

namespace nmfkit {

// Thrown by parallel_for when the interrupt poll asks to stop; the factors
// being updated are then incomplete and the fit must be abandoned.
struct Interrupted : std::exception {
  const char* what() const noexcept override { return "nmfkit: interrupted"; }
};

// The interrupt poll of the current call (empty: never interrupted) and the
// thread that installed it. The host installs it around a long call (see
// InterruptPoll); parallel_for calls it between work items, on that thread
// only, so that an interrupt is seen within one work item even when a single
// iteration takes minutes. The poll must be cheap (the R glue looks at the
// clock and asks R at most every 100 ms).
struct PollState {
  std::function<bool()> poll;
  std::thread::id host;
};
inline PollState& interrupt_state() {
  static PollState state;
  return state;
}

// True when the host asked to stop; false on any other thread than the host's.
inline bool interrupt_requested() {
  const PollState& st = interrupt_state();
  return st.poll && std::this_thread::get_id() == st.host && st.poll();
}

// Installs `poll` for the lifetime of the object (restoring the previous one).
class InterruptPoll {
 public:
  explicit InterruptPoll(std::function<bool()> poll) : saved_(interrupt_state()) {
    interrupt_state() = PollState{std::move(poll), std::this_thread::get_id()};
  }
  ~InterruptPoll() { interrupt_state() = saved_; }
  InterruptPoll(const InterruptPoll&) = delete;
  InterruptPoll& operator=(const InterruptPoll&) = delete;

 private:
  PollState saved_;
};

// Calls fn(i) for i in [0, n). Each item must write only its own output, so
// the result does not depend on the number of threads.
// An interrupt seen by the poll stops the loop (remaining items are skipped)
// and throws Interrupted on the calling thread.
// libgomp's thread pool does not survive fork(): a child forked after its
// parent ran a parallel region (parallel::mclapply, future's multicore plan)
// waits for ever for the parent's threads when it opens one itself. The first
// process to open a parallel region owns OpenMP; any other (a forked child)
// runs its loops on one thread, which gives the same results.
inline bool may_open_parallel_region() {
#if defined(_OPENMP) && !defined(_WIN32)
  static std::atomic<long> owner(0);
  const long me = static_cast<long>(getpid());
  long expected = 0;
  return owner.compare_exchange_strong(expected, me) || expected == me;
#else
  return true;
#endif
}

// The thread governor (governor.h) may run a region on the calling thread
// alone while the machine is too busy for the others to help.
template <class Fn>
void parallel_for(int n, int threads, Fn fn) {
  ThreadGovernor& gov = thread_governor();
  const double t0 = threads > 1 && n > 1 ? wall_seconds() : 0.0;
  if (threads > 1 && n > 1) threads = gov.threads_for(threads, t0);
  if (threads < 2 || n < 2 || !may_open_parallel_region()) {
    for (int i = 0; i < n; ++i) {
      if (interrupt_requested()) throw Interrupted();
      fn(i);
    }
    return;
  }
  std::exception_ptr error = nullptr;
  std::atomic<bool> stop(false);
  // CPU time of every thread from its start to the end of its share of the
  // loop (before the closing barrier, where the spinning would count too)
  double cpu = 0.0;
  bool cpu_known = true;
#ifdef _OPENMP
#pragma omp parallel num_threads(threads)
#endif
  {
    const double c0 = thread_cpu_seconds();
#ifdef _OPENMP
#pragma omp for schedule(dynamic) nowait
#endif
    for (int i = 0; i < n; ++i) {
      if (stop.load(std::memory_order_relaxed)) continue;
      if (interrupt_requested()) {  // asks the host on the host's thread only
        stop.store(true);
        continue;
      }
      try {
        fn(i);
      } catch (...) {
#ifdef _OPENMP
#pragma omp critical(nmfkit_error)
#endif
        if (!error) error = std::current_exception();
        stop.store(true);
      }
    }
    const double c1 = thread_cpu_seconds();
#ifdef _OPENMP
#pragma omp critical(nmfkit_cpu)
#endif
    {
      if (c0 < 0.0 || c1 < 0.0) cpu_known = false;
      cpu += c1 - c0;
    }
  }
  const double t1 = wall_seconds();
  gov.record(threads, t1 - t0, cpu_known ? cpu : -1.0, t1);
  if (error) std::rethrow_exception(error);
  if (stop.load()) throw Interrupted();
}

// Index of the calling thread inside a parallel_for (0 outside).
inline int thread_index() {
#ifdef _OPENMP
  return omp_get_thread_num();
#else
  return 0;
#endif
}

// Number of fixed-size blocks covering n items (block boundaries never depend
// on the thread count).
inline int n_blocks(int n, int block) { return (n + block - 1) / block; }

}  // namespace nmfkit

#endif  // NMFKIT_CORE_THREADS_H
