// nmfkit: the iterations of the fast methods (hals, anls, kl) as step types
// for the engine (engine/fit.h): plain alternation, or (hals, anls) with
// extrapolation. A step runs its Updates (updates.h) and fixes the gauge.
//
// A step type, fast or not (mu/), has
//   Progress step(Model& f, int iter)  one iteration (iter counts from 1)
//   double objective(const Model& f)   the method's objective (deviance())
//   double watched(const Model& f)     what the stationarity rule watches
//   watches_objective                  true when watched() is the objective
//   void finish(Model& f)              fixes the factors a fit reports
#ifndef NMFKIT_FAST_STEPS_H
#define NMFKIT_FAST_STEPS_H

#include <cmath>
#include <limits>
#include <utility>

#include "../config.h"
#include "../model.h"
#include "extrapolation.h"
#include "gauge.h"
#include "updates.h"

namespace nmfkit {

template <class Updates>
class FastStep {
 public:
  static constexpr bool watches_objective = true;
  FastStep(Updates updates, const Options& opt)
      : updates_(std::move(updates)), opt_(opt), fixed_(opt.fixed_w || opt.fixed_h) {}
  double objective(const Model& f) const { return updates_.objective(f); }
  double watched(const Model& f) const { return objective(f); }
  // report W with columns summing to 1 (as lee does), unless a penalty or a
  // fixed factor sets the scale
  void finish(Model& f) const {
    if (!penalises_w(opt_) && !penalises_h(opt_) && !fixed_) balance(f, 1);
  }

 protected:
  Updates updates_;
  const Options& opt_;
  bool fixed_;  // a factor is kept as given: no gauge
};

// H then W (either kept as given when fixed), then the gauge.
template <class Updates>
class AlternatingStep : public FastStep<Updates> {
 public:
  using FastStep<Updates>::FastStep;
  Progress step(Model& f, int iter) {
    const Options& opt = this->opt_;
    double loss = std::numeric_limits<double>::quiet_NaN();
    if (!opt.fixed_h) loss = this->updates_.h(f.Wt, f.H, iter, opt.fixed_w);
    if (!opt.fixed_w) loss = this->updates_.w(f.H, f.Wt, iter);
    this->updates_.keep(loss);
    Progress p;
    p.objective = loss + penalty_value(f, opt);
    if (!this->fixed_) gauge(f, opt, Updates::norm);
    return p;
  }
};

// Both factors updated with momentum (extrapolation.h), which gauges them.
template <class Updates>
class ExtrapolatedStep : public FastStep<Updates> {
 public:
  using FastStep<Updates>::FastStep;
  Progress step(Model& f, int iter) {
    const Options& opt = this->opt_;
    Updates& u = this->updates_;
    const double obj = extrapolated_step(
        f, ext_, opt, [&](const Matrix& Y, Matrix& X) { u.h(Y, X, iter, false); },
        [&](const Matrix& Y, Matrix& X) { return u.w(Y, X, iter) + penalty_of(X, Y, opt); });
    if (Updates::masked) u.keep(ext_.loss - penalty_value(f, opt));
    Progress p;
    p.rejected = std::isnan(obj);
    p.objective = p.rejected ? ext_.loss : obj;
    return p;
  }

 private:
  Extrapolation ext_;
};

}  // namespace nmfkit

#endif  // NMFKIT_FAST_STEPS_H
