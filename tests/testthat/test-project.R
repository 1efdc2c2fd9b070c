test_that("predict(fit, newdata = x) reproduces coef(fit) for the Frobenius solvers", {
  x <- low_rank(80, 60, k = 4, noise = 0.05)
  fit <- nmf(x, 4, "anls", seed = 1, tol = 1e-10)
  expect_lt(rel_diff(predict(fit, newdata = x), coef(fit)), 1e-6)
  expect_lt(rel_diff(predict(fit, x), coef(fit)), 1e-6)
  fit_h <- nmf(x, 4, "hals", seed = 1, tol = 1e-10, maxit = 5000)
  expect_lt(rel_diff(predict(fit_h, newdata = x), coef(fit_h)), 1e-4)
  expect_identical(levels(predict(fit, "features")), levels(predict(fit, what = "features")))
})

test_that("nmf_project works on sparse data, in parallel, with penalties", {
  x <- low_rank(80, 60, k = 4, zeros = 0.5)
  w <- basis(nmf(x, 4, "anls", seed = 1))
  h1 <- nmf_project(w, x, threads = 1)
  expect_identical(nmf_project(w, x, threads = 2), h1)
  expect_lt(rel_diff(nmf_project(w, Matrix::Matrix(x, sparse = TRUE)), h1), 1e-10)
  expect_gt(mean(nmf_project(w, x, L1 = 5) == 0), mean(h1 == 0))
})

test_that("a fixed basis or fixed coefficients are kept as given", {
  x <- low_rank(60, 40, k = 3)
  w <- basis(nmf(x, 3, "anls", seed = 1))
  for (m in c("hals", "anls", "kl")) {
    fit <- nmf(x, 3, m, seed = list(W = w), fixed = "W")
    expect_identical(unname(basis(fit)), unname(w))
    expect_identical(fit$fixed, "W")
  }
  fit <- nmf(x, 3, "anls", seed = list(W = w), fixed = "W")
  expect_lt(rel_diff(coef(fit), nmf_project(w, x)), 1e-8)
  h <- coef(nmf(x, 3, "anls", seed = 2))
  fh <- nmf(x, 3, "hals", seed = list(H = h), fixed = "H")
  expect_identical(unname(coef(fh)), unname(h))
  expect_error(nmf(x, 3, "anls", fixed = "W"), '`fixed = "W"` needs `seed = list\\(W = <the known factor>\\)`')
  expect_error(nmf(x, 3, "lee", seed = list(W = w), fixed = "W"),
               '`fixed` is available for methods "hals", "anls", "kl", not "lee"')
  expect_error(nmf(x, 3, "anls", seed = list(W = w), fixed = "Q"), '`fixed` must be "W" or "H"')
})
