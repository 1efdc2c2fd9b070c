// nmfkit: fits on part of the cells. A mask leaves cells out of the fit
// (missing values, a user mask, the held-out cells of cross-validation), and
// weights scale each cell's squared error. The loss becomes
//   sum over observed cells of  v_ij (a_ij - (WH)_ij)^2   (or the KL terms),
// so each column j has its own Gram matrix G_j = sum_i v_ij y_i y_i' and
// right-hand side b_j = sum_i v_ij a_ij y_i. They are built from the full
// Gram matrix minus the excluded cells (cost O(excluded k^2)), from the
// observed cells alone (a sparse matrix whose zeros are missing: O(nnz k^2)),
// or from dense weights (O(rows k^2)); W H is never formed. This header holds
// the masks, the walk over a column's observed cells and the hold-out error
// of cross-validation; the masked solvers are fast/masked_ls.h and
// fast/masked_kl.h.
#ifndef NMFKIT_MASK_H
#define NMFKIT_MASK_H

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "config.h"
#include "core/threads.h"
#include "data/side.h"

namespace nmfkit {

// Deterministic pseudo-random hold-out of cell (i, j) of A (splitmix64 of the
// cell and the seed): the same cells whatever the side, thread count or
// backend, without storing a mask.
inline bool held_out(std::uint64_t i, std::uint64_t j, std::uint64_t seed, double fraction) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (i * 0x100000001B3ULL + j + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  z ^= z >> 31;
  return (z >> 11) * (1.0 / 9007199254740992.0) < fraction;
}

// Which cells of one side take part, and with what weight.
struct SideMask {
  enum class Mode { all, exclude, observed, weights };
  Mode mode = Mode::all;
  // exclude: the excluded rows of each column (compressed column pattern)
  std::vector<int> p, i;
  // weights: dense m x n array of A, read transposed for the W side
  const double* v = nullptr;
  int v_rows = 0;
  bool transposed = false;  // this side is A' (columns are rows of A)
  // cross-validation: cells held out by hash, on top of the rest
  double holdout = 0.0;
  std::uint64_t seed = 0;

  bool active() const { return mode != Mode::all || holdout > 0.0; }
  double weight(int row, int col) const {
    return transposed ? v[static_cast<std::ptrdiff_t>(row) * v_rows + col]
                      : v[static_cast<std::ptrdiff_t>(col) * v_rows + row];
  }
  bool hashed_out(int row, int col) const {
    if (holdout <= 0.0) return false;
    return transposed ? held_out(col, row, seed, holdout) : held_out(row, col, seed, holdout);
  }
};

// The two sides' masks.
struct Mask {
  SideMask fwd, bwd;
  bool active() const { return fwd.active(); }
};

// Builds the masks of A and A' from the excluded cells of A given as a
// compressed column pattern (m x n).
inline Mask exclude_mask(int m, int n, const int* p, const int* i) {
  Mask mk;
  mk.fwd.mode = mk.bwd.mode = SideMask::Mode::exclude;
  mk.fwd.p.assign(p, p + n + 1);
  mk.fwd.i.assign(i, i + p[n]);
  // transpose the pattern
  mk.bwd.p.assign(m + 1, 0);
  for (int t = 0; t < p[n]; ++t) ++mk.bwd.p[i[t] + 1];
  for (int r = 0; r < m; ++r) mk.bwd.p[r + 1] += mk.bwd.p[r];
  mk.bwd.i.resize(p[n]);
  std::vector<int> next(mk.bwd.p.begin(), mk.bwd.p.end() - 1);
  for (int c = 0; c < n; ++c)
    for (int t = p[c]; t < p[c + 1]; ++t) mk.bwd.i[next[i[t]]++] = c;
  mk.bwd.transposed = true;
  return mk;
}

// Visits the cells of column c of a side that take part in the fit, calling
// fn(row, value, weight). Dense data: every row; sparse data: every row when
// its zeros are observed (the zeros with value 0), its stored cells only in
// `observed` mode.
template <class Side, class Fn>
void for_observed(const Side& D, const SideMask& mk, int c, std::vector<double>& buf, Fn fn) {
  ColumnView v = D.view(c, buf);
  const bool sparse_all = v.idx != nullptr && mk.mode != SideMask::Mode::observed;
  const int* ex = nullptr;
  int n_ex = 0;
  if (mk.mode == SideMask::Mode::exclude) {
    ex = mk.i.data() + mk.p[c];
    n_ex = mk.p[c + 1] - mk.p[c];
  }
  auto visit = [&](int row, double value) {
    if (mk.hashed_out(row, c)) return;
    if (ex) {  // excluded rows are sorted: advance the cursor
      while (n_ex > 0 && *ex < row) {
        ++ex;
        --n_ex;
      }
      if (n_ex > 0 && *ex == row) return;
    }
    const double w = mk.mode == SideMask::Mode::weights ? mk.weight(row, c) : 1.0;
    if (w != 0.0) fn(row, value, w);
  };
  if (!sparse_all) {
    for (int t = 0; t < v.n; ++t) visit(v.row(t), v.val[t]);
    return;
  }
  // sparse data with observed zeros: merge the stored cells into all rows
  int t = 0;
  for (int row = 0; row < D.rows(); ++row) {
    double value = 0.0;
    if (t < v.n && v.idx[t] == row) value = v.val[t++];
    visit(row, value);
  }
}

// Mean squared error and count of the cells held out by hash (the test error
// of cross-validation), over the cells a fit could have seen otherwise.
template <class Data>
std::pair<double, double> holdout_error(const Data& data, const SideMask& base, const Matrix& W,
                                        const Matrix& H, std::uint64_t seed, double fraction,
                                        int threads) {
  const Matrix Wt = W.transpose();
  SideMask mk = base;
  mk.holdout = 0.0;
  const int n = static_cast<int>(H.cols());
  std::vector<double> err(n_blocks(n, kSparseBlock), 0.0), cnt(err.size(), 0.0);
  parallel_for(static_cast<int>(err.size()), threads, [&](int blk) {
    const int c0 = blk * kSparseBlock, c1 = std::min(n, c0 + kSparseBlock);
    std::vector<double> buf;
    for (int j = c0; j < c1; ++j)
      for_observed(data.fwd, mk, j, buf, [&](int row, double value, double) {
        if (!held_out(row, j, seed, fraction)) return;
        const double e = value - Wt.col(row).dot(H.col(j));
        err[blk] += e * e;
        cnt[blk] += 1.0;
      });
  });
  return {ordered_sum(err), ordered_sum(cnt)};
}

}  // namespace nmfkit

#endif  // NMFKIT_MASK_H
