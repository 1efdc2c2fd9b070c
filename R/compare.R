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

#' @rdname compare
#' @export
summary.nmfkit_list <- function(object, ...) compare.list(unclass(object), ...)

#' Plot the objective tracks of several methods
#'
#' As the NMF package's plot of a list of fits: the objective track of each
#' method (of its best run), divided by its first value so that methods with
#' different objectives share one scale, against the iteration. The fits must
#' have been made with `track = TRUE` (or `.options = "t"`).
#'
#' @param x a list of fits from [nmf()] with several methods.
#' @param ... passed to [graphics::plot()].
#' @return `x`, invisibly.
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' fits <- nmf(x, 3, c("brunet", "lee"), seed = 1, track = TRUE)
#' plot(fits)
plot.nmfkit_list <- function(x, ...) {
  tracks <- lapply(x, function(f) {
    tr <- (if (inherits(f, "nmfkit_fitset")) f$fit else f)$track
    if (nrow(tr) == 0L) return(NULL)
    data.frame(iteration = tr$iteration, value = tr$objective / tr$objective[1L])
  })
  if (all(vapply(tracks, is.null, NA))) {
    abort_arg("These fits have no objective track: refit with `track = TRUE` (or `.options = \"t\"`) to plot them.")
  }
  tracks <- tracks[!vapply(tracks, is.null, NA)]
  its <- unlist(lapply(tracks, `[[`, "iteration"))
  vals <- unlist(lapply(tracks, `[[`, "value"))
  args <- utils::modifyList(list(x = range(its), y = range(vals), type = "n", xlab = "Iterations",
                                 ylab = "Normalised objective values", main = "NMF Residuals",
                                 log = if (all(vals > 0)) "y" else ""), list(...))
  do.call(graphics::plot, args)
  cols <- seq_along(tracks)
  for (i in seq_along(tracks)) graphics::lines(tracks[[i]]$iteration, tracks[[i]]$value, col = cols[i], lwd = 1.4)
  graphics::legend("topright", legend = names(tracks), fill = cols, title = "Algorithm")
  invisible(x)
}
