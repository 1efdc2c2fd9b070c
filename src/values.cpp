// Rcpp glue for the value checks before a fit (R/validate-data.R).
#include "convert.h"

// c(min, max, n_missing, n_infinite, n_negative) of a double vector (a dense
// matrix, or a dgCMatrix's x slot); min and max are of the finite values.
// rng = false: it draws nothing, so it must not create .Random.seed.
// [[Rcpp::export(rng = false)]]
Rcpp::NumericVector nmf_value_stats_cpp(SEXP v) {
  if (TYPEOF(v) != REALSXP) Rcpp::stop("internal error: value_stats() needs a double vector");
  const double* p = REAL(v);
  const std::size_t n = static_cast<std::size_t>(Rf_xlength(v));
  const nmfkit::ValueStats s = glue::interruptible([&] { return nmfkit::value_stats(p, n); });
  return Rcpp::NumericVector::create(Rcpp::Named("min") = s.min, Rcpp::Named("max") = s.max,
                                     Rcpp::Named("n_missing") = s.n_missing,
                                     Rcpp::Named("n_infinite") = s.n_infinite,
                                     Rcpp::Named("n_negative") = s.n_negative);
}
