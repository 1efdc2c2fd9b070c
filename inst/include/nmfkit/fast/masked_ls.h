// nmfkit: the least-squares update of a factor on part of the cells (the masks:
// ../mask.h): every column with the Gram matrix and right-hand side of its own
// observed cells, solved exactly (anls) or by HALS sweeps (hals).
#ifndef NMFKIT_FAST_MASKED_LS_H
#define NMFKIT_FAST_MASKED_LS_H

#include <algorithm>
#include <vector>

#include "../config.h"
#include "../core/threads.h"
#include "../data/side.h"
#include "../model.h"
#include "../nnls/bpp.h"
#include "../mask.h"

namespace nmfkit {

// HALS sweeps on one column with its own Gram matrix G (L2 included) and
// right-hand side bp (L1 included): at most `inner` sweeps over the k
// coordinates, until a sweep changes the objective by at most `inner_tol`
// times the first sweep's change.
inline void hals_sweeps(const Matrix& G, const Vector& bp, double* x, int k, int inner, double inner_tol) {
  double first = -1.0;
  for (int sweep = 0; sweep < inner; ++sweep) {
    double change = 0.0;
    for (int l = 0; l < k; ++l) {
      const double gll = G(l, l);
      if (!(gll > 0.0)) continue;
      double grad = bp(l);
      for (int q = 0; q < k; ++q) grad -= G(l, q) * x[q];
      const double x_new = std::max(0.0, x[l] + grad / gll);
      change += (x_new - x[l]) * (x_new - x[l]) * gll;
      x[l] = x_new;
    }
    if (first < 0.0) first = change;
    if (change <= inner_tol * first) break;
  }
}

// Masked HALS or exact NNLS update of X given Y on side D: per column, the
// Gram matrix and right-hand side of its observed cells. Returns the masked
// loss 1/2 sum v (d - y'x)^2 after the update.
template <class Side>
double masked_ls_update(const Side& D, const SideMask& mk, const Matrix& Y, Matrix& X,
                        const Options& opt, Penalty pen, bool exact) {
  const int k = static_cast<int>(X.rows());
  std::vector<double> parts(n_blocks(static_cast<int>(X.cols()), kSparseBlock), 0.0);
  parallel_for(static_cast<int>(parts.size()), opt.threads, [&](int blk) {
    const int c0 = blk * kSparseBlock, c1 = std::min<int>(X.cols(), c0 + kSparseBlock);
    Matrix G(k, k);
    Vector b(k), bp(k);
    std::vector<double> buf;
    NnlsWork work(k);
    work.cache = false;  // a new Gram matrix for every column
    double total = 0.0;
    for (int j = c0; j < c1; ++j) {
      G.setZero();
      b.setZero();
      double dd = 0.0;
      int n_obs = 0;
      for_observed(D, mk, j, buf, [&](int row, double value, double w) {
        const auto y = Y.col(row);
        G.selfadjointView<Eigen::Lower>().rankUpdate(y, w);
        b.noalias() += (w * value) * y;
        dd += w * value * value;
        ++n_obs;
      });
      G.triangularView<Eigen::StrictlyUpper>() = G.transpose();
      double* x = col_ptr(X, j);
      if (n_obs == 0) {  // nothing observed: the penalised optimum is 0
        for (int l = 0; l < k; ++l) x[l] = 0.0;
        continue;
      }
      G.diagonal().array() += pen.l2;
      for (int l = 0; l < k; ++l) bp(l) = b(l) - pen.l1;
      if (exact) {
        nnls_bpp(G, bp.data(), x, k, work);
      } else {
        hals_sweeps(G, bp, x, k, opt.inner, opt.inner_tol);
      }
      // loss of this column: 1/2 (d'Vd - 2 b'x + x'Gx), G without the L2 term
      Eigen::Map<const Vector> xv(x, k);
      G.diagonal().array() -= pen.l2;
      total += 0.5 * (dd - 2.0 * b.dot(xv) + xv.dot(G * xv));
    }
    parts[blk] = total;
  });
  return ordered_sum(parts);
}

}  // namespace nmfkit

#endif  // NMFKIT_FAST_MASKED_LS_H
