// nmfkit: the stopping rules (stop.h) as the engine's loop sees them, one type
// each, all with the same two calls:
//   start(step, f)                   before the first iteration; true = stop
//   check(iter, f, step, progress)   after iteration `iter`; true = stop
// A rule may fill in progress.objective when it computed the objective.
// with_rule() picks the type from Options::stop, once per fit.
#ifndef NMFKIT_ENGINE_STOPPING_H
#define NMFKIT_ENGINE_STOPPING_H

#include <stdexcept>

#include "../config.h"
#include "../model.h"
#include "../stop.h"

namespace nmfkit {

// Our rule: the relative decrease of the objective over one iteration.
class RelativeStop {
 public:
  explicit RelativeStop(const Options& o) : rule_(o.tol) {}
  template <class Step>
  bool start(const Step&, const Model&) {
    return false;
  }
  template <class Step>
  bool check(int, const Model&, const Step&, Progress& p) {
    return !p.rejected && rule_.check(p.objective);  // a rejected step is not a measure of progress
  }

 private:
  RelativeRule rule_;
};

// The NMF package's connectivity rule, every `check_every` iterations.
class ConnectivityStop {
 public:
  explicit ConnectivityStop(const Options& o) : rule_(o.stopconv), every_(o.check_every) {}
  template <class Step>
  bool start(const Step&, const Model&) {
    return false;
  }
  template <class Step>
  bool check(int iter, const Model& f, const Step&, Progress&) {
    return iter % every_ == 0 && rule_.check(f.H);
  }

 private:
  ConnectivityRule rule_;
  int every_;
};

// The NMF package's stationarity rule, on the value the step says it watches
// (its objective, except for pe-nmf), from the start on.
class StationaryStop {
 public:
  explicit StationaryStop(const Options& o)
      : rule_(o.stationary_th, o.stationary_interval, o.stationary_niter) {}
  template <class Step>
  bool start(const Step& step, const Model& f) {
    return rule_.check(0, step.watched(f));
  }
  template <class Step>
  bool check(int iter, const Model& f, const Step& step, Progress& p) {
    if (!rule_.wants(iter)) return false;
    const double v = step.watched(f);
    if (Step::watches_objective) p.objective = v;
    return rule_.check(iter, v);
  }

 private:
  StationaryRule rule_;
};

// Calls fn(rule) with the rule of opt.stop. snmf's test belongs to its own
// driver (snmf/snmf.h).
template <class Fn>
Result with_rule(const Options& opt, Fn fn) {
  switch (opt.stop) {
    case StopRule::relative: {
      RelativeStop rule(opt);
      return fn(rule);
    }
    case StopRule::connectivity: {
      ConnectivityStop rule(opt);
      return fn(rule);
    }
    case StopRule::stationary: {
      StationaryStop rule(opt);
      return fn(rule);
    }
    default:
      throw std::invalid_argument("nmfkit: the snmf stopping rule is snmf/r's and snmf/l's own");
  }
}

}  // namespace nmfkit

#endif  // NMFKIT_ENGINE_STOPPING_H
