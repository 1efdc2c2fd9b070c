// nmfkit: the alternating engine. fit() picks the step of the method (a
// type: fast/steps.h, mu/) and the stopping rule of Options::stop (a type:
// stopping.h) once, then runs one small loop: interrupt, step, rule, track,
// log. snmf/r and snmf/l have their own driver (snmf/snmf.h); run() (run.h)
// routes every method.
#ifndef NMFKIT_ENGINE_FIT_H
#define NMFKIT_ENGINE_FIT_H

#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

#include "../config.h"
#include "../data/dense.h"
#include "../data/sparse.h"
#include "../fast/anls.h"
#include "../fast/hals.h"
#include "../fast/steps.h"
#include "../fast/updates.h"
#include "../mask.h"
#include "../model.h"
#include "../mu/frobenius.h"
#include "../mu/kl.h"
#include "../mu/lsnmf.h"
#include "stopping.h"

namespace nmfkit {

template <class Step, class Fn>
Result call_with(Step step, Fn& fn) {
  return fn(step);
}

// A fast method's step: plain, or extrapolated (hals and anls, neither
// factor fixed).
template <class Updates, class Fn>
Result with_fast_step(Updates updates, bool extrapolate, const Options& opt, Fn& fn) {
  if (extrapolate) return call_with(ExtrapolatedStep<Updates>(std::move(updates), opt), fn);
  return call_with(AlternatingStep<Updates>(std::move(updates), opt), fn);
}

// hals or anls (Solver), on all cells or on the mask's.
template <class Solver, class Data, class Fn>
Result with_ls_step(const Data& data, const Options& opt, const Mask* mask, Fn& fn) {
  const bool extrapolate = opt.extrapolate && !opt.fixed_w && !opt.fixed_h;
  if (mask && mask->active())
    return with_fast_step(MaskedFrobeniusUpdates<Data, Solver>(data, *mask, opt), extrapolate, opt, fn);
  return with_fast_step(FrobeniusUpdates<Data, Solver>(data, opt), extrapolate, opt, fn);
}

template <class Data, class Fn>
Result with_kl_step(const Data& data, const Options& opt, const Mask* mask, Fn& fn) {
  if (mask && mask->active()) return call_with(AlternatingStep<MaskedKlUpdates<Data>>({data, *mask, opt}, opt), fn);
  return call_with(AlternatingStep<KlUpdates<Data>>({data, opt}, opt), fn);
}

// ls-nmf works on dense data only (the host densifies).
template <class Fn>
Result with_lsnmf_step(const DenseData& data, const Options& opt, Fn& fn) {
  return call_with(LsNmf(data, opt), fn);
}
template <class Fn>
Result with_lsnmf_step(const SparseData&, const Options&, Fn&) {
  throw std::invalid_argument("nmfkit: ls-nmf works on dense data only");
}

// Calls fn(step) with the step of opt.method for a rank-k fit of `data`.
template <class Data, class Fn>
Result with_step(const Data& data, const Options& opt, const Mask* mask, int k, Fn fn) {
  switch (opt.method) {
    case Method::hals: return with_ls_step<Hals>(data, opt, mask, fn);
    case Method::anls: return with_ls_step<Anls>(data, opt, mask, fn);
    case Method::kl: return with_kl_step(data, opt, mask, fn);
    case Method::lee:
    case Method::frobenius: return call_with(Lee<Data>(data, opt), fn);
    case Method::brunet:
    case Method::kl_mu: return call_with(Brunet<Data>(data, opt), fn);
    case Method::offset: return call_with(Offset<Data>(data, opt), fn);
    case Method::nsnmf: return call_with(NsNmf<Data>(data, opt, k), fn);
    case Method::lsnmf: return with_lsnmf_step(data, opt, fn);
    case Method::penmf: return call_with(PeNmf<Data>(data, opt), fn);
    default: throw std::invalid_argument("nmfkit: snmf/r and snmf/l have their own driver (call run())");
  }
}

// Keeps the objective of iteration `iter` (computed every `every`
// iterations when the step and the rule did not give it).
template <class Step>
void track(Result& res, int iter, const Step& step, const Model& f, Progress& p, int every) {
  if (std::isnan(p.objective) && iter % every == 0) p.objective = step.objective(f);
  if (std::isnan(p.objective)) return;
  res.track_iter.push_back(iter);
  res.track_objective.push_back(p.objective);
}

inline void log_iteration(const Callbacks& cb, int iter, double objective) {
  cb.log("iteration " + std::to_string(iter) +
         (std::isnan(objective) ? std::string() : ", objective " + std::to_string(objective)));
}

// The loop: at most opt.maxit iterations of `step` from f, stopped by `rule`
// or the interrupt callback.
template <class Step, class Rule>
Result iterate(Step& step, Rule& rule, Model& f, const Options& opt, const Callbacks& cb) {
  Result res;
  int iter = 0;
  bool done = rule.start(step, f);
  while (!done && iter < opt.maxit) {
    if (cb.interrupted()) {
      res.stop = Stop::interrupted;
      break;
    }
    ++iter;
    Progress p = step.step(f, iter);
    done = rule.check(iter, f, step, p);
    if (opt.track) track(res, iter, step, f, p, opt.check_every);
    if (cb.log && (iter % 100 == 0 || done)) log_iteration(cb, iter, p.objective);
  }
  if (done) res.stop = Stop::converged;
  step.finish(f);
  res.niter = iter;
  res.objective = step.objective(f);
  res.W = f.Wt.transpose();
  res.H = std::move(f.H);
  res.offset = std::move(f.offset);
  return res;
}

// One fit of `data` from (W0, H0, offset0) by opt.method, stopped by
// opt.stop; `mask` (or null) leaves cells out (hals, anls, kl).
template <class Data>
Result fit(const Data& data, const Matrix& W0, const Matrix& H0, const Vector& offset0, const Options& opt,
           const Callbacks& cb, const Mask* mask = nullptr) {
  Model f{W0.transpose(), H0, offset0};
  return with_step(data, opt, mask, static_cast<int>(H0.rows()), [&](auto& step) {
    return with_rule(opt, [&](auto& rule) { return iterate(step, rule, f, opt, cb); });
  });
}

}  // namespace nmfkit

#endif  // NMFKIT_ENGINE_FIT_H
