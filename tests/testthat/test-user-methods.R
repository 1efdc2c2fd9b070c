# User-defined algorithms and seeding methods (R/user-methods.R).

# The NMF package vignette's custom algorithm, seeding method and the offset
# variant.
pca_algorithm <- function(x, seed, scale.factor = 1) {
  pca <- prcomp(t(x), retx = TRUE)
  k <- nbasis(seed)
  basis(seed) <- abs(pca$rotation[, 1:k])
  coef(seed) <- t(abs(pca$x[, 1:k])) / scale.factor
  seed
}
pca_offset_algorithm <- function(x, seed, scale.factor = 1) {
  pca <- prcomp(t(x), retx = TRUE)
  m <- fit(seed)
  k <- nbasis(m)
  basis(m) <- abs(pca$rotation[, 1:k])
  coef(m) <- t(abs(pca$x[, 1:k])) / scale.factor
  m@offset <- rowMeans(x)
  fit(seed) <- m
  seed
}
largest_columns_seed <- function(model, target) {
  w_cols <- apply(target, 2, function(x) sqrt(sum(x^2)))
  basis(model) <- target[, order(w_cols)[1:nbasis(model)]]
  coef(model) <- matrix(runif(nbasis(model) * ncol(target)), nbasis(model), ncol(target))
  model
}

test_that("a user-defined algorithm runs with its extra arguments, objective and model", {
  x <- low_rank(30, 20, k = 3)
  fit <- nmf(x, 3, pca_algorithm, scale.factor = 10)
  pca <- prcomp(t(x), retx = TRUE)
  expect_equal(basis(fit), abs(pca$rotation[, 1:3]), ignore_attr = TRUE)
  expect_equal(coef(fit), t(abs(pca$x[, 1:3])) / 10, ignore_attr = TRUE)
  expect_identical(algorithm(fit), "pca_algorithm")
  expect_match(paste(capture.output(print(fit)), collapse = "\n"), "iterations: 0 \\(stopped by the algorithm\\)")
  expect_equal(deviance(fit), sum((x - basis(fit) %*% coef(fit))^2) / 2)
  wh <- basis(fit) %*% coef(fit)
  expect_equal(deviance(nmf(x, 3, pca_algorithm, scale.factor = 10, objective = "KL")),
               sum(x * log(x / wh) - x + wh))
  l4 <- function(model, target, ...) sum((target - fitted(model))^4)^(1 / 4)
  expect_equal(deviance(nmf(x, 3, pca_algorithm, scale.factor = 10, objective = l4)), sum((x - wh)^4)^(1 / 4))
  off <- nmf(x, 3, pca_offset_algorithm, model = "NMFOffset", scale.factor = 10)
  expect_identical(modelname(off), "NMFOffset")
  expect_equal(methods::slot(fit(off), "offset"), rowMeans(x), ignore_attr = TRUE)
  expect_equal(fitted(off), basis(off) %*% coef(off) + rowMeans(x), ignore_attr = TRUE)
  ns <- nmf(x, 2, function(x, seed) seed, model = list("NMFns", theta = 0.3), seed = 1)
  expect_identical(methods::slot(fit(ns), "theta"), 0.3)
})

test_that("a user-defined algorithm runs under nrun, .callback, consensus and surveys", {
  x <- three_groups()
  noisy <- function(x, seed, steps = 5) {
    for (i in seq_len(steps)) {
      w <- basis(seed)
      h <- coef(seed)
      h <- h * crossprod(w, x) / (crossprod(w) %*% h + 1e-9)
      w <- w * tcrossprod(x, h) / (w %*% tcrossprod(h) + 1e-9)
      basis(seed) <- w
      coef(seed) <- h
    }
    seed
  }
  res <- nmf(x, 3, noisy, nrun = 4, seed = 7, steps = 20, keep_all = TRUE)
  expect_s3_class(res, "nmfkit_fitset")
  expect_identical(res$nrun, 4L)
  expect_true(all(consensus(res) >= 0 & consensus(res) <= 1))
  again <- nmf(x, 3, noisy, nrun = 4, seed = 7, steps = 20, keep_all = TRUE)
  expect_identical(fitset_content(again), fitset_content(res))
  cb <- nmf(x, 3, noisy, nrun = 3, seed = 7, .callback = function(f) nbasis(f))
  expect_identical(cb$.callback, rep(3L, 3))
  est <- nmf(x, 2:3, noisy, nrun = 3, seed = 7)
  expect_s3_class(est, "nmfkit_survey")
  expect_equal(est$measures$rank, 2:3)
})

test_that("user-defined algorithms are checked and their results too", {
  x <- low_rank(20, 10)
  expect_error(nmf(x, 2, pca_algorithm, scal = 3),
               'Unknown argument `scal` for the algorithm "pca_algorithm"; its arguments are: scale.factor')
  expect_error(nmf(x, 2, function(x) x), "must be a function\\(x, seed, ...\\)")
  expect_error(nmf(x, 2, function(x, seed) 3), "must return its updated seed .* not 3")
  expect_error(nmf(x, 2, function(x, seed) list(W = matrix(1, 3, 2), H = coef(seed))),
               "returned factors of 3 x 2 and 2 x 10; the data need 20 x 2 and 2 x 10")
  expect_error(nmf(x, 2, function(x, seed) list(W = -basis(seed), H = coef(seed))),
               "returned factors with negative values")
  neg <- x
  neg[1, ] <- -1
  expect_error(nmf(neg, 2, pca_algorithm), "`x` must be non-negative")
  expect_s3_class(nmf(neg, 2, pca_algorithm, mixed = TRUE), "nmfkit_fit")
  expect_error(nmf(neg, 2, "lee", mixed = TRUE), '`mixed = TRUE` .* needs a user-defined algorithm; method "lee"')
  expect_error(nmf(x, 2, "brunet", objective = "KL"), NA)
  expect_error(nmf(x, 2, "lee", objective = "KL"), '`objective` does not apply to method "lee"')
  expect_error(nmf(x, 2, "nsNMF", model = "NMFOffset"),
               '`model` = "NMFOffset" does not fit method "nsNMF", which estimates model "NMFns"')
  expect_error(nmf(x, 2, pca_algorithm, model = "NMFx"), "model")
  expect_error(nmf(x, 2, pca_algorithm, model = list("NMFstd", theta = 1)),
               'sets slots "theta", which model "NMFstd" does not have')
  expect_error(nmf(x, 2, pca_algorithm, objective = 3), '`objective` must be "euclidean", "KL" or a function')
})

test_that("seeds as the NMF package takes them: functions, lists, models, matrices and random states", {
  x <- low_rank(30, 20, k = 3)
  s <- withr::with_seed(3, nmf(x, 3, "snmf/r", seed = largest_columns_seed))
  w_cols <- apply(x, 2, function(v) sqrt(sum(v^2)))
  expect_identical(s$seed, "user seeding")
  one <- nmf(x, 3, "lee", seed = list(method = "nndsvd"), maxit = 30)
  expect_identical(coef(one), coef(nmf(x, 3, "lee", seed = "nndsvd", maxit = 30)))
  expect_identical(coef(nmf(x, 3, "lee", seed = list("nndsvd"), maxit = 30)), coef(one))
  expect_error(nmf(x, 3, seed = list("nndsvd", k = 2)), 'Seeding method "nndsvd" takes no arguments')
  expect_identical(coef(nmf(x, 3, "lee", seed = "nn", maxit = 30)), coef(one))
  m <- rnmf(3, x)
  expect_identical(coef(nmf(x, 3, "lee", seed = m, maxit = 20)), coef(nmf(x, m, "lee", maxit = 20)))
  expect_identical(coef(nmf(x, m, "lee", maxit = 20)),
                   coef(nmf(x, 3, "lee", seed = list(W = basis(m), H = coef(m)), maxit = 20)))
  expect_error(nmf(x, 3, seed = m, nrun = 2), "`seed` given as a model is a single starting point")
  # a matrix as rank: the start's basis (snmf/r reads no H) or coefficients (snmf/l)
  w <- withr::with_seed(1, matrix(runif(30 * 3), 30))
  r <- withr::with_seed(5, nmf(x, w, "snmf/r"))
  expect_identical(nbasis(r), 3L)
  expect_identical(basis(r), basis(withr::with_seed(5, nmf(x, 3, "snmf/r", seed = list(W = w, H = matrix(0, 3, 20))))))
  expect_identical(nbasis(nmf(x, t(w[1:20, ]), "snmf/l")), 3L)
  expect_error(nmf(x, matrix(1, 7, 2)), "`rank` given as a matrix \\(7 x 2\\) must be the basis")
  expect_warning(nmf(x, m, "lee", seed = "nndsvd", maxit = 5), "Discarding `seed`")
  # 6 integers: an L'Ecuyer-CMRG seed, as rngtools::RNGseq_seed()
  six <- nmf(x, 3, "brunet", seed = rep(123456, 6), maxit = 20)
  expect_identical(getRNG(six), c(10407L, rep(123456L, 6)))
  runs <- nmf(x, 3, "brunet", seed = rep(123456, 6), nrun = 2, maxit = 20, keep_all = TRUE)
  expect_identical(coef(runs$fits[[1]]), coef(six))
  expect_error(nmf(x, 3, seed = c(10403L, 1:6)), "must be an L'Ecuyer-CMRG .Random.seed \\(kind 7\\), not kind 3")
})

test_that("a user algorithm and a user seeding method give the NMF package's results", {
  skip_if_not_installed("NMF")
  skip_if_not_installed("callr")
  x <- low_rank(50, 20, k = 3)
  # NMF in a fresh R process (it cannot seed once DelayedArray is loaded, and
  # the functions must read models with its accessors there)
  ref <- callr::r(function(x, algo, algo_offset, seeding) {
    suppressMessages(library(NMF))
    environment(algo) <- environment(algo_offset) <- environment(seeding) <- globalenv()
    run <- function(...) NMF::nmf(..., .options = "-p")
    a <- run(x, 3, algo, scale.factor = 10)
    o <- run(x, 3, algo_offset, model = "NMFOffset", scale.factor = 10)
    set.seed(11)
    s <- run(x, 3, "snmf/r", seed = seeding)
    r6 <- run(x, 3, "brunet", seed = rep(123456, 6))
    list(a = list(W = basis(a), H = coef(a), dev = deviance(a)), o = deviance(o),
         s = list(W = basis(s), H = coef(s), niter = niter(s)), r6 = coef(r6))
  }, list(x, pca_algorithm, pca_offset_algorithm, largest_columns_seed))
  fit <- nmf(x, 3, pca_algorithm, scale.factor = 10)
  expect_equal(basis(fit), ref$a$W, ignore_attr = TRUE, tolerance = 1e-10)
  expect_equal(coef(fit), ref$a$H, ignore_attr = TRUE, tolerance = 1e-10)
  expect_equal(deviance(fit), ref$a$dev, tolerance = 1e-10)
  expect_equal(deviance(nmf(x, 3, pca_offset_algorithm, model = "NMFOffset", scale.factor = 10)), ref$o,
               tolerance = 1e-10)
  fits <- withr::with_seed(11, nmf(x, 3, "snmf/r", seed = largest_columns_seed))
  expect_equal(basis(fits), ref$s$W, ignore_attr = TRUE, tolerance = 1e-8)
  expect_equal(coef(fits), ref$s$H, ignore_attr = TRUE, tolerance = 1e-8)
  expect_identical(niter(fits), as.integer(ref$s$niter))
  expect_equal(coef(nmf(x, 3, "brunet", seed = rep(123456, 6))), ref$r6, ignore_attr = TRUE, tolerance = 1e-6)
})

test_that("setNMFMethod and setNMFSeed register user-defined methods for nmf()", {
  x <- low_rank(30, 20, k = 3)
  on.exit({
    if (existsNMFMethod("pca")) removeNMFMethod("pca")
    if (existsNMFSeed("largest")) removeNMFSeed("largest")
  }, add = TRUE)
  setNMFMethod("pca", pca_algorithm)
  expect_true(existsNMFMethod("pca"))
  expect_true("pca" %in% nmf_methods()$method)
  expect_identical(coef(nmf(x, 3, "pca", scale.factor = 10)), coef(nmf(x, 3, pca_algorithm, scale.factor = 10)))
  expect_equal(deviance(nmf(x, 3, "pca", objective = "KL")), deviance(nmf(x, 3, pca_algorithm, objective = "KL")))
  expect_error(setNMFMethod("pca", pca_algorithm), "already registered; give `overwrite = TRUE`")
  expect_error(setNMFMethod("lee", pca_algorithm), '"lee" is a built-in method of nmfkit')
  expect_error(setNMFMethod("KL2", "brunet"), "`method` must be a function")
  setNMFSeed("largest", largest_columns_seed)
  expect_true("largest" %in% nmfSeed())
  a <- withr::with_seed(2, nmf(x, 3, "snmf/r", seed = "largest"))
  b <- withr::with_seed(2, nmf(x, 3, "snmf/r", seed = largest_columns_seed))
  expect_identical(coef(a), coef(b))
  expect_identical(a$seed, "largest")
  removeNMFMethod("pca")
  expect_error(nmf(x, 3, "pca"), "is not a known method")
  expect_error(removeNMFSeed("nope"), "must be the name of a registered user-defined seeding method")
})
