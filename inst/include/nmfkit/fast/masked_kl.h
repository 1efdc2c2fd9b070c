// nmfkit: the KL update of a factor on part of the cells (the masks: ../mask.h):
// the fast KL column kernel (kl.h) on each column's observed cells.
#ifndef NMFKIT_FAST_MASKED_KL_H
#define NMFKIT_FAST_MASKED_KL_H

#include <algorithm>
#include <vector>

#include "../config.h"
#include "../core/threads.h"
#include "../data/side.h"
#include "kl.h"
#include "../model.h"
#include "../mask.h"

namespace nmfkit {

// Masked KL coordinate descent: each column sees only its observed cells.
// Returns the KL divergence over the observed cells when `want_loss`, else 0.
template <class Side>
double masked_kl_update(const Side& D, const SideMask& mk, const Matrix& Y, Matrix& X,
                        const Options& opt, Penalty pen, bool want_loss = true) {
  const int k = static_cast<int>(X.rows());
  const Matrix yt = Y.transpose();
  std::vector<double> parts(n_blocks(static_cast<int>(X.cols()), kSparseBlock), 0.0);
  parallel_for(static_cast<int>(parts.size()), opt.threads, [&](int blk) {
    const int c0 = blk * kSparseBlock, c1 = std::min<int>(X.cols(), c0 + kSparseBlock);
    std::vector<double> buf, vals;
    std::vector<int> rows;
    KlScratch scratch;
    Vector ysum(k);
    double total = 0.0;
    for (int j = c0; j < c1; ++j) {
      rows.clear();
      vals.clear();
      ysum.setZero();
      int n_obs = 0;
      for_observed(D, mk, j, buf, [&](int row, double value, double) {
        ysum += Y.col(row);
        ++n_obs;
        if (value != 0.0) {
          rows.push_back(row);
          vals.push_back(value);
        }
      });
      if (n_obs == 0) {  // nothing observed: 0, as the least-squares solvers
        for (int l = 0; l < k; ++l) X(l, j) = 0.0;
        continue;
      }
      total += kl_scd_column(col_ptr(X, j), k, rows.data(), vals.data(), static_cast<int>(rows.size()),
                             yt, ysum, scratch, opt.inner, pen, want_loss);
    }
    parts[blk] = total;
  });
  return ordered_sum(parts);
}

}  // namespace nmfkit

#endif  // NMFKIT_FAST_MASKED_KL_H
