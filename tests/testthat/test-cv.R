test_that("nmf_cv finds the rank of synthetic rank-5 data", {
  x <- low_rank(100, 70, k = 5, noise = 0.3, seed = 3)
  cv <- nmf_cv(x, 3:7, reps = 2, seed = 1, method = "anls")
  expect_s3_class(cv, "nmfkit_cv")
  expect_identical(cv$best_rank, 5L)
  expect_identical(nrow(cv$errors), 10L)
  expect_true(all(cv$errors$n_test > 0.03 * 7000 & cv$errors$n_test < 0.07 * 7000))
  pdf(NULL)
  on.exit(dev.off())
  expect_invisible(plot(cv))
  expect_output(print(cv), "best rank \\(least mean test error\\): 5")
})

test_that("nmf_cv is reproducible and holds out the same cells on any backend", {
  skip_if_not_installed("future")
  x <- low_rank(40, 30, k = 3, noise = 0.2)
  a <- nmf_cv(x, 2:3, reps = 2, seed = 7, method = "anls")
  b <- nmf_cv(x, 2:3, reps = 2, seed = 7, method = "anls")
  expect_identical(a$errors, b$errors)
  old <- future::plan(future::multisession, workers = 2)
  on.exit(future::plan(old), add = TRUE)
  c <- nmf_cv(x, 2:3, reps = 2, seed = 7, method = "anls")
  expect_identical(a$errors, c$errors)
})

test_that("nmf_cv checks its arguments", {
  x <- matrix(runif(30), 5, 6)
  expect_error(nmf_cv(x, 1:9), "`rank` must be a whole number between 1 and 5")
  expect_error(nmf_cv(x, 1:2, holdout = 1), "`holdout` must be a fraction strictly between 0 and 1, not 1")
  expect_error(nmf_cv(x, 1:2, method = "lee"), "`method` must fit missing values for cross-validation")
  expect_error(nmf_cv(x, 1:2, reps = 0), "`reps` must be a whole number of at least 1, not 0")
  expect_error(nmf_cv(x, 1:2, seed = "a"), "`seed` must be a single number or NULL")
})

test_that("nmf_cv honours maxit and tol (and the alias maxIter)", {
  x <- low_rank(40, 30, k = 3, noise = 0.2)
  cv <- nmf_cv(x, 2:4, reps = 1, seed = 1, maxit = 5)
  expect_identical(cv$errors$niter, rep(5L, 3))
  expect_identical(nmf_cv(x, 2:3, reps = 1, seed = 1, maxIter = 7)$errors$niter, rep(7L, 2))
  loose <- nmf_cv(x, 2:3, reps = 1, seed = 1, tol = 0.1)
  tight <- nmf_cv(x, 2:3, reps = 1, seed = 1, tol = 1e-8)
  expect_true(all(loose$errors$niter < tight$errors$niter))
  # the fits are the single fits of nmf() on the cells not held out: same iterations
  expect_true(all(loose$errors$niter < 1000L))
})

test_that("nmf_cv passes the method's parameters, mask and weights to every fit", {
  x <- low_rank(40, 30, k = 3, noise = 0.2)
  base <- nmf_cv(x, 3, reps = 1, seed = 2, maxit = 20)
  same <- function(a, b) identical(a$errors$test_error, b$errors$test_error)
  expect_false(same(base, nmf_cv(x, 3, reps = 1, seed = 2, maxit = 20, L1 = 0.5)))
  expect_false(same(base, nmf_cv(x, 3, reps = 1, seed = 2, maxit = 20, L2 = 1)))
  expect_false(same(base, nmf_cv(x, 3, reps = 1, seed = 2, maxit = 20, extrapolate = FALSE)))
  h <- nmf_cv(x, 3, reps = 1, seed = 2, maxit = 20, method = "hals")
  expect_identical(h$method, "hals")
  expect_false(same(h, nmf_cv(x, 3, reps = 1, seed = 2, maxit = 20, method = "hals", inner = 1)))
  expect_identical(nmf_cv(x, 3, reps = 1, seed = 2, maxit = 20, method = "kl")$method, "kl")
  # masked cells are neither fitted nor scored
  mask <- matrix(FALSE, 40, 30)
  mask[1:20, 1:15] <- TRUE
  m <- nmf_cv(x, 3, reps = 1, seed = 2, maxit = 20, mask = mask)
  expect_lt(m$errors$n_test, 0.85 * base$errors$n_test)
  # zero weights leave cells out too
  wts <- matrix(1, 40, 30)
  wts[1:20, 1:15] <- 0
  w <- nmf_cv(x, 3, reps = 1, seed = 2, maxit = 20, weights = wts)
  expect_false(same(base, w))
  expect_error(nmf_cv(x, 3, weights = wts, method = "kl"), '`weights` is not available for method "kl"')
  expect_error(nmf_cv(x, 3, inner = 2), 'Unknown parameter `inner` for method "anls"')
  expect_error(nmf_cv(x, 3, maxit = 0), "`maxit` must be a whole number of at least 1, not 0")
  expect_error(nmf_cv(x, 3, tol = -1), "`tol` must be a single non-negative number")
  expect_error(nmf_cv(x, 3, 0.5, 1, NULL, "anls", 3), "must be named parameters of method \"anls\"")
})

test_that("nmf_cv gives the same errors with one or two threads", {
  x <- low_rank(60, 50, k = 3, noise = 0.2)
  a <- nmf_cv(x, 2:3, reps = 1, seed = 5, maxit = 30, threads = 1)
  b <- nmf_cv(x, 2:3, reps = 1, seed = 5, maxit = 30, threads = 2)
  expect_identical(a$errors, b$errors)
  expect_error(nmf_cv(x, 2:3, threads = 0), "`threads` must be a whole number of at least 1")
})

test_that("the plot of nmf_cv takes its own labels", {
  x <- low_rank(30, 20, k = 2, noise = 0.1)
  cv <- nmf_cv(x, 1:3, reps = 1, seed = 1, maxit = 20)
  pdf(NULL)
  on.exit(dev.off())
  expect_identical(plot(cv, ylab = "held-out MSE", main = "ranks"), cv)
})
