# Benchmark: consensus clustering at single-cell scale. A sparse 1000 x n
# matrix (1% non-zero; planted rank-5 structure: each sample's non-zeros come
# from one of five groups of features, plus background), fitted at rank 5
# with nrun = 10, then every measure that reads the consensus of the runs:
# cophcor(), dispersion(), predict(what = "consensus"), the consensus
# silhouette and consensusmap() drawn to a PNG file. None of them forms the
# n x n matrix (R/labels.R). Prints the time of each stage and writes
# bench/results/scale-<data>-<n>.csv.
#
# Peak memory is measured from outside: run it as `make bench-scale`, which
# wraps it in /usr/bin/time -v (or /usr/bin/time -v Rscript bench/bench-scale.R)
# and appends the "Maximum resident set size" to the CSV.
#
# Environment: NMFKIT_SCALE_DATA ("planted", the default, or "random": uniform
# values at uniformly random cells, no structure, so that the runs disagree
# and the label patterns are many), NMFKIT_SCALE_N (samples, default 100000), NMFKIT_SCALE_M
# (features, 1000), NMFKIT_SCALE_DENSITY (0.01), NMFKIT_SCALE_NRUN (10),
# NMFKIT_SCALE_WORKERS (future workers, default 1: the runs in this process,
# so that the peak memory is one process's), NMFKIT_SCALE_SURVEY (ranks of a
# rank survey run after the rest, for example "2:10"; default none) and
# NMFKIT_SCALE_SURVEY_NRUN (its runs per rank, 20).
suppressPackageStartupMessages(library(nmfkit))

n <- as.integer(Sys.getenv("NMFKIT_SCALE_N", "100000"))
m <- as.integer(Sys.getenv("NMFKIT_SCALE_M", "1000"))
density <- as.numeric(Sys.getenv("NMFKIT_SCALE_DENSITY", "0.01"))
nrun <- as.integer(Sys.getenv("NMFKIT_SCALE_NRUN", "10"))
workers <- as.integer(Sys.getenv("NMFKIT_SCALE_WORKERS", "1"))
structure <- match.arg(Sys.getenv("NMFKIT_SCALE_DATA", "planted"), c("planted", "random"))
rank <- 5L

# The data: sample j belongs to group g(j); 70% of its non-zeros fall on the
# features of its group, the rest anywhere; values are exponential.
planted <- function(m, n, density, k, seed) {
  set.seed(seed)
  nnz <- round(m * n * density)
  group <- sample.int(k, n, replace = TRUE)
  j <- sample.int(n, nnz, replace = TRUE)
  own <- stats::runif(nnz) < 0.7
  block <- m %/% k
  i <- ifelse(own, (group[j] - 1L) * block + sample.int(block, nnz, replace = TRUE), sample.int(m, nnz, replace = TRUE))
  x <- Matrix::sparseMatrix(i = i, j = j, x = stats::rexp(nnz), dims = c(m, n), repr = "C")
  list(x = x, group = group)
}

random <- function(m, n, density, k, seed) {
  set.seed(seed)
  list(x = Matrix::rsparsematrix(m, n, density, rand.x = stats::runif), group = rep(1L, n))
}

stage <- function(name, expr) {
  gc(reset = TRUE)
  t <- system.time(val <- force(expr))[["elapsed"]]
  cat(sprintf("%-34s %8.1f s\n", name, t))
  times[[name]] <<- t
  invisible(val)
}
times <- list()

cat(sprintf("nmfkit %s, %s data %d x %d, density %g, rank %d, nrun %d, %d worker(s), %s\n", packageVersion("nmfkit"),
            structure, m, n, density, rank, nrun, workers, format(Sys.time(), "%Y-%m-%d %H:%M UTC", tz = "UTC")))
d <- stage("data", if (structure == "planted") planted(m, n, density, rank, seed = 1) else random(m, n, density, rank, 1))
cat(sprintf("  %d non-zeros, %.0f MB as a dgCMatrix\n", length(d$x@x), utils::object.size(d$x) / 2^20))
if (workers > 1L) future::plan("multisession", workers = workers)
res <- stage("nmf(x, 5, nrun = 10)", nmf(d$x, rank, nrun = nrun, seed = 123456))
future::plan("sequential")
cat(sprintf("  method %s; fitset %.0f MB\n", res$fit$method, utils::object.size(res) / 2^20))
coph <- stage("cophcor()", cophcor(res))
disp <- stage("dispersion()", dispersion(res))
cl <- stage("predict(what = \"consensus\")", predict(res, what = "consensus"))
sil <- stage("silhouette(what = \"consensus\")", silhouette(res, what = "consensus"))
png_file <- tempfile(fileext = ".png")
stage("consensusmap() to a PNG file", {
  grDevices::png(png_file, width = 900, height = 900)
  consensusmap(res)
  grDevices::dev.off()
})
agree <- max(table(cl, d$group)) # not a purity: only a check that the clusters are not noise
cat(sprintf("  cophcor %.4f, dispersion %.4f, consensus clusters %d, largest cluster/group overlap %d\n",
            coph, disp, length(unique(cl)), agree))
survey_ranks <- Sys.getenv("NMFKIT_SCALE_SURVEY", "")
if (nzchar(survey_ranks)) {
  # a rank survey: memory O(n x runs x ranks) for the labels, plus the data and each rank's best fit
  ranks <- eval(parse(text = survey_ranks))
  snrun <- as.integer(Sys.getenv("NMFKIT_SCALE_SURVEY_NRUN", "20"))
  est <- stage(sprintf("nmf(x, %s, nrun = %d)", survey_ranks, snrun), nmf(d$x, ranks, nrun = snrun, seed = 123456))
  cat(sprintf("  survey object %.0f MB\n", utils::object.size(est) / 2^20))
  stage("plot(survey) to a PNG file", {
    grDevices::png(tempfile(fileext = ".png"), width = 900, height = 700)
    plot(est)
    grDevices::dev.off()
  })
  print(est$measures[, c("rank", "cophenetic", "dispersion", "silhouette.consensus")], digits = 4)
}
note <- attr(coph, "approximation")
if (is.null(note)) note <- "exact (label patterns)"
cat(sprintf("  consensus: %s\n", note))
total <- sum(unlist(times)) - times$data
cat(sprintf("%-34s %8.1f s\n", "total (without the data)", total))

out <- data.frame(date = format(Sys.time(), "%Y-%m-%d %H:%M", tz = "UTC"), data = structure, n = n, m = m, density = density,
                  nnz = length(d$x@x), rank = rank, nrun = nrun, workers = workers, stage = names(times),
                  seconds = unlist(times), cophcor = as.numeric(coph), dispersion = as.numeric(disp), consensus = note,
                  load = paste(utils::head(scan("/proc/loadavg", what = "", quiet = TRUE), 3), collapse = " "),
                  stringsAsFactors = FALSE)
dir.create("bench/results", showWarnings = FALSE, recursive = TRUE)
utils::write.csv(out, sprintf("bench/results/scale-%s-%d%s.csv", structure, n, if (nzchar(survey_ranks)) "-survey" else ""), row.names = FALSE)
