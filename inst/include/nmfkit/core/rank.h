// nmfkit: compile-time rank dispatch, the one place that turns the run-time
// rank k into a compile-time constant. Kernels whose loops run over the k
// components (hals's sweeps, the small NNLS solver) are much faster with k
// known to the compiler (unrolled loops, fixed-size arrays on the stack):
//
//   with_rank<Max>(k, f)  calls  f(std::integral_constant<int, K>())
//
// with K = k when 1 <= k <= Max, and with K = 0, meaning "the rank is known
// at run time only", otherwise. Every K gives f the same arithmetic; only the
// code the compiler can make of it differs.
#ifndef NMFKIT_CORE_RANK_H
#define NMFKIT_CORE_RANK_H

#include <type_traits>

namespace nmfkit {
namespace detail {

// Tries K, K + 1, ..., Max in turn; past Max, the run-time rank.
template <int K, int Max, bool Past = (K > Max)>
struct RankDispatch {
  template <class F>
  static auto call(int k, F& f) -> decltype(f(std::integral_constant<int, 0>())) {
    if (k == K) return f(std::integral_constant<int, K>());
    return RankDispatch<K + 1, Max>::call(k, f);
  }
};

template <int K, int Max>
struct RankDispatch<K, Max, true> {
  template <class F>
  static auto call(int, F& f) -> decltype(f(std::integral_constant<int, 0>())) {
    return f(std::integral_constant<int, 0>());
  }
};

}  // namespace detail

template <int Max, class F>
auto with_rank(int k, F f) -> decltype(f(std::integral_constant<int, 0>())) {
  static_assert(Max >= 0, "with_rank: Max must be at least 0");
  return detail::RankDispatch<1, Max>::call(k, f);
}

}  // namespace nmfkit

#endif  // NMFKIT_CORE_RANK_H
