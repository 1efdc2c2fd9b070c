# Matrices larger than memory (R/blocks.R): a DelayedMatrix fitted block by
# block gives the in-memory fit of the same updates (no extrapolation). The
# fits run in a child R process (in_child(), helper-blocks.R).

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
