// nmfkit: a parallel loop over independent items with OpenMP.
// Exceptions thrown inside a worker are caught there and rethrown on the
// calling thread; no R API is ever touched from a worker.
#ifndef NMFKIT_THREADS_H
#define NMFKIT_THREADS_H

#include <exception>

#ifdef _OPENMP
#include <omp.h>
#endif

namespace nmfkit {

// Calls fn(i) for i in [0, n). Each item must write only its own output, so
// the result does not depend on the number of threads.
template <class Fn>
void parallel_for(int n, int threads, Fn fn) {
  if (threads < 2 || n < 2) {
    for (int i = 0; i < n; ++i) fn(i);
    return;
  }
  std::exception_ptr error = nullptr;
#ifdef _OPENMP
#pragma omp parallel for num_threads(threads) schedule(dynamic)
#endif
  for (int i = 0; i < n; ++i) {
    try {
      fn(i);
    } catch (...) {
#ifdef _OPENMP
#pragma omp critical(nmfkit_error)
#endif
      if (!error) error = std::current_exception();
    }
  }
  if (error) std::rethrow_exception(error);
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

#endif  // NMFKIT_THREADS_H
