# Matrices larger than memory (R/blocks.R): a DelayedMatrix fitted block by
# block gives the in-memory fit of the same updates (no extrapolation).

local_small_blocks <- function(bytes, env = parent.frame()) {
  old <- DelayedArray::getAutoBlockSize()
  suppressMessages(DelayedArray::setAutoBlockSize(bytes))
  withr::defer(suppressMessages(DelayedArray::setAutoBlockSize(old)), envir = env)
}

test_that("a dense DelayedMatrix read in blocks gives the in-memory anls and hals fits", {
  skip_if_not_installed("DelayedArray")
  x <- low_rank(60, 50, k = 4)
  local_small_blocks(60 * 8 * 13)  # blocks of 13 columns: 4 blocks
  d <- DelayedArray::DelayedArray(x)
  expect_gt(length(DelayedArray::colAutoGrid(d)), 3L)
  for (m in c("anls", "hals")) {
    a <- nmf(x, 4, m, seed = 1, extrapolate = FALSE, maxit = 5, tol = 0)
    b <- nmf(d, 4, m, seed = 1, maxit = 5, tol = 0)
    expect_identical(niter(b), 5L)
    expect_equal(basis(b), basis(a), tolerance = 1e-10)
    expect_equal(coef(b), coef(a), tolerance = 1e-10)
    expect_equal(deviance(b), deviance(a), tolerance = 1e-10)
  }
  # the stopping rule is the in-memory one too
  a <- nmf(x, 3, "anls", seed = 2, extrapolate = FALSE)
  b <- nmf(d, 3, "anls", seed = 2)
  expect_identical(niter(b), niter(a))
  expect_identical(b$stop, "converged")
  expect_equal(coef(b), coef(a), tolerance = 1e-8)
})

test_that("sparse DelayedMatrix and HDF5 data are fitted by hals by default, block by block", {
  skip_if_not_installed("DelayedArray")
  s <- Matrix::rsparsematrix(80, 70, 0.2, rand.x = stats::runif)
  local_small_blocks(80 * 8 * 20)
  d <- DelayedArray::DelayedArray(s)
  a <- nmf(s, 3, seed = 2, extrapolate = FALSE, maxit = 30, tol = 0)
  b <- nmf(d, 3, seed = 2, maxit = 30, tol = 0)
  expect_identical(b$method, "hals")
  expect_equal(basis(b), basis(a), tolerance = 1e-10)
  skip_if_not_installed("HDF5Array")
  file <- withr::local_tempfile(fileext = ".h5")
  h5 <- HDF5Array::writeHDF5Array(as.matrix(s), filepath = file, name = "counts")
  expect_s4_class(h5, "HDF5Matrix")
  c5 <- nmf(h5, 3, "anls", seed = 2, maxit = 30, tol = 0)
  expect_equal(coef(c5), coef(nmf(as.matrix(s), 3, "anls", seed = 2, extrapolate = FALSE, maxit = 30, tol = 0)),
               tolerance = 1e-10)
})

test_that("runs, consensus and SummarizedExperiment assays work on block data", {
  skip_if_not_installed("DelayedArray")
  x <- three_groups()
  local_small_blocks(nrow(x) * 8 * 10)
  d <- DelayedArray::DelayedArray(x)
  r <- nmf(d, 3, "anls", nrun = 3, seed = 5, maxit = 50)
  ref <- nmf(x, 3, "anls", nrun = 3, seed = 5, maxit = 50, extrapolate = FALSE)
  expect_identical(r$labels, ref$labels)
  expect_equal(cophcor(r), cophcor(ref))
  expect_identical(dimnames(basis(r))[[1L]], rownames(x))
  skip_if_not_installed("SummarizedExperiment")
  se <- SummarizedExperiment::SummarizedExperiment(list(counts = d))
  f <- nmf(se, 3, "hals", seed = 1, maxit = 20, tol = 0)
  expect_equal(basis(f), basis(nmf(x, 3, "hals", seed = 1, maxit = 20, tol = 0, extrapolate = FALSE)),
               tolerance = 1e-10)
})

test_that("what block data cannot do is refused with clear errors, before any fit", {
  skip_if_not_installed("DelayedArray")
  x <- low_rank(30, 20, k = 3)
  d <- DelayedArray::DelayedArray(x)
  expect_error(nmf(d, 3, "kl"), 'block by block by methods "hals", "anls" only; method "kl"')
  expect_error(nmf(d, 3, "brunet"), 'method "brunet" needs the matrix in memory')
  expect_error(nmf(d, 3, "anls", seed = "nndsvd"), '`seed` "nndsvd" needs the whole matrix')
  expect_error(nmf(d, 3, "anls", L1 = c(0, 0.1)), "penalties are not available for a DelayedMatrix")
  expect_error(nmf(d, 3, "anls", mask = x > 0.5), "`mask` cannot be used with a DelayedMatrix")
  xn <- x
  xn[2, 3] <- NA
  expect_error(nmf(DelayedArray::DelayedArray(xn), 3, "anls"), "DelayedMatrix with 1 missing values")
  xm <- x
  xm[4, 5] <- -1
  expect_error(nmf(DelayedArray::DelayedArray(xm), 3), "must be non-negative: its smallest value is -1")
  xi <- x
  xi[1, 1] <- Inf
  expect_error(nmf(DelayedArray::DelayedArray(xi), 3), "must not contain infinite values: it has 1")
  expect_error(nmf(DelayedArray::DelayedArray(matrix("a", 2, 2)), 1), "of type character")
  expect_error(nmf_project(basis(nmf(x, 3, seed = 1)), d), "`x` is a DelayedMatrix; here it must be in memory")
})
