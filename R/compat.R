# The NMF package's accessors of fits: fit(), minfit(), algorithm(),
# seeding(), nrun(), getRNG()/showRNG(), nmf.equal(), and its class tests.

#' The NMF package's accessors of a fit
#'
#' * `fit()` is the model a fit estimates (an [nmfModel()]: `W`, `H` and,
#'   for methods `"nsNMF"` and `"offset"`, `theta` or the offset); of a
#'   fitset, the best fit's. `fit(x) <- model` replaces it.
#' * `minfit()` is the best fit of several runs (the fit itself for one run).
#' * `algorithm()` is the method's name, `seeding()` the name of the seeding
#'   method (`"random"`, `"nndsvd"`, ..., `"NMF"` for given start matrices),
#'   `nrun()` the number of runs, `runtime.all()` the CPU time of all runs.
#' * `isNMFfit()` is `TRUE` for fits and fitsets (element-wise for a list of
#'   them), `is.nmf()` also for models.
#'
#' @param object,x a fit or fitset from [nmf()] (for `fit<-` a fit); for
#'   `algorithm()` and `nrun()` also a list of fits from several methods.
#' @param value a model ([nmfModel()]) of the fit's dimensions.
#' @param recursive for `isNMFfit()` on a list: test each element.
#' @param ... not used.
#' @return See above.
#' @name nmf_accessors
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' res <- nmf(x, 3, "lee", nrun = 3, seed = 1)
#' fit(res)
#' minfit(res)
#' c(algorithm(res), seeding(res), nrun(res))
#' isNMFfit(res)
NULL

#' @rdname nmf_accessors
#' @export
fit <- function(object, ...) UseMethod("fit")

#' @export
fit.nmfkit_fit <- function(object, ...) model_of(object)

#' @export
fit.nmfkit_fitset <- function(object, ...) model_of(object)

#' @export
fit.nmfkit_model <- function(object, ...) object

#' @export
fit.default <- function(object, ...) not_a_fit(object)

#' @rdname nmf_accessors
#' @export
`fit<-` <- function(object, value) UseMethod("fit<-")

#' @export
`fit<-.nmfkit_fit` <- function(object, value) {
  if (!inherits(value, "nmfkit_model")) {
    abort_arg("The model assigned by `fit<-` must be an NMF model (see nmfModel()), not %s.", describe_value(value))
  }
  if (!identical(dim(value)[1:2], dim(object)[1:2])) {
    abort_arg("The model assigned by `fit<-` must have the fit's %d features and %d samples, not %d and %d.",
              dim(object)[1], dim(object)[2], dim(value)[1], dim(value)[2])
  }
  attr(object, "fit") <- value
  object
}

#' @rdname nmf_accessors
#' @export
minfit <- function(object, ...) UseMethod("minfit")

#' @export
minfit.nmfkit_fit <- function(object, ...) object

#' @export
minfit.nmfkit_fitset <- function(object, ...) object$fit

#' @export
minfit.default <- function(object, ...) not_a_fit(object)

#' @rdname nmf_accessors
#' @export
algorithm <- function(object, ...) UseMethod("algorithm")

#' @export
algorithm.nmfkit_fit <- function(object, ...) object$method

#' @export
algorithm.nmfkit_fitset <- function(object, ...) object$fit$method

#' @export
algorithm.nmfkit_list <- function(object, ...) vapply(object, algorithm, "")

#' @export
algorithm.default <- function(object, ...) not_a_fit(object)

#' @rdname nmf_accessors
#' @export
seeding <- function(object, ...) UseMethod("seeding")

#' @export
seeding.nmfkit_fit <- function(object, ...) attr(object, "seed", exact = TRUE)

#' @export
seeding.nmfkit_fitset <- function(object, ...) attr(object, "seed", exact = TRUE)

#' @export
seeding.default <- function(object, ...) not_a_fit(object)

#' @rdname nmf_accessors
#' @export
nrun <- function(object, ...) UseMethod("nrun")

#' @export
nrun.nmfkit_fit <- function(object, ...) 1L

#' @export
nrun.nmfkit_fitset <- function(object, ...) object$nrun

#' @export
nrun.nmfkit_list <- function(object, ...) vapply(object, nrun, 0L)

#' @export
nrun.default <- function(object, ...) not_a_fit(object)

#' @rdname nmf_accessors
#' @rawNamespace export(runtime.all)
#' @rawNamespace S3method(runtime, all)
runtime.all <- function(object, ...) {
  if (inherits(object, "nmfkit_fitset")) return(object$runtime)
  if (inherits(object, "nmfkit_fit")) return(object$runtime)
  not_a_fit(object)
}

#' @rdname nmf_accessors
#' @export
isNMFfit <- function(object, recursive = TRUE) {
  is_fit <- function(x) inherits(x, c("nmfkit_fit", "nmfkit_fitset"))
  if (is_fit(object) || !(recursive && is.list(object) && !is.object(object) || inherits(object, "nmfkit_list"))) {
    return(is_fit(object))
  }
  vapply(object, is_fit, NA)
}

#' @rdname nmf_accessors
#' @export
is.nmf <- function(x) inherits(x, c("nmfkit_model", "nmfkit_fit", "nmfkit_fitset"))

#' Compare fits as the NMF package does
#'
#' `nmf.equal(x, y)` is `TRUE` when two fits, fitsets or models have the same
#' model (factors, and the parameters of NMFns and NMFOffset models):
#' identical by default, or equal up to [all.equal()]'s tolerance when
#' further arguments (such as `tolerance`) are given or `identical = FALSE`.
#' For fitsets the best fits are compared. `nmf.equal(list(a, b, c))` is
#' `TRUE` when all the elements are equal to the first; `nmf.equal(l1, l2)`
#' of two lists compares their best fits, or every pair with `all = TRUE`.
#'
#' @param x,y fits, fitsets or models; or lists of them.
#' @param identical for two fits: compare with [identical()] (the default,
#'   when no other argument is given) or [all.equal()].
#' @param all for two lists: compare every pair rather than the best fits.
#' @param vector for two lists with `all = TRUE`: one result per pair.
#' @param ... passed to [all.equal()].
#' @return `TRUE` or `FALSE` (or, from `all.equal()`, a description of the
#'   differences); `NA` with a warning for an empty list.
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' a <- nmf(x, 2, "lee", seed = 1)
#' b <- nmf(x, 2, "lee", seed = 1)
#' nmf.equal(a, b)
#' nmf.equal(list(a, b, nmf(x, 2, "lee", seed = 2)))
nmf.equal <- function(x, y, ..., identical = TRUE, all = FALSE, vector = FALSE) {
  if (is_plain_list(x)) {
    if (missing(y)) {
      if (length(x) == 0L) {
        warning("`x` is an empty list: nmf.equal() returns NA.", call. = FALSE)
        return(NA)
      }
      if (length(x) == 1L) {
        warning("`x` is a list of one fit: nmf.equal() returns TRUE.", call. = FALSE)
        return(TRUE)
      }
      return(all(vapply(x, function(a) isTRUE(nmf.equal(x[[1L]], a, ..., identical = identical)), NA)))
    }
    if (!is_plain_list(y)) abort_arg("`y` must be a list of fits like `x`, not %s.", describe_value(y))
    if (!all) return(nmf.equal(x[[best_of_list(x)]], y[[best_of_list(y)]], ..., identical = identical))
    if (length(x) != length(y)) return(FALSE)
    res <- mapply(function(a, b) isTRUE(nmf.equal(a, b, ..., identical = identical)), x, y)
    return(if (vector) res else all(res))
  }
  mx <- comparable_model(x, "x")
  my <- comparable_model(y, "y")
  if (identical && !...length()) return(base::identical(mx, my))
  all.equal(mx, my, ...)
}

is_plain_list <- function(x) is.list(x) && (!is.object(x) || inherits(x, "nmfkit_list"))

# The fit of least deviance in a list (NMF's which.best()).
best_of_list <- function(x) which.min(vapply(x, deviance, 0))

comparable_model <- function(x, arg) {
  if (inherits(x, "nmfkit_model")) return(x)
  if (inherits(x, c("nmfkit_fit", "nmfkit_fitset"))) return(fit(x))
  abort_arg("`%s` must be a fit, a fitset or an NMF model, not %s.", arg, describe_value(x))
}
