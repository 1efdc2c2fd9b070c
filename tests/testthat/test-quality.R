test_that("sparseness is Hoyer's measure", {
  expect_equal(sparseness(c(1, 0, 0, 0)), 1)
  expect_equal(sparseness(c(2, 2, 2, 2)), 0)
  v <- c(3, 1, 0, 2)
  expect_equal(sparseness(v), (2 - 6 / sqrt(14)) / (2 - 1))
  m <- cbind(c(1, 0, 0), c(1, 1, 1))
  expect_equal(sparseness(m), 0.5)
  fit <- nmf(low_rank(), 3, seed = 1)
  expect_named(sparseness(fit), c("basis", "coef"))
})

test_that("rss and evar agree with their definitions on dense and sparse targets", {
  x <- low_rank(zeros = 0.5)
  fit <- nmf(x, 3, seed = 1)
  r <- sum((x - fitted(fit))^2)
  expect_equal(rss(fit, x), r, tolerance = 1e-10)
  expect_equal(rss(fit, Matrix::Matrix(x, sparse = TRUE)), r, tolerance = 1e-8)
  expect_equal(evar(fit, x), 1 - r / sum(x^2), tolerance = 1e-10)
})
