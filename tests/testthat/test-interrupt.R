# A long fit in a child R process must stop soon after an interrupt (SIGINT).

# Runs `fit` (a function of no argument) in a child R process, sends SIGINT
# after `wait` seconds and checks that the fit stops with an interrupt
# condition within 2 seconds.
expect_interrupted_soon <- function(fit, wait) {
  p <- callr::r_bg(function(fit) {
    res <- withCallingHandlers(tryCatch(fit(), interrupt = function(e) "interrupted"),
                               interrupt = function(e) NULL)
    list(res = res, after = Sys.time())
  }, args = list(fit = fit), supervise = TRUE)
  on.exit(p$kill(), add = TRUE)
  Sys.sleep(wait) # let the fit start
  interrupt_child(p)
}

# Sends SIGINT to the child `p` (whose result has `res` and `after`), checks
# that it returned "interrupted" within 2 seconds and returns its result.
interrupt_child <- function(p) {
  expect_true(p$is_alive())
  sent <- Sys.time()
  p$interrupt()
  p$wait(timeout = 20000)
  expect_false(p$is_alive())
  out <- p$get_result()
  expect_identical(out$res, "interrupted")
  expect_lt(as.numeric(difftime(out$after, sent, units = "secs")), 2)
  out
}

test_that("a long fit answers an interrupt within about a second", {
  skip_if_not_installed("callr")
  skip_on_os("windows")
  expect_interrupted_soon(function() {
    x <- matrix(stats::runif(1500 * 1000), 1500)
    nmfkit::nmf(x, 10, "brunet", seed = 1, maxit = 1e6)
  }, wait = 4)
})

test_that("an interrupt stops a long iteration too (the parallel loops poll it)", {
  skip_if_not_installed("callr")
  skip_on_os("windows")
  # one kl iteration on this matrix takes seconds: the engine's own check
  # between iterations would come too late
  expect_interrupted_soon(function() {
    x <- matrix(stats::runif(3000 * 2000), 3000)
    nmfkit::nmf(x, 60, "kl", seed = 1, maxit = 1e6, tol = 0, threads = 2)
  }, wait = 5)
})

test_that("an interrupted nmf(big, 10, nrun = 20, checkpoint = dir) keeps its finished runs and resumes", {
  skip_if_not_installed("callr")
  skip_on_os("windows")
  dir <- withr::local_tempdir()
  big_data <- function() {
    set.seed(42)
    matrix(stats::runif(500 * 300), 500)
  }
  args <- list(rank = 10, method = "hals", nrun = 20, seed = 7, tol = 0, maxit = 400, threads = 1)
  p <- callr::r_bg(function(dir, big_data, args) {
    big <- big_data()
    res <- tryCatch(do.call(nmfkit::nmf, c(list(big), args, checkpoint = dir)),
                    interrupt = function(e) "interrupted")
    after <- Sys.time()
    # the session is still usable
    usable <- inherits(nmfkit::nmf(matrix(stats::runif(20), 5), 2, seed = 1), "nmfkit_fit")
    list(res = res, after = after, usable = usable)
  }, args = list(dir = dir, big_data = big_data, args = args), supervise = TRUE)
  on.exit(p$kill(), add = TRUE)
  runs <- function() list.files(dir, pattern = "^rank10-run[0-9]+\\.rds$")
  t0 <- Sys.time()
  while (length(runs()) < 2L && p$is_alive() && difftime(Sys.time(), t0, units = "secs") < 120) Sys.sleep(0.05)
  Sys.sleep(0.2) # well inside the next run
  out <- interrupt_child(p)
  expect_true(out$usable)
  done <- runs()
  expect_gte(length(done), 2L)
  expect_lt(length(done), 20L)
  expect_length(list.files(dir, pattern = "\\.tmp$"), 0L) # no partial file

  # resume: the finished runs are read, only the missing ones are computed
  # (here one more run, to keep the test short; nrun is not part of the key)
  stamp <- file.mtime(file.path(dir, done))
  args$nrun <- length(done) + 1L
  msgs <- capture_messages(res <- do.call(nmf, c(list(big_data()), args, checkpoint = dir, verbose = TRUE)))
  expect_match(msgs, sprintf("%d of %d runs read from checkpoint", length(done), length(done) + 1L), all = FALSE)
  expect_identical(file.mtime(file.path(dir, done)), stamp)
  expect_s3_class(res, "nmfkit_fitset")
  expect_identical(res$nrun, length(done) + 1L)
  saved <- vapply(file.path(dir, sprintf("rank10-run%d.rds", seq_along(done))), function(f) readRDS(f)$fit$deviance, 0)
  expect_identical(res$runs$deviance[seq_along(done)], unname(saved))
})
