# Several fits side by side.

#' Compare fits of several methods
#'
#' `nmf(x, rank, c("brunet", "lee", "nsNMF"), seed = s)` (or a `list` of
#' method names) fits each method from the same start and returns an
#' `nmfkit_list`; `compare()` gives the NMF package's summary table, one row per
#' fit: method, seed, objective, rank, sparseness of basis and coefficients,
#' the measures of [summary()] for `class` and `target` when given, the final
#' objective (`residuals`), iterations and time.
#'
#' @param object an `nmfkit_list`, a list of fits, or a fit (then further fits
#'   in `...`).
#' @param ... further fits (for a fit), or `class =` / `target =` passed to
#'   [summary.nmfkit_fit()].
#' @return A data.frame with one row per fit.
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' fits <- nmf(x, 3, c("hals", "lee", "brunet"), seed = 1)
#' compare(fits, target = x)
compare <- function(object, ...) UseMethod("compare")

#' @rdname compare
#' @export
compare.list <- function(object, ...) {
  ok <- vapply(object, inherits, NA, what = "nmfkit_fit")
  if (!length(object)) abort_arg("`object` must be a list of nmfkit fits, not an empty list.")
  if (!all(ok)) {
    abort_arg("`object` must be a list of nmfkit fits; element%s %s %s not.",
              if (sum(!ok) > 1) "s" else "", paste(which(!ok), collapse = ", "),
              if (sum(!ok) > 1) "are" else "is")
  }
  rows <- lapply(object, function(fit) {
    s <- summary(fit, ...)
    data.frame(method = fit$method, seed = fit$seed, metric = fit$objective,
               as.list(s), stringsAsFactors = FALSE, check.names = FALSE)
  })
  out <- do.call(rbind, rows)
  rownames(out) <- NULL
  out
}

#' @rdname compare
#' @export
compare.default <- function(object, ...) {
  abort_arg("`object` must be a fit, or a list of fits from nmf(), not %s.", describe_value(object))
}

#' @rdname compare
#' @export
compare.nmfkit_list <- function(object, ...) compare.list(unclass(object), ...)

#' @rdname compare
#' @export
compare.nmfkit_fit <- function(object, ...) {
  dots <- list(...)
  fits <- vapply(dots, inherits, NA, what = "nmfkit_fit")
  do.call(compare.list, c(list(c(list(object), dots[fits])), dots[!fits]))
}

#' @export
print.nmfkit_list <- function(x, ...) {
  cat(sprintf("<nmfkit_list> %d fits\n", length(x)))
  print(compare.list(unclass(x)), row.names = FALSE)
  invisible(x)
}
