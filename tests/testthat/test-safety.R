# Numerical safety: no 0/0, no NaN, convergence reported.

test_that("a fit reports whether its stopping rule fired", {
  x <- matrix(stats::runif(200), 20)
  f <- nmf(x, 2, "lee", seed = 1, maxit = 5)
  expect_identical(f$stop, "maxit")
  expect_false(f$converged)
  expect_output(print(f), "5 \\(stopped at maxit\\)")
  g <- nmf(x, 2, "hals", seed = 1)
  expect_identical(g$stop, "converged")
  expect_true(g$converged)
  fs <- nmf(x, 2, "brunet", nrun = 2, seed = 1, maxit = 3)
  expect_identical(fs$runs$stop, c("maxit", "maxit"))
  expect_output(print(fs), "2 of 2 runs stopped before their stopping rule fired")
})

test_that("multiplicative updates never divide 0 by 0 on zero rows, columns and starts", {
  x <- matrix(stats::runif(60), 10)
  x[3, ] <- 0
  x[, 2] <- 0
  w0 <- cbind(stats::runif(10), 0)
  h0 <- rbind(stats::runif(6), 0)
  for (m in c("lee", "Frobenius", "offset", "brunet", "KL")) {
    f <- suppressWarnings(nmf(x, 2, m, seed = list(W = w0, H = h0), maxit = 50))
    expect_true(all(is.finite(basis(f))) && all(is.finite(coef(f))) && is.finite(deviance(f)), label = m)
  }
  f <- suppressWarnings(nmf(x, 2, "pe-nmf", alpha = 0.1, beta = 0.1, seed = list(W = w0, H = h0), maxit = 50))
  expect_true(all(is.finite(basis(f))) && is.finite(deviance(f)))
})

test_that("KL updates from a start with zeros give finite factors, or a clear error", {
  x <- withr::with_seed(326916, {
    x <- matrix(0, 3, 20)
    on <- stats::runif(60) < 0.1
    x[on] <- stats::rexp(sum(on)) * 1e-3
    x
  })
  # nndsvd sets small entries to 0; brunet floors them every 10 iterations
  f <- nmf(x, 1, "brunet", seed = "nndsvd", maxit = 30)
  expect_true(all(is.finite(basis(f))) && all(is.finite(coef(f))) && is.finite(deviance(f)))
  # nsNMF never floors: a cell with data kept at 0 is an infinite divergence
  expect_error(nmf(x, 1, "nsNMF", seed = "nndsvd", maxit = 1),
               "ended with an infinite objective after 1 iterations.*use seed \"nndsvda\"")
  expect_true(is.finite(deviance(nmf(x, 1, "nsNMF", seed = "nndsvda", maxit = 5))))
})

test_that("components that collapse to zero are reported, except where they are the answer", {
  single <- matrix(0, 5, 4)
  single[2, 3] <- 7
  expect_warning(f <- nmf(single, 3, "hals", seed = 1), "components of the hals fit are zero")
  expect_true(all(is.finite(coef(f))))
  expect_silent(nmf(matrix(0, 5, 4), 2, seed = 1))                  # all-zero data: W H = 0 is exact
  x <- matrix(stats::runif(200), 20)
  expect_silent(nmf(x, 4, "anls", seed = 1, L1 = c(0, 50)))         # penalties zero components on purpose
})

test_that("a sparse fit never forms the dense matrix, and kl keeps every observed cell's fit positive", {
  # 100,000 x 100,000 with 20,000 non-zeros: dense, 74.5 GiB, more than any
  # test machine has. Most columns hold one cell, the case where kl once
  # zeroed both coordinates of a column through rounding (infinite loss).
  big <- withr::with_seed(1, Matrix::sparseMatrix(i = sample.int(1e5, 2e4, TRUE), j = sample.int(1e5, 2e4, TRUE),
                                                   x = runif(2e4), dims = c(1e5, 1e5)))
  for (m in c("hals", "anls", "kl")) {
    fit <- nmf(big, 2, m, seed = 1, maxit = 3, tol = 0)
    expect_true(is.finite(deviance(fit)))
    expect_true(all(is.finite(coef(fit))))
  }
  s <- Matrix::summary(big)
  w0 <- withr::with_seed(2, matrix(runif(2e5), 1e5))
  h <- coef(nmf(big, 2, "kl", seed = list(W = w0), fixed = "W", maxit = 1))
  expect_gt(min(rowSums(w0[s$i, ] * t(h[, s$j]))), 0)
})
