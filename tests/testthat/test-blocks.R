# Matrices larger than memory (R/blocks.R): a DelayedMatrix fitted block by
# block gives the in-memory fit of the same updates (no extrapolation).
# Loading DelayedArray hides the NMF package's `seed` generic (see
# skip_if_no_nmf()), so the block fits run in a child R process: `fun` gets
# the arguments and a block size in bytes, and returns what the tests check.
in_child <- function(fun, ..., block_bytes = 1e8) {
  testthat::skip_if_not_installed("callr")
  skip_if_absent("DelayedArray")
  run <- function(fun, args, block_bytes) {
    suppressPackageStartupMessages(library(nmfkit))
    suppressMessages(DelayedArray::setAutoBlockSize(block_bytes))
    do.call(fun, args)
  }
  callr::r(run, args = list(fun = fun, args = list(...), block_bytes = block_bytes), libpath = .libPaths())
}

# skip_if_not_installed() without loading the package (which would load DelayedArray here).
skip_if_absent <- function(pkg) {
  testthat::skip_if(!nzchar(system.file(package = pkg)), paste(pkg, "is not installed"))
}

# The fit's factors and how it ended.
fit_parts <- function(f) {
  list(W = basis(f), H = coef(f), niter = niter(f), stop = f$stop, dev = deviance(f), method = f$method)
}

test_that("a dense DelayedMatrix read in blocks gives the in-memory anls and hals fits", {
  x <- low_rank(60, 50, k = 4)
  got <- in_child(function(x, parts) {
    d <- DelayedArray::DelayedArray(x)
    list(blocks = length(DelayedArray::colAutoGrid(d)),
         anls = parts(nmf(d, 4, "anls", seed = 1, maxit = 5, tol = 0)),
         hals = parts(nmf(d, 4, "hals", seed = 1, maxit = 5, tol = 0)),
         converged = parts(nmf(d, 3, "anls", seed = 2)))
  }, x = x, parts = fit_parts, block_bytes = 60 * 8 * 13)  # blocks of 13 columns
  expect_identical(got$blocks, 4L)
  for (m in c("anls", "hals")) {
    ref <- nmf(x, 4, m, seed = 1, extrapolate = FALSE, maxit = 5, tol = 0)
    expect_identical(got[[m]]$niter, 5L)
    expect_equal(got[[m]]$W, basis(ref), tolerance = 1e-10)
    expect_equal(got[[m]]$H, coef(ref), tolerance = 1e-10)
    expect_equal(got[[m]]$dev, deviance(ref), tolerance = 1e-10)
  }
  # the stopping rule is the in-memory one too
  ref <- nmf(x, 3, "anls", seed = 2, extrapolate = FALSE)
  expect_identical(got$converged$niter, niter(ref))
  expect_identical(got$converged$stop, "converged")
  expect_equal(got$converged$H, coef(ref), tolerance = 1e-8)
})

test_that("sparse DelayedMatrix and HDF5 data are fitted by hals by default, block by block", {
  s <- Matrix::rsparsematrix(80, 70, 0.2, rand.x = stats::runif)
  got <- in_child(function(s, parts) {
    out <- list(sparse = parts(nmf(DelayedArray::DelayedArray(s), 3, seed = 2, maxit = 30, tol = 0)))
    if (requireNamespace("HDF5Array", quietly = TRUE)) {
      h5 <- HDF5Array::writeHDF5Array(as.matrix(s), filepath = tempfile(fileext = ".h5"), name = "counts")
      out$class <- class(h5)
      out$h5 <- parts(nmf(h5, 3, "anls", seed = 2, maxit = 30, tol = 0))
    }
    out
  }, s = s, parts = fit_parts, block_bytes = 80 * 8 * 20)
  expect_identical(got$sparse$method, "hals")
  expect_equal(got$sparse$W, basis(nmf(s, 3, seed = 2, extrapolate = FALSE, maxit = 30, tol = 0)), tolerance = 1e-10)
  skip_if_absent("HDF5Array")
  expect_true("HDF5Matrix" %in% got$class)
  ref <- nmf(as.matrix(s), 3, "anls", seed = 2, extrapolate = FALSE, maxit = 30, tol = 0)
  expect_equal(got$h5$H, coef(ref), tolerance = 1e-10)
})

test_that("runs, consensus and SummarizedExperiment assays work on block data", {
  x <- three_groups()
  got <- in_child(function(x, parts) {
    d <- DelayedArray::DelayedArray(x)
    r <- nmf(d, 3, "anls", nrun = 3, seed = 5, maxit = 50)
    out <- list(labels = r$labels, cophcor = cophcor(r), rows = rownames(basis(r)))
    if (requireNamespace("SummarizedExperiment", quietly = TRUE)) {
      se <- SummarizedExperiment::SummarizedExperiment(list(counts = d))
      out$se <- parts(nmf(se, 3, "hals", seed = 1, maxit = 20, tol = 0))
    }
    out
  }, x = x, parts = fit_parts, block_bytes = nrow(x) * 8 * 10)
  ref <- nmf(x, 3, "anls", nrun = 3, seed = 5, maxit = 50, extrapolate = FALSE)
  expect_identical(got$labels, ref$labels)
  expect_equal(got$cophcor, cophcor(ref))
  expect_identical(got$rows, rownames(x))
  skip_if_absent("SummarizedExperiment")
  expect_equal(got$se$W, basis(nmf(x, 3, "hals", seed = 1, maxit = 20, tol = 0, extrapolate = FALSE)),
               tolerance = 1e-10)
})

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
