# Checks of the data (R/validate-data.R).

test_that("x: wrong types are refused with the accepted types named", {
  expect_error(nmf(letters, 2), "`x` must be a numeric matrix, a data.frame")
  expect_error(nmf(list(1, 2), 2), "`x` must be a numeric matrix")
  expect_error(nmf(matrix(letters[1:6], 2), 1), "`x` must be numeric, not a character matrix")
  df <- data.frame(a = 1:3, b = c("u", "v", "w"), c = factor(1:3))
  expect_error(nmf(df, 1), "non-numeric columns `b`, `c`")
})

test_that("x: empty matrices are refused", {
  expect_error(nmf(matrix(numeric(0), 0, 3), 1), "at least one row and one column, not 0 x 3")
  expect_error(nmf(matrix(numeric(0), 4, 0), 1), "not 4 x 0")
})

test_that("x: negative values are counted and the first is located", {
  x <- matrix(1, 4, 5)
  x[2, 3] <- -0.5
  x[4, 5] <- -2
  expect_error(nmf(x, 2), "`x` must be non-negative: it has 2 negative values, the first is x\\[2, 3\\] = -0.5")
  s <- Matrix::Matrix(x, sparse = TRUE)
  expect_error(nmf(s, 2), "it has 2 negative values, the first is x\\[2, 3\\] = -0.5")
})

test_that("x: Inf is refused with its position; NA only for methods that fit it", {
  x <- matrix(1, 4, 5)
  x[3, 2] <- NA
  expect_error(nmf(x, 2, "lee"), "`x` has 1 missing value \\(NA\\), which method \"lee\" cannot fit")
  x[1, 4] <- Inf
  x[2, 2] <- NaN
  expect_error(nmf(x, 2), "`x` must not contain infinite values: it has 1 \\(Inf\\), the first at x\\[1, 4\\]")
  s <- Matrix::Matrix(matrix(c(0, 0, 1, Inf), 2), sparse = TRUE)
  expect_error(nmf(s, 1), "it has 1 \\(Inf\\), the first at x\\[2, 2\\]")
  expect_error(summary(nmf(matrix(runif(20), 4), 2, seed = 1), target = x),
               "`x` must not contain missing or infinite values: it has 3 \\(NaN, NA, Inf\\)")
})

test_that("the magnitudes of x are checked before fitting", {
  x <- matrix(stats::runif(60), 10)
  expect_error(nmf(x * 1e100, 2),
               "`x` has values up to .*e\\+99: the squared errors of a fit would overflow double precision; divide `x`")
  expect_error(nmf_cv(x * 1e-200, 2), "`x`'s largest value is .*e-201")
  expect_true(is.finite(deviance(nmf(x * 1e50, 2, "kl", seed = 1))))
  expect_true(is.finite(deviance(nmf(x * 1e-90, 2, "brunet", seed = 1, maxit = 20))))
})

test_that("value_stats() scans dense and sparse values in one pass, and draws nothing", {
  x <- matrix(c(1, NA, 3, -Inf, NaN, 0.25, -1, Inf), 2)
  expect_equal(value_stats(x), c(min = -1, max = 3, n_missing = 2, n_infinite = 2, n_negative = 2))
  s <- Matrix::sparseMatrix(i = c(1, 3), j = c(2, 2), x = c(NA, 4), dims = c(3, 3))
  expect_equal(value_stats(s)[c("max", "n_missing", "n_negative")], c(max = 4, n_missing = 1, n_negative = 0))
  expect_equal(count_missing(s), 1)
  expect_equal(value_stats(matrix(1:6, 2))[["max"]], 6)  # integer storage
  # max_value() is the largest value the core reads: missing and sparse cells are 0 there
  expect_equal(max_value(matrix(c(-3, NA), 1)), 0)
  expect_equal(max_value(matrix(c(-3, -1), 1)), -1)
  expect_equal(max_value(Matrix::Matrix(c(-2, 0, -1, 0), 2, sparse = TRUE)), 0)
  withr::with_preserve_seed({
    if (exists(".Random.seed", envir = globalenv())) rm(".Random.seed", envir = globalenv())
    value_stats(x)
    expect_false(exists(".Random.seed", envir = globalenv()))
  })
})
