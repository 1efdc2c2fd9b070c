# Cross-validated choice of the rank by held-out cells.

#' Choose the rank by cross-validation
#'
#' For each repetition, a random fraction `holdout` of the cells is held out
#' (chosen by a hash of the cell and the repetition's seed, so that no dense
#' mask is ever stored and every backend holds out the same cells); each rank
#' is fitted on the other cells (a missing-value fit, see [nmf]) and scored
#' by the mean squared error on the held-out cells. The rank with the least
#' mean test error is reported. Fits run through the `future` framework
#' (`future.apply`), one task per rank and repetition, with seeds drawn from
#' `seed` beforehand, so the result does not depend on [future::plan()].
#'
#' @param x the data, as for [nmf] (missing values and `mask` are honoured:
#'   held-out cells are drawn among the observed ones).
#' @param ranks the ranks to compare (whole numbers).
#' @param holdout fraction of the cells held out in each repetition.
#' @param reps number of repetitions (independent hold-out sets).
#' @param seed a number for reproducible hold-out sets and starts, or `NULL`.
#' @param method a method that fits missing values: `"anls"` (default),
#'   `"hals"` or `"kl"`.
#' @param ... as for [nmf] (checked once, before any fit): `maxit`, `tol`,
#'   the method's parameters (`L1`, `L2`, `inner`, `extrapolate`, ...), `mask`
#'   and `weights`.
#' @param threads C++ threads per fit.
#' @return An object of class `nmfkit_cv`: a list with `errors` (a
#'   data.frame of rank, rep, test_error, n_test (the cells held out) and
#'   niter (the fit's iterations)), `summary` (mean and
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
  dots <- list(...)
  maxit <- dots$maxit
  tol <- dots$tol
  dots$maxit <- dots$tol <- NULL
  # the checks of nmf, for one run of each rank
  args <- check_nmf_args(x, 1L, NULL, 1L, dots, maxit, tol, threads, FALSE, FALSE, FALSE, NULL, NULL)
  ranks <- check_cv_ranks(ranks, args$x)
  holdout <- check_holdout(holdout)
  reps <- check_whole(reps, "reps", lower = 1)
  spec <- method_spec(method)
  if (!spec$supports[["mask"]]) {
    abort_arg('`method` must fit missing values for cross-validation: one of %s, not "%s".',
              quoted(methods_supporting("mask")), spec$name)
  }
  check_seed(seed, args$x, ranks[1L], allow = "number")
  plan <- build_plan(args, check_plan(args, spec$name), match.call())
  tasks <- expand.grid(rank = ranks, rep = seq_len(reps))
  # seeds for the hold-out hash (per rep) and the starts (per task), drawn now
  seeds <- with_seed_of(seed, list(
    hash = stats::runif(reps) * 2^52,
    start = sample.int(.Machine$integer.max, nrow(tasks))
  ))
  run <- function(t) {
    hold <- list(holdout = holdout, seed = seeds$hash[tasks$rep[t]])
    fit <- run_plan(plan, tasks$rank[t], seed = seeds$start[t], holdout = hold)
    test <- nmf_holdout_cpp(plan$x, fit$W, fit$H, plan$mask, hold$seed, holdout, plan$options$threads)
    data.frame(rank = tasks$rank[t], rep = tasks$rep[t], test_error = test[["sse"]] / test[["n"]],
               n_test = test[["n"]], niter = fit$niter)
  }
  errors <- do.call(rbind, future.apply::future_lapply(seq_len(nrow(tasks)), run, future.seed = NULL))
  agg <- do.call(rbind, lapply(split(errors, errors$rank), function(d) {
    data.frame(rank = d$rank[1], mean = mean(d$test_error),
               se = if (nrow(d) > 1) stats::sd(d$test_error) / sqrt(nrow(d)) else NA_real_)
  }))
  rownames(agg) <- NULL
  structure(list(errors = errors, summary = agg, best_rank = agg$rank[which.min(agg$mean)],
                 holdout = holdout, reps = reps, method = spec$name),
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

#' Plot a cross-validated rank choice
#'
#' Draws the test error of every fit (grey) and its mean per rank (black)
#' against the rank, with the best rank dashed.
#'
#' @param x the result of [nmf_cv()].
#' @param xlab,ylab,main axis labels and title.
#' @param ... passed to [graphics::plot()].
#' @return `x`, invisibly.
#' @export
#' @examples
#' set.seed(1)
#' x <- matrix(runif(40 * 2), 40) %*% matrix(runif(2 * 30), 2)
#' plot(nmf_cv(x, 1:3, reps = 1, seed = 1), ylab = "held-out MSE")
plot.nmfkit_cv <- function(x, xlab = "rank", ylab = "test error (mean squared error of held-out cells)",
                           main = "nmfkit: cross-validated rank choice", ...) {
  s <- x$summary
  graphics::plot(x$errors$rank, x$errors$test_error, pch = 1, col = "grey50", xlab = xlab, ylab = ylab,
                 main = main, ...)
  graphics::lines(s$rank, s$mean, type = "b", pch = 19)
  graphics::abline(v = x$best_rank, lty = 2)
  invisible(x)
}
