# hals against RcppML (Debian r-cran-rcppml): the same or a lower Frobenius loss.

rcppml_loss <- function(x, k, seed) {
  r <- RcppML::nmf(x, k, seed = seed, verbose = FALSE)
  w <- r$w %*% diag(r$d, nrow = length(r$d))
  sum((as.matrix(x) - w %*% r$h)^2)
}

test_that("hals reaches RcppML's loss on dense input", {
  skip_if_not_installed("RcppML")
  for (s in 1:3) {
    x <- low_rank(200, 100, k = 6, noise = 0.1, seed = s, zeros = 0.2)
    expect_lte(frob(x, nmf(x, 6, "hals", seed = s)), rcppml_loss(x, 6, s) * (1 + 1e-3))
  }
})

test_that("the default (anls on dense input) reaches RcppML's loss", {
  skip_if_not_installed("RcppML")
  for (s in 1:3) {
    x <- low_rank(200, 100, k = 6, noise = 0.1, seed = s, zeros = 0.2)
    fit <- nmf(x, 6, seed = s)
    expect_identical(fit$method, "anls")
    expect_lte(frob(x, fit), rcppml_loss(x, 6, s) * (1 + 1e-3))
  }
})

test_that("hals reaches RcppML's loss on sparse input", {
  skip_if_not_installed("RcppML")
  withr::local_package("Matrix") # RcppML 0.3.7 reads dgCMatrix only with Matrix attached
  for (s in 1:3) {
    x <- withr::with_seed(s, Matrix::rsparsematrix(300, 200, density = 0.1, rand.x = function(n) runif(n, 0, 5)))
    expect_lte(frob(x, nmf(x, 5, "hals", seed = s)), rcppml_loss(x, 5, s) * (1 + 1e-3))
  }
})

test_that("hals's objective decreases along the track", {
  x <- low_rank(100, 80, k = 5)
  fit <- nmf(x, 5, "hals", seed = 1, track = TRUE, tol = 1e-8, maxit = 200)
  tr <- residuals(fit, track = TRUE)
  expect_gt(nrow(tr), 10)
  expect_true(all(diff(tr$objective) <= 1e-9 * tr$objective[-1]))
  expect_equal(tail(tr$objective, 1), deviance(fit), tolerance = 1e-6)
})
