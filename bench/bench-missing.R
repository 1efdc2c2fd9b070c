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
for (meth in c("anls", "hals")) {
  t <- system.time(fit <- nmf(train, k, meth, seed = 1, mask = "zeros", threads = threads))[["elapsed"]]
  W <- basis(fit); H <- coef(fit)
  rows[[length(rows) + 1]] <- data.frame(
    implementation = "nmfkit", method = meth, iterations = niter(fit), seconds = t,
    test_rmse = rmse(function(i, j) rowSums(W[i, , drop = FALSE] * t(H[, j, drop = FALSE]))))
}
if (requireNamespace("RcppML", quietly = TRUE)) {
  suppressPackageStartupMessages(library(Matrix))  # RcppML 0.3.7 reads dgCMatrix with Matrix attached
  RcppML::setRcppMLthreads(threads)
  for (tol in c(1e-4, 1e-6)) {
    t <- system.time(r <- RcppML::nmf(train, k, seed = 1, mask_zeros = TRUE, tol = tol, maxit = 1000,
                                      verbose = FALSE))[["elapsed"]]
    W <- r$w %*% diag(r$d)
    rows[[length(rows) + 1]] <- data.frame(
      implementation = sprintf("RcppML %s", packageVersion("RcppML")), method = sprintf("mask_zeros, tol %g", tol),
      iterations = r$iter, seconds = t,
      test_rmse = rmse(function(i, j) rowSums(W[i, , drop = FALSE] * t(r$h[, j, drop = FALSE]))))
  }
}
cat(sprintf("Masked fit, %d x %d, %.0f%% observed (zeros missing), rank %d, %d thread(s); %s\n",
            m, n, 100 * length(train@x) / (m * n), k, threads, format(Sys.time(), "%Y-%m-%d")))
print(format(do.call(rbind, rows), digits = 4), row.names = FALSE)
