// nmfkit: vectorised kernels and run-time CPU dispatch for the few kernels
// whose loops are bound by vector width (division-heavy KL sweeps). R packages are built with the
// platform's baseline flags (SSE2 on x86-64), so a kernel written once as an
// always-inline template is also compiled for AVX2 + FMA inside a function
// with that target, and the CPU picks at run time. Elsewhere (other compilers
// or architectures) only the baseline exists.
//
// The two builds of a kernel differ in rounding (FMA contraction, vector
// width of the reductions), never in what they compute; on one machine the
// choice is fixed, so results stay reproducible and independent of threads.
#ifndef NMFKIT_CORE_SIMD_H
#define NMFKIT_CORE_SIMD_H

#include <atomic>

#if defined(__GNUC__) && defined(__x86_64__) && !defined(NMFKIT_NO_DISPATCH)
#define NMFKIT_X86_DISPATCH 1
#define NMFKIT_TARGET_AVX2 __attribute__((target("avx2,fma")))
#else
#define NMFKIT_X86_DISPATCH 0
#define NMFKIT_TARGET_AVX2
#endif

#if defined(__GNUC__)
#define NMFKIT_ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define NMFKIT_ALWAYS_INLINE inline
#endif

namespace nmfkit {

enum class SimdLevel : int { baseline = 0, avx2 = 1 };

// What this CPU supports (asked once).
inline SimdLevel cpu_simd_level() {
#if NMFKIT_X86_DISPATCH
  static const SimdLevel level = [] {
    __builtin_cpu_init();
    return (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) ? SimdLevel::avx2
                                                                             : SimdLevel::baseline;
  }();
  return level;
#else
  return SimdLevel::baseline;
#endif
}

// The level kernels use: the CPU's, unless capped (tests compare both builds;
// a user can rule out the wider one). Set from the host's thread only.
inline std::atomic<int>& simd_cap() {
  static std::atomic<int> cap{static_cast<int>(SimdLevel::avx2)};
  return cap;
}
inline SimdLevel simd_level() {
  const int cpu = static_cast<int>(cpu_simd_level()), cap = simd_cap().load(std::memory_order_relaxed);
  return static_cast<SimdLevel>(cpu < cap ? cpu : cap);
}

// y[0..n) += a * x[0..n), vectorised.
NMFKIT_ALWAYS_INLINE void add_scaled(double* y, const double* x, double a, int n) {
#ifdef _OPENMP
#pragma omp simd
#endif
  for (int i = 0; i < n; ++i) y[i] += a * x[i];
}

}  // namespace nmfkit

#endif  // NMFKIT_CORE_SIMD_H
