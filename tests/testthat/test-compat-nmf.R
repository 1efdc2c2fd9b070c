# nmfkit's "lee" and "brunet" against the NMF package (Debian r-cran-nmf 0.25).

compare_with_nmf <- function(x, rank, method, seed) {
  ref <- suppressMessages(NMF::nmf(x, rank, method, seed = seed))
  fit <- nmf(x, rank, method, seed = seed)
  expect_identical(niter(fit), as.integer(NMF::niter(ref)), label = sprintf("%s seed %s niter", method, seed))
  expect_lt(rel_diff(basis(fit), NMF::basis(ref)), 1e-6)
  expect_lt(rel_diff(coef(fit), NMF::coef(ref)), 1e-6)
  expect_equal(deviance(fit), NMF::deviance(ref), tolerance = 1e-6)
}

test_that("lee and brunet give the NMF package's answer on iris", {
  skip_if_not_installed("NMF")
  x <- iris_x()
  for (method in c("lee", "brunet")) for (seed in c(1, 123)) compare_with_nmf(x, 3, method, seed)
})

test_that("lee and brunet give the NMF package's answer on random data", {
  skip_if_not_installed("NMF")
  x <- low_rank(50, 30, k = 4, noise = 0.2, seed = 11) * 3
  for (method in c("lee", "brunet")) compare_with_nmf(x, 4, method, 2024)
})

test_that("lee and brunet give the NMF package's answer on a Golub subset", {
  skip_if_not_installed("NMF")
  skip_if_not_installed("Biobase")
  env <- new.env()
  utils::data("esGolub", package = "NMF", envir = env)
  x <- Biobase::exprs(env$esGolub)[1:300, ]
  for (method in c("lee", "brunet")) compare_with_nmf(x, 3, method, 123456)
})
