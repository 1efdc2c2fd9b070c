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
