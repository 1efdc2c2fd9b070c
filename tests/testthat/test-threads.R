test_that("default_threads follows the option and OMP_THREAD_LIMIT", {
  withr::with_options(list(nmfkit.threads = 3), expect_identical(default_threads(), 3L))
  withr::with_options(list(nmfkit.threads = 3), withr::with_envvar(c(OMP_THREAD_LIMIT = "2"), {
    expect_identical(default_threads(), 2L)
  }))
  withr::with_options(list(nmfkit.threads = NULL), expect_gte(default_threads(), 1L))
  withr::with_options(list(nmfkit.threads = 0), expect_error(default_threads(), "nmfkit.threads"))
})

test_that("a fit records the threads it used, capped by OMP_THREAD_LIMIT", {
  x <- low_rank()
  withr::with_envvar(c(OMP_THREAD_LIMIT = "1"), expect_identical(nmf(x, 2, seed = 1, threads = 4)$threads, 1L))
  expect_identical(nmf(x, 2, seed = 1, threads = 2)$threads, 2L)
})

test_that("a forked child of a process that ran threads does not hang", {
  skip_on_os("windows")
  skip_if_not_installed("callr")
  res <- callr::r(function() {
    library(nmfkit)
    x <- matrix(stats::runif(600 * 200), 600)
    first <- nmf(x, 5, seed = 1, threads = 2, maxit = 20)
    kids <- parallel::mclapply(1:2, function(i) deviance(nmf(x, 5, seed = 1, threads = 2, maxit = 20)),
                               mc.cores = 2)
    c(deviance(first), unlist(kids))
  }, timeout = 60)
  expect_length(res, 3L)
  expect_equal(res[2:3], rep(res[1], 2))
})

test_that("the thread governor switches on and off and never changes a fit", {
  old <- nmfkit:::thread_governor()
  on.exit(nmfkit:::thread_governor(old$enabled))
  off <- nmfkit:::thread_governor(FALSE)
  expect_identical(off, list(enabled = FALSE, serial = FALSE, spells = 0L))
  x <- low_rank(300, 200, 4)
  a <- nmf(x, 4, "anls", seed = 1, maxit = 15, threads = 2)
  on <- nmfkit:::thread_governor(TRUE)
  expect_true(on$enabled)
  b <- nmf(x, 4, "anls", seed = 1, maxit = 15, threads = 2)
  c1 <- nmf(x, 4, "anls", seed = 1, maxit = 15, threads = 1)
  expect_identical(basis(a), basis(b))
  expect_identical(basis(a), basis(c1))
  state <- nmfkit:::thread_governor()
  expect_type(state$serial, "logical")
  expect_gte(state$spells, 0L)
  expect_error(nmfkit:::thread_governor("yes"), "on")
})

test_that("default_threads counts physical cores", {
  withr::with_options(list(nmfkit.threads = NULL), withr::with_envvar(c(OMP_THREAD_LIMIT = NA), {
    cores <- suppressWarnings(parallel::detectCores(logical = FALSE))
    if (is.na(cores)) cores <- parallel::detectCores()
    expect_identical(default_threads(), min(as.integer(cores), nmfkit:::thread_limit()))
  }))
})
