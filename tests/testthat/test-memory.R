# Memory policy (R/memory.R).

test_that("dense allocations that cannot fit fail first, naming the size", {
  # 100,000 samples: the runs keep labels, and only asking for the consensus
  # matrix (74.5 GiB) is refused, naming the size
  big <- Matrix::sparseMatrix(i = 1:5, j = 1:5, x = 1, dims = c(10, 1e5))
  withr::local_options(nmfkit.max_bytes = 16 * 1024^3)
  res <- suppressWarnings(nmf(big, 2, nrun = 2, seed = 1, maxit = 5))
  expect_true(is.finite(dispersion(res)))
  expect_error(consensus(res),
               paste0("The consensus matrix would need 74\\.5 GiB \\(100,000 x 100,000 ",
                      "doubles\\); the limit is 16\\.0 GiB \\(option `nmfkit.max_bytes`\\)"))
  expect_error(connectivity(rep(1:2, 5e4)), "The connectivity matrix would need 74\\.5 GiB")
  fit <- nmf_model(matrix(1, 1e5, 2), matrix(1, 2, 1e5))
  expect_error(fitted(fit),
    "The fitted matrix W %\\*% H would need 74\\.5 GiB \\(100,000 x 100,000 doubles\\).*use basis\\(\\) and coef\\(\\)")
  # the limit is an option
  withr::local_options(nmfkit.max_bytes = 1000)
  x <- matrix(stats::runif(400), 20)
  expect_error(nmf(x, 2, nrun = 2, seed = 1), "would need 3\\.1 KiB \\(20 x 20 doubles\\); the limit is 1000 bytes")
  expect_error(fitted(nmf(x, 2, seed = 1)), "The fitted matrix W %\\*% H would need 3\\.1 KiB")
  expect_error(nmf(x, 2, "ls-nmf", weight = x, seed = 1), NA) # dense already: nothing to allocate
  expect_error(nmf(Matrix::Matrix(x, sparse = TRUE), 2, "ls-nmf", weight = x, seed = 1),
               "Method \"ls-nmf\" works on dense data: densifying `x` would need 3\\.1 KiB")
  withr::local_options(nmfkit.max_bytes = -1)
  expect_error(fitted(nmf(x, 2, seed = 1)), "`getOption\\(\"nmfkit.max_bytes\"\\)` must be a single positive number")
})
