# Benchmark: time and final loss of nmfkit's hals, lee and brunet against
# RcppML and the NMF package on a dense 2000 x 1000 matrix of rank 10.
# Run with `make bench` (or Rscript bench/bench-dense.R); prints a table.
# Peers that are not installed are left out.
suppressPackageStartupMessages(library(nmfkit))

threads <- as.integer(Sys.getenv("NMFKIT_BENCH_THREADS", "2"))
nmf_iter <- as.integer(Sys.getenv("NMFKIT_BENCH_NMF_ITER", "100"))

# Data: true factors with 70% zero entries (uniform otherwise) plus 10% noise.
set.seed(20261123)
m <- 2000; n <- 1000; k <- 10
sparse_unif <- function(r, c) matrix(runif(r * c), r, c) * (matrix(runif(r * c), r, c) > 0.7)
A <- sparse_unif(m, k) %*% sparse_unif(k, n)
A <- A + 0.1 * mean(A) * matrix(runif(m * n), m, n)

rss <- function(w, h) sum((A - w %*% h)^2)
kl <- function(w, h) { wh <- w %*% h; sum(A * log(A / wh) - A + wh) }
rows <- list()
add <- function(impl, method, iters, secs, w, h) {
  rows[[length(rows) + 1L]] <<- data.frame(
    implementation = impl, method = method, iterations = iters, seconds = secs,
    ms_per_iter = 1000 * secs / iters, rel_rss = rss(w, h) / sum(A^2), kl = kl(w, h)
  )
}
timed <- function(expr) {
  t <- system.time(val <- force(expr))[["elapsed"]]
  list(val = val, t = t)
}

# nmfkit: each method to its own stopping rule, and NMF-style methods at nmf_iter iterations
for (meth in c("hals", "anls", "kl", "lee", "brunet")) {
  r <- timed(nmf(A, k, meth, seed = 1, threads = threads))
  add("nmfkit", meth, niter(r$val), r$t, basis(r$val), coef(r$val))
}
for (meth in c("lee", "brunet")) {
  r <- timed(nmf(A, k, meth, seed = 1, threads = threads, maxit = nmf_iter))
  add("nmfkit", sprintf("%s (%d its)", meth, nmf_iter), niter(r$val), r$t, basis(r$val), coef(r$val))
}

if (requireNamespace("RcppML", quietly = TRUE)) {
  RcppML::setRcppMLthreads(threads)
  for (tol in c(1e-4, 1e-6)) {
    r <- timed(RcppML::nmf(A, k, seed = 1, tol = tol, maxit = 1000, verbose = FALSE))
    add(sprintf("RcppML %s", packageVersion("RcppML")), sprintf("nmf (tol %g)", tol), r$val$iter, r$t,
        r$val$w %*% diag(r$val$d), r$val$h)
  }
}

if (requireNamespace("NMF", quietly = TRUE)) {
  suppressPackageStartupMessages(requireNamespace("NMF"))
  for (meth in c("lee", "brunet", "snmf/r")) {
    r <- timed(NMF::nmf(A, k, meth, seed = 1, maxIter = nmf_iter, .options = "-p"))
    add(sprintf("NMF %s", packageVersion("NMF")), sprintf("%s (%d its)", meth, nmf_iter),
        NMF::niter(r$val), r$t, NMF::basis(r$val), NMF::coef(r$val))
  }
}

res <- do.call(rbind, rows)
cat(sprintf("\nDense %d x %d, rank %d, %d thread(s); %s; %s\n", m, n, k, threads,
            format(Sys.time(), "%Y-%m-%d"), R.version.string))
cat(sprintf("CPU: %s\n\n", tryCatch(sub(".*: ", "", grep("model name", readLines("/proc/cpuinfo"), value = TRUE)[1]),
                                   error = function(e) "unknown")))
print(format(res, digits = 4), row.names = FALSE)
dir.create("bench/results", showWarnings = FALSE)
utils::write.csv(res, "bench/results/bench-dense.csv", row.names = FALSE)
