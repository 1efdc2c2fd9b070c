# Coefficients of samples on a given basis.

#' Project samples on a basis
#'
#' `nmf_project(w, x)` returns the non-negative coefficients `H` that best
#' reconstruct the columns of `x` from the basis `w`:
#' \deqn{\min_{H \ge 0} \frac{1}{2}\|x - wH\|_F^2 + L_1 \sum H +
#'   \frac{L_2}{2}\|H\|_F^2}{min_{H >= 0} 1/2 ||x - wH||^2 + L1 sum(H) + L2/2 ||H||^2}
#' solved exactly for each column (non-negative least squares by block
#' principal pivoting, Kim and Park 2011), in parallel. Sparse `x` is not
#' densified.
#'
#' @param w a basis matrix (features x rank), non-negative, or a fit from
#'   [nmf()] (its basis).
#' @param x the data (features x samples), as for [nmf()].
#' @param L1,L2 non-negative penalties on the coefficients.
#' @param threads number of C++ threads (default [default_threads()]).
#' @return A `rank x samples` matrix.
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' fit <- nmf(x, 3, "anls", seed = 1)
#' h <- nmf_project(basis(fit), x)
#' max(abs(h - coef(fit)) / max(coef(fit)))
nmf_project <- function(w, x, L1 = 0, L2 = 0, threads = NULL) {
  if (inherits(w, "nmfkit_fit")) w <- basis(w)
  x <- as_nmf_input(x)
  w <- check_projection_basis(w, x)
  L1 <- check_nonnegative_number(L1, "L1")
  L2 <- check_nonnegative_number(L2, "L2")
  threads <- check_threads(threads)
  h <- nmf_project_cpp(x, w, L1, L2, threads)
  dimnames(h) <- list(colnames(w), colnames(x))
  h
}
