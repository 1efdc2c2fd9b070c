# The fixed cost of nmf()'s runs (issue 13): on iris (4 x 150, rank 3, hals,
# maxit = 1), the cost of one run inside nmf(..., nrun = 300) against the cost
# of a lone nmf() call, measured in one process, each the median of several
# repetitions (after a warm-up). Usage: Rscript bench/bench-plan.R [reps]
suppressMessages(library(nmfkit))
reps <- as.integer(commandArgs(TRUE)[1])
if (is.na(reps)) reps <- 7L
x <- t(as.matrix(iris[, 1:4]))
lone <- function() suppressWarnings(nmf(x, 3, "hals", seed = 1, maxit = 1, threads = 1))
runs <- function(n) suppressWarnings(nmf(x, 3, "hals", nrun = n, seed = 1, maxit = 1, threads = 1))
time_of <- function(f, times) {
  f()  # warm-up
  vapply(seq_len(times), function(i) system.time(f())[["elapsed"]], 0)
}
future::plan("sequential")
t_lone <- time_of(function() for (i in 1:100) lone(), reps) / 100
t_runs <- time_of(function() runs(300), reps) / 300
cat(sprintf("# %s, R %s, nmfkit %s, %s\n", format(Sys.time(), "%Y-%m-%d %H:%M"), getRversion(),
            utils::packageVersion("nmfkit"), paste("load", paste(readLines("/proc/loadavg", warn = FALSE), collapse = ""))))
cat(sprintf("lone nmf() call:          median %.3f ms (min %.3f, max %.3f) over %d x 100 calls\n",
            1e3 * stats::median(t_lone), 1e3 * min(t_lone), 1e3 * max(t_lone), reps))
cat(sprintf("one run of nrun = 300:    median %.3f ms (min %.3f, max %.3f) over %d x 300 runs\n",
            1e3 * stats::median(t_runs), 1e3 * min(t_runs), 1e3 * max(t_runs), reps))
cat(sprintf("ratio run / lone call:    %.2f (target: at most 0.5)\n", stats::median(t_runs) / stats::median(t_lone)))
