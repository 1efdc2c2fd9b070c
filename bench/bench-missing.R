# Benchmark: a masked fit (the zeros of a sparse matrix are missing) on a
# 5000 x 2000 matrix with 90% of the cells missing, rank 20: nmfkit against
# RcppML's mask_zeros fit. Prints time, iterations and the RMSE on held-out
# observed cells. Run with Rscript bench/bench-missing.R.
suppressPackageStartupMessages(library(nmfkit))
threads <- as.integer(Sys.getenv("NMFKIT_BENCH_THREADS", "2"))
set.seed(1)
m <- 5000; n <- 2000; k <- 20
w <- matrix(runif(m * k), m) * (matrix(runif(m * k), m) > 0.5)
h <- matrix(runif(k * n), k) * (matrix(runif(k * n), k) > 0.5)
obs <- Matrix::rsparsematrix(m, n, density = 0.1, rand.x = NULL)  # 10% observed
idx <- Matrix::which(obs != 0, arr.ind = TRUE)
vals <- rowSums(w[idx[, 1], , drop = FALSE] * t(h[, idx[, 2], drop = FALSE])) + rnorm(nrow(idx), 0, 0.1)
vals <- pmax(vals, 0.01)
test <- runif(nrow(idx)) < 0.1
train <- Matrix::sparseMatrix(i = idx[!test, 1], j = idx[!test, 2], x = vals[!test], dims = c(m, n))
rmse <- function(wh_fun) sqrt(mean((wh_fun(idx[test, 1], idx[test, 2]) - vals[test])^2))
rows <- list()
for (th in unique(c(1L, threads))) for (meth in c("anls", "hals")) {
  t <- system.time(fit <- nmf(train, k, meth, seed = 1, mask = "zeros", threads = th))[["elapsed"]]
  W <- basis(fit); H <- coef(fit)
  rows[[length(rows) + 1]] <- data.frame(
    implementation = "nmfkit", threads = th, method = meth, iterations = niter(fit), seconds = t,
    test_rmse = rmse(function(i, j) rowSums(W[i, , drop = FALSE] * t(H[, j, drop = FALSE]))))
}
# RcppML 0.3.7's sparse masked fit is unsafe here with 2 threads (seen:
# "stack imbalance" warnings, an R_Reprotect error, "recursive gc
# invocation" and a hang), so it runs in a child R process with 1 thread, and
# nmfkit is timed with 1 thread as well.
if (requireNamespace("RcppML", quietly = TRUE) && requireNamespace("callr", quietly = TRUE)) {
  for (tol in c(1e-4, 1e-6)) {
    r <- callr::r(function(train, k, tol) {
      suppressPackageStartupMessages(library(Matrix))  # RcppML reads dgCMatrix with Matrix attached
      RcppML::setRcppMLthreads(1L)
      t <- system.time(r <- RcppML::nmf(train, k, seed = 1, mask_zeros = TRUE, tol = tol, maxit = 1000,
                                        verbose = FALSE))[["elapsed"]]
      list(w = r$w %*% diag(r$d), h = r$h, iter = r$iter, t = t)
    }, args = list(train = train, k = k, tol = tol), timeout = 900)
    rows[[length(rows) + 1]] <- data.frame(
      implementation = sprintf("RcppML %s", packageVersion("RcppML")), threads = 1L,
      method = sprintf("mask_zeros, tol %g", tol),
      iterations = r$iter, seconds = r$t,
      test_rmse = rmse(function(i, j) rowSums(r$w[i, , drop = FALSE] * t(r$h[, j, drop = FALSE]))))
  }
}
cat(sprintf("Masked fit, %d x %d, %.0f%% observed (zeros missing), rank %d; %s\n",
            m, n, 100 * length(train@x) / (m * n), k, format(Sys.time(), "%Y-%m-%d")))
print(format(do.call(rbind, rows), digits = 4), row.names = FALSE)
