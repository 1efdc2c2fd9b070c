// nmfkit: one pass over a matrix's stored values for the checks before a fit
// (R/validate-data.R): the least and largest finite value and the counts of
// missing (NA or NaN), infinite and negative values, without the temporary
// logical matrices that is.na() or range() would allocate.
#ifndef NMFKIT_DATA_VALUES_H
#define NMFKIT_DATA_VALUES_H

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

#include "../core/threads.h"

namespace nmfkit {

struct ValueStats {
  double min = std::numeric_limits<double>::infinity();   // of the finite values
  double max = -std::numeric_limits<double>::infinity();  // of the finite values
  double n_missing = 0, n_infinite = 0, n_negative = 0;   // negative: -Inf included
};

// Adds v[0, n) to s, value by value.
inline void scan_values_exact(const double* v, std::size_t n, ValueStats& s) {
  double lo = s.min, hi = s.max;
  std::size_t na = 0, inf = 0, neg = 0;
  for (std::size_t t = 0; t < n; ++t) {
    const double x = v[t];
    if (std::isnan(x)) {
      ++na;
      continue;
    }
    neg += x < 0.0;
    if (std::isinf(x)) {
      ++inf;
      continue;
    }
    lo = std::min(lo, x);
    hi = std::max(hi, x);
  }
  s.min = lo;
  s.max = hi;
  s.n_missing += static_cast<double>(na);
  s.n_infinite += static_cast<double>(inf);
  s.n_negative += static_cast<double>(neg);
}

// Values per block of scan_values's vectorised pass.
constexpr std::size_t kScanBlock = 4096;

// Adds v[0, n) to s: blocks of kScanBlock values in one vectorised,
// branch-free pass (least, largest, negatives and values that are not
// finite); a block that holds a missing or infinite value is scanned again
// value by value. Minima, maxima and counts do not depend on the order, so
// both give the same statistics.
inline void scan_values(const double* v, std::size_t n, ValueStats& s) {
  constexpr double big = std::numeric_limits<double>::max();
  for (std::size_t t0 = 0; t0 < n; t0 += kScanBlock) {
    const std::size_t len = std::min(kScanBlock, n - t0);
    const double* b = v + t0;
    double lo = s.min, hi = s.max;
    long odd = 0, neg = 0;
#ifdef _OPENMP
#pragma omp simd reduction(min : lo) reduction(max : hi) reduction(+ : odd, neg)
#endif
    for (std::size_t t = 0; t < len; ++t) {
      const double x = b[t];
      odd += !(std::abs(x) <= big);  // NaN or +-Inf
      neg += x < 0.0;
      lo = x < lo ? x : lo;
      hi = x > hi ? x : hi;
    }
    if (odd > 0) {
      scan_values_exact(b, len, s);
      continue;
    }
    s.min = lo;
    s.max = hi;
    s.n_negative += static_cast<double>(neg);
  }
}

// The statistics of v[0, n), scanned in chunks of 2^24 values with an
// interrupt poll between them (a chunk takes a few milliseconds).
inline ValueStats value_stats(const double* v, std::size_t n) {
  constexpr std::size_t kChunk = std::size_t(1) << 24;
  ValueStats s;
  for (std::size_t t0 = 0; t0 < n; t0 += kChunk) {
    if (interrupt_requested()) throw Interrupted();
    scan_values(v + t0, std::min(kChunk, n - t0), s);
  }
  return s;
}

}  // namespace nmfkit

#endif  // NMFKIT_DATA_VALUES_H
