# nmfEstimateRank(): the NMF package's rank survey.

#' Estimate the factorization rank
#'
#' The NMF package's `nmfEstimateRank()`: `nrun` runs of `method` at each
#' rank of `range` and their quality measures, as `nmf(x, range, method,
#' nrun = nrun, ...)` computes them (the same random streams at every rank,
#' as in the NMF package). The result is a rank survey ([nmfkit_survey]):
#' a list with `measures` (one row per rank: the NMF package's
#' `cophenetic`, `dispersion`, `rss`, `evar`, `residuals`, sparseness and
#' silhouette measures, ...), `consensus` (the consensus matrix of each
#' rank) and `fit` (the runs of each rank), with `plot()` and
#' [consensusmap()] methods.
#'
#' As in the NMF package, a rank whose fit fails does not stop the survey
#' unless `stop = TRUE`: its error is reported in a warning and it is left
#' out of the result.
#'
#' @param x the data, as for [nmf()].
#' @param range the ranks to survey (whole numbers, at least two).
#' @param method the method (default: the option `default.algorithm`, see
#'   [nmf.options()]; `"brunet"` unless set).
#' @param nrun the number of runs at each rank.
#' @param model the NMF model class, passed to [nmf()] when given.
#' @param ... passed to [nmf()] (`seed`, parameters of the method, ...).
#' @param verbose print progress.
#' @param stop stop at the first rank whose fit fails.
#' @return A rank survey, class `nmfkit_survey`.
#' @seealso [nmf()], [randomize()]
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' est <- nmfEstimateRank(x, 2:3, method = "lee", nrun = 3, seed = 123456)
#' est$measures[, c("rank", "cophenetic", "dispersion", "rss")]
nmfEstimateRank <- function(x, range, method = nmf.getOption("default.algorithm"), nrun = 30, model = NULL, ...,
                            verbose = FALSE, stop = FALSE) {
  if (is.null(method)) method <- nmf.getOption("default.algorithm")
  if (inherits(x, "formula")) abort_arg("`x` must be the data (a matrix, data.frame or ExpressionSet), not a formula.")
  if (!is.numeric(range) || length(unique(range)) < 2L) {
    abort_arg("`range` must be at least two ranks (whole numbers) to compare, not %s.", describe_value(range))
  }
  stop <- check_flag(stop, "stop")
  range <- sort(unique(range))
  survey_call <- function(ranks) {
    if (is.null(model)) return(nmf(x, ranks, method, nrun = nrun, ..., verbose = verbose))
    nmf(x, ranks, method, nrun = nrun, model = model, ..., verbose = verbose)
  }
  if (stop) return(survey_call(range))
  tryCatch(survey_call(range), error = function(e) estimate_each_rank(x, range, survey_call, e))
}

# After a failed survey: each rank on its own, the failing ones left out.
estimate_each_rank <- function(x, range, survey_call, first_error) {
  wall0 <- proc.time()
  sets <- list()
  errors <- character()
  for (r in range) {
    res <- tryCatch(survey_call(r), error = function(e) conditionMessage(e))
    if (is.character(res)) errors[as.character(r)] <- res else sets[[as.character(r)]] <- res
  }
  if (!length(sets)) {
    stop(sprintf("Every rank of the survey failed; the first error: %s", conditionMessage(first_error)), call. = FALSE)
  }
  warning(sprintf("Rank%s %s failed and %s left out of the survey: %s", if (length(errors) > 1) "s" else "",
                  paste(names(errors), collapse = ", "), if (length(errors) > 1) "are" else "is",
                  paste(sprintf("[r = %s] %s", names(errors), errors), collapse = "; ")), call. = FALSE)
  sets <- lapply(sets, function(s) if (inherits(s, "nmfkit_fit")) single_run_set(s) else s)
  new_nmfkit_survey(sets, as_nmf_input(x, allow_na = TRUE), call = match.call(), wall = proc.time() - wall0)
}

# One run of one rank as a fitset of one run.
single_run_set <- function(fit) {
  new_nmfkit_fitset(list(list(run = 1L, rank = nbasis(fit), fit = fit, cluster = as.integer(predict(fit)))),
                    keep_all = FALSE, seed = fit$seed, call = fit$call, workers = 1L, threads = fit$threads,
                    wall = fit$runtime)
}
