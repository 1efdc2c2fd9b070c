test_that("the same seed gives the same runs, another seed other runs", {
  x <- low_rank()
  a <- nmf(x, 3, nrun = 3, seed = 10)
  b <- nmf(x, 3, nrun = 3, seed = 10)
  expect_identical(fitset_content(a), fitset_content(b))
  c <- nmf(x, 3, nrun = 3, seed = 11)
  expect_false(identical(a$runs$deviance, c$runs$deviance))
  # run i does not depend on nrun
  d <- nmf(x, 3, nrun = 5, seed = 10, keep_all = TRUE)
  expect_identical(d$runs$deviance[1:3], a$runs$deviance)
})

test_that("sequential, multisession, cluster and multicore plans give identical results", {
  skip_if_not_installed("future")
  x <- three_groups()
  run <- function() nmf(x, 3, "brunet", nrun = 4, seed = 99, maxit = 200, keep_all = TRUE)
  withr::defer(future::plan("sequential"))
  future::plan("sequential")
  ref <- run()
  future::plan("multisession", workers = 2)
  multi <- run()
  expect_identical(multi$workers, 2L)
  expect_identical(multi$threads, 1L)
  future::plan("cluster", workers = 2)
  clus <- run()
  expect_identical(fitset_content(multi), fitset_content(ref))
  expect_identical(fitset_content(clus), fitset_content(ref))
  if (future::supportsMulticore()) {
    future::plan("multicore", workers = 2)
    expect_identical(fitset_content(run()), fitset_content(ref))
  }
  expect_identical(lapply(multi$fits, coef), lapply(ref$fits, coef))
})

test_that("a batchtools plan (the code path of Slurm, SGE and LSF) gives the same survey and resumes it", {
  skip_if_not_installed("future.batchtools")
  x <- three_groups()
  withr::defer(future::plan("sequential"))
  future::plan("sequential")
  ref <- nmf(x, 2:3, nrun = 2, seed = 7, maxit = 50)
  dir <- withr::local_tempfile()
  withr::local_options(future.cache.path = withr::local_tempdir())  # batchtools' registries, not in tests/
  future::plan(future.batchtools::batchtools_local)
  bt <- nmf(x, 2:3, nrun = 2, seed = 7, maxit = 50, checkpoint = dir)
  expect_identical(lapply(bt$fit, fitset_content), lapply(ref$fit, fitset_content))
  expect_identical(bt$measures$cophenetic, ref$measures$cophenetic)
  expect_length(list.files(dir, pattern = "^rank[0-9]+-run[0-9]+[.]rds$"), 4L)
  # the same call on the same checkpoint computes nothing: every run is read back
  expect_message(again <- nmf(x, 2:3, nrun = 2, seed = 7, maxit = 50, checkpoint = dir, verbose = TRUE),
                 "4 of 4 runs read from checkpoint")
  expect_identical(lapply(again$fit, fitset_content), lapply(ref$fit, fitset_content))
})

test_that(".options = \"-p\" runs in this session, with the same result", {
  x <- low_rank()
  a <- nmf(x, 2, nrun = 3, seed = 4)
  b <- nmf(x, 2, nrun = 3, seed = 4, .options = "-p")
  expect_identical(fitset_content(a), fitset_content(b))
  expect_identical(b$workers, 1L)
})

test_that("workers x threads stays within the cores", {
  expect_identical(nmfkit:::threads_per_worker(4L, 1L, TRUE), 4L)
  expect_identical(nmfkit:::threads_per_worker(4L, 8L, FALSE), 4L)
  cores <- as.integer(future::availableCores())
  withr::defer(future::plan("sequential"))
  future::plan("sequential")
  expect_lte(nmfkit:::threads_per_worker(64L, 2L, TRUE) * 2L, max(cores, 2L))
  expect_identical(nmfkit:::threads_per_worker(64L, cores + 1L, TRUE), 1L)
  skip_if_not(future::supportsMulticore())
  future::plan("multicore", workers = 2)
  expect_identical(nmfkit:::threads_per_worker(4L, 2L, TRUE), 1L)
})

test_that("verbose runs say how they are computed", {
  x <- low_rank()
  expect_message(nmf(x, 2, nrun = 2, seed = 1, verbose = TRUE), "2 runs of rank 2 on 1 worker x")
})

test_that("each run reports its progress through progressr", {
  x <- low_rank()
  withr::local_options(progressr.enable = TRUE)
  steps <- character()
  withCallingHandlers(
    nmf(x, 2:3, nrun = 2, seed = 1, maxit = 20),
    progression = function(p) if (isTRUE(p$amount > 0)) steps <<- c(steps, p$message)
  )
  expect_setequal(steps, c("rank 2, run 1", "rank 3, run 1", "rank 2, run 2", "rank 3, run 2"))
})

test_that("parallel letters and .pbackend run on that many workers, with the same runs", {
  skip_if_not_installed("future")
  x <- three_groups()
  withr::defer(future::plan("sequential"))
  future::plan("sequential")
  ref <- nmf(x, 3, "brunet", nrun = 4, seed = 99, maxit = 100, keep_all = TRUE)
  p2 <- nmf(x, 3, "brunet", nrun = 4, seed = 99, maxit = 100, keep_all = TRUE, .opt = "p2")
  expect_identical(p2$workers, 2L)
  expect_identical(fitset_content(p2), fitset_content(ref))
  expect_true(inherits(future::plan(), "sequential"))  # the user's plan is back
  seq <- nmf(x, 3, "brunet", nrun = 4, seed = 99, maxit = 100, keep_all = TRUE, .opt = "v-p", verbose = FALSE)
  expect_identical(seq$workers, 1L)
  expect_identical(nmf(x, 3, "brunet", nrun = 2, seed = 99, maxit = 20, .pbackend = NA)$workers, 1L)
  cl <- parallel::makeCluster(2)
  on.exit(parallel::stopCluster(cl), add = TRUE)
  viacl <- nmf(x, 3, "brunet", nrun = 4, seed = 99, maxit = 100, keep_all = TRUE, .pbackend = cl)
  expect_identical(viacl$workers, 2L)
  expect_identical(fitset_content(viacl), fitset_content(ref))
  many <- as.integer(future::availableCores()) + 1L
  expect_warning(p3 <- nmf(x, 3, "brunet", nrun = 4, seed = 99, maxit = 100, keep_all = TRUE,
                           .options = paste0("P", many)),
                 sprintf("%d workers asked for on %d cores", many, many - 1L))
  expect_identical(fitset_content(p3), fitset_content(ref))
})

test_that(".callback is called on every run, its results simplified as the NMF package does", {
  x <- three_groups()
  res <- nmf(x, 3, "lee", nrun = 3, seed = 5, maxit = 50, .callback = function(fit) deviance(fit))
  expect_identical(res$.callback, res$runs$deviance)
  runs <- nmf(x, 3, "lee", nrun = 3, seed = 5, maxit = 50, .callback = function(fit, i) i, .options = "-S")
  expect_identical(runs$.callback, list(1L, 2L, 3L))
  expect_identical(nmf(x, 3, nrun = 2, seed = 5, maxit = 5, .callback = function(fit) 1:2)$.callback,
                   matrix(1:2, 2, 2))
  expect_warning(bad <- nmf(x, 3, nrun = 2, seed = 5, maxit = 5,
                            .callback = function(fit) if (fit$deviance > 0) stop("boom")),
                 "All NMF fits were successful but 2/2 callback call\\(s\\) threw an error.*boom")
  expect_true(all(vapply(bad$.callback, inherits, NA, "error")))
  est <- nmf(x, 2:3, nrun = 2, seed = 5, maxit = 5, .callback = function(fit) nbasis(fit))
  expect_identical(est$fit[["3"]]$.callback, c(3L, 3L))
})

test_that("-R draws the runs' starts in turn from one generator; f returns the start", {
  x <- three_groups()
  a <- nmf(x, 3, "brunet", nrun = 3, seed = 12, maxit = 30, .options = "-R", keep_all = TRUE)
  b <- nmf(x, 3, "brunet", nrun = 3, seed = 12, maxit = 30, .options = "-R", keep_all = TRUE)
  expect_identical(fitset_content(a), fitset_content(b))
  # run 1 starts where the seed puts the generator, run 2 where run 1 left it
  one <- nmf(x, 3, "brunet", seed = 12, maxit = 30)
  expect_identical(coef(a$fits[[1]]), coef(one))
  streams <- nmf(x, 3, "brunet", nrun = 3, seed = 12, maxit = 30, keep_all = TRUE)
  expect_false(identical(coef(streams$fits[[2]]), coef(a$fits[[2]])))
  set.seed(3)
  before <- .Random.seed
  nmf(x, 3, "brunet", nrun = 2, maxit = 5, .options = "-R")
  expect_false(identical(.Random.seed, before))
  dry <- nmf(x, 3, "lee", seed = 4, .options = "f")
  expect_identical(niter(dry), 0L)
  expect_identical(basis(dry), withr::with_seed(4, nmf_seed(x, 3))$W, ignore_attr = TRUE)
  expect_equal(deviance(dry), 0.5 * sum((x - basis(dry) %*% coef(dry))^2))
})

test_that("only the best run of each rank keeps its coefficients while the runs come in", {
  run <- function(run, rank, dev) {
    fit <- structure(list(W = matrix(1), H = matrix(2), deviance = dev, niter = 1L, stop = "converged",
                          runtime = proc.time()), rng = 1:3, class = "nmfkit_fit")
    list(run = run, rank = rank, fit = fit, cluster = 1L)
  }
  k <- nmfkit:::best_keeper(5, keep_all = FALSE)
  k$add(run(1, 2, 5), 1)
  k$add(run(1, 3, 4), 2)
  k$add(run(2, 2, 3), 3)  # better than run 1 of rank 2: run 1 drops its H
  k$add(run(3, 2, 3), 4)  # a tie: the earlier run stays the best, as which.min() picks
  k$add(NULL, 5)          # a run not done yet
  r <- k$get()
  has_h <- vapply(r[1:4], function(x) !is.null(x$fit$H), NA)
  expect_identical(has_h, c(FALSE, TRUE, TRUE, FALSE))
  expect_null(r[[5]])
  # what a dropped run keeps: its basis, summary and random state
  expect_identical(r[[1]]$fit$W, matrix(1))
  expect_identical(deviance(r[[1]]$fit), 5)
  expect_identical(attr(r[[1]]$fit, "rng"), 1:3)
  all <- nmfkit:::best_keeper(2, keep_all = TRUE)
  all$add(run(1, 2, 5), 1)
  all$add(run(2, 2, 3), 2)
  expect_true(all(vapply(all$get(), function(x) !is.null(x$fit$H), NA)))
  # and a fitset built from such runs is the one built from whole runs
  x <- low_rank(30, 40, k = 3)
  a <- nmf(x, 2:3, nrun = 4, seed = 3, maxit = 30)
  b <- nmf(x, 2:3, nrun = 4, seed = 3, maxit = 30, keep_all = TRUE)
  summary_of <- function(set) lapply(set$fit, function(s) s$runs[c("run", "deviance", "niter", "stop")])
  expect_identical(summary_of(a), summary_of(b))
  expect_identical(lapply(a$fit, function(s) coef(s)), lapply(b$fit, function(s) coef(s)))
  expect_identical(lapply(a$fit, function(s) s$bases), lapply(b$fit, function(s) s$bases))
})
