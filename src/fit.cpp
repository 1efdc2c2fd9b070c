// Rcpp glue for one NMF fit: R arguments (already validated in R) to the core.
#include "convert.h"

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace {

const char* stop_name(nmfkit::Stop s) {
  switch (s) {
    case nmfkit::Stop::converged: return "converged";
    case nmfkit::Stop::interrupted: return "interrupted";
    case nmfkit::Stop::restarts: return "restarts";
    default: return "maxit";
  }
}

// The objective track as a data.frame(iteration, objective), built directly
// (Rcpp::DataFrame::create calls R's as.data.frame: a tenth of a millisecond,
// as much as a small fit).
Rcpp::List track_frame(const std::vector<int>& iter, const std::vector<double>& objective) {
  Rcpp::List out = Rcpp::List::create(Rcpp::Named("iteration") = Rcpp::wrap(iter),
                                      Rcpp::Named("objective") = Rcpp::wrap(objective));
  out.attr("row.names") = Rcpp::IntegerVector::create(NA_INTEGER, -static_cast<int>(iter.size()));
  out.attr("class") = "data.frame";
  return out;
}

// The cluster of each sample (1-based): the component with the largest
// coefficient, the first on ties (R's max.col(t(H), "first")).
Rcpp::IntegerVector sample_clusters(const Eigen::MatrixXd& H) {
  std::vector<int> cl = nmfkit::column_argmax(H);
  for (int& c : cl) ++c;
  return Rcpp::wrap(cl);
}

// The components (1-based) whose column of W or row of H is all zero.
Rcpp::IntegerVector zero_components(const Eigen::MatrixXd& W, const Eigen::MatrixXd& H) {
  std::vector<int> out;
  for (int l = 0; l < W.cols(); ++l)
    if ((W.col(l).array() == 0.0).all() || (H.row(l).array() == 0.0).all()) out.push_back(l + 1);
  return Rcpp::wrap(out);
}

// The core's options from the method's core name, its stopping rule and a
// list of option values named as the core names them (R's method registry
// gives every name); `weight` (ls-nmf's cell weights) is read in place.
nmfkit::Options make_options(const std::string& method, const std::string& stop, const Rcpp::List& control) {
  nmfkit::Options opt;
  if (!nmfkit::method_from_name(method, opt.method)) Rcpp::stop("internal error: unknown core method '%s'", method);
  if (!nmfkit::stop_from_name(stop, opt.stop)) Rcpp::stop("internal error: unknown stopping rule '%s'", stop);
  Rcpp::CharacterVector names = control.names();
  for (R_xlen_t i = 0; i < control.size(); ++i) {
    const std::string name = Rcpp::as<std::string>(names[i]);
    if (name == "weight") {
      opt.weight = REAL(control[i]);
      continue;
    }
    if (!nmfkit::set_option(opt, name, Rcpp::as<double>(control[i])))
      Rcpp::stop("internal error: unknown core option '%s'", name);
  }
  return opt;
}

// The masks of both sides from the R description list(mode, p, i, v,
// holdout, seed); mode is "none", "exclude", "observed" or "weights".
nmfkit::Mask make_mask(const Rcpp::List& spec, int m, int n) {
  nmfkit::Mask mk;
  const std::string mode = Rcpp::as<std::string>(spec["mode"]);
  if (mode == "exclude") {
    Rcpp::IntegerVector p = spec["p"], i = spec["i"];
    mk = nmfkit::exclude_mask(m, n, p.begin(), i.begin());
  } else if (mode == "observed") {
    mk.fwd.mode = mk.bwd.mode = nmfkit::SideMask::Mode::observed;
  } else if (mode == "weights") {
    Rcpp::NumericVector v = spec["v"];
    mk.fwd.mode = mk.bwd.mode = nmfkit::SideMask::Mode::weights;
    mk.fwd.v = mk.bwd.v = v.begin();
    mk.fwd.v_rows = mk.bwd.v_rows = m;
  }
  mk.bwd.transposed = true;
  if (spec.containsElementNamed("holdout")) {
    mk.fwd.holdout = mk.bwd.holdout = Rcpp::as<double>(spec["holdout"]);
    mk.fwd.seed = mk.bwd.seed = static_cast<std::uint64_t>(Rcpp::as<double>(spec["seed"]));
  }
  return mk;
}

}  // namespace

// One fit: the start (w, h, offset), the method and stopping rule by their
// core names, the options by core name (control) and the mask description.
// [[Rcpp::export]]
Rcpp::List nmf_fit_cpp(SEXP x, const Eigen::Map<Eigen::MatrixXd> w, const Eigen::Map<Eigen::MatrixXd> h,
                       Rcpp::NumericVector offset, std::string method, std::string stop, Rcpp::List control,
                       Rcpp::List mask_spec, bool verbose) {
  const nmfkit::Options opt = make_options(method, stop, control);
  nmfkit::Callbacks cb = glue::callbacks(verbose);
  const Eigen::VectorXd off = Rcpp::as<Eigen::VectorXd>(offset);
  const Eigen::MatrixXd w0 = w, h0 = h;

  // R's generator for snmf's restarts and ties (only snmf draws from it)
  const bool snmf = opt.stop == nmfkit::StopRule::snmf;
  std::unique_ptr<glue::RngScope> rng(snmf ? new glue::RngScope() : nullptr);
  nmfkit::Result res = glue::interruptible([&] {
    return glue::with_data(x, [&](const auto& data) {
      const nmfkit::Mask mask = make_mask(mask_spec, data.fwd.rows(), data.fwd.cols());
      return nmfkit::run(data, w0, h0, off, opt, cb, &mask);
    });
  });
  if (res.stop == nmfkit::Stop::interrupted) throw Rcpp::internal::InterruptedException();

  return Rcpp::List::create(
      Rcpp::Named("W") = Rcpp::wrap(res.W), Rcpp::Named("H") = Rcpp::wrap(res.H),
      Rcpp::Named("offset") = Rcpp::wrap(res.offset),
      Rcpp::Named("niter") = res.niter, Rcpp::Named("restarts") = res.restarts,
      Rcpp::Named("objective") = res.objective, Rcpp::Named("stop") = stop_name(res.stop),
      Rcpp::Named("track") = track_frame(res.track_iter, res.track_objective),
      Rcpp::Named("cluster") = sample_clusters(res.H), Rcpp::Named("zero") = zero_components(res.W, res.H));
}

// Residual sum of squares of x ~ w h, dense or sparse (never densified).
// [[Rcpp::export]]
double nmf_rss_cpp(SEXP x, const Eigen::Map<Eigen::MatrixXd> w, const Eigen::Map<Eigen::MatrixXd> h,
                   int threads) {
  nmfkit::Model f{w.transpose(), h, Eigen::VectorXd()};
  return glue::interruptible(
      [&] { return glue::with_data(x, [&](const auto& data) { return nmfkit::rss(data, f, threads); }); });
}

// Non-negative coefficients of the columns of x on the basis w (nmfkit::project).
// [[Rcpp::export]]
Eigen::MatrixXd nmf_project_cpp(SEXP x, const Eigen::Map<Eigen::MatrixXd> w, double l1, double l2,
                                int threads) {
  const Eigen::MatrixXd basis = w;
  return glue::interruptible([&] {
    return glue::with_data(x, [&](const auto& data) {
      return nmfkit::project(data, basis, nmfkit::Penalty{l1, l2}, threads);
    });
  });
}

// Sum of squared errors and number of the cells held out by hash (seed,
// fraction) among the cells the mask lets a fit see.
// [[Rcpp::export]]
Rcpp::NumericVector nmf_holdout_cpp(SEXP x, const Eigen::Map<Eigen::MatrixXd> w,
                                    const Eigen::Map<Eigen::MatrixXd> h, Rcpp::List mask_spec,
                                    double seed, double fraction, int threads) {
  Eigen::MatrixXd ww = w, hh = h;
  std::pair<double, double> r = glue::interruptible([&] {
    return glue::with_data(x, [&](const auto& data) {
      const nmfkit::Mask mask = make_mask(mask_spec, data.fwd.rows(), data.fwd.cols());
      return nmfkit::holdout_error(data, mask.fwd, ww, hh, static_cast<std::uint64_t>(seed), fraction,
                                   threads);
    });
  });
  return Rcpp::NumericVector::create(Rcpp::Named("sse") = r.first, Rcpp::Named("n") = r.second);
}

// The vector instruction level of the dispatched kernels (simd.h): with
// cap >= 0, caps it first (0: baseline only). Returns the CPU's level and the
// level in use.
// [[Rcpp::export]]
Rcpp::IntegerVector nmf_simd_cpp(int cap) {
  if (cap >= 0) nmfkit::simd_cap().store(cap);
  return Rcpp::IntegerVector::create(Rcpp::Named("cpu") = static_cast<int>(nmfkit::cpu_simd_level()),
                                     Rcpp::Named("used") = static_cast<int>(nmfkit::simd_level()));
}

// The thread governor (core/governor.h): with on >= 0, switches it on (1) or
// off (0) first, which also clears its state. Returns whether it is on,
// whether it is running regions on one thread now, and how many times it
// has switched to one thread since it was last cleared.
// [[Rcpp::export]]
Rcpp::IntegerVector nmf_governor_cpp(int on) {
  nmfkit::ThreadGovernor& gov = nmfkit::thread_governor();
  if (on >= 0) gov.set_enabled(on != 0);
  return Rcpp::IntegerVector::create(Rcpp::Named("enabled") = gov.enabled(), Rcpp::Named("serial") = gov.serial(),
                                     Rcpp::Named("spells") = static_cast<int>(gov.serial_spells()));
}
