// Rcpp glue for one NMF fit: R arguments (already validated in R) to the core.
#include "convert.h"

namespace {

nmfkit::Method parse_method(const std::string& m) {
  if (m == "hals") return nmfkit::Method::hals;
  if (m == "lee") return nmfkit::Method::lee;
  if (m == "brunet") return nmfkit::Method::brunet;
  Rcpp::stop("internal error: unknown method '%s'", m);
}

const char* stop_name(nmfkit::Stop s) {
  switch (s) {
    case nmfkit::Stop::converged: return "converged";
    case nmfkit::Stop::interrupted: return "interrupted";
    default: return "maxit";
  }
}

}  // namespace

// [[Rcpp::export]]
Rcpp::List nmf_fit_cpp(SEXP x, const Eigen::Map<Eigen::MatrixXd> w, const Eigen::Map<Eigen::MatrixXd> h,
                       std::string method, int maxit, double tol, int threads, bool track,
                       bool verbose, Rcpp::List control) {
  nmfkit::Options opt;
  opt.method = parse_method(method);
  opt.maxit = maxit;
  opt.tol = tol;
  opt.threads = threads;
  opt.track = track;
  if (control.containsElementNamed("inner")) opt.hals_inner = Rcpp::as<int>(control["inner"]);
  if (control.containsElementNamed("inner_tol"))
    opt.hals_inner_tol = Rcpp::as<double>(control["inner_tol"]);
  if (control.containsElementNamed("stopconv")) opt.stopconv = Rcpp::as<int>(control["stopconv"]);
  if (control.containsElementNamed("check_interval"))
    opt.check_every = Rcpp::as<int>(control["check_interval"]);
  if (control.containsElementNamed("eps")) {
    double eps = Rcpp::as<double>(control["eps"]);
    opt.eps_lee = eps;
    opt.eps_brunet = eps;
  }
  nmfkit::Callbacks cb = glue::callbacks(verbose);

  nmfkit::Result res = glue::with_data(x, [&](const auto& data) {
    return nmfkit::fit(data, w, h, opt, cb);
  });
  if (res.stop == nmfkit::Stop::interrupted) throw Rcpp::internal::InterruptedException();

  return Rcpp::List::create(
      Rcpp::Named("W") = Rcpp::wrap(res.W), Rcpp::Named("H") = Rcpp::wrap(res.H),
      Rcpp::Named("niter") = res.niter, Rcpp::Named("objective") = res.objective,
      Rcpp::Named("stop") = stop_name(res.stop),
      Rcpp::Named("track") = Rcpp::DataFrame::create(
          Rcpp::Named("iteration") = Rcpp::wrap(res.track_iter),
          Rcpp::Named("objective") = Rcpp::wrap(res.track_objective)));
}

// [[Rcpp::export]]
double nmf_objective_cpp(SEXP x, const Eigen::Map<Eigen::MatrixXd> w,
                         const Eigen::Map<Eigen::MatrixXd> h, std::string method, int threads) {
  Eigen::MatrixXd wt = w.transpose();
  Eigen::MatrixXd hh = h;
  nmfkit::Method m = parse_method(method);
  return glue::with_data(x, [&](const auto& data) {
    return nmfkit::objective(data, wt, hh, m, threads);
  });
}

// [[Rcpp::export]]
bool openmp_available_cpp() {
#ifdef _OPENMP
  return true;
#else
  return false;
#endif
}
