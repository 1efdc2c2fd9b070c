# Plan, then run (R/plan.R): every argument is checked once, before anything
# is densified or fitted; every run goes through run_plan_clusters() (which
# run_plan() wraps).

# Calls of namespace functions `names` during `code`, counted by trace().
count_calls <- function(names, code) {
  ns <- asNamespace("nmfkit")
  counts <- stats::setNames(integer(length(names)), names)
  for (f in names) {
    tracer <- eval(bquote(function() counts[[.(f)]] <<- counts[[.(f)]] + 1L))
    suppressMessages(do.call(trace, list(f, tracer = tracer, print = FALSE, where = ns)))
  }
  on.exit(for (f in names) suppressMessages(untrace(f, where = ns)), add = TRUE)
  force(code)
  counts
}

test_that("a survey checks the rank, the seed and the method once and never calls nmf() again", {
  x <- three_groups()
  n <- count_calls(c("nmf", "check_rank", "check_seed", "check_method_params", "check_nmf_args", "build_plan",
                     "run_plan_clusters"),
                   nmfkit::nmf(x, 2:4, nrun = 3, seed = 1, maxit = 5))
  expect_identical(n[["nmf"]], 1L)  # the call itself
  expect_identical(n[["check_nmf_args"]], 1L)
  expect_identical(n[["check_rank"]], 1L)
  expect_identical(n[["check_seed"]], 1L)
  expect_identical(n[["check_method_params"]], 1L)
  expect_identical(n[["build_plan"]], 1L)
  expect_identical(n[["run_plan_clusters"]], 9L)
})

test_that("nmf_cv and several methods build their plans once and never call nmf()", {
  x <- three_groups()
  n <- count_calls(c("nmf", "check_nmf_args", "build_plan", "prepare_mask", "run_plan_clusters"),
                   nmf_cv(x, 2:3, reps = 2, seed = 1, maxit = 5))
  expect_identical(unname(n), c(0L, 1L, 1L, 1L, 4L))
  n <- count_calls(c("nmf", "check_nmf_args", "build_plan", "run_plan_clusters"),
                   nmfkit::nmf(x, 2, c("lee", "brunet"), nrun = 2, seed = 1, maxit = 5))
  expect_identical(unname(n), c(1L, 1L, 2L, 4L))
})

test_that("a bad argument of any kind fails before anything is densified or allocated", {
  big <- Matrix::sparseMatrix(i = c(1, 2, 3), j = c(1, 2, 3), x = c(1, 2, 3), dims = c(2000, 2000))
  w <- matrix(1, 2000, 2)
  withr::local_options(nmfkit.max_bytes = 1e6)  # densifying `big` would need 30.5 MiB
  bad <- list(
    list(seed = list(W = w[, 1, drop = FALSE], H = matrix(1, 2, 2000)), msg = "`seed\\$W` must be 2000 x 2"),
    list(seed = TRUE, msg = "`seed` must be NULL, a single number"),
    list(seed = "svd", msg = "is not a known seeding method"),
    list(eps = -1, msg = "`eps` must be a single positive number"),
    list(weight = matrix(1, 2, 2), msg = "`weight` must be a numeric matrix of the shape of x \\(2000 x 2000\\)"),
    list(mask = matrix(TRUE, 2, 2), msg = '`mask` is not available for method "ls-nmf"'),
    list(maxit = 0, msg = "`maxit` must be a whole number"),
    list(nrun = 2, seed = list(W = w, H = matrix(1, 2, 2000)), msg = "is a single starting point"),
    list(threads = "2", msg = "`threads` must be a whole number"),
    list(.options = "q", msg = '`.options` letter "q" is not known')
  )
  n <- count_calls(c("prepare_mask", "check_alloc", "nmf_fit_cpp"), {
    for (b in bad) {
      args <- c(list(big, 2, "ls-nmf"), b[names(b) != "msg"])
      if (is.null(args$weight)) args$weight <- matrix(1, 2000, 2000)
      expect_error(do.call(nmf, args), b$msg)
    }
  })
  expect_identical(unname(n), c(0L, 0L, 0L))
  # with good arguments, the densification is what is refused
  expect_error(nmf(big, 2, "ls-nmf", weight = matrix(1, 2000, 2000), seed = 1),
               'Method "ls-nmf" works on dense data: densifying `x` would need 30.5 MiB')
  # a bad seed of several runs is refused before the consensus matrix is checked or a run starts
  withr::local_options(nmfkit.max_bytes = 100)
  expect_error(nmf(big, 2, nrun = 3, seed = list(W = w, H = matrix(1, 2, 2000))), "single starting point")
})

test_that("the plan holds the data as the core reads it and the core's options by their names", {
  ns <- asNamespace("nmfkit")
  x <- low_rank(20, 15)
  x[3, 4] <- NA
  args <- ns$check_nmf_args(x, 3, 1, 1L, list(L1 = 0.5), 30, NULL, 1, FALSE, TRUE, FALSE, NULL, NULL)
  plan <- ns$build_plan(args, ns$check_plan(args, "hals"), quote(nmf(x, 3)))
  expect_s3_class(plan, "nmfkit_plan")
  expect_identical(plan$x[3, 4], 0)
  expect_identical(plan$mask$mode, "exclude")
  expect_equal(plan$n_out, 1)
  expect_identical(plan$options[c("l1_w", "l1_h", "maxit", "tol", "threads", "track")],
                   list(l1_w = 0.5, l1_h = 0.5, maxit = 30L, tol = 1e-6, threads = 1L, track = TRUE))
  expect_identical(plan$spec$core, "hals")
  s <- Matrix::rsparsematrix(30, 20, 0.2, rand.x = runif)
  args <- ns$check_nmf_args(s, 2, NULL, 1L, list(weight = matrix(1, 30, 20)), NULL, NULL, 1, FALSE, FALSE, FALSE,
                            NULL, NULL)
  expect_s4_class(args$x, "dgCMatrix")
  expect_true(is.matrix(ns$build_plan(args, ns$check_plan(args, "ls-nmf"), NULL)$x))
  args$dots <- list()
  expect_s4_class(ns$build_plan(args, ns$check_plan(args, "lee"), NULL)$x, "dgCMatrix")
})

test_that("run_plan gives nmf()'s fit, and run i of several runs from stream i", {
  ns <- asNamespace("nmfkit")
  x <- three_groups()
  args <- ns$check_nmf_args(x, 3, 42, 1L, list(), 100, NULL, 1, FALSE, FALSE, FALSE, NULL, NULL)
  plan <- ns$build_plan(args, ns$check_plan(args, "brunet"), quote(nmf(x, 3, "brunet")))
  one <- ns$run_plan(plan, 3L)
  fit <- nmf(x, 3, "brunet", seed = 42, maxit = 100, threads = 1)
  expect_identical(coef(one), coef(fit))
  expect_identical(basis(one), basis(fit))
  expect_identical(one$seed, "random (seed = 42)")
  res <- nmf(x, 3, "brunet", nrun = 3, seed = 42, maxit = 100, threads = 1, keep_all = TRUE)
  streams <- ns$rng_streams(ns$rng_base(42), 3L)
  for (i in 1:3) {
    run <- ns$run_plan(plan, 3L, stream = streams[[i]])
    expect_identical(coef(run), coef(res$fits[[i]]))
    expect_identical(run$seed, "random")
  }
})

test_that("the user's random state is left alone by runs on any plan", {
  x <- low_rank()
  set.seed(7)
  before <- .Random.seed
  nmf(x, 2, nrun = 3, seed = 1, maxit = 5)
  expect_identical(.Random.seed, before)
  nmf(x, 2, nrun = 3, seed = 1, maxit = 5, .options = "-p")
  expect_identical(.Random.seed, before)
  rm(".Random.seed", envir = globalenv())
  # the generator kind is the user's, not the runs' (L'Ecuyer-CMRG)
  set.seed(7)
  expect_identical(.Random.seed, before)
  rm(".Random.seed", envir = globalenv())
  nmf(x, 2, nrun = 3, seed = 1, maxit = 5)
  expect_false(exists(".Random.seed", envir = globalenv()))
  set.seed(7)
  expect_identical(.Random.seed, before)
})
