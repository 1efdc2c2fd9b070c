test_that("nmfEstimateRank is the rank survey with the NMF package's measures and consensus", {
  skip_if_no_nmf()
  x <- golub_subset(1:100)
  est <- nmfEstimateRank(x, 2:3, "brunet", nrun = 3, seed = 123456)
  ref <- suppressMessages(NMF::nmfEstimateRank(x, 2:3, "brunet", nrun = 3, seed = 123456, .opt = "-p"))
  expect_s3_class(est, "nmfkit_survey")
  expect_named(est, c("measures", "consensus", "fit", "method", "nrun", "dim", "call", "wall"))
  cols <- c("cophenetic", "dispersion", "rss", "evar", "residuals", "sparseness.basis", "sparseness.coef",
            "silhouette.consensus", "niter")
  expect_equal(est$measures[cols], ref$measures[cols], tolerance = 1e-6)
  expect_equal(as.vector(est$consensus[["3"]]), as.vector(ref$consensus[["3"]]))
  expect_identical(as.integer(predict(est$fit[["3"]], what = "consensus")),
                   as.integer(NMF::predict(ref$fit[["3"]], what = "consensus")))
})

test_that("nmfEstimateRank uses the default algorithm option and leaves out failing ranks", {
  x <- three_groups()
  withr::defer(nmf.resetOptions("default.algorithm"))
  nmf.options(default.algorithm = "lee")
  est <- nmfEstimateRank(x, 2:3, nrun = 2, seed = 1)
  expect_identical(est$method, "lee")
  expect_warning(est <- nmfEstimateRank(x, c(2, 40), nrun = 2, seed = 1, method = "lee"), "Rank 40 failed")
  expect_identical(est$measures$rank, 2)
  expect_error(nmfEstimateRank(x, c(2, 40), nrun = 2, seed = 1, stop = TRUE), "`rank` values must be")
  expect_error(nmfEstimateRank(x, 2, nrun = 2), "`range` must be at least two ranks")
})
