// nmfkit: one update of a factor from its Gram matrix and right-hand side
// alone, for data that the caller reads in blocks (a matrix larger than
// memory): X (k x c) solves min 1/2 x'Gx - b'x + penalty, x >= 0, column by
// column, where G = Y Y' (k x k) and B = Y D (k x c) were summed over the
// blocks by the caller. Exact NNLS (anls) or hals's coordinate sweeps from
// the current X, as the in-memory updates do on the same G and B.
#ifndef NMFKIT_FAST_GRAM_H
#define NMFKIT_FAST_GRAM_H

#include <stdexcept>

#include "../config.h"
#include "../core/rank.h"
#include "../model.h"
#include "../nnls/columns.h"
#include "hals.h"

namespace nmfkit {

inline void gram_update(bool exact, const Matrix& G, const Matrix& B, Matrix& X, const Options& opt,
                        Penalty pen) {
  if (G.rows() != X.rows() || G.cols() != X.rows() || B.rows() != X.rows() || B.cols() != X.cols())
    throw std::invalid_argument("gram_update: G must be k x k and B k x c for X k x c");
  if (exact) {
    nnls_columns(G, B, X, opt.threads, pen);
    return;
  }
  with_rank<16>(static_cast<int>(X.rows()),
                [&](auto K) { hals_columns<decltype(K)::value>(G, B, X, opt, pen); });
}

}  // namespace nmfkit

#endif  // NMFKIT_FAST_GRAM_H
