# Checks of the arguments of the heatmaps and plots (R/validate-plots.R).

test_that("heatmaps and survey plots check their arguments", {
  x <- matrix(runif(60), 10, 6)
  res <- nmf(x, 2, nrun = 2, seed = 1)
  pdf(NULL)
  on.exit(dev.off())
  expect_error(consensusmap(res, annCol = 1:5), paste0(
      "`annCol` must be a vector or factor of length 6, or a data.frame of 6 rows \\(one per sample\\), not an ",
      "integer vector of length 5"))
  expect_error(consensusmap(res, annCol = list(a = 1:6, b = 1:2)),
               "`annCol` given as a list must hold vectors or factors of length 6")
  expect_error(consensusmap(res, tracks = "foo"), 'unknown track "foo"; known: "basis", "consensus", "silhouette"')
  expect_error(consensusmap(res, tracks = 1), "`tracks` must be names of tracks")
  expect_error(consensusmap(res, filename = "map.txt"), "`filename` must be NA or a file name ending in .pdf, .png")
  expect_error(basismap(res, annRow = 1:3),
               "`annRow` must be a vector or factor of length 10, or a data.frame of 10 rows \\(one per feature\\)")
  expect_error(basismap(res, subsetRow = 0:3),
               "`subsetRow` must be TRUE, FALSE, a number of features per component, or row indices \\(1 to 10\\)")
  expect_error(basismap(res, scale = "r2"), '`scale` must be one of "r1", "c1", "none", "row", "column", not "r2"')
  expect_error(coefmap(res, tracks = "consensus"), 'unknown track "consensus"; known: "basis"')
  expect_error(consensusmap(res$consensus[1:2, ]), "square consensus matrix")
  est <- nmf(x, 1:2, nrun = 2, seed = 1)
  expect_error(plot(est, y = res), paste0(
      "`y` must be a rank survey \\(of several ranks; for instance of randomize\\(x\\)\\), not an object of class ",
      "nmfkit_fitset"))
  expect_error(plot(est, what = c("rss", "foo")),
               '`what` must be some of "all", "cophenetic", .* not a character vector of length 2')
})
