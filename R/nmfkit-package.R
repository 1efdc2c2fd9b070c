#' nmfkit: fast non-negative matrix factorization
#'
#' `nmfkit` factorizes a non-negative matrix `x` (features x samples) as
#' `x ~ W %*% H`, with `W = basis(fit)` (features x rank) and
#' `H = coef(fit)` (rank x samples), following the orientation and the calls
#' of the NMF package. The numerical core is header-only C++ (Eigen) with
#' OpenMP threads; dense matrices are read in place and sparse `dgCMatrix`
#' input is never densified.
#'
#' Start with [nmf()]; see [nmf_methods] for the algorithms.
#'
#' @section Options:
#' \describe{
#'   \item{`nmfkit.threads`}{default number of C++ threads of one fit
#'     (otherwise the physical cores; never above `OMP_THREAD_LIMIT` nor
#'     `max(64, cores)`).}
#'   \item{`nmfkit.max_bytes`}{the largest dense matrix nmfkit builds, in
#'     bytes (default 16 GiB, or the machine's memory when smaller): the
#'     consensus matrix of several runs, [fitted()], [complete()], densified
#'     data or cell weights. Beyond it nmfkit stops before allocating and
#'     names the size.}
#' }
#' @keywords internal
#' @useDynLib nmfkit, .registration = TRUE
#' @importFrom Rcpp sourceCpp
#' @importFrom stats coef deviance fitted predict residuals
#' @importFrom Matrix sparseMatrix
"_PACKAGE"
