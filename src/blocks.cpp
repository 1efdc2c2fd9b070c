// Rcpp glue for fits of data read in blocks (R/blocks.R): one update of a
// factor from the Gram matrix and right-hand side summed over the blocks.
#include "convert.h"

// X (k x c) updated from G = Y Y' and B = Y D (nmfkit::gram_update): exact
// NNLS when `exact`, else hals's sweeps from X (`inner` sweeps at most,
// fewer once a sweep changes X by less than `inner_tol`, relative).
// [[Rcpp::export]]
Eigen::MatrixXd nmf_gram_update_cpp(const Eigen::Map<Eigen::MatrixXd> G, const Eigen::Map<Eigen::MatrixXd> B,
                                    const Eigen::Map<Eigen::MatrixXd> X, bool exact, double l1, double l2,
                                    int inner, double inner_tol, int threads) {
  nmfkit::Options opt;
  opt.threads = threads;
  opt.inner = inner;
  opt.inner_tol = inner_tol;
  const Eigen::MatrixXd g = G, b = B;
  Eigen::MatrixXd x = X;
  glue::interruptible([&] {
    nmfkit::gram_update(exact, g, b, x, opt, nmfkit::Penalty{l1, l2});
    return 0;
  });
  return x;
}
