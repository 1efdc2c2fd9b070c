# Which fast method should be nmfkit's default on dense data at higher ranks
# (issue 16)? The wide bench has hals ahead of anls at ranks 30 and 50 on its
# dense problem (70%-zero factors); the default anls was chosen on the
# positive-factor problem (dense-easy, rank 10). This runs both recipes at
# ranks 10, 30 and 50 (2000 x 1000, 10% noise; bench/problems.R), hals and
# anls at NMFKIT_BENCH_THREADS, with the time-to-target measure of
# bench/target.R (1e-3 and 1e-4 of the best loss either reaches), and writes
# bench/results/method-rank.csv.
# Usage: Rscript bench/bench-method-rank.R   (about 4 minutes on 2 cores)
suppressPackageStartupMessages(library(nmfkit))
for (f in c("common.R", "target.R", "peers.R", "problems.R")) source(file.path("bench", f))
if (!nzchar(Sys.getenv("NMFKIT_BENCH_BUDGET"))) bench_budget <- if (bench_quick) 3 else 15

# The dense recipe of bench/problems.R with positive (uniform) or 70%-zero
# factors at rank k.
method_rank_problem <- function(factors, k) {
  m <- if (bench_quick) 400 else 2000
  n <- if (bench_quick) 200 else 1000
  set.seed(20261220 + k)
  A <- if (factors == "positive") {
    matrix(stats::runif(m * k), m) %*% matrix(stats::runif(k * n), k)
  } else {
    sparse_factor(m, k) %*% sparse_factor(k, n)
  }
  A <- A + 0.1 * mean(A) * matrix(stats::runif(m * n), m, n)
  finish_problem(sprintf("%s-k%d", factors, k), sprintf("Dense %d x %d, rank %d, %s factors + 10%% noise", m, n,
                                                         k, factors), A, k)
}

print_header("Method by rank on dense data (hals against anls)")
rows <- list()
for (factors in c("positive", "sparse")) {
  for (k in c(10L, 30L, 50L)) {
    p <- method_rank_problem(factors, k)
    impls <- list(hals = nmfkit_runner(p, "hals"), anls = nmfkit_runner(p, "anls"))
    res <- run_problem(p, impls)
    s <- res$summary
    cat(sprintf("\n%s: best loss %.8g\n", p$title, res$best))
    print_summary(s)
    rows[[p$name]] <- data.frame(problem = p$name, factors = factors, rank = k, method = s$method,
                                 ms_per_iter = s$ms_per_iter, secs_1e3 = s$secs_1e3, secs_1e4 = s$secs_1e4)
  }
}
out <- do.call(rbind, rows)
write_results(out, "method-rank")
op <- options(width = 160)
print(out, row.names = FALSE)
options(op)
