# The result of several runs: class nmfkit_fitset.

# Builds the fitset from the runs' results (lists of run, rank, fit, cluster).
new_nmfkit_fitset <- function(results, keep_all, seed, call, workers, threads, wall) {
  results <- results[order(vapply(results, function(r) r$run, 0L))]
  fits <- lapply(results, function(r) {
    r$fit$call <- call
    r$fit
  })
  dev <- vapply(fits, deviance, 0)
  best <- which.min(dev)
  if (length(best) == 0L) best <- 1L
  times <- lapply(fits, function(f) unclass(f$runtime)[1:5])
  runs <- data.frame(
    run = vapply(results, function(r) as.integer(r$run), 0L),
    deviance = dev,
    niter = vapply(fits, function(f) f$niter, 0L),
    stop = vapply(fits, function(f) f$stop, ""),
    time = vapply(times, function(t) t[["elapsed"]], 0),
    cpu = vapply(times, function(t) t[["user.self"]] + t[["sys.self"]], 0),
    stringsAsFactors = FALSE
  )
  labels <- do.call(cbind, lapply(results, function(r) as.integer(r$cluster)))
  names <- colnames(fits[[best]]$H)  # the other runs may have dropped their coefficients (runs.R)
  # the dense consensus only where it is small (R/labels.R); else from the labels on demand
  consensus <- if (nrow(labels) <= consensus_limits()$dense) labels_consensus(labels, names)
  best_run <- fits[[best]]
  # every run's basis (features x rank, without names: the best fit has them), for
  # consensus_components(); never every run's coefficients
  bases <- lapply(fits, function(f) unname(f$W))
  runtime <- structure(Reduce(`+`, times), class = "proc_time")
  set <- structure(
    list(fit = without_model(best_run), runs = runs, labels = labels, bases = bases,
         fits = if (keep_all) replace(fits, best, list(NULL)), nrun = length(fits), best = best,
         seed = seed, call = call, workers = as.integer(workers), threads = as.integer(threads),
         runtime = runtime, wall = wall),
    class = "nmfkit_fitset"
  )
  # the NMF package's NMFfitX1 slots: the best fit's, and the runs' (R/slots.R)
  slots <- attributes(best_run)[names(fit_slots)]
  set <- with_slots(set, slots = c(slots, list(consensus = consensus, nrun = length(fits),
                                               rng1 = as.integer(attr(fits[[1L]], "rng", exact = TRUE)),
                                               runtime.all = runtime)))
  validate_nmfkit_fitset(set)
}

# A fit without its model, as a fitset keeps its best fit (the model is the
# fitset's own `fit` slot; `set$fit` puts it back).
without_model <- function(fit) {
  attr(fit, "fit") <- NULL
  fit
}

validate_nmfkit_fitset <- function(set) {
  n <- ncol(set$fit$H)
  C <- attr(set, "consensus", exact = TRUE)
  stopifnot(
    inherits(set$fit, "nmfkit_fit"),
    is.integer(set$labels), identical(dim(set$labels), c(n, set$nrun)),
    is.null(C) || identical(dim(C), c(n, n)),
    is.data.frame(set$runs), nrow(set$runs) == set$nrun,
    is.null(set$fits) || length(set$fits) == set$nrun,
    is.null(set$bases) || bases_ok(set$bases, set$nrun, dim(set$fit$W))
  )
  set
}

# One basis per run, each with the best fit's features and rank.
bases_ok <- function(bases, nrun, dim_w) {
  is.list(bases) && length(bases) == nrun &&
    all(vapply(bases, function(b) is.matrix(b) && is.double(b) && identical(dim(b), dim_w), NA))
}

#' Several runs of a factorization
#'
#' `nmf(x, rank, nrun = n)` with `n > 1` returns an object of class
#' `nmfkit_fitset`: the best of the runs (least deviance), the consensus
#' matrix of all runs and a summary of each run. Most functions that take a
#' fit take a fitset too and then use its best fit: [basis()], [coef()],
#' [fitted()], [residuals()], [deviance()], `dim()`, [nbasis()], [niter()],
#' [sparseness()], [rss()], [evar()], [featureScore()], [extractFeatures()],
#' [purity()], [entropy()], [basismap()], [coefmap()]; [consensus()],
#' [dispersion()], [cophcor()], [consensusmap()] and
#' `predict(what = "consensus")` use the runs' consensus.
#'
#' The object is a list with elements `fit` (the best run, an
#' [nmfkit_fit]), `consensus`, `runs` (a data.frame with, per run, `run`,
#' `deviance`, `niter`, `stop`, `time` and `cpu` in seconds), `labels` (each
#' run's cluster of each sample, samples x runs), `bases` (each run's basis
#' `W`, a list of features x rank matrices without dimnames, for
#' [consensus_components()]; the coefficients of the runs other than the best
#' are not kept), `fits` (every
#' run with `keep_all = TRUE`, else `NULL`), `nrun`, `best` (the index of the
#' best run), `seed`, `call`, `workers` and `threads` (how the runs were
#' computed), `runtime` (the runs' times added up, a `proc_time`) and `wall`
#' (the wall-clock time of the call).
#'
#' @param object,x a fitset from [nmf()] with `nrun > 1`.
#' @param ... passed on to the method for the best fit.
#' @name nmfkit_fitset
#' @seealso [nmf()], [consensus()], [summary.nmfkit_fitset()]
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' res <- nmf(x, 3, nrun = 5, seed = 1)
#' res
#' res$runs
#' dim(consensus(res))
#' table(predict(res, what = "consensus"), iris$Species)
NULL

#' @rdname nmfkit_fitset
#' @export
print.nmfkit_fitset <- function(x, ...) {
  d <- dim(x)
  cat(sprintf("<nmfkit_fitset> %s NMF of a %d x %d matrix, rank %d, best of %d runs\n",
              x$fit$method, d[1], d[2], d[3], x$nrun))
  obj <- if (x$fit$objective == "kl") "KL divergence" else "1/2 residual sum of squares"
  dev <- x$runs$deviance
  cat(sprintf("  best run:   %d, %s = %s, %d iterations\n", x$best, obj,
              format(dev[x$best], digits = 7), x$fit$niter))
  cat(sprintf("  deviance:   min %s, median %s, max %s over the runs\n", format(min(dev), digits = 5),
              format(stats::median(dev), digits = 5), format(max(dev), digits = 5)))
  not_converged <- sum(x$runs$stop != "converged")
  if (not_converged > 0) {
    cat(sprintf("  stopping:   %d of %d runs stopped before their stopping rule fired (maxit or restarts)\n",
                not_converged, x$nrun))
  }
  coph <- cophcor(x)
  cat(sprintf("  consensus:  cophenetic %.4f, dispersion %.4f%s\n", coph, dispersion(x),
              if (is.null(attr(coph, "approximation"))) "" else sprintf("\n              (cophenetic %s)",
                                                                       attr(coph, "approximation"))))
  cat(sprintf("  seed:       %s, one L'Ecuyer-CMRG stream per run\n", x$seed))
  cat(sprintf("  time:       runs %.3f s in total; the call %.3f s elapsed on %d worker%s x %d thread%s\n",
              sum(x$runs$time), x$wall[["elapsed"]], x$workers, if (x$workers > 1) "s" else "",
              x$threads, if (x$threads > 1) "s" else ""))
  invisible(x)
}

#' @rdname nmfkit_fitset
#' @export
basis.nmfkit_fitset <- function(object, ...) basis(object$fit, ...)

#' @rdname nmfkit_fitset
#' @export
coef.nmfkit_fitset <- function(object, ...) coef(object$fit, ...)

#' @rdname nmfkit_fitset
#' @export
fitted.nmfkit_fitset <- function(object, ...) fitted(object$fit, ...)

#' @rdname nmfkit_fitset
#' @export
residuals.nmfkit_fitset <- function(object, ...) residuals(object$fit, ...)

#' @rdname nmfkit_fitset
#' @export
deviance.nmfkit_fitset <- function(object, ...) deviance(object$fit)

#' @rdname nmfkit_fitset
#' @export
dim.nmfkit_fitset <- function(x) dim(x$fit)

#' @rdname nmfkit_fitset
#' @export
nbasis.nmfkit_fitset <- function(x, ...) nbasis(x$fit)

#' @rdname nmfkit_fitset
#' @export
niter.nmfkit_fitset <- function(object, ...) niter(object$fit)

#' @rdname nmfkit_fitset
#' @export
runtime.nmfkit_fitset <- function(object, ...) object$runtime

#' @rdname nmfkit_fitset
#' @export
sparseness.nmfkit_fitset <- function(x, ...) sparseness(x$fit)

#' @rdname nmfkit_fitset
#' @param target the data matrix the fit approximates.
#' @export
rss.nmfkit_fitset <- function(object, target, ...) rss(object$fit, target)

#' @rdname nmfkit_fitset
#' @export
evar.nmfkit_fitset <- function(object, target, ...) evar(object$fit, target)

#' @rdname nmfkit_fitset
#' @return `as.list()`: the list of every run's fit (`keep_all = TRUE`), or
#'   a list holding the best fit only.
#' @export
as.list.nmfkit_fitset <- function(x, ...) {
  if (is.null(x$fits)) list(x$fit) else x$fits
}

#' @rdname nmfkit_fitset
#' @export
plot.nmfkit_fitset <- function(x, ...) {
  fits <- if (is.null(x$fits)) list(x$fit) else x$fits
  tracks <- lapply(fits, function(f) f$track)
  if (all(vapply(tracks, nrow, 0L) == 0L)) {
    abort_arg("These runs have no objective track: refit with `track = TRUE` to plot them.")
  }
  obj <- unlist(lapply(tracks, `[[`, "objective"))
  its <- unlist(lapply(tracks, `[[`, "iteration"))
  ylab <- if (x$fit$objective == "kl") "KL divergence" else "1/2 residual sum of squares"
  graphics::plot(range(its), range(obj), type = "n", log = if (all(obj > 0)) "y" else "",
                 xlab = "iteration", ylab = ylab,
                 main = sprintf("nmfkit: %s, rank %d, %d run%s", x$fit$method, nbasis(x), length(fits),
                                if (length(fits) > 1) "s" else ""), ...)
  for (i in seq_along(tracks)) {
    best <- is.null(x$fits) || i == x$best
    graphics::lines(tracks[[i]]$iteration, tracks[[i]]$objective,
                    col = if (best) "firebrick" else "grey50", lwd = if (best) 2 else 1)
  }
  invisible(x)
}

#' Summary measures of several runs
#'
#' The NMF package's summary of several runs: the measures of the best fit
#' (see [summary.nmfkit_fit()]), with `cpu.all` the CPU time of all runs and
#' `nrun` their number, followed by the consensus measures `cophenetic`
#' ([cophcor()]), `dispersion` ([dispersion()]) and `silhouette.consensus`
#' (the average silhouette width of the consensus clusters, see
#' [silhouette()][nmfkit_silhouette]).
#'
#' @param object a fitset from [nmf()] with `nrun > 1`.
#' @param class optional: the known class of each sample, to add `purity`
#'   and `entropy`.
#' @param target optional: the data, to add `rss` and `evar`.
#' @param ... not used.
#' @return A named numeric vector.
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' res <- nmf(x, 3, "lee", nrun = 5, seed = 12345)
#' summary(res, class = iris$Species, target = x)
summary.nmfkit_fitset <- function(object, class = NULL, target = NULL, ...) {
  s <- summary(object$fit, class = class, target = target)
  s[["cpu.all"]] <- sum(object$runs$cpu)
  s[["nrun"]] <- object$nrun
  c(s, cophenetic = as.numeric(cophcor(object)), dispersion = dispersion(object),
    silhouette.consensus = silhouette_width(silhouette(object, what = "consensus")))
}
