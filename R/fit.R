# The result of one fit: class nmfkit_fit, its constructor, validator and methods.

new_nmfkit_fit <- function(W, H, method, objective, deviance, niter, stop, runtime,
                           track, seed, parameters, dimnames, call, threads,
                           offset = NULL, smoothing = NULL, restarts = 0L, rng = integer(), extra = list()) {
  rownames(W) <- dimnames[[1L]]
  colnames(H) <- dimnames[[2L]]
  if (!is.null(offset)) names(offset) <- dimnames[[1L]]
  model <- new_nmfkit_model(W, H, model = model_of_method(method), theta = parameters$theta, offset = offset)
  niter <- as.integer(niter)
  fit <- structure(
    c(list(objective = objective, deviance = deviance, niter = niter, stop = stop,
           track = track, seed = seed, threads = as.integer(threads), smoothing = smoothing,
           restarts = as.integer(restarts), converged = identical(stop, "converged")), extra),
    class = "nmfkit_fit"
  )
  # the NMF package's NMFfit slots (see R/slots.R)
  fit <- with_slots(fit, fit = model, residuals = residual_track(track, deviance, niter), method = method,
                    seed = seeding_name(seed), rng = rng, distance = distance_name(objective),
                    parameters = parameters, runtime = runtime, options = list(track = nrow(track) > 0L),
                    extra = list(), call = call, misc = list())
  validate_nmfkit_fit(fit)
}

validate_nmfkit_fit <- function(fit) {
  w <- fit$W
  h <- fit$H
  offset <- fit$offset
  factors_ok <- is.matrix(w) && is.matrix(h) && ncol(w) == nrow(h) && (is.null(offset) || length(offset) == nrow(w))
  if (!factors_ok || !fit_fields_ok(fit)) stop("internal error: an invalid nmfkit_fit", call. = FALSE)
  fit
}

fit_fields_ok <- function(fit) {
  method <- fit$method
  deviance <- .subset2(fit, "deviance")
  niter <- .subset2(fit, "niter")
  checks <- list(is.character(method), length(method) == 1L, is.numeric(deviance), length(deviance) == 1L,
                 is.integer(niter), length(niter) == 1L && niter >= 0L,
                 identical(.subset2(fit, "stop") %in% c("converged", "maxit", "restarts", "none"), TRUE),
                 is.data.frame(.subset2(fit, "track")))
  all(vapply(checks, isTRUE, NA))
}

# NMF's `residuals` slot: the objective along the iterations, named by
# iteration, ending with the final value.
residual_track <- function(track, deviance, niter) {
  res <- stats::setNames(as.numeric(track$objective), track$iteration)
  if (!length(res) || track$iteration[length(res)] != niter) {
    res <- c(res, stats::setNames(as.numeric(deviance), niter))
  }
  res
}

# NMF's names of the seeding method (its `seed` slot) and of the objective
# (its `distance` slot).
seeding_name <- function(label) {
  if (label == "random") return(label)
  if (startsWith(label, "list(") || label == "fit") return("NMF")
  sub(" .*$", "", label)
}

distance_name <- function(objective) {
  switch(objective, frobenius = "euclidean", kl = "KL", objective)
}

# NMF's model class of a method's fits.
model_of_method <- function(method) {
  switch(method, nsNMF = "NMFns", offset = "NMFOffset", "NMFstd")
}

#' A fit from given factors
#'
#' Wraps factors computed elsewhere (by the NMF package, RcppML, or by hand)
#' as an `nmfkit_fit`, so that nmfkit's measures, clusters and heatmaps
#' apply to them: [summary()], [predict()], [purity()],
#' [silhouette()][nmfkit_silhouette], [featureScore()], [basismap()] and so
#' on.
#'
#' @param W the basis, a non-negative numeric matrix (features x rank).
#' @param H the coefficients, a non-negative numeric matrix (rank x samples).
#' @param target optional: the data `W %*% H` approximates; then the fit's
#'   deviance is half the residual sum of squares, otherwise `NA`.
#' @return An `nmfkit_fit` with method `"none"`, no iterations and stop
#'   `"none"`.
#' @seealso [nmfkit_fit]
#' @export
#' @examples
#' w <- cbind(c(1, 1, 0, 0), c(0, 0, 1, 1))
#' h <- cbind(c(2, 0), c(1, 0), c(0, 3))
#' fit <- nmf_model(w, h)
#' predict(fit)
#' summary(fit, target = w %*% h)
nmf_model <- function(W, H, target = NULL) {
  W <- check_factor_matrix(W, "W")
  H <- check_factor_matrix(H, "H")
  if (ncol(W) != nrow(H)) {
    abort_arg("`W` and `H` must share the rank: `W` has %d columns and `H` %d rows.", ncol(W), nrow(H))
  }
  deviance <- NA_real_
  if (!is.null(target)) {
    target <- as_nmf_input(target)
    if (!identical(dim(target), c(nrow(W), ncol(H)))) {
      abort_arg("`target` must be %d x %d (nrow(W) x ncol(H)), not %d x %d.", nrow(W), ncol(H),
                nrow(target), ncol(target))
    }
    deviance <- 0.5 * nmf_rss_cpp(target, W, H, default_threads())
  }
  new_nmfkit_fit(
    W = W, H = H, method = "none", objective = "frobenius", deviance = deviance, niter = 0L,
    stop = "none", runtime = structure(c(user.self = 0, sys.self = 0, elapsed = 0, user.child = 0,
                                         sys.child = 0), class = "proc_time"),
    track = data.frame(iteration = integer(), objective = numeric()), seed = "none",
    parameters = list(), dimnames = list(rownames(W), colnames(H)), call = match.call(), threads = 1L
  )
}

#' The result of a fit
#'
#' `nmf()` returns an object of class `nmfkit_fit`, a list with elements `W`,
#' `H`, `method`, `objective`, `deviance`, `niter`, `stop` (`"converged"`,
#' `"maxit"` when the iterations ran out before the stopping rule fired, or
#' `"restarts"` for snmf), `converged` (`TRUE` when the stopping rule fired),
#' `runtime`, `track`, `seed`, `parameters` and `call`. Read it
#' with the functions below rather than by its elements.
#'
#' * `basis()` is `W` (features x rank), `coef()` is `H` (rank x samples),
#'   `fitted()` is `W %*% H` (plus the offset for method `"offset"`,
#'   `W %*% S %*% H` with the smoothing matrix `S` for `"nsNMF"`).
#' * `deviance()` is the final value of the method's objective (see
#'   [nmf_methods]): half the residual sum of squares for the Frobenius
#'   methods, the generalised KL divergence for the KL methods, plus the
#'   penalties where there are any (as the NMF package's `deviance()`).
#' * `residuals()` is that same number, as in the NMF package; with
#'   `track = TRUE` it gives the whole objective track.
#' * `dim()` is `c(features, samples, rank)`; `nbasis()` the rank;
#'   `niter()` the iterations; `runtime()` the elapsed `proc_time`.
#'
#' @param object,x a fit from [nmf()].
#' @param track for `residuals()`: return the objective track (a data.frame of
#'   `iteration` and `objective`) instead of the final value.
#' @param ... not used.
#' @name nmfkit_fit
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' fit <- nmf(x, 2, seed = 1)
#' dim(basis(fit)); dim(coef(fit))
#' deviance(fit)
#' all.equal(fitted(fit), basis(fit) %*% coef(fit))
#' c(nbasis(fit), niter(fit))
NULL

#' @rdname nmfkit_fit
#' @export
basis <- function(object, ...) UseMethod("basis")

#' @rdname nmfkit_fit
#' @export
basis.nmfkit_fit <- function(object, ...) object$W

#' @rdname nmfkit_fit
#' @export
basis.default <- function(object, ...) not_a_fit(object)

# The error of the accessors given something else than a fit.
not_a_fit <- function(object, arg = "object") {
  abort_arg("`%s` must be a fit or a fitset from nmf(), not %s.", arg, describe_value(object))
}

#' @rdname nmfkit_fit
#' @export
coef.nmfkit_fit <- function(object, ...) object$H

#' @rdname nmfkit_fit
#' @export
fitted.nmfkit_fit <- function(object, ...) {
  check_alloc(nrow(object$W), ncol(object$H), "The fitted matrix W %*% H",
              hint = "use basis() and coef() instead, or predict() a subset of samples")
  w <- object$W
  if (!is.null(object$smoothing)) w <- w %*% object$smoothing
  wh <- w %*% object$H
  if (!is.null(object$offset)) wh <- wh + object$offset
  wh
}

#' @rdname nmfkit_fit
#' @export
residuals.nmfkit_fit <- function(object, track = FALSE, ...) {
  if (isTRUE(track)) return(object$track)
  object$deviance
}

#' @rdname nmfkit_fit
#' @export
deviance.nmfkit_fit <- function(object, ...) object$deviance

#' @rdname nmfkit_fit
#' @export
dim.nmfkit_fit <- function(x) c(nrow(x$W), ncol(x$H), ncol(x$W))

#' @rdname nmfkit_fit
#' @export
nbasis <- function(x, ...) UseMethod("nbasis")

#' @rdname nmfkit_fit
#' @export
nbasis.nmfkit_fit <- function(x, ...) ncol(x$W)

#' @rdname nmfkit_fit
#' @export
nbasis.default <- function(x, ...) not_a_fit(x, "x")

#' @rdname nmfkit_fit
#' @export
niter <- function(object, ...) UseMethod("niter")

#' @rdname nmfkit_fit
#' @export
niter.nmfkit_fit <- function(object, ...) object$niter

#' @rdname nmfkit_fit
#' @export
niter.default <- function(object, ...) not_a_fit(object)

#' @rdname nmfkit_fit
#' @export
runtime <- function(object, ...) UseMethod("runtime")

#' @rdname nmfkit_fit
#' @export
runtime.nmfkit_fit <- function(object, ...) object$runtime

#' @rdname nmfkit_fit
#' @export
runtime.default <- function(object, ...) not_a_fit(object)

objective_label <- function(objective) {
  switch(objective,
    frobenius = "1/2 residual sum of squares",
    kl = "KL divergence",
    "weighted frobenius" = "1/2 sum((weight * (x - WH))^2)",
    "pe-nmf" = "pe-nmf objective",
    snmf = "snmf objective",
    objective
  )
}

#' @rdname nmfkit_fit
#' @export
print.nmfkit_fit <- function(x, ...) {
  d <- dim(x)
  cat(sprintf("<nmfkit_fit> %s NMF of a %d x %d matrix, rank %d\n", x$method, d[1], d[2], d[3]))
  cat(sprintf("  objective:  %s = %s\n", objective_label(x$objective), format(x$deviance, digits = 7)))
  cat(sprintf("  iterations: %d (%s)\n", x$niter,
              switch(x$stop, converged = "converged", maxit = "stopped at maxit",
                     restarts = "stopped after too many restarts",
                     none = if (identical(x$method, "none")) "given factors" else "stopped by the algorithm")))
  cat(sprintf("  seed:       %s\n", x$seed))
  cat(sprintf("  time:       %.3f s elapsed, %d thread%s\n", x$runtime[["elapsed"]], x$threads,
              if (x$threads > 1) "s" else ""))
  invisible(x)
}

#' Summary measures of a fit
#'
#' The NMF package's summary measures of a fit, in its order: `rank`, the
#' Hoyer sparseness of the basis and of the coefficients
#' (`sparseness.basis`, `sparseness.coef`), with known classes `purity` and
#' `entropy` of the sample clusters, with the data `rss` and `evar`, the
#' average silhouette widths of the sample and feature clusters
#' (`silhouette.coef`, `silhouette.basis`, see
#' [silhouette()][nmfkit_silhouette]), then the final objective
#' (`residuals`), the iterations (`niter`), the CPU time (`cpu`, `cpu.all`)
#' and the number of runs (`nrun`). For several runs,
#' [summary.nmfkit_fitset()] adds the consensus measures.
#'
#' @param object a fit from [nmf()].
#' @param class optional: the known class of each sample (a factor or vector),
#'   to add `purity` and `entropy`.
#' @param target optional: the data the fit approximates, to add `rss` and
#'   `evar`.
#' @param ... not used.
#' @return A named numeric vector, as the NMF package's `summary()`.
#' @seealso [purity()], [sparseness()], [silhouette()][nmfkit_silhouette]
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' fit <- nmf(x, 3, seed = 1)
#' summary(fit, class = iris$Species, target = x)
summary.nmfkit_fit <- function(object, class = NULL, target = NULL, ...) {
  out <- c(rank = nbasis(object),
           sparseness.basis = sparseness(basis(object)),
           sparseness.coef = sparseness(coef(object)))
  if (!is.null(class)) {
    class <- check_classes(class, ncol(object$H), arg = "class")
    out <- c(out, purity = purity(object, class), entropy = entropy(object, class))
  }
  if (!is.null(target)) {
    target <- as_nmf_input(target)
    if (!identical(dim(target), dim(object)[1:2])) {
      abort_arg("`target` must be %d x %d like the fitted data, not %d x %d.",
                dim(object)[1], dim(object)[2], nrow(target), ncol(target))
    }
    out <- c(out, rss = rss(object, target), evar = evar(object, target))
  }
  out <- c(out, silhouette.coef = silhouette_width(silhouette(object, what = "samples")),
           silhouette.basis = silhouette_width(silhouette(object, what = "features")))
  cpu <- object$runtime[["user.self"]] + object$runtime[["sys.self"]]
  c(out, residuals = object$deviance, niter = object$niter, cpu = cpu, cpu.all = cpu, nrun = 1)
}

# Average silhouette width, NA when there is no silhouette.
silhouette_width <- function(si) if (is_na_scalar(si)) NA_real_ else mean(si[, "sil_width"])

#' Plot the objective track of a fit
#'
#' Draws the objective value against the iteration, on a log scale. The fit
#' must have been made with `track = TRUE`.
#'
#' @param x a fit from [nmf()].
#' @param ... passed to [graphics::plot()].
#' @return `x`, invisibly.
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' fit <- nmf(x, 3, seed = 1, track = TRUE)
#' plot(fit)
plot.nmfkit_fit <- function(x, ...) {
  tr <- x$track
  if (nrow(tr) == 0L) {
    abort_arg("This fit has no objective track: refit with `track = TRUE` to plot it.")
  }
  ylab <- objective_label(x$objective)
  graphics::plot(tr$iteration, tr$objective, type = "l", log = if (all(tr$objective > 0)) "y" else "",
                 xlab = "iteration", ylab = ylab, main = sprintf("nmfkit: %s, rank %d", x$method, nbasis(x)),
                 ...)
  invisible(x)
}

#' Cluster membership from a fit, and coefficients of new samples
#'
#' The cluster of each sample is the factor with the largest coefficient in its
#' column of `H` (`what = "samples"`); the cluster of each feature is the
#' factor with the largest weight in its row of `W` (`what = "features"`). As
#' the NMF package, the result is a factor whose levels are the clusters that
#' occur. With `newdata`, `predict()` returns instead the non-negative
#' coefficients of the new samples on the fitted basis (see [nmf_project()]).
#'
#' @param object a fit from [nmf()].
#' @param what `"samples"` (or `"columns"`) or `"features"` (or `"rows"`);
#'   a matrix here is taken as `newdata`, so `predict(fit, newx)` works.
#' @param newdata optional: new samples (features x samples, the features of
#'   the fitted data) to project on the basis.
#' @param prob if `TRUE`, return, as the NMF package, a list with the
#'   clusters (`predict`) and the share of the winning factor in each column
#'   (row) of its total (`prob`; `NA` for an all-zero column).
#' @param ... for `newdata`: `L1`, `L2`, `threads` passed to [nmf_project()].
#' @return A factor, named by the samples (features) when they have names
#'   (with `prob = TRUE`, a list of it and the shares); with `newdata`, a
#'   `rank x samples` matrix.
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' fit <- nmf(x, 3, seed = 1)
#' table(predict(fit), iris$Species)
#' predict(fit, what = "features")
#' h_new <- predict(fit, newdata = x[, 1:5])
predict.nmfkit_fit <- function(object, what = c("samples", "columns", "features", "rows"),
                               prob = FALSE, newdata = NULL, ...) {
  # predict(fit, newx) as well as the NMF package's predict(fit, "features")
  if (!missing(what) && !is.character(what)) newdata <- what
  if (!is.null(newdata)) {
    w <- object$W
    if (!is.null(object$smoothing)) w <- w %*% object$smoothing
    return(nmf_project(w, newdata, ...))
  }
  what <- check_choice(what, c("samples", "columns", "features", "rows"), "what")
  m <- if (what %in% c("samples", "columns")) t(object$H) else object$W
  idx <- max.col(replace(m, is.na(m), -Inf), ties.method = "first")
  res <- as.factor(idx)
  names(res) <- rownames(m)
  if (!isTRUE(prob)) return(res)
  # as the NMF package: the clusters and the share of the winning factor
  s <- rowSums(abs(m))
  share <- ifelse(s > 0, abs(m[cbind(seq_along(idx), idx)]) / s, NA_real_)
  list(predict = res, prob = stats::setNames(share, rownames(m)))
}
