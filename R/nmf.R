#' Non-negative matrix factorization
#'
#' Factorizes a non-negative matrix `x` (features x samples) as
#' `x ~ W %*% H` with `W` (features x `rank`) and `H` (`rank` x samples)
#' non-negative. The call follows the NMF package's `nmf()`: code written for
#' it runs unchanged, and the methods it shares (`"lee"`, `"brunet"`) give its
#' answer for the same numeric seed.
#'
#' @param x the data, features in rows and samples in columns: a numeric
#'   matrix (double, integer or logical), a data.frame of numeric columns, a
#'   sparse `Matrix` (converted to `dgCMatrix`, never densified), a
#'   `Biobase::ExpressionSet` (its `exprs`) or a
#'   `SummarizedExperiment` (its first assay, or the one named by `assay`
#'   in `...`). All values must be finite and non-negative; all-zero rows
#'   and columns are allowed.
#' @param rank factorization rank, a whole number between 1 and
#'   `min(dim(x))`; several ranks give a rank survey ([nmfkit_survey]).
#' @param method the algorithm, matched partially and case-insensitively (see
#'   [nmf_methods]): `"anls"`, `"hals"`, `"kl"`, or the NMF
#'   package's `"brunet"`, `"KL"`, `"lee"`, `"Frobenius"`, `"offset"`,
#'   `"nsNMF"`, `"ls-nmf"`, `"pe-nmf"`, `"snmf/r"`, `"snmf/l"`. Several names
#'   (a character vector or a list) fit each from the same seed and return an
#'   `nmfkit_list` for [compare()]. `NULL` (the default) picks the Frobenius
#'   solver that the benchmarks (`bench/`, quoted in the README) show fastest
#'   to a given loss on such data: `"hals"` for a sparse matrix (`dgCMatrix`)
#'   without missing values or `mask`, `"anls"` for anything else. The fit
#'   records the method it used (`fit$method`).
#' @param seed the starting point: `NULL` (draw from R's random number
#'   generator as it stands), a number (reproducible: R's generator is seeded
#'   with it, as `set.seed()` does, for the draw and the fit, and the user's
#'   random state is restored afterwards), a seeding method (`"random"`,
#'   `"nndsvd"`, `"nndsvda"`, `"nndsvdar"`, `"ica"`; see [nmf_seed()]), a
#'   `list(W =, H =)` of start matrices, or an earlier fit (warm start).
#'   Random starts draw `W` then `H` exactly as the NMF package's `"random"`
#'   seeding.
#' @param nrun number of runs (default 1, 30 for a rank survey). With
#'   `nrun > 1` the runs start from independent random starts, run `i`
#'   drawing from the `i`-th L'Ecuyer-CMRG stream derived from `seed`
#'   exactly as the NMF package derives them (so `"lee"` and `"brunet"` give
#'   the NMF package's runs), and the result does not depend on where the
#'   runs are computed. They are dispatched through the future framework:
#'   `future::plan()` decides where (sequentially by default; `multisession`,
#'   `cluster`, HPC schedulers through future.batchtools), with a progress
#'   bar from progressr (`progressr::handlers(global = TRUE)` or
#'   `progressr::with_progress()`). Each run uses `threads` C++ threads, fewer
#'   when needed so that workers x threads stays within the cores (one thread
#'   in forked `multicore` workers). See [nmfkit_fitset].
#' @param ... parameters of the method (see [nmf_methods]), `maxIter` (the NMF
#'   package's name for `maxit`) and, for a `SummarizedExperiment`, `assay`.
#' @param maxit maximum number of iterations (default: the method's; 1000 for
#'   the fast methods, the NMF package's defaults for its methods).
#' @param tol stopping tolerance on the relative decrease of the objective
#'   per iteration, for the methods that stop on it (`"hals"`, `"anls"`,
#'   `"kl"`; default `1e-6`).
#' @param threads number of C++ threads (default [default_threads()]). The
#'   result does not depend on it.
#' @param verbose print progress every 100 iterations.
#' @param track keep the objective value along the iterations (every
#'   iteration for `"hals"`, every 10 for `"lee"` and `"brunet"`); see
#'   [plot.nmfkit_fit()].
#' @param keep_all keep every run's fit when `nrun > 1` (otherwise only the
#'   best fit, the consensus matrix and the runs' summary are kept).
#' @param .options NMF-style option letters: `"t"` (track), `"v"`
#'   (verbose), `"k"` (keep all), `"p"` (run through the future plan, the
#'   default; `"-p"` runs them in this R session whatever the plan); or a
#'   list with elements `track`, `verbose`, `keep.all`, `parallel`.
#' @param checkpoint for several runs: a directory where every finished run is
#'   saved as soon as it ends; calling again with the same data, method,
#'   settings and seed reads the runs found there instead of recomputing them,
#'   so a killed survey resumes where it stopped. With a cluster of machines
#'   the directory must be shared.
#'
#' @return An object of class `nmfkit_fit` for one run: see [basis()],
#'   [coef()], [fitted()], [predict()], [summary()]; of class
#'   [nmfkit_fitset] for several runs of one rank; of class
#'   [nmfkit_survey] for several ranks; for several methods, an
#'   `nmfkit_list` of fits (see [compare()]).
#' @seealso [nmf_methods], [nmfkit_fit], [nmfkit_fitset], [nmfkit_survey]
#' @export
#' @examples
#' # iris: 4 measurements (features) x 150 flowers (samples)
#' x <- t(as.matrix(iris[, 1:4]))
#' fit <- nmf(x, 3, seed = 42)
#' fit
#' table(cluster = predict(fit), species = iris$Species)
#'
#' # the NMF package's algorithms, same answer as NMF::nmf for the same seed
#' fit_lee <- nmf(x, 3, "lee", seed = 123)
#' c(niter = niter(fit_lee), deviance = deviance(fit_lee))
#'
#' # sparse input is never densified
#' s <- Matrix::rsparsematrix(200, 100, density = 0.05, rand.x = runif)
#' nmf(s, 5, seed = 1)
#'
#' # several runs: the best fit and the consensus of the runs
#' res <- nmf(x, 3, "lee", nrun = 4, seed = 12345)
#' purity(res, iris$Species)
#' cophcor(res)
nmf <- function(x, rank, method = NULL, seed = NULL,
                nrun = if (length(rank) > 1L) 30L else 1L, ...,
                maxit = NULL, tol = NULL, threads = NULL, verbose = FALSE,
                track = FALSE, keep_all = FALSE, .options = NULL, checkpoint = NULL) {
  call <- match.call()
  dots <- list(...)
  if (!is.null(dots$maxIter)) {
    if (!is.null(maxit)) abort_arg("Give either `maxit` or its alias `maxIter`, not both.")
    maxit <- dots$maxIter
  }
  assay <- dots$assay
  dots$maxIter <- NULL
  dots$assay <- NULL

  opts <- parse_options(.options)
  verbose <- check_flag(if (is.null(opts$verbose)) verbose else opts$verbose, "verbose")
  track <- check_flag(if (is.null(opts$track)) track else opts$track, "track")
  keep_all <- check_flag(if (is.null(opts$keep_all)) keep_all else opts$keep_all, "keep_all")

  x <- check_scale(as_nmf_input(x, assay, allow_na = TRUE))
  rank <- check_rank(rank, x)
  nrun <- check_whole(nrun, "nrun", lower = 1)
  threads <- check_threads(threads)
  if (!is.null(tol)) tol <- check_nonnegative_number(tol, "tol")
  if (!is.null(maxit)) maxit <- check_whole(maxit, "maxit", lower = 1)

  if (is.null(method)) method <- default_method(x, dots$mask)
  if ((is.list(method) || is.character(method)) && length(method) > 1L) {
    # several methods: one fit each from the same seed, compared by compare()
    methods <- vapply(method, match_name, "", choices = names(method_table()), arg = "method")
    fits <- lapply(methods, function(m) {
      if (nrun == 1L && length(rank) == 1L && is.null(checkpoint)) {
        return(fit_single(x, rank, m, seed, dots, maxit, tol, threads, track, verbose, call))
      }
      do.call(nmf, c(list(x, rank, m, seed = seed, nrun = nrun, maxit = maxit, tol = tol, threads = threads,
                          verbose = verbose, track = track, keep_all = keep_all, checkpoint = checkpoint),
                     dots))
    })
    names(fits) <- methods
    return(structure(fits, class = "nmfkit_list"))
  }
  if (is.list(method)) method <- method[[1L]]
  method <- match_name(method, names(method_table()), "method")
  checkpoint <- check_checkpoint(checkpoint)
  if (nrun > 1L || length(rank) > 1L || !is.null(checkpoint)) {
    if (nrun == 1L && length(rank) == 1L) {
      abort_arg("`checkpoint` keeps the finished runs of several runs or of a rank survey; with nrun = 1 and one rank there is nothing to resume.")
    }
    # check the method's parameters once, before any run starts
    # (unnamed extra arguments are kept, so that method_params() refuses them)
    dot_names <- if (is.null(names(dots))) rep("", length(dots)) else names(dots)
    method_params(method, dots[!dot_names %in% c("mask", "weights", "fixed")], x)
    spec <- method_table()[[method]]
    run_args <- list(method = method, params = dots, maxit = maxit, tol = if (is.na(spec$tol)) NULL else tol,
                     track = track)
    return(nmf_runs(x, rank, nrun, seed, run_args, threads, verbose, keep_all,
                    parallel = !isFALSE(opts$parallel), checkpoint = checkpoint, call = call))
  }
  fit_single(x, rank, method, seed, dots, maxit, tol, threads, track, verbose, call)
}

# One fit of one method: checks the method's parameters, draws the start and
# runs the C++ core, all on the seed's random stream.
fit_single <- function(x, rank, method, seed, dots, maxit, tol, threads, track, verbose, call,
                       holdout = NULL) {
  spec <- method_table()[[method]]
  mask <- dots$mask
  weights <- dots$weights
  fixed <- dots$fixed
  dots$mask <- dots$weights <- dots$fixed <- NULL
  if (!spec$sparse && inherits(x, "dgCMatrix")) {
    check_alloc(nrow(x), ncol(x), sprintf('Method "%s" works on dense data: densifying `x`', method))
    x <- as.matrix(x)  # ls-nmf's weights are dense anyway
  }
  na_cells <- if (method == "ls-nmf" && count_missing(x) > 0) is.na(x)
  prep <- prepare_mask(x, method, mask, weights, holdout)
  x <- prep$x
  # ls-nmf leaves its missing cells out through zero weights, not a mask (a
  # mask would make the core report the masked solvers' objective: NaN)
  if (method == "ls-nmf") prep$spec <- list(mode = "none")
  params <- method_params(method, dots, x)
  if (!is.null(na_cells)) params$weight[na_cells] <- 0  # ls-nmf: missing cells get weight 0
  fixed <- check_fixed(fixed, method, seed)
  if (is.null(maxit)) maxit <- spec$maxit
  if (is.null(tol)) {
    tol <- if (is.na(spec$tol)) 0 else spec$tol
  } else if (is.na(spec$tol)) {
    warning(sprintf('`tol` is not used by method "%s", which stops by its own rule (see ?nmf_methods).',
                    method), call. = FALSE)
  }
  ctl <- c(core_control(method, params, x), list(fixed_w = fixed == "W", fixed_h = fixed == "H"))
  with_seed_of(seed, {
    start <- if (fixed == "none") make_start(seed, x, rank, method) else fixed_start(seed, x, rank, fixed)
    offset <- if (method == "offset") {
      if (is.null(start$offset)) row_means(x) else start$offset
    } else {
      numeric()
    }
    t0 <- proc.time()
    ctl <- c(ctl, list(maxit = maxit, tol = tol, threads = threads, track = track))
    res <- nmf_fit_cpp(x, start$W, start$H, offset, spec$core, spec$stop, ctl, prep$spec, verbose)
    elapsed <- proc.time() - t0
  })
  check_fit_values(res, method)
  if (res$stop == "restarts") {
    warning(sprintf("%s: too many restarts (a row of H was all zero 10 times; `beta` may be too large); the fit stopped after the 9th restart, as the NMF package does.",
                    method), call. = FALSE)
  }
  fit <- new_nmfkit_fit(
    W = res$W, H = res$H, method = method, objective = spec$objective,
    deviance = res$objective, niter = res$niter, stop = res$stop,
    runtime = elapsed, track = res$track, seed = start$label,
    parameters = c(list(maxit = maxit, tol = tol), params),
    dimnames = dimnames(x), call = call, threads = threads,
    offset = if (method == "offset") res$offset,
    smoothing = if (method == "nsNMF") smoothing_matrix(rank, params$theta),
    restarts = res$restarts
  )
  fit$n_left_out <- prep$n_out
  fit$fixed <- fixed
  if (res$stop != "restarts" && !any(unlist(params[intersect(c("L1", "L2"), names(params))]) > 0)) {
    warn_zero_components(fit, x)  # penalties make zero components on purpose
  }
  fit
}

# A safety net behind the core's guards: a fit never returns NaN or Inf
# silently.
check_fit_values <- function(res, method) {
  bad <- c(W = !all(is.finite(res$W)), H = !all(is.finite(res$H)), objective = !is.finite(res$objective))
  if (identical(unname(bad), c(FALSE, FALSE, TRUE)) && identical(res$objective, Inf)) {
    stop(sprintf(paste('Method "%s" ended with an infinite objective after %d iterations: the fit is 0 at',
                       "cells where x > 0 (a start with zeros there, such as seed \"nndsvd\", keeps them under",
                       "multiplicative updates); use seed \"nndsvda\" or a random seed, or more iterations."),
                 method, res$niter), call. = FALSE)
  }
  if (any(bad)) {
    stop(sprintf(paste('Method "%s" produced non-finite values (NaN or Inf) in %s after %d iterations;',
                       "this is a numerical breakdown: try another seed or method, or rescale `x`."),
                 method, paste(names(bad)[bad], collapse = ", "), res$niter), call. = FALSE)
  }
  invisible(res)
}

# Components whose column of W or row of H is entirely 0 carry nothing: the
# rank is higher than the data support (or the start had zero columns).
warn_zero_components <- function(fit, x) {
  zero <- which(colSums(fit$W) == 0 | rowSums(fit$H) == 0)
  if (!length(zero)) return(invisible(fit))
  k <- ncol(fit$W)
  if (max_value(replace_na0(x)) == 0) return(invisible(fit))  # all-zero data: W = H = 0 is the answer
  why <- if (length(zero) == k) {
    "every component is zero"
  } else {
    "the data support fewer components, or the start had zero columns; a lower rank may suit them better"
  }
  warning(sprintf("%d of %d components of the %s fit are zero (component%s %s: W[, l] or H[l, ] is all 0): %s.",
                  length(zero), k, fit$method, if (length(zero) > 1) "s" else "",
                  paste(zero, collapse = ", "), why), call. = FALSE)
  invisible(fit)
}

replace_na0 <- function(x) {
  if (inherits(x, "dgCMatrix")) x@x[is.na(x@x)] <- 0 else x[is.na(x)] <- 0
  x
}

# `fixed`: "none", "W" or "H" (a factor kept as given in `seed`).
check_fixed <- function(fixed, method, seed) {
  if (is.null(fixed)) return("none")
  if (!is.character(fixed) || length(fixed) != 1L || !fixed %in% c("W", "H")) {
    abort_arg('`fixed` must be "W" or "H" (the factor to keep as given in `seed`), not %s.', describe_value(fixed))
  }
  if (!method %in% mask_methods) {
    abort_arg('`fixed` is available for methods %s, not "%s".', paste0('"', mask_methods, '"', collapse = ", "), method)
  }
  if (!is.list(seed) || is.null(seed[[fixed]])) {
    abort_arg('`fixed = "%s"` needs `seed = list(%s = <the known factor>)`.', fixed, fixed)
  }
  fixed
}

# Start of a fit with a fixed factor: the given factor, the other one drawn
# at random (or given too).
fixed_start <- function(seed, x, rank, fixed) {
  rnd <- random_start(x, rank)
  given <- seed[c("W", "H")[c("W", "H") %in% names(seed)]]
  full <- utils::modifyList(rnd[c("W", "H")], given)
  c(check_start(full, nrow(x), ncol(x), rank), label = sprintf("list(%s) fixed", fixed))
}

row_means <- function(x) if (inherits(x, "dgCMatrix")) Matrix::rowMeans(x) else rowMeans(x)

# The nsNMF smoothing matrix S = (1 - theta) I + theta / k 11'.
smoothing_matrix <- function(k, theta) diag(1 - theta, k) + theta / k

# NMF-style `.options`: a string of letters or a list.
parse_options <- function(.options) {
  if (is.null(.options)) return(list())
  if (is.list(.options)) {
    names(.options)[names(.options) == "keep.all"] <- "keep_all"
    return(.options[intersect(names(.options), c("track", "verbose", "keep_all", "parallel"))])
  }
  if (!is.character(.options) || length(.options) != 1L || is.na(.options)) {
    abort_arg("`.options` must be a string of option letters (such as \"tv\") or a list, not %s.",
              describe_value(.options))
  }
  letters_given <- regmatches(.options, gregexpr("[-+]?[A-Za-z][0-9]*", .options))[[1]]
  if (!identical(paste(letters_given, collapse = ""), .options)) {
    abort_arg("`.options` = \"%s\" must consist of option letters t, v, k, p (optionally followed by a number).",
              .options)
  }
  out <- list()
  for (tok in letters_given) {
    off <- startsWith(tok, "-")
    letter <- sub("^[-+]?([A-Za-z]).*$", "\\1", tok)
    key <- switch(letter, t = "track", v = "verbose", k = "keep_all", p = , P = "parallel",
                  abort_arg("`.options` letter \"%s\" is not known; known: t (track), v (verbose), k (keep all), p (parallel).",
                            letter))
    out[[key]] <- !off
  }
  out
}

# The default method, by measurement (bench/bench-target.R, 2 threads, quiet
# machine, 2026-11-23): on dense data anls reaches 1e-4 of the best loss as
# fast as hals when the factors are sparse and 6x faster when they are
# positive; on sparse data (20000 x 10000, rank 20) hals is 1.6-2.1x faster (its
# iterations are cheaper than exact NNLS); with missing values (masked sparse
# data, bench/bench-missing.R) anls is again faster (1.1x on one thread, 1.3x
# on two).
default_method <- function(x, mask = NULL) {
  if (inherits(x, "dgCMatrix") && is.null(mask) && count_missing(x) == 0) "hals" else "anls"
}
