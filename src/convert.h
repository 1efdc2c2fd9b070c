// Rcpp glue: R objects to the core's views, without copying the data.
#ifndef NMFKIT_GLUE_CONVERT_H
#define NMFKIT_GLUE_CONVERT_H

#include <RcppEigen.h>

#include <chrono>
#include <string>

#include <nmfkit/nmfkit.h>

namespace glue {

// The core trusts the compressed column structure: a malformed one (checked
// in R too) must never reach it. O(ncol + nnz).
inline void check_sparse(const Rcpp::IntegerVector& dim, const Rcpp::IntegerVector& p,
                         const Rcpp::IntegerVector& i, const Rcpp::NumericVector& v) {
  if (dim.size() != 2 || dim[0] < 0 || dim[1] < 0 || p.size() != dim[1] + 1 || p[0] != 0 ||
      p[dim[1]] != i.size() || i.size() != v.size())
    Rcpp::stop("internal error: malformed dgCMatrix (slots Dim, p, i and x disagree)");
  for (int c = 0; c < dim[1]; ++c)
    if (p[c] > p[c + 1]) Rcpp::stop("internal error: malformed dgCMatrix (p decreases)");
  for (R_xlen_t t = 0; t < i.size(); ++t)
    if (i[t] < 0 || i[t] >= dim[0]) Rcpp::stop("internal error: malformed dgCMatrix (row index out of range)");
}

// Calls fn with a DenseData or SparseData view of `x`: a double matrix (read
// in place) or a dgCMatrix (its own i, p and x slots).
template <class Fn>
auto with_data(SEXP x, Fn fn) -> decltype(fn(std::declval<const nmfkit::DenseData&>())) {
  if (Rf_isS4(x)) {
    Rcpp::S4 s(x);
    Rcpp::IntegerVector dim = s.slot("Dim");
    Rcpp::IntegerVector i = s.slot("i"), p = s.slot("p");
    Rcpp::NumericVector v = s.slot("x");
    check_sparse(dim, p, i, v);
    const nmfkit::SparseData data(dim[0], dim[1], v.size(), p.begin(), i.begin(), v.begin());
    return fn(data);
  }
  if (TYPEOF(x) != REALSXP) Rcpp::stop("internal error: x must be a double matrix");
  Rcpp::IntegerVector dim = Rf_getAttrib(x, R_DimSymbol);
  if (dim.size() != 2 || dim[0] < 0 || dim[1] < 0 ||
      static_cast<double>(dim[0]) * dim[1] != static_cast<double>(Rf_xlength(x)))
    Rcpp::stop("internal error: x must be a double matrix with consistent dimensions");
  const nmfkit::DenseData data(REAL(x), dim[0], dim[1]);
  return fn(data);
}

// Interrupt check that does not longjmp out of C++: true when the user pressed
// Ctrl-C. Asked at most every 100 ms so that cheap iterations stay cheap.
class InterruptCheck {
 public:
  bool operator()() {
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100)) return false;
    last_ = now;
    return R_ToplevelExec(check, nullptr) == FALSE;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
  static void check(void*) { R_CheckUserInterrupt(); }
};

// Holds R's random number state for the duration of a fit (GetRNGstate /
// PutRNGstate), so that the core can draw from R's generator on the main
// thread exactly as R code would.
class RngScope {
 public:
  RngScope() { GetRNGstate(); }
  ~RngScope() { PutRNGstate(); }
  RngScope(const RngScope&) = delete;
  RngScope& operator=(const RngScope&) = delete;
};

// Runs fn() with the core's parallel loops polling R for interrupts between
// work items (so that Ctrl-C is seen within a fraction of a second even when
// one iteration is long); an interrupt there becomes R's interrupt.
template <class Fn>
auto interruptible(Fn fn) -> decltype(fn()) {
  nmfkit::InterruptPoll scope{InterruptCheck()};
  try {
    return fn();
  } catch (const nmfkit::Interrupted&) {
    throw Rcpp::internal::InterruptedException();
  }
}

inline nmfkit::Callbacks callbacks(bool verbose) {
  nmfkit::Callbacks cb;
  cb.uniform = [] { return unif_rand(); };
  InterruptCheck check;
  cb.interrupted = check;
  if (verbose) {
    // message() on the main thread, so that talk can be captured or muffled
    Rcpp::Function message("message");
    cb.log = [message](const std::string& s) { message(s); };
  }
  return cb;
}

}  // namespace glue

#endif  // NMFKIT_GLUE_CONVERT_H
