// nmfkit: the exact solver of the fast methods ("anls"): one update of a
// factor by NNLS of every column on the Gram matrix (nnls/columns.h); and
// Anls, the solver type the least-squares steps take (fast/updates.h),
// masked fits included, with its guard against a first-iteration collapse.
#ifndef NMFKIT_FAST_ANLS_H
#define NMFKIT_FAST_ANLS_H

#include "../config.h"
#include "masked_ls.h"
#include "../model.h"
#include "../nnls/columns.h"
#include "hals.h"

namespace nmfkit {

// Exact alternating NNLS: each column of X solves min 1/2 ||d - Y'x||^2 +
// penalty, x >= 0, by block principal pivoting on the Gram matrix.
template <class Side>
void anls_update(const Side& D, const Matrix& Y, Matrix& X, Workspace& ws, const Options& opt,
                 Penalty pen) {
  D.mult(Y, ws.B, opt.threads);
  ws.G.noalias() = Y * Y.transpose();
  nnls_columns(ws.G, ws.B, X, opt.threads, pen);
}

// True when a row of X (a component) is all zero.
inline bool zero_row(const Matrix& X) { return (X.rowwise().sum().array() == 0.0).any(); }

// anls's exact solve against a random start can zero a whole component, a
// saddle point it never leaves: in the first iteration such a solve is
// replaced by hals's coordinate descent from the same start. exact() and
// fallback() update X in place.
template <class Exact, class Fallback>
void guard_first_iteration(Matrix& X, int iter, Exact exact, Fallback fallback) {
  if (iter > 1) return exact();
  const Matrix X0 = X;
  exact();
  if (zero_row(X)) {
    X = X0;
    fallback();
  }
}

// anls as the solver of a least-squares step.
struct Anls {
  template <class Side>
  static void solve(const Side& D, const Matrix& Y, Matrix& X, Workspace& ws, const Options& opt, Penalty pen,
                    int iter) {
    guard_first_iteration(
        X, iter, [&] { anls_update(D, Y, X, ws, opt, pen); }, [&] { hals_update(D, Y, X, ws, opt, pen); });
  }
  template <class Side>
  static double masked(const Side& D, const SideMask& mk, const Matrix& Y, Matrix& X, const Options& opt,
                       Penalty pen, int iter) {
    double loss = 0.0;
    guard_first_iteration(
        X, iter, [&] { loss = masked_ls_update(D, mk, Y, X, opt, pen, true); },
        [&] { loss = masked_ls_update(D, mk, Y, X, opt, pen, false); });
    return loss;
  }
};

}  // namespace nmfkit

#endif  // NMFKIT_FAST_ANLS_H
