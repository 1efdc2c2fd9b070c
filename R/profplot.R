# profplot(): the NMF package's plot of coefficient profiles.

#' Profiles of the coefficients
#'
#' As the NMF package's `profplot()`. With one argument, the profile of each
#' basis component across the samples (a row of `H`), one line per
#' component; `scale = TRUE` first scales each sample's coefficients to sum
#' 1; `Colv` orders the samples (by a vector, an order, or the profile of
#' component `Colv`, decreasingly when negative); `annotation` (a factor)
#' adds a coloured track under the axis. With two arguments (two fits, or a
#' fit and a matrix of true profiles), the profiles of `x` against those of
#' `y`, one colour per component (matched by name when both have row names),
#' with the correlation of each pair in the legend; `scale` is then `"none"`,
#' `"max"` (each profile divided by its maximum) or `"c1"` (each column
#' scaled to sum 1).
#'
#' @param x a fit, fitset, model or coefficient matrix (components x
#'   samples).
#' @param y optional: a second one to compare with.
#' @param scale see above.
#' @param match.names with `y`: pair the profiles by row names.
#' @param legend draw a legend (`TRUE`, `FALSE` or its position).
#' @param Colv,labels,annotation for one argument: the order of the samples,
#'   their labels, a factor drawn as a track.
#' @param ... passed to [graphics::matplot()].
#' @return One argument: the number of profiles, invisibly; two: the
#'   correlations of the paired profiles, invisibly.
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' fit <- nmf(x, 3, "lee", seed = 1)
#' profplot(fit, Colv = order(iris$Species), annotation = iris$Species[order(iris$Species)], labels = NA)
#' profplot(fit, nmf(x, 3, "brunet", seed = 1))
profplot <- function(x, y, scale = FALSE, match.names = TRUE, legend = TRUE, Colv, labels, annotation, ...) {
  h <- profile_matrix(x, "x")
  if (!missing(y)) return(profile_correlation(h, profile_matrix(y, "y"), scale, match.names, legend, ...))
  if (isTRUE(scale)) h <- sweep(h, 2L, colSums(h), "/")
  if (missing(labels)) labels <- if (is.null(colnames(h))) seq_len(ncol(h)) else colnames(h)
  if (!missing(Colv) && !is_na_scalar(Colv)) {
    ord <- profile_order(h, Colv)
    h <- h[, ord, drop = FALSE]
    if (length(labels) == length(ord)) labels <- labels[ord]
  }
  leg <- if (is.null(rownames(h))) paste("basis", seq_len(nrow(h)), sep = "_") else rownames(h)
  args <- utils::modifyList(list(x = t(h), type = "o", lty = 1, pch = 19, cex = 0.8, col = grDevices::rainbow(nrow(h)),
                                 xlab = "Samples", ylab = "Mixture coefficient value", main = "Profile plot",
                                 xaxt = "n"), list(...))
  do.call(graphics::matplot, args)
  graphics::axis(1, at = seq_len(ncol(h)), labels = if (is_na_scalar(labels)) FALSE else labels)
  if (!missing(annotation) && !is_na_scalar(annotation)) {
    annotation <- check_classes(annotation, ncol(h), "samples", "annotation")
    usr <- graphics::par("usr")
    graphics::rect(seq_len(ncol(h)) - 0.5, usr[3L], seq_len(ncol(h)) + 0.5, usr[3L] + 0.03 * diff(usr[3:4]),
                   col = grDevices::rainbow(nlevels(annotation), alpha = 0.5)[annotation], border = NA)
  }
  if (!isFALSE(legend)) {
    graphics::legend(if (isTRUE(legend)) "topleft" else legend, legend = leg, col = args$col, lwd = 1, pch = args$pch)
  }
  invisible(nrow(h))
}

profile_matrix <- function(x, arg) {
  if (inherits(x, c("nmfkit_fit", "nmfkit_fitset", "nmfkit_model"))) {
    h <- coef(x)
    if (is.null(rownames(h))) rownames(h) <- paste("basis", seq_len(nrow(h)), sep = "_")
    return(h)
  }
  if (inherits(x, "ExpressionSet")) x <- as_nmf_input(x)
  if (is.data.frame(x)) x <- as.matrix(x)
  if (!is.matrix(x) || !is.numeric(x)) {
    abort_arg("`%s` must be a fit, a model or a numeric matrix of profiles (one per row), not %s.",
              arg, describe_value(x))
  }
  x
}

# The order of the samples of profplot(Colv = ).
profile_order <- function(h, Colv) {
  if (length(Colv) == 1L) {
    if (!is.numeric(Colv) || Colv == 0 || abs(Colv) > nrow(h)) {
      abort_arg("`Colv` given as one number must be a component, between -%d and %d (not 0), not %s.",
                nrow(h), nrow(h), describe_value(Colv))
    }
    return(order(h[abs(Colv), ], decreasing = Colv < 0))
  }
  if (length(Colv) != ncol(h)) {
    abort_arg("`Colv` must be one number or %d values (one per sample), not %d.", ncol(h), length(Colv))
  }
  if (is.integer(Colv) && setequal(Colv, seq_len(ncol(h)))) Colv else order(Colv)
}

# Two sets of profiles against each other, with their correlations.
profile_correlation <- function(x, y, scale, match.names, legend, ...) {
  if (match.names && !is.null(rownames(x)) && !is.null(rownames(y)) && any(rownames(x) %in% rownames(y))) {
    keep <- rownames(x)[rownames(x) %in% rownames(y)]
    x <- x[keep, , drop = FALSE]
    y <- y[keep, , drop = FALSE]
  }
  if (!identical(dim(x), dim(y))) {
    abort_arg("`x` and `y` must have the same profiles: %d x %d and %d x %d.", nrow(x), ncol(x), nrow(y), ncol(y))
  }
  scale <- if (isTRUE(scale)) {
    "max"
  } else if (isFALSE(scale)) {
    "none"
  } else {
    check_choice(scale, c("none", "max", "c1"), "scale")
  }
  if (scale == "max") {
    x <- x / pmax(apply(abs(x), 1L, max), .Machine$double.xmin)
    y <- y / pmax(apply(abs(y), 1L, max), .Machine$double.xmin)
  } else if (scale == "c1") {
    x <- sweep(x, 2L, colSums(x), "/")
    y <- sweep(y, 2L, colSums(y), "/")
  }
  rho <- vapply(seq_len(nrow(x)), function(i) suppressWarnings(stats::cor(x[i, ], y[i, ])), 0)
  names(rho) <- rownames(x)
  cols <- grDevices::rainbow(nrow(x))
  args <- utils::modifyList(list(x = t(x), y = t(y), type = "p", pch = 19, cex = 0.8, col = cols, xlab = "x",
                                 ylab = "y", main = "Profile correlations"), list(...))
  do.call(graphics::matplot, args)
  graphics::abline(0, 1, lty = 3)
  if (!isFALSE(legend)) {
    labs <- sprintf("%s (rho = %.2f)", if (is.null(rownames(x))) seq_len(nrow(x)) else rownames(x), rho)
    graphics::legend(if (isTRUE(legend)) "topleft" else legend, legend = labs, col = cols, pch = 19)
  }
  invisible(rho)
}
