// nmfkit: momentum for the alternating least-squares methods (Ang & Gillis
// 2019, "Accelerating nonnegative matrix factorization algorithms using
// extrapolation", Neural Computation 31(2)): H is updated against an
// extrapolated W, then extrapolated itself, H^ = max(0, H + beta (H - H_prev)),
// before W is updated against it. A step that raises the loss is thrown away:
// the next step starts again from the last accepted pair without momentum and
// beta shrinks; accepted steps let beta grow (to beta_max, which grows slowly).
// The accepted pair is (W, H^), whose loss the W update's Gram matrices give.
#ifndef NMFKIT_FAST_EXTRAPOLATION_H
#define NMFKIT_FAST_EXTRAPOLATION_H

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "../config.h"
#include "../model.h"
#include "gauge.h"

namespace nmfkit {

// The state of the momentum between iterations. The last accepted pair is
// the model itself: f.Wt is the W iterate the next extrapolation of W starts
// from, f.H the extrapolated H (H^) the next H update starts from.
struct Extrapolation {
  double beta = 0.5, beta_max = 1.0;
  double loss = std::numeric_limits<double>::infinity();
  bool plain = true;  // next step without momentum (first step, after a rejection)
  Matrix Wt_hat;      // the extrapolated W the next H update is solved against
  Matrix H_prev;      // the H iterate before its extrapolation
};

// The fast methods' gauge, applied to every copy so that the differences
// between iterates keep their meaning; e.loss follows the penalty's change.
inline void gauge_iterates(Model& f, Extrapolation& e, const Options& opt) {
  const Vector sc = gauge_scales(f, opt);
  if ((sc.array() == 1.0).all()) return;
  const bool penalised = penalises_w(opt) || penalises_h(opt);
  const double pen_before = penalised ? penalty_of(f.Wt, f.H, opt) : 0.0;
  divide_rows(f.Wt, sc);
  divide_rows(e.Wt_hat, sc);
  multiply_rows(f.H, sc);
  multiply_rows(e.H_prev, sc);
  if (penalised) e.loss += penalty_of(f.Wt, f.H, opt) - pen_before;  // the objective of the rescaled pair
}

// One extrapolated iteration. update_h(Y, X) updates H = X against W' = Y;
// update_w(Y, X) updates W' = X against H = Y and returns the objective of
// the new pair. Returns that objective, or NaN when the step was rejected
// (f unchanged).
template <class UpdateH, class UpdateW>
double extrapolated_step(Model& f, Extrapolation& e, const Options& opt, UpdateH update_h, UpdateW update_w) {
  if (e.plain) {
    e.Wt_hat = f.Wt;
    e.H_prev = f.H;
  }
  const double beta = e.plain ? 0.0 : e.beta;
  Matrix H1 = f.H;
  update_h(e.Wt_hat, H1);
  Matrix H_hat = beta > 0.0 ? Matrix((H1 + beta * (H1 - e.H_prev)).cwiseMax(0.0)) : H1;
  Matrix Wt1 = e.Wt_hat;
  const double loss = update_w(H_hat, Wt1);
  // (a rise at the level of rounding error is not a rise: near convergence
  // the decision would otherwise depend on the order of summation)
  if (!e.plain && !(loss <= e.loss + 1e-12 * std::abs(e.loss))) {
    e.beta_max = e.beta;
    e.beta /= 1.5;
    e.plain = true;
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (!e.plain) {
    e.beta = std::min(e.beta_max, 1.05 * e.beta);
    e.beta_max = std::min(1.0, 1.01 * e.beta_max);
    e.Wt_hat = (Wt1 + beta * (Wt1 - f.Wt)).cwiseMax(0.0);
  } else {
    e.Wt_hat = Wt1;
  }
  e.plain = false;
  e.loss = loss;
  e.H_prev = std::move(H1);
  f.Wt = std::move(Wt1);
  f.H = std::move(H_hat);
  gauge_iterates(f, e, opt);
  return e.loss;
}

}  // namespace nmfkit

#endif  // NMFKIT_FAST_EXTRAPOLATION_H
