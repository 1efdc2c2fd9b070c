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

test_that("x: Inf is refused with its position; NA only for methods that fit it", {
  x <- matrix(1, 4, 5)
  x[3, 2] <- NA
  expect_error(nmf(x, 2, "lee"), "`x` has 1 missing value \\(NA\\), which method \"lee\" cannot fit")
  x[1, 4] <- Inf
  x[2, 2] <- NaN
  expect_error(nmf(x, 2), "`x` must not contain infinite values: it has 1 \\(Inf\\), the first at x\\[1, 4\\]")
  s <- Matrix::Matrix(matrix(c(0, 0, 1, Inf), 2), sparse = TRUE)
  expect_error(nmf(s, 1), "it has 1 \\(Inf\\), the first at x\\[2, 2\\]")
  expect_error(summary(nmf(matrix(runif(20), 4), 2, seed = 1), target = x),
               "`x` must not contain missing or infinite values: it has 3 \\(NaN, NA, Inf\\)")
})

test_that("rank: whole number between 1 and min(dim(x))", {
  x <- matrix(runif(30), 5, 6)
  expect_error(nmf(x, 0), "`rank` must be a whole number between 1 and 5 \\(min\\(dim\\(x\\)\\)\\), not 0")
  expect_error(nmf(x, 6), "between 1 and 5 .* not 6")
  expect_error(nmf(x, 2.5), "not 2.5")
  expect_error(nmf(x, NA), "not NA")
  expect_error(nmf(x, "2"), "not \"2\"")
  expect_error(nmf(x, c(2, 3)), "a rank survey \\(several ranks\\) is not available yet")
})

test_that("method: unknown names list the known ones; ambiguous names are refused", {
  x <- matrix(runif(30), 5, 6)
  expect_error(nmf(x, 2, "foo"), '`method` = "foo" is not a known method; known: "hals", "anls", "kl", "lee"')
  expect_error(nmf(x, 2, 3), "`method` must be a single name")
  expect_error(nmf(x, 2, c("lee", "nope")), "is not a known method")
  # no two current names share a prefix; the rule is checked on the matcher
  expect_error(nmfkit:::match_name("a", c("ab", "ac"), "method"), 'is ambiguous: it matches "ab", "ac"')
})

test_that("method parameters: unknown ones name the method's parameters; values are checked", {
  x <- matrix(runif(30), 5, 6)
  expect_error(nmf(x, 2, "lee", theta = 1), 'Unknown parameter `theta` for method "lee"; its parameters are: eps, stopconv, check.interval')
  expect_error(nmf(x, 2, "hals", eps = 1), 'Unknown parameter `eps` for method "hals"; its parameters are: inner, inner_tol, L1, L2, mask, weights, fixed')
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
  expect_error(nmf(x, 2, seed = "svd"), '`seed` = "svd" is not a known seeding method; known: "random", "nndsvd"')
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
  expect_error(nmf(x, 2, nrun = 3), "`nrun` must be 1 in this version")
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

test_that("method parameters of the NMF family are checked", {
  x <- matrix(runif(30), 5, 6)
  expect_error(nmf(x, 2, "pe-nmf"), 'Method "pe-nmf" needs parameter `alpha`')
  expect_error(nmf(x, 2, "pe-nmf", alpha = 1), 'needs parameter `beta`')
  expect_error(nmf(x, 2, "ls-nmf"), 'needs parameter `weight`')
  expect_error(nmf(x, 2, "ls-nmf", weight = matrix(1, 2, 2)), "`weight` must be a numeric matrix of the same shape as x \\(5 x 6\\)")
  expect_error(nmf(x, 2, "nsNMF", theta = 2), "`theta` must be a single number between 0 and 1, not 2")
  expect_error(nmf(x, 2, "snmf/r", eta = 0), "`eta` must be a positive number, or -1 for max\\(x\\)")
  expect_error(nmf(x, 2, "snmf/r", beta = -1), "`beta` must be a single positive number")
  expect_error(nmf(x, 2, "snmf/r", bi_conv = 1), "`bi_conv` must be two non-negative whole numbers")
  expect_error(nmf(x, 2, "hals", L1 = c(1, 2, 3)), "`L1` must be one or two non-negative numbers \\(for W and H\\)")
  expect_error(nmf(x, 2, "anls", L2 = -1), "`L2` must be one or two non-negative numbers")
  expect_error(nmf(x, 2, "lee", L1 = 1), 'Unknown parameter `L1` for method "lee"')
  expect_error(nmf(x, 2, "KL", check.interval = 5, check.niter = 10), "`check.interval` \\(5\\) must be at least `check.niter` \\(10\\)")
  expect_error(nmf(x, 2, "snmf/r", theta = 1), 'its parameters are: eta, beta, bi_conv, eps_conv')
})

test_that("nmf_project and nmf_seed check their arguments", {
  x <- matrix(runif(30), 5, 6)
  expect_error(nmf_project(matrix(1, 4, 2), x), "`w` must have one row per row of `x` \\(5\\), not 4")
  expect_error(nmf_project("a", x), "`w` must be a numeric basis matrix")
  expect_error(nmf_project(matrix(-1, 5, 2), x), "`w` must be non-negative")
  expect_error(nmf_project(matrix(1, 5, 2), x, L1 = -1), "`L1` must be a single non-negative number")
  expect_error(nmf_seed(x, 2, "svd"), '`seed` = "svd" is not a known seeding method; known: "random", "nndsvd"')
  expect_error(nmf_seed(x, 9, "nndsvd"), "`rank` must be a whole number between 1 and 5")
})
