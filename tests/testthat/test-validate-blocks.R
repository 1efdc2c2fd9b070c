# The checks of block data (R/validate-blocks.R): what a DelayedMatrix
# cannot do is refused with a clear error before anything is fitted. The
# calls run in a child R process (helper-blocks.R).

test_that("what block data cannot do is refused with clear errors, before any fit", {
  x <- low_rank(30, 20, k = 3)
  errors <- in_child(function(x) {
    d <- DelayedArray::DelayedArray(x)
    msg <- function(expr) {
      tryCatch({
        expr
        "no error"
      }, error = conditionMessage)
    }
    with_cell <- function(i, j, v) {
      x[i, j] <- v
      DelayedArray::DelayedArray(x)
    }
    list(kl = msg(nmf(d, 3, "kl")), brunet = msg(nmf(d, 3, "brunet")),
         nndsvd = msg(nmf(d, 3, "anls", seed = "nndsvd")), L1 = msg(nmf(d, 3, "anls", L1 = c(0, 0.1))),
         mask = msg(nmf(d, 3, "anls", mask = x > 0.5)), na = msg(nmf(with_cell(2, 3, NA), 3, "anls")),
         negative = msg(nmf(with_cell(4, 5, -1), 3)), inf = msg(nmf(with_cell(1, 1, Inf), 3)),
         character = msg(nmf(DelayedArray::DelayedArray(matrix("a", 2, 2)), 1)),
         project = msg(nmf_project(basis(nmf(x, 3, seed = 1)), d)))
  }, x = x)
  expect_match(errors$kl, 'block by block by methods "hals", "anls" only; method "kl"', fixed = TRUE)
  expect_match(errors$brunet, 'method "brunet" needs the matrix in memory', fixed = TRUE)
  expect_match(errors$nndsvd, '`seed` "nndsvd" needs the whole matrix', fixed = TRUE)
  expect_match(errors$L1, "penalties are not available for a DelayedMatrix", fixed = TRUE)
  expect_match(errors$mask, "`mask` cannot be used with a DelayedMatrix", fixed = TRUE)
  expect_match(errors$na, "DelayedMatrix with 1 missing values", fixed = TRUE)
  expect_match(errors$negative, "must be non-negative: its smallest value is -1", fixed = TRUE)
  expect_match(errors$inf, "must not contain infinite values: it has 1", fixed = TRUE)
  expect_match(errors$character, "of type character", fixed = TRUE)
  expect_match(errors$project, "`x` is a DelayedMatrix; here it must be in memory", fixed = TRUE)
})
