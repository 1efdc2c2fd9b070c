# Cross-validated choice of the rank by held-out cells.

#' Choose the rank by cross-validation
#'
#' For each repetition, a random fraction `holdout` of the cells is held out
#' (chosen by a hash of the cell and the repetition's seed, so that no dense
#' mask is ever stored and every backend holds out the same cells); each rank
#' is fitted on the other cells (a missing-value fit, see [nmf()]) and scored
#' by the mean squared error on the held-out cells. The rank with the least
#' mean test error is reported. Fits run through the `future` framework
#' (`future.apply`), one task per rank and repetition, with seeds drawn from
#' `seed` beforehand, so the result does not depend on [future::plan()].
#'
#' @param x the data, as for [nmf()] (missing values and `mask` are honoured:
#'   held-out cells are drawn among the observed ones).
#' @param ranks the ranks to compare (whole numbers).
#' @param holdout fraction of the cells held out in each repetition.
#' @param reps number of repetitions (independent hold-out sets).
#' @param seed a number for reproducible hold-out sets and starts, or `NULL`.
#' @param method a method that fits missing values: `"anls"` (default),
#'   `"hals"` or `"kl"`.
#' @param ... passed to [nmf()] (`maxit`, `tol`, `L1`, `L2`, `mask`, ...).
#' @param threads C++ threads per fit.
#' @return An object of class `nmfkit_cv`: a list with `errors` (a
#'   data.frame of rank, rep, test_error, train_error), `summary` (mean and
#'   standard error of the test error per rank) and `best_rank`; it has
#'   `print()` and `plot()` methods.
#' @export
#' @examples
#' set.seed(1)
#' x <- matrix(runif(60 * 3), 60) %*% matrix(runif(3 * 40), 3) + matrix(runif(2400, 0, 0.1), 60)
#' cv <- nmf_cv(x, 1:5, reps = 2, seed = 42)
#' cv$best_rank
#' plot(cv)
nmf_cv <- function(x, ranks, holdout = 0.05, reps = 3, seed = NULL, method = "anls", ...,
                   threads = NULL) {
  x <- check_scale(as_nmf_input(x, allow_na = TRUE))
  if (!is.numeric(ranks) || !length(ranks) || anyNA(ranks)) {
    abort_arg("`ranks` must be whole numbers between 1 and %d, not %s.", min(dim(x)), describe_value(ranks))
  }
  ranks <- vapply(ranks, function(r) check_rank(r, x), 0L)
  if (!is.numeric(holdout) || length(holdout) != 1L || is.na(holdout) || holdout <= 0 || holdout >= 1) {
    abort_arg("`holdout` must be a fraction strictly between 0 and 1, not %s.", describe_value(holdout))
  }
  reps <- check_whole(reps, "reps", lower = 1)
  method <- match_name(method, names(method_table()), "method")
  if (!method %in% mask_methods) {
    abort_arg('`method` must fit missing values for cross-validation: one of %s, not "%s".',
              paste0('"', mask_methods, '"', collapse = ", "), method)
  }
  threads <- check_threads(threads)
  if (!is.null(seed) && !is_number_seed(seed)) {
    abort_arg("`seed` must be a single number or NULL, not %s.", describe_value(seed))
  }
  tasks <- expand.grid(rank = ranks, rep = seq_len(reps))
  # seeds for the hold-out hash (per rep) and the starts (per task), drawn now
  seeds <- with_seed_of(seed, list(
    hash = stats::runif(reps) * 2^52,
    start = sample.int(.Machine$integer.max, nrow(tasks))
  ))
  dots <- list(...)
  run <- function(t) {
    rank <- tasks$rank[t]
    rep <- tasks$rep[t]
    hold <- list(holdout = holdout, seed = seeds$hash[rep])
    fit <- fit_single(x, rank, method, seeds$start[t], dots, dots$maxit, dots$tol, threads, FALSE, FALSE,
                      match.call(), holdout = hold)
    spec <- prepare_mask(x, method, dots$mask, dots$weights)
    test <- nmf_holdout_cpp(spec$x, fit$W, fit$H, spec$spec, seeds$hash[rep], holdout, threads)
    data.frame(rank = rank, rep = rep, test_error = test[["sse"]] / test[["n"]],
               train_error = NA_real_, n_test = test[["n"]])
  }
  dots$maxit <- dots$tol <- NULL
  rows <- if (requireNamespace("future.apply", quietly = TRUE)) {
    future.apply::future_lapply(seq_len(nrow(tasks)), run, future.seed = NULL)
  } else {
    lapply(seq_len(nrow(tasks)), run)
  }
  errors <- do.call(rbind, rows)
  errors$train_error <- NULL
  agg <- do.call(rbind, lapply(split(errors, errors$rank), function(d) {
    data.frame(rank = d$rank[1], mean = mean(d$test_error),
               se = if (nrow(d) > 1) stats::sd(d$test_error) / sqrt(nrow(d)) else NA_real_)
  }))
  rownames(agg) <- NULL
  structure(list(errors = errors, summary = agg, best_rank = agg$rank[which.min(agg$mean)],
                 holdout = holdout, reps = reps, method = method),
            class = "nmfkit_cv")
}

#' @export
print.nmfkit_cv <- function(x, ...) {
  cat(sprintf("<nmfkit_cv> %s, %g%% of cells held out, %d repetition%s\n", x$method, 100 * x$holdout,
              x$reps, if (x$reps > 1) "s" else ""))
  print(x$summary, row.names = FALSE)
  cat(sprintf("best rank (least mean test error): %d\n", x$best_rank))
  invisible(x)
}

#' @export
plot.nmfkit_cv <- function(x, ...) {
  s <- x$summary
  graphics::plot(x$errors$rank, x$errors$test_error, pch = 1, col = "grey50",
                 xlab = "rank", ylab = "test error (mean squared error of held-out cells)",
                 main = "nmfkit: cross-validated rank choice", ...)
  graphics::lines(s$rank, s$mean, type = "b", pch = 19)
  graphics::abline(v = x$best_rank, lty = 2)
  invisible(x)
}
