# nmfkit's NMF-package methods against the NMF package (Debian r-cran-nmf 0.25):
# same data, same numeric seed => same iterations, same factors.

compare_with_nmf <- function(x, rank, method, seed, ..., deviance = TRUE) {
  ref <- suppressWarnings(suppressMessages(NMF::nmf(x, rank, method, seed = seed, ...)))
  fit <- suppressWarnings(nmf(x, rank, method, seed = seed, ...))
  lab <- sprintf("%s (seed %s, %d x %d)", method, seed, nrow(x), ncol(x))
  expect_identical(niter(fit), as.integer(NMF::niter(ref)), label = paste(lab, "niter"))
  expect_lt(rel_diff(basis(fit), NMF::basis(ref)), 1e-6, label = paste(lab, "W"))
  expect_lt(rel_diff(coef(fit), NMF::coef(ref)), 1e-6, label = paste(lab, "H"))
  if (deviance) expect_equal(deviance(fit), NMF::deviance(ref), tolerance = 1e-6, label = paste(lab, "deviance"))
  invisible(list(fit = fit, ref = ref))
}

golub_subset <- function() {
  env <- new.env()
  utils::data("esGolub", package = "NMF", envir = env)
  Biobase::exprs(env$esGolub)[1:300, ]
}

random_data <- function() low_rank(50, 30, k = 4, noise = 0.2, seed = 11) * 3

test_that("lee and brunet give the NMF package's answer on iris", {
  skip_if_not_installed("NMF")
  x <- iris_x()
  for (method in c("lee", "brunet")) for (seed in c(1, 123)) compare_with_nmf(x, 3, method, seed)
})

test_that("every NMF-package method gives the NMF package's answer on random data", {
  skip_if_not_installed("NMF")
  x <- random_data()
  for (method in c("lee", "brunet", "KL", "Frobenius", "offset", "nsNMF", "snmf/r", "snmf/l")) {
    compare_with_nmf(x, 4, method, 2024)
  }
  compare_with_nmf(x, 4, "nsNMF", 7, theta = 0.8)
  w <- withr::with_seed(1, matrix(runif(length(x)), nrow(x)))
  compare_with_nmf(x, 4, "ls-nmf", 2024, weight = w)
  compare_with_nmf(x, 4, "snmf/r", 5, beta = 0.05, eta = 2)
  # pe-nmf: same factors and iterations; the NMF package's deviance is only
  # beta * sum(H) (a bug in its objective), nmfkit reports the full objective
  res <- compare_with_nmf(x, 4, "pe-nmf", 2024, alpha = 0.1, beta = 0.05, deviance = FALSE)
  expect_equal(NMF::deviance(res$ref), 0.05 * sum(coef(res$fit)), tolerance = 1e-8)
  w <- basis(res$fit)
  g <- crossprod(w)
  expect_equal(deviance(res$fit),
               sum((x - w %*% coef(res$fit))^2) / 2 + 0.1 / 2 * (sum(g) - sum(diag(g))) + 0.05 * sum(coef(res$fit)),
               tolerance = 1e-10)
})

test_that("every NMF-package method gives the NMF package's answer on a Golub subset", {
  skip_if_not_installed("NMF")
  skip_if_not_installed("Biobase")
  x <- golub_subset()
  for (method in c("lee", "brunet", "KL", "Frobenius", "offset", "nsNMF", "snmf/r", "snmf/l")) {
    compare_with_nmf(x, 3, method, 123456)
  }
  w <- withr::with_seed(2, matrix(runif(length(x)), nrow(x)))
  compare_with_nmf(x, 3, "ls-nmf", 123456, weight = w)
  compare_with_nmf(x, 3, "pe-nmf", 123456, alpha = 1, beta = 0.1, deviance = FALSE)
})

test_that("NMF-package methods work on sparse input and give the dense fit", {
  x <- low_rank(60, 40, zeros = 0.5)
  s <- Matrix::Matrix(x, sparse = TRUE)
  for (method in c("KL", "Frobenius", "offset", "nsNMF", "snmf/r", "snmf/l")) {
    d <- nmf(x, 3, method, seed = 4, maxit = 60)
    sp <- nmf(s, 3, method, seed = 4, maxit = 60)
    expect_lt(rel_diff(coef(sp), coef(d)), 1e-8, label = method)
    expect_equal(deviance(sp), deviance(d), tolerance = 1e-8, label = method)
  }
  expect_equal(fitted(nmf(x, 3, "offset", seed = 4, maxit = 60)),
               basis(nmf(x, 3, "offset", seed = 4, maxit = 60)) %*% coef(nmf(x, 3, "offset", seed = 4, maxit = 60)) +
                 nmf(x, 3, "offset", seed = 4, maxit = 60)$offset)
})

test_that("snmf reports too many restarts as the NMF package does", {
  x <- low_rank(30, 20, k = 3)
  expect_warning(fit <- nmf(x, 3, "snmf/r", seed = 1, beta = 1e6), "too many restarts")
  expect_identical(fit$stop, "restarts")
  expect_identical(fit$restarts, 10L)
})

test_that("with nmf.options(default.algorithm = 'brunet') the default call gives NMF's default answer", {
  skip_if_not_installed("NMF")
  skip_if_not_installed("callr")
  x <- golub[1:200, ]
  ref <- callr::r(function(x) {
    suppressMessages(library(NMF))
    r <- NMF::nmf(x, 3, seed = 123456, .options = "-p")
    e <- NMF::nmfEstimateRank(x, 2:4, nrun = 5, seed = 123456, method = "brunet", .options = "-p")
    list(W = NMF::basis(r), H = NMF::coef(r), measures = e$measures[, c("rank", "cophenetic", "dispersion")])
  }, list(x))
  old <- nmf.options(default.algorithm = "brunet")
  on.exit(nmf.options(old), add = TRUE)
  fit <- nmf(x, 3, seed = 123456)
  expect_identical(fit$method, "brunet")
  expect_lt(rel_diff(basis(fit), ref$W), 1e-6)
  expect_lt(rel_diff(coef(fit), ref$H), 1e-6)
  est <- nmfEstimateRank(x, 2:4, nrun = 5, seed = 123456, method = "brunet")
  expect_equal(est$measures$cophenetic, ref$measures$cophenetic, tolerance = 1e-10)
  expect_equal(est$measures$dispersion, ref$measures$dispersion, tolerance = 1e-10)
  nmf.options(old)
  expect_identical(nmf(x, 3, seed = 1, maxit = 5)$method, "anls")
  withr::local_options(nmfkit.default_method = "kl")
  expect_identical(nmf(x, 3, seed = 1, maxit = 5)$method, "kl")
})
