// Rcpp glue for one NMF fit: R arguments (already validated in R) to the core.
#include "convert.h"

#include <cstdint>
#include <map>
#include <memory>
#include <utility>

namespace {

nmfkit::Method parse_method(const std::string& m) {
  static const std::map<std::string, nmfkit::Method> methods = {
      {"hals", nmfkit::Method::hals},       {"anls", nmfkit::Method::anls},
      {"kl", nmfkit::Method::kl},           {"lee", nmfkit::Method::lee},
      {"Frobenius", nmfkit::Method::frobenius}, {"brunet", nmfkit::Method::brunet},
      {"KL", nmfkit::Method::kl_mu},        {"offset", nmfkit::Method::offset},
      {"nsNMF", nmfkit::Method::nsnmf},     {"ls-nmf", nmfkit::Method::lsnmf},
      {"pe-nmf", nmfkit::Method::penmf},    {"snmf/r", nmfkit::Method::snmf_r},
      {"snmf/l", nmfkit::Method::snmf_l}};
  auto it = methods.find(m);
  if (it == methods.end()) Rcpp::stop("internal error: unknown method '%s'", m);
  return it->second;
}

const char* stop_name(nmfkit::Stop s) {
  switch (s) {
    case nmfkit::Stop::converged: return "converged";
    case nmfkit::Stop::interrupted: return "interrupted";
    case nmfkit::Stop::restarts: return "restarts";
    default: return "maxit";
  }
}

template <class T>
void set_if(const Rcpp::List& control, const char* name, T& field) {
  if (control.containsElementNamed(name)) field = Rcpp::as<T>(control[name]);
}

nmfkit::Options make_options(const std::string& method, int maxit, double tol, int threads,
                             bool track, const Rcpp::List& control) {
  nmfkit::Options opt;
  opt.method = parse_method(method);
  opt.maxit = maxit;
  opt.tol = tol;
  opt.threads = threads;
  opt.track = track;
  set_if(control, "inner", opt.inner);
  set_if(control, "inner_tol", opt.inner_tol);
  set_if(control, "extrapolate", opt.extrapolate);
  set_if(control, "stopconv", opt.stopconv);
  set_if(control, "check_interval", opt.check_every);
  set_if(control, "stationary_th", opt.stationary_th);
  set_if(control, "stationary_interval", opt.stationary_interval);
  set_if(control, "stationary_niter", opt.stationary_niter);
  set_if(control, "eps", opt.eps);
  set_if(control, "theta", opt.theta);
  set_if(control, "alpha", opt.alpha);
  set_if(control, "beta", opt.beta);
  set_if(control, "eta", opt.eta);
  set_if(control, "eps_conv", opt.snmf_eps_conv);
  set_if(control, "wminchange", opt.snmf_wminchange);
  set_if(control, "iconv", opt.snmf_iconv);
  set_if(control, "l1_w", opt.l1_w);
  set_if(control, "l1_h", opt.l1_h);
  set_if(control, "l2_w", opt.l2_w);
  set_if(control, "l2_h", opt.l2_h);
  set_if(control, "fixed_w", opt.fixed_w);
  set_if(control, "fixed_h", opt.fixed_h);
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

// [[Rcpp::export]]
Rcpp::List nmf_fit_cpp(SEXP x, const Eigen::Map<Eigen::MatrixXd> w, const Eigen::Map<Eigen::MatrixXd> h,
                       Rcpp::NumericVector offset, std::string method, int maxit, double tol,
                       int threads, bool track, bool verbose, Rcpp::List control,
                       Rcpp::List mask_spec) {
  nmfkit::Options opt = make_options(method, maxit, tol, threads, track, control);
  Rcpp::NumericVector weight;
  if (control.containsElementNamed("weight")) {
    weight = control["weight"];
    opt.weight = weight.begin();
  }
  nmfkit::Callbacks cb = glue::callbacks(verbose);
  Eigen::VectorXd off = Rcpp::as<Eigen::VectorXd>(offset);

  // R's generator for snmf's restarts and ties (only snmf draws from it)
  const bool snmf = opt.method == nmfkit::Method::snmf_r || opt.method == nmfkit::Method::snmf_l;
  std::unique_ptr<glue::RngScope> rng(snmf ? new glue::RngScope() : nullptr);
  nmfkit::Result res = glue::interruptible([&] { return glue::with_data(x, [&](const auto& data) {
    if (opt.method == nmfkit::Method::snmf_r)
      return nmfkit::snmf_fit(data.fwd, data.bwd, Eigen::MatrixXd(w), opt.eta, opt, cb);
    if (opt.method == nmfkit::Method::snmf_l) {
      nmfkit::Result r = nmfkit::snmf_fit(data.bwd, data.fwd, Eigen::MatrixXd(h.transpose()), opt.eta, opt, cb);
      Eigen::MatrixXd wl = r.H.transpose();
      r.H = r.W.transpose();
      r.W = wl;
      return r;
    }
    const nmfkit::Mask mask = make_mask(mask_spec, data.fwd.rows(), data.fwd.cols());
    return nmfkit::fit(data, w, h, off, opt, cb, &mask);
  }); });
  if (res.stop == nmfkit::Stop::interrupted) throw Rcpp::internal::InterruptedException();

  return Rcpp::List::create(
      Rcpp::Named("W") = Rcpp::wrap(res.W), Rcpp::Named("H") = Rcpp::wrap(res.H),
      Rcpp::Named("offset") = Rcpp::wrap(res.offset),
      Rcpp::Named("niter") = res.niter, Rcpp::Named("restarts") = res.restarts,
      Rcpp::Named("objective") = res.objective, Rcpp::Named("stop") = stop_name(res.stop),
      Rcpp::Named("track") = Rcpp::DataFrame::create(
          Rcpp::Named("iteration") = Rcpp::wrap(res.track_iter),
          Rcpp::Named("objective") = Rcpp::wrap(res.track_objective)));
}

// Residual sum of squares of x ~ w h, dense or sparse (never densified).
// [[Rcpp::export]]
double nmf_rss_cpp(SEXP x, const Eigen::Map<Eigen::MatrixXd> w, const Eigen::Map<Eigen::MatrixXd> h,
                   int threads) {
  nmfkit::Model f{w.transpose(), h, Eigen::VectorXd()};
  return glue::interruptible(
      [&] { return glue::with_data(x, [&](const auto& data) { return nmfkit::rss(data, f, threads); }); });
}

// Non-negative coefficients of the columns of x on the basis w:
// argmin_{H >= 0} 1/2 ||x - w H||^2 + L1 sum(H) + L2 / 2 ||H||^2, column by
// column (exact NNLS), in parallel.
// [[Rcpp::export]]
Eigen::MatrixXd nmf_project_cpp(SEXP x, const Eigen::Map<Eigen::MatrixXd> w, double l1, double l2,
                                int threads) {
  Eigen::MatrixXd wt = w.transpose();
  Eigen::MatrixXd G = wt * w;
  return glue::interruptible([&] {
    return glue::with_data(x, [&](const auto& data) {
      Eigen::MatrixXd B, H = Eigen::MatrixXd::Zero(w.cols(), data.fwd.cols());
      data.fwd.mult(wt, B, threads);
      nmfkit::nnls_columns(G, B, H, threads, nmfkit::Penalty{l1, l2});
      return H;
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
