// nmfkit: the data matrix as the solvers see it: what every side shares (the
// fixed work-item sizes, ordered sums, the KL cell, a column view). The sides
// themselves are in dense.h and sparse.h.
//
// Every update fits one factor X (k x c) with the other factor Y (k x r) held
// fixed, on a "side" D (r x c) of the data such that D ~ Y' X:
//   updating H:  D = A  (m x n), Y = W' (k x m), X = H  (k x n)
//   updating W:  D = A' (n x m), Y = H  (k x n), X = W' (k x m)
// so one routine serves both factors. A side wraps a dense column-major array
// (read in place, transposed on the fly) or a compressed sparse column matrix
// (the data's own arrays, or a transposed copy of its pattern made once).
// No side ever forms a dense m x n matrix from sparse data.
#ifndef NMFKIT_DATA_SIDE_H
#define NMFKIT_DATA_SIDE_H

#include <cmath>
#include <vector>

#include "../config.h"

namespace nmfkit {

// Columns per parallel work item for dense sides; fixed so that results do not
// depend on the number of threads.
constexpr int kDenseBlock = 64;
// Columns per parallel work item for sparse sides.
constexpr int kSparseBlock = 32;

// Sums per-block partial results in a fixed order.
inline double ordered_sum(const std::vector<double>& parts) {
  double s = 0.0;
  for (double v : parts) s += v;
  return s;
}

// Generalised KL contribution of one cell: d log(d / p) - d + p, with the
// conventions 0 log 0 = 0 and a cell with d = 0 contributing p.
inline double kl_cell(double d, double p) {
  if (d == 0.0) return p;
  return d * std::log(d / p) - d + p;
}

// Ratio d / p used by the KL multiplicative update; 0 / 0 is taken as 0 so that
// all-zero rows or columns never produce NaN, and so is d / 0: a cell the
// model gives 0 (its factors' entries are 0 there, and a multiplicative
// update keeps zeros at 0) must not turn 0 * Inf into NaN.
inline double kl_ratio(double d, double p) { return (d == 0.0 || p == 0.0) ? 0.0 : d / p; }

// One column of a side: `n` entries with values `val` at rows `idx` (all rows
// 0..n-1 in order when `idx` is null).
struct ColumnView {
  int n;
  const int* idx;
  const double* val;
  int row(int t) const { return idx ? idx[t] : t; }
};

}  // namespace nmfkit

#endif  // NMFKIT_DATA_SIDE_H
