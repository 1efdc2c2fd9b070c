# The MovieLens snmf/r call of issue 16: `nmf(x, 19, "snmf/r", nrun = 5)` on
# dslabs's `movielens` as a users x movies matrix (movies with at least 8
# ratings: 671 x 2588, 0 for unrated), nmfkit at its defaults against the NMF
# package. The NMF package takes about 8 minutes a run here, so it runs once
# (NMFKIT_MOVIELENS_NMF_RUNS, default 1) from the same random start as
# nmfkit's first run (`seed = s` draws as the NMF package's "random" seeding
# does), and its time for five runs is that run's time times five. Where the
# runs do not restart, the two give the same answer (iterations, objective,
# factors to 1e-6). Then snmf/r at ranks 10, 20 and 30, one run each.
#
# Usage: Rscript bench/bench-movielens.R. Writes bench/results/movielens.csv
# (with the machine record). NMFKIT_MOVIELENS_NMF_RUNS=0 leaves the NMF
# package out.
suppressPackageStartupMessages(library(nmfkit))
source(file.path("bench", "common.R"))
if (!requireNamespace("dslabs", quietly = TRUE)) stop("bench-movielens needs the dslabs package.")
print_header("MovieLens: snmf/r, nrun = 5, rank 19")
`%||%` <- function(a, b) if (is.null(a)) b else a
rss <- function(W, H) sum((x - W %*% H)^2)

movielens_matrix <- function() {
  env <- new.env()
  utils::data("movielens", package = "dslabs", envir = env)
  ml <- env$movielens
  keep <- names(which(table(ml$movieId) >= 8))
  ml <- ml[ml$movieId %in% keep, ]
  u <- factor(ml$userId)
  m <- factor(ml$movieId)
  x <- matrix(0, nlevels(u), nlevels(m), dimnames = list(levels(u), levels(m)))
  x[cbind(as.integer(u), as.integer(m))] <- ml$rating
  x
}
x <- movielens_matrix()
cat(sprintf("  data: %d users x %d movies, %.1f%% rated\n", nrow(x), ncol(x), 100 * mean(x > 0)))

seed <- 123L
rows <- list()
t5 <- elapsed(f5 <- nmf(x, 19, "snmf/r", nrun = 5, seed = seed))
cat(sprintf("\nnmfkit %s: nrun = 5, rank 19, default threads (%d): %.1f s\n", pkg_version("nmfkit"),
            default_threads(), t5))
rows[[length(rows) + 1L]] <- data.frame(implementation = paste("nmfkit", pkg_version("nmfkit")), rank = 19L,
                                        nrun = 5L, threads = default_threads(), seconds = t5, iterations = NA,
                                        rss = NA, stringsAsFactors = FALSE)
# the first run alone, from the start the NMF package gets
t1 <- elapsed(f1 <- nmf(x, 19, "snmf/r", seed = seed))
cat(sprintf("nmfkit, one run (seed = %d): %.2f s, %d iterations, ||A - WH||^2 %.10g, %d restarts\n", seed, t1,
            niter(f1), rss(basis(f1), coef(f1)), f1$restarts %||% 0L))
rows[[length(rows) + 1L]] <- data.frame(implementation = paste("nmfkit", pkg_version("nmfkit")), rank = 19L,
                                        nrun = 1L, threads = default_threads(), seconds = t1,
                                        iterations = niter(f1), rss = rss(basis(f1), coef(f1)), stringsAsFactors = FALSE)

nmf_runs <- as.integer(Sys.getenv("NMFKIT_MOVIELENS_NMF_RUNS", "1"))
if (nmf_runs > 0 && requireNamespace("NMF", quietly = TRUE)) {
  suppressPackageStartupMessages(requireNamespace("NMF"))
  invisible(NMF::nmf(matrix(stats::runif(200), 20), 2, "snmf/r", seed = 1, .options = "-p"))  # first call is slow
  tn <- elapsed(g <- NMF::nmf(x, 19, "snmf/r", seed = seed, .options = "-p"))
  cat(sprintf("NMF %s, one run (seed = %d): %.1f s, %d iterations; five runs about %.0f s\n", pkg_version("NMF"),
              seed, tn, NMF::niter(g), 5 * tn))
  same_iter <- NMF::niter(g) == niter(f1)
  dw <- max(abs(NMF::basis(g) - basis(f1))) / max(abs(NMF::basis(g)))
  cat(sprintf("  same start: iterations %s (%d vs %d), basis relative difference %.2g\n",
              if (same_iter) "equal" else "differ", NMF::niter(g), niter(f1), dw))
  cat(sprintf("  speed-up: one run %.1fx; nrun = 5 against five NMF runs %.1fx\n", tn / t1, 5 * tn / t5))
  rows[[length(rows) + 1L]] <- data.frame(implementation = paste("NMF", pkg_version("NMF")), rank = 19L, nrun = 1L,
                                          threads = 1L, seconds = tn, iterations = NMF::niter(g),
                                          rss = rss(NMF::basis(g), NMF::coef(g)), stringsAsFactors = FALSE)
}

cat("\nsnmf/r at other ranks, one run each (nmfkit, default threads):\n")
for (k in c(10L, 20L, 30L)) {
  tk <- elapsed(fk <- nmf(x, k, "snmf/r", seed = seed))
  cat(sprintf("  rank %2d: %.2f s, %d iterations (%.1f ms each), %s\n", k, tk, niter(fk), 1000 * tk / niter(fk),
              format(fk$stop %||% "")))
  rows[[length(rows) + 1L]] <- data.frame(implementation = paste("nmfkit", pkg_version("nmfkit")), rank = k,
                                          nrun = 1L, threads = default_threads(), seconds = tk,
                                          iterations = niter(fk), rss = rss(basis(fk), coef(fk)),
                                          stringsAsFactors = FALSE)
}
write_results(do.call(rbind, rows), "movielens")
