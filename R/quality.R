# Quality measures of a fit.

#' Sparseness, residual sum of squares and explained variance
#'
#' `sparseness()` is Hoyer's (2004) measure of a vector,
#' \eqn{(\sqrt{n} - \|x\|_1 / \|x\|_2) / (\sqrt{n} - 1)}, from 0 (all
#' entries equal) to 1 (a single non-zero entry); for a matrix it is the mean
#' over its columns, as in the NMF package. `rss()` is the residual sum of
#' squares of a fit against the data and `evar()` the explained variance
#' `1 - rss / sum(target^2)`.
#'
#' @param x a numeric vector or matrix, or a fit (then a vector of the
#'   sparseness of `basis` and `coef`).
#' @param object a fit from [nmf()].
#' @param target the data matrix the fit approximates.
#' @param ... not used.
#' @return A number (a named pair for `sparseness()` of a fit).
#'   `sparseness()` is `NA` for a vector of length 1 or of zeros (and a
#'   matrix without columns); `evar()` is `NA` for an all-zero `target`.
#' @references Hoyer P. O. (2004). Non-negative matrix factorization with
#'   sparseness constraints. *Journal of Machine Learning Research* 5.
#' @export
#' @examples
#' sparseness(c(1, 0, 0, 0))
#' sparseness(c(1, 1, 1, 1))
#' x <- t(as.matrix(iris[, 1:4]))
#' fit <- nmf(x, 2, seed = 1)
#' sparseness(fit)
#' rss(fit, x); evar(fit, x)
sparseness <- function(x, ...) UseMethod("sparseness")

#' @rdname sparseness
#' @export
sparseness.numeric <- function(x, ...) {
  if (anyNA(x)) abort_arg("`x` must not contain missing values (NA) for sparseness(); it has %d.", sum(is.na(x)))
  if (is.matrix(x)) {
    if (ncol(x) == 0L) return(NA_real_)
    return(mean(apply(x, 2L, sparseness.numeric)))
  }
  n <- length(x)
  if (n <= 1L) return(NA_real_)
  l2 <- sqrt(sum(x^2))
  if (l2 == 0) return(NA_real_)
  (sqrt(n) - sum(abs(x)) / l2) / (sqrt(n) - 1)
}

#' @rdname sparseness
#' @export
sparseness.default <- function(x, ...) {
  abort_arg("`x` must be a numeric vector or matrix, or a fit, not %s.", describe_value(x))
}

#' @rdname sparseness
#' @export
sparseness.nmfkit_fit <- function(x, ...) {
  c(basis = sparseness(basis(x)), coef = sparseness(coef(x)))
}

#' @rdname sparseness
#' @export
rss <- function(object, target, ...) UseMethod("rss")

#' @rdname sparseness
#' @export
rss.nmfkit_fit <- function(object, target, ...) {
  target <- as_nmf_input(target)
  if (!identical(dim(target), dim(object)[1:2])) {
    abort_arg("`target` must be %d x %d like the fitted data, not %d x %d.",
              dim(object)[1], dim(object)[2], nrow(target), ncol(target))
  }
  if (!is.null(object$offset) || !is.null(object$smoothing)) {
    return(sum((as.matrix(target) - fitted(object))^2))
  }
  nmf_rss_cpp(target, object$W, object$H, default_threads())
}

#' @rdname sparseness
#' @export
rss.default <- function(object, target, ...) not_a_fit(object)

#' @rdname sparseness
#' @export
evar <- function(object, target, ...) UseMethod("evar")

#' @rdname sparseness
#' @export
evar.nmfkit_fit <- function(object, target, ...) {
  target <- as_nmf_input(target)
  tot <- if (inherits(target, "dgCMatrix")) sum(target@x^2) else sum(target^2)
  if (tot == 0) return(NA_real_)  # nothing to explain
  1 - rss(object, target) / tot
}

#' @rdname sparseness
#' @export
evar.default <- function(object, target, ...) not_a_fit(object)
