# A long fit in a child R process must stop soon after an interrupt (SIGINT).

test_that("a long fit answers an interrupt within about a second", {
  skip_if_not_installed("callr")
  skip_on_os("windows")
  p <- callr::r_bg(function() {
    x <- matrix(stats::runif(1500 * 1000), 1500)
    t0 <- NULL
    res <- withCallingHandlers(
      tryCatch(nmfkit::nmf(x, 10, "brunet", seed = 1, maxit = 1e6),
               interrupt = function(e) "interrupted"),
      interrupt = function(e) NULL)
    list(res = res, after = Sys.time())
  }, supervise = TRUE)
  on.exit(p$kill(), add = TRUE)
  Sys.sleep(4) # let the fit start
  expect_true(p$is_alive())
  sent <- Sys.time()
  p$interrupt()
  p$wait(timeout = 10000)
  expect_false(p$is_alive())
  out <- p$get_result()
  expect_identical(out$res, "interrupted")
  expect_lt(as.numeric(difftime(out$after, sent, units = "secs")), 2)
})
