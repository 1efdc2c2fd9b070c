# Checks of the arguments of the measures (R/validate-measures.R).

test_that("summary, rss and evar check their target", {
  x <- matrix(runif(30), 5, 6)
  fit <- nmf(x, 2, seed = 1)
  expect_error(summary(fit, target = x[, 1:3]), "`target` must be 5 x 6 like the fitted data, not 5 x 3")
  expect_error(rss(fit, x[1:2, ]), "not 2 x 6")
  expect_error(evar(fit, -x), "`x` must be non-negative")
})

test_that("measures check their input", {
  x <- matrix(runif(30), 5, 6)
  fit <- nmf(x, 2, seed = 1)
  expect_error(purity(fit, 1:5), paste0(
      "`y` must give the known class of each of the 6 samples \\(a factor or vector of length 6\\), not an integer ",
      "vector of length 5"))
  expect_error(entropy(fit), "`y` must give the known class of each of the 6 samples")
  expect_error(purity(table(1:3, 1:3), 1:3), "`y` must not be given when `x` is a table")
  expect_error(entropy(list(1), 1),
    "`x` must be a fit, a fitset, a factor or vector of cluster labels or a table, not an object of class list")
  expect_error(summary(fit, class = 1:2), "`class` must give the known class of each of the 6 samples")
  expect_error(dispersion(matrix(1, 2, 3)), paste0(
      "`object` must be a fit, a fitset, a rank survey or a square consensus matrix \\(samples x samples\\), not a 2 ",
      "x 3 matrix"))
  expect_error(cophcor("a"), "square consensus matrix")
  expect_error(cophcor(diag(3) * 0.5, linkage = "avg"), '`linkage` must be one of "average", .* not "avg"')
  expect_error(consensus(1:3),
               "`object` must be a fit, a fitset or a rank survey from nmf\\(\\), not an integer vector of length 3")
  expect_error(connectivity(matrix(1, 2, 2)),
               "`object` must be a fit, a fitset or a factor or vector of cluster labels, not a 2 x 2 matrix")
  expect_error(featureScore("a"),
               "`object` must be a fit, a fitset or a numeric basis matrix \\(features x components\\), not \"a\"")
  expect_error(featureScore(basis(fit), method = "min"), '`method` must be one of "kim", "max", not "min"')
  expect_error(extractFeatures(fit, format = "tab"), '`format` must be one of "list", "combine", "subset", not "tab"')
  expect_error(silhouette(fit, what = "consensus"),
               '`what` must be one of "samples", "columns", "features", "rows", not "consensus"')
  expect_error(extractFeatures(fit, method = -1),
               '`method` must be "kim", "max" or positive numbers \\(one, or one per component: 2\\), not -1')
  expect_error(extractFeatures(fit, method = c(1, 2, 3)), "one per component: 2")
  expect_error(extractFeatures(fit, nodups = NA), "`nodups` must be TRUE or FALSE")
  expect_error(predict(nmf(x, 2, nrun = 2, seed = 1), what = "foo"),
               '`what` must be one of "samples", .*"chc", not "foo"')
  expect_error(nmf_model(matrix(1, 3, 2), matrix(1, 3, 4)),
               "`W` and `H` must share the rank: `W` has 2 columns and `H` 3 rows")
  expect_error(nmf_model("a", matrix(1, 3, 4)), "`W` must be a non-empty numeric matrix, not \"a\"")
  expect_error(nmf_model(matrix(-1, 3, 2), matrix(1, 2, 4)), "`W` must be non-negative")
  expect_error(nmf_model(matrix(1, 3, 2), matrix(1, 2, 4), target = matrix(1, 3, 3)),
               "`target` must be 3 x 4 \\(nrow\\(W\\) x ncol\\(H\\)\\), not 3 x 3")
})
