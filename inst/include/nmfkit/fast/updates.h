// nmfkit: the two half updates of a fast method as one type, with the
// objective they minimise. A fast step (steps.h) runs them; which type it
// runs is the method (hals or anls: Frobenius with that solver; kl) and
// whether cells are left out (masked). Every Updates type has
//   h(Wt, H, iter, want_loss)  updates H against W; returns the loss of the
//                              data after it when want_loss (else anything)
//   w(H, Wt, iter)             updates W' against H; returns the loss after it
//   keep(loss)                 the loss (no penalty) of the pair a step kept
//   objective(f)               the objective of f, penalties included
//   norm                       the p of the gauge (2: Frobenius, 1: KL)
//   masked                     true when the losses count observed cells only
#ifndef NMFKIT_FAST_UPDATES_H
#define NMFKIT_FAST_UPDATES_H

#include <limits>

#include "../config.h"
#include "masked_kl.h"
#include "../mask.h"
#include "../model.h"
#include "kl.h"

namespace nmfkit {

// What all of them hold: the data, the options and each factor's penalty.
template <class Data>
struct UpdatesBase {
  UpdatesBase(const Data& data, const Options& opt)
      : data(data), opt(opt), pen_h{opt.l1_h, opt.l2_h}, pen_w{opt.l1_w, opt.l2_w} {}
  const Data& data;
  const Options& opt;
  Penalty pen_h, pen_w;
};

// The masked ones' objective is the loss of the observed cells, known from
// the updates only (it is never recomputed from the data).
template <class Data>
struct MaskedUpdatesBase : UpdatesBase<Data> {
  static constexpr bool masked = true;
  MaskedUpdatesBase(const Data& data, const Mask& mask, const Options& opt)
      : UpdatesBase<Data>(data, opt), mask(mask) {}
  void keep(double l) { loss = l; }
  double objective(const Model& f) const { return loss + penalty_value(f, this->opt); }
  const Mask& mask;
  double loss = std::numeric_limits<double>::quiet_NaN();
};

// hals or anls (Solver: Hals or Anls) on all cells. Losses come from the
// update's Gram matrices (no pass over the data); the objective from the data.
template <class Data, class Solver>
struct FrobeniusUpdates : UpdatesBase<Data> {
  static constexpr int norm = 2;
  static constexpr bool masked = false;
  FrobeniusUpdates(const Data& data, const Options& opt)
      : UpdatesBase<Data>(data, opt), sqnorm(data.fwd.sq_norm()) {}
  double h(const Matrix& Wt, Matrix& H, int iter, bool want_loss) {
    Solver::solve(this->data.fwd, Wt, H, ws_h, this->opt, this->pen_h, iter);
    return want_loss ? gram_loss(sqnorm, ws_h, H) : 0.0;
  }
  double w(const Matrix& H, Matrix& Wt, int iter) {
    Solver::solve(this->data.bwd, H, Wt, ws_w, this->opt, this->pen_w, iter);
    return gram_loss(sqnorm, ws_w, Wt);
  }
  void keep(double) {}
  double objective(const Model& f) const {
    return 0.5 * rss(this->data, f, this->opt.threads) + penalty_value(f, this->opt);
  }
  double sqnorm;  // ||A||^2
  Workspace ws_h, ws_w;
};

// hals or anls on the observed cells.
template <class Data, class Solver>
struct MaskedFrobeniusUpdates : MaskedUpdatesBase<Data> {
  static constexpr int norm = 2;
  using MaskedUpdatesBase<Data>::MaskedUpdatesBase;
  double h(const Matrix& Wt, Matrix& H, int iter, bool) {
    return Solver::masked(this->data.fwd, this->mask.fwd, Wt, H, this->opt, this->pen_h, iter);
  }
  double w(const Matrix& H, Matrix& Wt, int iter) {
    return Solver::masked(this->data.bwd, this->mask.bwd, H, Wt, this->opt, this->pen_w, iter);
  }
};

// kl on all cells: the loss comes from the last half update only.
template <class Data>
struct KlUpdates : UpdatesBase<Data> {
  static constexpr int norm = 1;
  static constexpr bool masked = false;
  using UpdatesBase<Data>::UpdatesBase;
  double h(const Matrix& Wt, Matrix& H, int, bool want_loss) {
    return kl_scd_update(this->data.fwd, Wt, H, this->opt, this->pen_h, want_loss);
  }
  double w(const Matrix& H, Matrix& Wt, int) { return kl_scd_update(this->data.bwd, H, Wt, this->opt, this->pen_w); }
  void keep(double) {}
  double objective(const Model& f) const {
    return this->data.fwd.kl_divergence(f.Wt, f.H, this->opt.threads) + penalty_value(f, this->opt);
  }
};

// kl on the observed cells.
template <class Data>
struct MaskedKlUpdates : MaskedUpdatesBase<Data> {
  static constexpr int norm = 1;
  using MaskedUpdatesBase<Data>::MaskedUpdatesBase;
  double h(const Matrix& Wt, Matrix& H, int, bool want_loss) {
    return masked_kl_update(this->data.fwd, this->mask.fwd, Wt, H, this->opt, this->pen_h, want_loss);
  }
  double w(const Matrix& H, Matrix& Wt, int) {
    return masked_kl_update(this->data.bwd, this->mask.bwd, H, Wt, this->opt, this->pen_w);
  }
};

}  // namespace nmfkit

#endif  // NMFKIT_FAST_UPDATES_H
