# Rank surveys (nmf with several ranks and nrun runs at each), their quality
# measures, their plot, and the randomised-data baseline.

new_nmfkit_survey <- function(sets, x, call, wall) {
  measures <- lapply(sets, function(s) {
    m <- summary(s, target = x)
    as.data.frame(as.list(c(m, time = sum(s$runs$time))))
  })
  measures <- do.call(rbind, measures)
  rownames(measures) <- NULL
  survey <- structure(
    list(measures = measures, consensus = lapply(sets, function(s) attr(s, "consensus", exact = TRUE)), fit = sets,
         method = sets[[1L]]$fit$method, nrun = sets[[1L]]$nrun, dim = dim(x),
         call = call, wall = wall),
    class = "nmfkit_survey"
  )
  validate_nmfkit_survey(survey)
}

validate_nmfkit_survey <- function(survey) {
  stopifnot(
    is.data.frame(survey$measures), nrow(survey$measures) == length(survey$fit),
    all(vapply(survey$fit, inherits, NA, "nmfkit_fitset")),
    identical(names(survey$fit), as.character(survey$measures$rank))
  )
  survey
}

#' Rank surveys
#'
#' [nmf] with several ranks (`rank = ranks`, `nrun = 30`) fits `nrun` runs at each
#' rank (the same random streams at every rank, as the NMF package) and
#' returns an object of class `nmfkit_survey`, a list with
#' * `measures`: a data.frame with one row per rank and the NMF package's
#'   columns `rank`, `sparseness.basis`, `sparseness.coef`, `rss`, `evar`,
#'   `silhouette.coef`, `silhouette.basis`, `residuals`, `niter`, `cpu`,
#'   `cpu.all`, `nrun`, `cophenetic`, `dispersion`,
#'   `silhouette.consensus` (see [summary.nmfkit_fitset()]), and `time`, the
#'   elapsed seconds of the rank's runs added up;
#' * `consensus`: the consensus matrix of each rank;
#' * `fit`: the [nmfkit_fitset] of each rank, named by rank (`est$fit[["3"]]`);
#' * `method`, `nrun`, `dim`, `call` and `wall` (the wall-clock time).
#'
#' `plot()` draws the measures against the rank, optionally with those of a
#' survey of randomised data ([randomize()]) as a baseline: a rank is worth
#' considering where the cophenetic correlation starts falling, or where the
#' residuals fall faster than on the randomised data (Brunet et al. 2004;
#' Frigyesi and Hoglund 2008). [consensusmap()] draws the consensus matrix of
#' every rank. `cophcor()`, `dispersion()` and `consensus()` give one value
#' (matrix) per rank.
#'
#' @param x,object a survey: the result of [nmf] with several ranks.
#' @param y optional: a survey of randomised data, drawn as a baseline (or, as
#'   in the NMF package, the measures to draw when `what` is not given).
#' @param what the measures to draw: `"all"` or some of `"cophenetic"`,
#'   `"rss"`, `"residuals"`, `"dispersion"`, `"evar"`, `"sparseness"`,
#'   `"silhouette"`.
#' @param main title.
#' @param xname,yname names of the data of `x` and `y` in the legend.
#' @param ... passed to [graphics::plot()] (`print()`: not used).
#' @return `plot()` returns `x` invisibly; `summary()` the measures.
#' @references Frigyesi A. and Hoglund M. (2008). Non-negative matrix
#'   factorization for the analysis of complex gene expression data:
#'   identification of clinically relevant tumor subtypes. *Cancer
#'   Informatics* 6.
#' @name nmfkit_survey
#' @example inst/examples/nmfkit_survey.R
NULL

#' @rdname nmfkit_survey
#' @export
print.nmfkit_survey <- function(x, ...) {
  m <- x$measures
  cat(sprintf("<nmfkit_survey> %s NMF of a %d x %d matrix, ranks %s, %d run%s each\n", x$method,
              x$dim[1], x$dim[2], paste(m$rank, collapse = ", "), x$nrun, if (x$nrun > 1) "s" else ""))
  cols <- intersect(c("rank", "cophenetic", "dispersion", "rss", "evar", "silhouette.consensus",
                      "residuals", "niter", "time"), names(m))
  print(format(m[cols], digits = 4), row.names = FALSE)
  cat(sprintf("  %.3f s elapsed\n", x$wall[["elapsed"]]))
  invisible(x)
}

#' @rdname nmfkit_survey
#' @export
summary.nmfkit_survey <- function(object, ...) object$measures

#' @rdname nmfkit_survey
#' @export
consensus.nmfkit_survey <- function(object, ...) lapply(object$fit, consensus)

#' @rdname nmfkit_survey
#' @export
dispersion.nmfkit_survey <- function(object, ...) vapply(object$fit, dispersion, 0)

#' @rdname nmfkit_survey
#' @export
cophcor.nmfkit_survey <- function(object, ...) vapply(object$fit, cophcor, 0, ...)

#' @rdname nmfkit_survey
#' @export
plot.nmfkit_survey <- function(x, y = NULL, what = c("all", "cophenetic", "rss", "residuals", "dispersion",
                                                     "evar", "sparseness", "silhouette"),
                               main = "NMF rank survey", xname = "x", yname = "y", ...) {
  if (is.character(y) && missing(what)) {
    what <- y
    y <- NULL
  }
  if (!is.null(y) && !inherits(y, "nmfkit_survey")) {
    abort_arg("`y` must be a rank survey (of several ranks; for instance of randomize(x)), not %s.", describe_value(y))
  }
  what <- check_choice(what, c("all", "cophenetic", "rss", "residuals", "dispersion", "evar", "sparseness",
                               "silhouette"), "what", several = TRUE)
  if ("all" %in% what) what <- c("cophenetic", "rss", "residuals", "dispersion", "evar", "sparseness", "silhouette")
  n <- length(what)
  nc <- min(n, 3L)
  nr <- ceiling(n / nc)
  old <- graphics::par(no.readonly = TRUE)
  on.exit(graphics::par(old), add = TRUE)
  graphics::layout(rbind(matrix(seq_len(nr * nc), nr, nc, byrow = TRUE), nr * nc + 1L),
                   heights = c(rep(1, nr), 0.25))
  graphics::par(mar = c(4, 4, 2.5, 1), oma = c(0, 0, 2, 0))
  for (w in what) survey_panel(x, y, w, ...)
  for (i in seq_len(nr * nc - n)) graphics::plot.new()
  survey_legend(!is.null(y), xname, yname)
  graphics::mtext(main, outer = TRUE, cex = 1.2, font = 2)
  invisible(x)
}

# Colours of the NMF package's measure types.
survey_colours <- function() {
  c("Best fit" = "#377EB8", Consensus = "#E41A1C", Basis = "#4DAF4A", Coefficients = "#984EA3")
}

# One panel: the columns of a measure against the rank, the baseline dashed.
survey_panel <- function(x, y, what, ...) {
  cols <- grep(paste0("^", what), names(x$measures), value = TRUE)
  vals <- c(unlist(x$measures[cols]), if (!is.null(y)) unlist(y$measures[cols]))
  ranks <- c(x$measures$rank, if (!is.null(y)) y$measures$rank)
  ylim <- if (all(is.na(vals))) c(0, 1) else range(vals, na.rm = TRUE)
  graphics::plot(range(ranks), ylim, type = "n", xlab = "Factorization rank", ylab = "", main = what,
                 xaxt = "n", ...)
  graphics::axis(1, at = sort(unique(ranks)))
  for (col in cols) {
    colour <- survey_colours()[[measure_type(col)]]
    graphics::lines(x$measures$rank, x$measures[[col]], type = "b", pch = 19, col = colour)
    if (!is.null(y)) graphics::lines(y$measures$rank, y$measures[[col]], type = "b", pch = 1, lty = 2, col = colour)
  }
}

survey_legend <- function(baseline, xname, yname) {
  types <- survey_colours()
  graphics::par(mar = c(0, 0, 0, 0))
  graphics::plot.new()
  labels <- c(names(types), if (baseline) c(xname, yname))
  graphics::legend("center", legend = labels, col = c(types, if (baseline) c("black", "black")),
                   lty = c(rep(1, 4), if (baseline) 1:2), pch = c(rep(19, 4), if (baseline) c(19, 1)),
                   ncol = 4L, bty = "n", x.intersp = 0.5)
}

# The NMF package's measure types in survey plots.
measure_type <- function(col) {
  if (col %in% c("cophenetic", "silhouette.consensus")) return("Consensus")
  if (grepl("\\.coef$", col)) return("Coefficients")
  if (grepl("\\.basis$", col)) return("Basis")
  "Best fit"
}

#' Randomised data
#'
#' Permutes the values within each column of `x` independently, destroying
#' the structure shared between samples while keeping each sample's
#' distribution: a survey of `randomize(x)` is the baseline of a rank survey
#' (Frigyesi and Hoglund 2008). As the NMF package's `randomize()`, it draws
#' from R's random number generator as it stands (call [set.seed()] first for
#' a reproducible result) and gives the same permutations for the same state.
#'
#' @param x a numeric matrix, data.frame, sparse `Matrix` (its non-zero
#'   values are moved, it stays sparse) or `ExpressionSet`.
#' @param ... not used.
#' @return A matrix (a `dgCMatrix` for sparse input) of the same dimensions
#'   and names.
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' set.seed(1)
#' r <- randomize(x)
#' all.equal(sort(r[, 1]), sort(x[, 1]))
randomize <- function(x, ...) {
  x <- as_nmf_input(x)
  m <- nrow(x)
  if (inherits(x, "dgCMatrix")) {
    j <- rep(seq_len(ncol(x)), diff(x@p))
    i <- x@i + 1L
    for (col in seq_len(ncol(x))) {
      perm <- sample.int(m)
      at <- seq_len(x@p[col + 1L] - x@p[col]) + x@p[col]
      i[at] <- match(i[at], perm)
    }
    return(Matrix::sparseMatrix(i = i, j = j, x = x@x, dims = dim(x), dimnames = dimnames(x)))
  }
  for (col in seq_len(ncol(x))) x[, col] <- x[sample.int(m), col]
  x
}
