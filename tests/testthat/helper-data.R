# Shared fixtures.

# Small low-rank non-negative matrix with noise, reproducible.
low_rank <- function(m = 60, n = 40, k = 3, noise = 0.05, seed = 1, zeros = 0) {
  withr::with_seed(seed, {
    w <- matrix(stats::runif(m * k), m, k)
    h <- matrix(stats::runif(k * n), k, n)
    x <- w %*% h + noise * matrix(stats::runif(m * n), m, n)
    if (zeros > 0) x[matrix(stats::runif(m * n) < zeros, m, n)] <- 0
    x
  })
}

iris_x <- function() t(as.matrix(iris[, 1:4]))

rel_diff <- function(a, b) max(abs(a - b)) / max(abs(b))

frob <- function(x, fit) sum((as.matrix(x) - basis(fit) %*% coef(fit))^2)
