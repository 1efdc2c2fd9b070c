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

test_that("x: NA, NaN and Inf are refused with their position", {
  x <- matrix(1, 4, 5)
  x[3, 2] <- NA
  expect_error(nmf(x, 2), "must not contain missing or infinite values: it has 1 \\(NA\\), the first at x\\[3, 2\\]")
  x[1, 4] <- Inf
  x[2, 2] <- NaN
  expect_error(nmf(x, 2), "it has 3 \\(NaN, NA, Inf\\), the first at x\\[2, 2\\]")
  s <- Matrix::Matrix(matrix(c(0, 0, 1, Inf), 2), sparse = TRUE)
  expect_error(nmf(s, 1), "it has 1 \\(Inf\\), the first at x\\[2, 2\\]")
})

test_that("rank: whole number between 1 and min(dim(x))", {
  x <- matrix(runif(30), 5, 6)
  expect_error(nmf(x, 0), "`rank` must be a whole number between 1 and 5 \\(min\\(dim\\(x\\)\\)\\), not 0")
  expect_error(nmf(x, 6), "between 1 and 5 .* not 6")
  expect_error(nmf(x, 2.5), "not 2.5")
  expect_error(nmf(x, NA), "not NA")
  expect_error(nmf(x, "2"), "not \"2\"")
  expect_error(nmf(x, c(2, 6)), "`rank` values must be whole numbers between 1 and 5 \\(min\\(dim\\(x\\)\\)\\); 6 is not")
  expect_error(nmf(x, c(0, 2.5, 3)), "; 0.0, 2.5 are not")
  expect_error(nmf(x, c("2", "3")), "`rank` must be a whole number, or whole numbers for a rank survey, between 1 and 5 .* not a character vector of length 2")
  expect_error(nmf(x, numeric(0)), "not a double vector of length 0")
})

test_that("method: unknown names list the known ones; ambiguous names are refused", {
  x <- matrix(runif(30), 5, 6)
  expect_error(nmf(x, 2, "foo"), '`method` = "foo" is not a known method; known: "hals", "lee", "brunet"')
  expect_error(nmf(x, 2, 3), "`method` must be a single name")
  expect_error(nmf(x, 2, list("lee", "brunet")), "fitting a list of methods is not available yet")
  # no two current names share a prefix; the rule is checked on the matcher
  expect_error(nmfkit:::match_name("a", c("ab", "ac"), "method"), 'is ambiguous: it matches "ab", "ac"')
})

test_that("method parameters: unknown ones name the method's parameters; values are checked", {
  x <- matrix(runif(30), 5, 6)
  expect_error(nmf(x, 2, "lee", theta = 1), 'Unknown parameter `theta` for method "lee"; its parameters are: eps, stopconv, check.interval')
  expect_error(nmf(x, 2, "hals", eps = 1), 'Unknown parameter `eps` for method "hals"; its parameters are: inner, inner_tol')
  expect_error(nmf(x, 2, "lee", NULL, 1, 5), "must be named parameters of method \"lee\"")
  expect_error(nmf(x, 2, "lee", eps = -1), "`eps` must be a single positive number, not -1")
  expect_error(nmf(x, 2, "hals", inner = 0), "`inner` must be a whole number of at least 1, not 0")
})

test_that("seed: wrong lists, shapes, values and types are refused", {
  x <- matrix(runif(30), 5, 6)
  expect_error(nmf(x, 2, seed = list(A = 1)), "must have elements `W` \\(5 x 2\\) and `H` \\(2 x 6\\); it has names: A")
  w <- matrix(1, 5, 2)
  h <- matrix(1, 2, 6)
  expect_error(nmf(x, 2, seed = list(W = w[, 1, drop = FALSE], H = h)), "`seed\\$W` must be 5 x 2 \\(nrow\\(x\\) x rank\\), not 5 x 1")
  expect_error(nmf(x, 2, seed = list(W = w, H = t(h))), "`seed\\$H` must be 2 x 6 \\(rank x ncol\\(x\\)\\), not 6 x 2")
  w[3, 1] <- -1
  expect_error(nmf(x, 2, seed = list(W = w, H = h)), "`seed\\$W` must be non-negative: it has 1 negative value, the first is seed\\$W\\[3, 1\\] = -1")
  expect_error(nmf(x, 2, seed = list(W = "a", H = h)), "`seed\\$W` must be a numeric matrix of 5 x 2")
  expect_error(nmf(x, 2, seed = "nndsvd"), '`seed` = "nndsvd" is not a known seeding method; known: "random"')
  expect_error(nmf(x, 2, seed = sum), "`seed` must be NULL, a single number, .* not a function")
  expect_error(nmf(x, 2, seed = c(1, 2)), "not a double vector of length 2")
})

test_that("maxit, tol, threads, nrun and flags are checked", {
  x <- matrix(runif(30), 5, 6)
  expect_error(nmf(x, 2, maxit = 0), "`maxit` must be a whole number of at least 1, not 0")
  expect_error(nmf(x, 2, maxit = 5, maxIter = 5), "either `maxit` or its alias `maxIter`")
  expect_error(nmf(x, 2, tol = -1), "`tol` must be a single non-negative number, not -1")
  expect_warning(nmf(x, 2, "lee", tol = 1e-3, maxit = 5), '`tol` is not used by method "lee"')
  expect_error(nmf(x, 2, threads = 0), "`threads` must be a whole number of at least 1, not 0")
  expect_error(nmf(x, 2, nrun = 0), "`nrun` must be a whole number of at least 1, not 0")
  expect_error(nmf(x, 2, verbose = NA), "`verbose` must be TRUE or FALSE, not NA")
  expect_error(nmf(x, 2, track = "yes"), "`track` must be TRUE or FALSE, not \"yes\"")
  expect_error(nmf(x, 2, .options = "z"), "`.options` letter \"z\" is not known")
  expect_error(nmf(x, 2, .options = "t!"), "must consist of option letters")
  expect_error(nmf(x, 2, .options = 3), "`.options` must be a string of option letters")
})

test_that("summary, rss and evar check their target", {
  x <- matrix(runif(30), 5, 6)
  fit <- nmf(x, 2, seed = 1)
  expect_error(summary(fit, target = x[, 1:3]), "`target` must be 5 x 6 like the fitted data, not 5 x 3")
  expect_error(rss(fit, x[1:2, ]), "not 2 x 6")
  expect_error(evar(fit, -x), "`x` must be non-negative")
})

test_that("several runs: seeds, checkpoint and options are checked", {
  x <- matrix(runif(30), 5, 6)
  w <- matrix(1, 5, 2)
  h <- matrix(1, 2, 6)
  expect_error(nmf(x, 2, nrun = 3, seed = list(W = w, H = h)),
               "`seed` given as a list of start matrices is a single starting point for one run of one rank, not for 3 runs")
  expect_error(nmf(x, 1:2, nrun = 1, seed = list(W = w, H = h)), "not for a survey of 2 ranks; give a numeric seed")
  fit <- nmf(x, 2, seed = 1)
  expect_error(nmf(x, 2, nrun = 2, seed = fit), "`seed` given as a fit is a single starting point")
  expect_error(nmf(x, 2, nrun = 2, seed = sum), "`seed` must be NULL, a single number")
  expect_error(nmf(x, 2, nrun = 2, seed = "nndsvdx"), '`seed` = "nndsvdx" is not a known seeding method')
  expect_error(nmf(x, 2, nrun = 2, checkpoint = 3), "`checkpoint` must be the name of a directory \\(a single string\\), not 3")
  expect_error(nmf(x, 2, checkpoint = tempdir()), "with nrun = 1 and one rank there is nothing to resume")
  file <- withr::local_tempfile()
  writeLines("x", file)
  expect_error(nmf(x, 2, nrun = 2, checkpoint = file.path(file, "sub")), "does not exist and cannot be created")
})

test_that("measures check their input", {
  x <- matrix(runif(30), 5, 6)
  fit <- nmf(x, 2, seed = 1)
  expect_error(purity(fit, 1:5), "`y` must give the known class of each of the 6 samples \\(a factor or vector of length 6\\), not an integer vector of length 5")
  expect_error(entropy(fit), "`y` must give the known class of each of the 6 samples")
  expect_error(purity(table(1:3, 1:3), 1:3), "`y` must not be given when `x` is a table")
  expect_error(entropy(list(1), 1), "`x` must be a fit, a fitset, a factor or vector of cluster labels or a table, not an object of class list")
  expect_error(summary(fit, class = 1:2), "`class` must give the known class of each of the 6 samples")
  expect_error(dispersion(matrix(1, 2, 3)), "`object` must be a fit, a fitset, a rank survey or a square consensus matrix \\(samples x samples\\), not a 2 x 3 matrix")
  expect_error(cophcor("a"), "square consensus matrix")
  expect_error(cophcor(diag(3) * 0.5, linkage = "avg"), '`linkage` must be one of "average", .* not "avg"')
  expect_error(consensus(1:3), "`object` must be a fit, a fitset or a rank survey from nmf\\(\\), not an integer vector of length 3")
  expect_error(connectivity(matrix(1, 2, 2)), "`object` must be a fit, a fitset or a factor or vector of cluster labels, not a 2 x 2 matrix")
  expect_error(featureScore("a"), "`object` must be a fit, a fitset or a numeric basis matrix \\(features x components\\), not \"a\"")
  expect_error(featureScore(basis(fit), method = "min"), '`method` must be one of "kim", "max", not "min"')
  expect_error(extractFeatures(fit, format = "tab"), '`format` must be one of "list", "combine", "subset", not "tab"')
  expect_error(silhouette(fit, what = "consensus"), '`what` must be one of "samples", "columns", "features", "rows", not "consensus"')
  expect_error(extractFeatures(fit, method = -1), '`method` must be "kim", "max" or positive numbers \\(one, or one per component: 2\\), not -1')
  expect_error(extractFeatures(fit, method = c(1, 2, 3)), "one per component: 2")
  expect_error(extractFeatures(fit, nodups = NA), "`nodups` must be TRUE or FALSE")
  expect_error(predict(nmf(x, 2, nrun = 2, seed = 1), what = "foo"), '`what` must be one of "samples", .*"chc", not "foo"')
  expect_error(nmf_model(matrix(1, 3, 2), matrix(1, 3, 4)), "`W` and `H` must share the rank: `W` has 2 columns and `H` 3 rows")
  expect_error(nmf_model("a", matrix(1, 3, 4)), "`W` must be a non-empty numeric matrix, not \"a\"")
  expect_error(nmf_model(matrix(-1, 3, 2), matrix(1, 2, 4)), "`W` must be non-negative")
  expect_error(nmf_model(matrix(1, 3, 2), matrix(1, 2, 4), target = matrix(1, 3, 3)), "`target` must be 3 x 4 \\(nrow\\(W\\) x ncol\\(H\\)\\), not 3 x 3")
})

test_that("heatmaps and survey plots check their arguments", {
  x <- matrix(runif(60), 10, 6)
  res <- nmf(x, 2, nrun = 2, seed = 1)
  pdf(NULL)
  on.exit(dev.off())
  expect_error(consensusmap(res, annCol = 1:5), "`annCol` must be a vector or factor of length 6, or a data.frame of 6 rows \\(one per sample\\), not an integer vector of length 5")
  expect_error(consensusmap(res, annCol = list(a = 1:6, b = 1:2)), "`annCol` given as a list must hold vectors or factors of length 6")
  expect_error(consensusmap(res, tracks = "foo"), 'unknown track "foo"; known: "basis", "consensus", "silhouette"')
  expect_error(consensusmap(res, tracks = 1), "`tracks` must be names of tracks")
  expect_error(consensusmap(res, filename = "map.txt"), "`filename` must be NA or a file name ending in .pdf, .png")
  expect_error(basismap(res, annRow = 1:3), "`annRow` must be a vector or factor of length 10, or a data.frame of 10 rows \\(one per feature\\)")
  expect_error(basismap(res, subsetRow = 0:3), "`subsetRow` must be TRUE, FALSE, a number of features per component, or row indices \\(1 to 10\\)")
  expect_error(basismap(res, scale = "r2"), '`scale` must be one of "r1", "c1", "none", "row", "column", not "r2"')
  expect_error(coefmap(res, tracks = "consensus"), 'unknown track "consensus"; known: "basis"')
  expect_error(consensusmap(res$consensus[1:2, ]), "square consensus matrix")
  est <- nmf(x, 1:2, nrun = 2, seed = 1)
  expect_error(plot(est, y = res), "`y` must be a rank survey from nmf\\(\\) \\(for instance of randomize\\(x\\)\\), not an object of class nmfkit_fitset")
  expect_error(plot(est, what = c("rss", "foo")), '`what` must be some of "all", "cophenetic", .* not a character vector of length 2')
})
