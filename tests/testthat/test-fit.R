test_that("accessors return the factors, the objective and the counts", {
  x <- low_rank()
  fit <- nmf(x, 3, "lee", seed = 1, maxit = 50)
  expect_identical(basis(fit), fit$W)
  expect_identical(coef(fit), fit$H)
  expect_equal(fitted(fit), basis(fit) %*% coef(fit))
  expect_identical(residuals(fit), deviance(fit))
  expect_equal(deviance(fit), sum((x - fitted(fit))^2) / 2, tolerance = 1e-10)
  expect_identical(dim(fit), c(60L, 40L, 3L))
  expect_identical(nbasis(fit), 3L)
  expect_identical(niter(fit), 50L)
  expect_identical(fit$stop, "maxit")
  expect_s3_class(runtime(fit), "proc_time")
})

test_that("brunet's deviance is the generalised KL divergence", {
  x <- low_rank()
  fit <- nmf(x, 3, "brunet", seed = 1, maxit = 50)
  wh <- fitted(fit)
  expect_equal(deviance(fit), sum(x * log(x / wh) - x + wh), tolerance = 1e-10)
})

test_that("print shows the method, size, objective and iterations", {
  fit <- nmf(low_rank(), 3, seed = 1)
  out <- capture.output(print(fit))
  expect_match(out[1], "anls NMF of a 60 x 40 matrix, rank 3")
  expect_match(paste(out, collapse = "\n"), "iterations: [0-9]+ \\(converged\\)")
  expect_match(paste(out, collapse = "\n"), "seed:       random \\(seed = 1\\)")
  capture.output(expect_invisible(print(fit)))
})

test_that("summary gives the NMF package's measures", {
  x <- low_rank()
  fit <- nmf(x, 3, seed = 1)
  s <- summary(fit)
  expect_named(s, c("rank", "sparseness.basis", "sparseness.coef", "silhouette.coef", "silhouette.basis",
                    "residuals", "niter", "cpu", "cpu.all", "nrun"))
  sc <- summary(fit, class = rep(1:2, 20))
  expect_identical(names(sc)[4:5], c("purity", "entropy"))
  st <- summary(fit, target = x)
  expect_equal(st[["rss"]], sum((x - fitted(fit))^2), tolerance = 1e-8)
  expect_equal(st[["evar"]], 1 - st[["rss"]] / sum(x^2), tolerance = 1e-12)
  expect_identical(st[["rank"]], 3)
})

test_that("predict gives the cluster of each sample and feature", {
  x <- matrix(0, 6, 4)
  x[1:3, 1:2] <- 1
  x[4:6, 3:4] <- 1
  fit <- nmf(x + 0.01, 2, seed = 1)
  cl <- predict(fit)
  expect_s3_class(cl, "factor")
  expect_length(cl, 4)
  expect_identical(cl[1], cl[2])
  expect_false(cl[1] == cl[3])
  expect_identical(as.integer(cl), max.col(t(coef(fit)), ties.method = "first"))
  fe <- predict(fit, "features", prob = TRUE)  # the NMF package's list(predict, prob)
  expect_length(fe$predict, 6)
  expect_true(all(fe$prob > 0.5 & fe$prob <= 1))
})

test_that("plot draws the objective track and refuses a fit without one", {
  x <- low_rank()
  fit <- nmf(x, 3, seed = 1, track = TRUE)
  pdf(NULL)
  on.exit(dev.off())
  expect_invisible(plot(fit))
  expect_identical(plot(fit), fit)
  expect_error(plot(nmf(x, 3, seed = 1)), "no objective track: refit with `track = TRUE`")
})

test_that("nmf_model wraps given factors as a fit", {
  w <- cbind(c(1, 1, 0, 0), c(0, 0, 1, 1))
  h <- cbind(c(2, 0), c(1, 0), c(0, 3))
  fit <- nmf_model(w, h)
  expect_s3_class(fit, "nmfkit_fit")
  expect_identical(basis(fit), w)
  expect_identical(as.integer(predict(fit)), c(1L, 1L, 2L))
  expect_identical(deviance(fit), NA_real_)
  x <- w %*% h
  x[1, 1] <- 3
  expect_equal(deviance(nmf_model(w, h, target = x)), 0.5)
  expect_match(paste(capture.output(print(fit)), collapse = "\n"), "iterations: 0 \\(given factors\\)")
})
