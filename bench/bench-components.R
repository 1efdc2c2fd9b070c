# Component consensus (consensus_components(), cNMF-style) on a large sparse
# matrix: the time of each stage and the sizes of what is kept. Run it under
#   /usr/bin/time -v Rscript bench/bench-components.R
# for the peak memory (its "Maximum resident set size"); the script records R's
# own peak heap per stage too (gc()'s "max used", which misses the C++ core's
# buffers).
#
# Environment (defaults in brackets):
#   NMFKIT_COMP_N        samples (columns) [1e6]
#   NMFKIT_COMP_M        features (rows) [2000]
#   NMFKIT_COMP_NNZ      non-zero cells [5e7; 2e7 fits far sooner]
#   NMFKIT_COMP_RANK     rank [10]
#   NMFKIT_COMP_NRUN     runs [5]
#   NMFKIT_COMP_MAXIT    iterations per run [the method's default]
#   NMFKIT_BENCH_THREADS C++ threads [2]
#   NMFKIT_BENCH_OUT     where the CSV goes [bench/results]
#
# The data: `rank` planted programs, each with its own block of features;
# every sample belongs to one program and draws 70% of its non-zero cells
# from that program's block and 30% anywhere, with Poisson counts (+1). The
# matrix is built column-major straight into a dgCMatrix (no triplets).

suppressPackageStartupMessages({
  library(nmfkit)
  library(Matrix)
})

num_env <- function(name, default) as.numeric(Sys.getenv(name, default))
n <- num_env("NMFKIT_COMP_N", 1e6)
m <- num_env("NMFKIT_COMP_M", 2000)
nnz <- num_env("NMFKIT_COMP_NNZ", 5e7)
k <- as.integer(num_env("NMFKIT_COMP_RANK", 10))
nrun <- as.integer(num_env("NMFKIT_COMP_NRUN", 5))
maxit <- Sys.getenv("NMFKIT_COMP_MAXIT", "")
threads <- as.integer(num_env("NMFKIT_BENCH_THREADS", 2))
out_dir <- Sys.getenv("NMFKIT_BENCH_OUT", file.path("bench", "results"))
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

planted_sparse <- function(m, n, nnz, k, seed = 1) {
  set.seed(seed)
  per <- max(1L, as.integer(round(nnz / n)))
  block <- m %/% k
  program <- rep_len(seq_len(k), n)
  own <- stats::runif(per * n) < 0.7
  prog <- rep(program, each = per)
  row <- ifelse(own, (prog - 1L) * block + sample.int(block, per * n, replace = TRUE),
                sample.int(m, per * n, replace = TRUE))
  rm(own, prog)
  # one key per cell, column-major; duplicates within a column merged
  key <- sort(unique((rep(seq_len(n), each = per) - 1) * m + (row - 1)))
  rm(row)
  j <- key %/% m
  i <- as.integer(key - j * m)
  rm(key)
  p <- c(0L, cumsum(tabulate(as.integer(j) + 1L, n)))
  rm(j)
  x <- stats::rpois(length(i), 2) + 1
  new("dgCMatrix", i = i, p = as.integer(p), x = as.numeric(x), Dim = as.integer(c(m, n)))
}

rows <- list()
stage <- function(name, expr) {
  gc(reset = TRUE)
  t <- system.time(value <- force(expr))
  heap <- sum(gc()[, 6])  # max used since the reset, MB (R's heap only)
  rows[[length(rows) + 1L]] <<- data.frame(stage = name, elapsed = t[["elapsed"]],
                                           cpu = t[["user.self"]] + t[["sys.self"]], r_heap_peak_mb = heap)
  message(sprintf("%-28s %8.2f s elapsed, R heap peak %8.1f MB", name, t[["elapsed"]], heap))
  value
}

message(sprintf("consensus_components: %s features x %s samples, %s non-zeros, rank %d, %d runs, %d threads",
                format(m, big.mark = ","), format(n, big.mark = ","), format(nnz, big.mark = ","), k, nrun, threads))
x <- stage("data", planted_sparse(m, n, nnz, k))
# called directly, not through do.call(), whose call would hold the data itself
res <- stage("nmf runs", if (nzchar(maxit)) {
  nmf(x, k, nrun = nrun, seed = 1, threads = threads, maxit = as.integer(maxit))
} else {
  nmf(x, k, nrun = nrun, seed = 1, threads = threads)
})
w_only <- stage("consensus W (no x)", consensus_components(res, seed = 1))
cc <- stage("consensus W + H (with x)", consensus_components(res, x, seed = 1, threads = threads))
h <- stage("projection alone", nmf_project(basis(cc), x, threads = threads))
stopifnot(isTRUE(all.equal(h, coef(cc), check.attributes = FALSE)))
print(cc)

# planted programs recovered: each consensus component's best cosine with a planted block indicator
block <- m %/% k
ind <- vapply(seq_len(k), function(g) as.numeric(seq_len(m) %in% ((g - 1) * block + seq_len(block))), numeric(m))
unit <- function(a) sweep(a, 2, sqrt(colSums(a^2)), "/")
recovery <- min(apply(crossprod(unit(ind), unit(basis(cc))), 2, max))

mb <- function(obj) as.numeric(utils::object.size(obj)) / 2^20
out <- do.call(rbind, rows)
out <- cbind(data.frame(date = format(Sys.time(), "%Y-%m-%d %H:%M"), features = m, samples = n,
                        nnz = length(x@x), rank = k, nrun = nrun, threads = threads,
                        maxit = if (nzchar(maxit)) as.integer(maxit) else NA_integer_), out,
             data.frame(x_mb = mb(x), fitset_mb = mb(res), bases_mb = mb(res$bases), components_mb = mb(cc),
                        best_deviance = deviance(res), consensus_deviance = deviance(cc),
                        stability = cc$stability, dropped = cc$dropped, min_cosine_planted = recovery,
                        load = paste(scan("/proc/loadavg", what = "", n = 3, quiet = TRUE), collapse = " ")))
file <- file.path(out_dir, sprintf("components-%dx%d.csv", as.integer(m), as.integer(n)))
utils::write.csv(out, file, row.names = FALSE)
print(out[c("stage", "elapsed", "cpu", "r_heap_peak_mb")], row.names = FALSE)
message(sprintf("sizes: x %.1f MB, fitset %.1f MB (bases %.1f MB), consensus %.1f MB; written %s",
                mb(x), mb(res), mb(res$bases), mb(cc), file))
