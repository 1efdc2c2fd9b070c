# Checks of the arguments of a fit (R/validate-fit.R).

test_that("rank: whole number between 1 and min(dim(x))", {
  x <- matrix(runif(30), 5, 6)
  expect_error(nmf(x, 0), "`rank` must be a whole number between 1 and 5 \\(min\\(dim\\(x\\)\\)\\), not 0")
  expect_error(nmf(x, 6), "between 1 and 5 .* not 6")
  expect_error(nmf(x, 2.5), "not 2.5")
  expect_error(nmf(x, NA), "not NA")
  expect_error(nmf(x, "2"), "not \"2\"")
  expect_error(nmf(x, c(2, 6)),
               "`rank` values must be whole numbers between 1 and 5 \\(min\\(dim\\(x\\)\\)\\); 6 is not")
  expect_error(nmf(x, c(0, 2.5, 3)), "; 0.0, 2.5 are not")
  expect_error(nmf(x, c("2", "3")), paste0(
      "`rank` must be a whole number, or whole numbers for a rank survey, between 1 and 5 .* not a character vector ",
      "of length 2"))
  expect_error(nmf(x, numeric(0)), "not a double vector of length 0")
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
  expect_error(nmf(x, 2, "lee", theta = 1),
               'Unknown parameter `theta` for method "lee"; its parameters are: eps, stopconv, check.interval')
  expect_error(nmf(x, 2, "hals", eps = 1),
               paste('Unknown parameter `eps` for method "hals"; its parameters are: inner, inner_tol, extrapolate,',
                     "L1, L2, mask, weights, fixed"))
  expect_error(nmf(x, 2, "lee", NULL, 1, NULL, NULL, NULL, NULL, 5), "must be named parameters of method \"lee\"")
  expect_error(nmf(x, 2, "lee", eps = -1), "`eps` must be a single positive number, not -1")
  expect_error(nmf(x, 2, "hals", inner = 0), "`inner` must be a whole number of at least 1, not 0")
})

test_that("seed: wrong lists, shapes, values and types are refused", {
  x <- matrix(runif(30), 5, 6)
  expect_error(nmf(x, 2, seed = list(A = 1)), "must have elements `W` \\(5 x 2\\) and `H` \\(2 x 6\\); it has names: A")
  w <- matrix(1, 5, 2)
  h <- matrix(1, 2, 6)
  expect_error(nmf(x, 2, seed = list(W = w[, 1, drop = FALSE], H = h)),
               "`seed\\$W` must be 5 x 2 \\(nrow\\(x\\) x rank\\), not 5 x 1")
  expect_error(nmf(x, 2, seed = list(W = w, H = t(h))), "`seed\\$H` must be 2 x 6 \\(rank x ncol\\(x\\)\\), not 6 x 2")
  w[3, 1] <- -1
  expect_error(nmf(x, 2, seed = list(W = w, H = h)),
               "`seed\\$W` must be non-negative: it has 1 negative value, the first is seed\\$W\\[3, 1\\] = -1")
  expect_error(nmf(x, 2, seed = list(W = "a", H = h)), "`seed\\$W` must be a numeric matrix of 5 x 2")
  expect_error(nmf(x, 2, seed = "svd"), '`seed` = "svd" is not a known seeding method; known: "random", "nndsvd"')
  expect_error(nmf(x, 2, seed = TRUE), "`seed` must be NULL, a single number, .* not TRUE")
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
  expect_error(nmf(x, 2, .options = "t!"), '`.options` letter "!" is not known')
  expect_error(nmf(x, 2, .options = 3), "`.options` must be a string of option letters")
})

test_that("method parameters of the NMF family are checked", {
  x <- matrix(runif(30), 5, 6)
  expect_error(nmf(x, 2, "pe-nmf"), 'Method "pe-nmf" needs parameter `alpha`')
  expect_error(nmf(x, 2, "pe-nmf", alpha = 1), "needs parameter `beta`")
  expect_error(nmf(x, 2, "ls-nmf"), "needs parameter `weight`")
  expect_error(nmf(x, 2, "ls-nmf", weight = matrix(1, 2, 2)),
               "`weight` must be a numeric matrix of the shape of x \\(5 x 6\\)")
  expect_error(nmf(x, 2, "nsNMF", theta = 2), "`theta` must be a single number between 0 and 1, not 2")
  expect_error(nmf(x, 2, "snmf/r", eta = 0), "`eta` must be a positive number, or -1 for max\\(x\\)")
  expect_error(nmf(x, 2, "snmf/r", beta = -1), "`beta` must be a single positive number")
  expect_error(nmf(x, 2, "snmf/r", bi_conv = 1), "`bi_conv` must be two non-negative whole numbers")
  expect_error(nmf(x, 2, "hals", L1 = c(1, 2, 3)), "`L1` must be one or two non-negative numbers \\(for W and H\\)")
  expect_error(nmf(x, 2, "anls", L2 = -1), "`L2` must be one or two non-negative numbers")
  expect_error(nmf(x, 2, "lee", L1 = 1), 'Unknown parameter `L1` for method "lee"')
  expect_error(nmf(x, 2, "KL", check.interval = 5, check.niter = 10),
               "`check.interval` \\(5\\) must be at least `check.niter` \\(10\\)")
  expect_error(nmf(x, 2, "snmf/r", theta = 1), "its parameters are: eta, beta, bi_conv, eps_conv")
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

test_that("several runs: seeds, checkpoint and options are checked", {
  x <- matrix(runif(30), 5, 6)
  w <- matrix(1, 5, 2)
  h <- matrix(1, 2, 6)
  expect_error(nmf(x, 2, nrun = 3, seed = list(W = w, H = h)),
               paste("`seed` given as a list of start matrices is a single starting point for one run of one rank,",
                     "not for 3 runs"))
  expect_error(nmf(x, 1:2, nrun = 1, seed = list(W = w, H = h)), "not for a survey of 2 ranks; give a numeric seed")
  fit <- nmf(x, 2, seed = 1)
  expect_error(nmf(x, 2, nrun = 2, seed = fit), "`seed` given as a fit is a single starting point")
  expect_error(nmf(x, 2, nrun = 2, seed = TRUE), "`seed` must be NULL, a single number")
  expect_error(nmf(x, 2, nrun = 2, seed = "nndsvdx"), '`seed` = "nndsvdx" is not a known seeding method')
  expect_error(nmf(x, 2, nrun = 2, checkpoint = 3),
               "`checkpoint` must be the name of a directory \\(a single string\\), not 3")
  expect_error(nmf(x, 2, checkpoint = tempdir()), "with nrun = 1 and one rank there is nothing to resume")
  file <- withr::local_tempfile()
  writeLines("x", file)
  expect_error(nmf(x, 2, nrun = 2, checkpoint = file.path(file, "sub")), "does not exist and cannot be created")
})

test_that(".options reads the NMF package's letters and lists", {
  co <- nmfkit:::check_options
  expect_identical(co("vp2"), list(verbose = TRUE, parallel = 2))
  expect_identical(co("v-p"), list(verbose = TRUE, parallel = FALSE))
  expect_identical(co("-pv+t"), list(parallel = FALSE, verbose = FALSE, track = TRUE))
  expect_identical(co("vP200"), list(verbose = TRUE, parallel.required = 200))
  expect_identical(co("-p2"), list(parallel = FALSE))
  expect_identical(co("-S"), list(simplifyCB = FALSE))
  expect_identical(co("tkfR"), list(track = TRUE, keep.all = TRUE, dry.run = TRUE, RNGstream = TRUE))
  expect_identical(co(list(keep.all = TRUE, verbose = 2)), list(keep.all = TRUE, verbose = 2))
  expect_identical(co(list(keep_all = TRUE)), list(keep.all = TRUE))
  expect_error(co("2v"), '`.options` = "2v" has a number before any option letter')
  expect_error(co(list(keepall = TRUE)), '`.options` given as a list must have names among "track", .* not "keepall"')
  expect_error(co(list(TRUE)), "not unnamed elements")
  # nmf() takes .opt for .options, as R matches it partially
  x <- matrix(runif(60), 10)
  expect_identical(nmf(x, 2, seed = 1, .opt = "t", maxit = 5)$track, nmf(x, 2, seed = 1, track = TRUE, maxit = 5)$track)
  expect_gt(nrow(nmf(x, 2, seed = 1, .opt = "t", maxit = 5)$track), 0L)
  expect_warning(nmf(x, 2, seed = 1, maxit = 5, .options = "r"), "Option 'restore.seed' is deprecated")
  # an option overrides the argument of the same meaning
  expect_silent(nmf(x, 2, nrun = 2, seed = 1, maxit = 5, verbose = TRUE, .options = "-v"))
})

test_that(".pbackend, parallel letters and .callback are checked", {
  cb <- nmfkit:::check_backend
  expect_identical(cb(list(), NULL), list(backend = NULL, required = FALSE))
  expect_identical(cb(list(parallel = TRUE), NULL)$backend, TRUE)
  expect_identical(cb(list(parallel = 3), NULL)$backend, 3L)
  expect_identical(cb(list(parallel = 1), NULL)$backend, FALSE)
  expect_identical(cb(list(), NA)$backend, FALSE)
  expect_identical(cb(list(), "seq")$backend, FALSE)
  expect_identical(cb(list(), "par")$backend, TRUE)
  expect_identical(cb(list(), 4)$backend, 4L)
  expect_identical(cb(list(parallel.required = TRUE), NULL), list(backend = TRUE, required = TRUE))
  expect_error(cb(list(parallel.required = TRUE), "seq"),
               "asks for parallel runs \\(P\\) but `.pbackend` is sequential")
  expect_error(cb(list(), "doSNOW"), '`.pbackend` must be NA or "seq"')
  expect_error(cb(list(), 0), "`.pbackend` must be a whole number of at least 1, not 0")
  x <- matrix(runif(60), 10)
  expect_error(nmf(x, 2, nrun = 2, .callback = "mean"), "`.callback` must be a function of a run's fit")
  expect_warning(nmf(x, 2, seed = 1, maxit = 5, .callback = deviance),
                 "Discarding argument `.callback`: not used with `nrun = 1`")
  expect_warning(nmf(x, 2, nrun = 2, seed = 1, maxit = 5, keep_all = TRUE, .callback = deviance),
                 "not used with option `keep.all = TRUE`")
  expect_error(nmf(x, 2, nrun = 2, .options = "-R", checkpoint = tempfile()), "cannot resume runs that draw in turn")
})
