# The shared checks (R/validate.R): what a value is, and single values.

test_that("describe_value says what a value is", {
  dv <- nmfkit:::describe_value
  expect_identical(dv(NULL), "NULL")
  expect_identical(dv(sum), "a function")
  expect_identical(dv("a"), '"a"')
  expect_identical(dv(2.5), "2.5")
  expect_identical(dv(NA), "NA")
  expect_identical(dv(matrix(1, 2, 3)), "a 2 x 3 matrix")
  expect_identical(dv(Matrix::sparseMatrix(1, 2, x = 1, dims = c(2, 3))), "a 2 x 3 dgCMatrix")
  expect_identical(dv(array(1, c(2, 2, 2))), "a 2 x 2 x 2 array")
  expect_identical(dv(1:3), "an integer vector of length 3")
  expect_identical(dv(c(1, 2)), "a double vector of length 2")
  expect_identical(dv(list(1)), "an object of class list")
})

test_that("whole numbers, numbers and flags are checked with the argument's name", {
  cw <- nmfkit:::check_whole
  expect_identical(cw(3, "n"), 3L)
  expect_identical(cw(2 + 1e-10, "n"), 2L)
  expect_error(cw(0, "n"), "`n` must be a whole number of at least 1, not 0")
  expect_error(cw(2.5, "n"), "not 2.5")
  expect_error(cw(Inf, "n"), "not Inf")
  expect_error(cw(3e9, "n"), "of at least 1 and at most 2147483647, not 3e\\+09")
  expect_error(cw(7, "rank", upper = 5, upper_why = "min(dim(x))"), "between 1 and 5 \\(min\\(dim\\(x\\)\\)\\), not 7")
  expect_error(cw(c(1, 2), "n"), "not a double vector of length 2")
  expect_identical(nmfkit:::check_positive_number(2L, "a"), 2)
  expect_error(nmfkit:::check_positive_number(0, "a"), "`a` must be a single positive number, not 0")
  expect_identical(nmfkit:::check_nonnegative_number(0, "a"), 0)
  expect_error(nmfkit:::check_nonnegative_number(-1, "a"), "`a` must be a single non-negative number, not -1")
  expect_true(nmfkit:::check_flag(TRUE, "f"))
  expect_error(nmfkit:::check_flag(c(TRUE, FALSE), "f"), "`f` must be TRUE or FALSE, not a logical vector of length 2")
})

test_that("choices match partially as match.arg does", {
  cc <- nmfkit:::check_choice
  expect_identical(cc(c("a", "bb", "bc"), c("a", "bb", "bc"), "w"), "a")
  expect_identical(cc("bb", c("a", "bb", "bc"), "w"), "bb")
  expect_identical(cc(c("a", "bc"), c("a", "bb", "bc"), "w", several = TRUE), c("a", "bc"))
  expect_error(cc("b", c("a", "bb", "bc"), "w"), '`w` must be one of "a", "bb", "bc", not "b"')
  expect_error(cc(c("a", "bb"), c("a", "bb", "bc"), "w"), "not a character vector of length 2")
  expect_identical(nmfkit:::quoted(c("x", "y")), '"x", "y"')
  expect_identical(nmfkit:::plural(1L), "")
  expect_identical(nmfkit:::plural(2L), "s")
})
