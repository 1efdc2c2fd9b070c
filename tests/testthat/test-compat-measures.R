# nmfkit's measures against the NMF package (0.25) on the same W, H and
# consensus: the fits are built by NMF and passed to nmfkit with nmf_model().

expect_same <- function(object, expected, ...) {
  expect_equal(object, expected, tolerance = 1e-10, ignore_attr = TRUE, ...)
}

compare_fit_measures <- function(ref, x, classes) {
  fit <- nmf_model(NMF::basis(ref), NMF::coef(ref))
  expect_same(purity(fit, classes), NMF::purity(ref, classes))
  expect_same(entropy(fit, classes), NMF::entropy(ref, classes))
  expect_same(sparseness(fit), NMF::sparseness(ref))
  expect_same(rss(fit, x), NMF::rss(ref, x))
  expect_same(evar(fit, x), NMF::evar(ref, x))
  expect_same(featureScore(fit), NMF::featureScore(ref))
  expect_same(featureScore(fit, method = "max"), NMF::featureScore(ref, method = "max"))
  for (m in list("kim", "max", 3L, 0.6)) {
    expect_same(lapply(extractFeatures(fit, method = m), unname), NMF::extractFeatures(ref, method = m))
    expect_same(unname(extractFeatures(fit, method = m, format = "combine")),
                as.vector(NMF::extractFeatures(ref, method = m, format = "combine")))
  }
  for (what in c("samples", "features")) {
    expect_identical(as.integer(predict(fit, what)), as.integer(NMF::predict(ref, what)))
    expect_identical(levels(predict(fit, what)), levels(NMF::predict(ref, what)))
    si <- silhouette(fit, what = what)
    ref_si <- NMF:::silhouette.NMF(ref, what = what)
    expect_same(si[, "sil_width"], ref_si[, "sil_width"])
    expect_identical(unname(si[, "cluster"]), unname(ref_si[, "cluster"]))
  }
  expect_same(connectivity(fit), NMF::connectivity(ref, no.attrib = TRUE))
  s <- summary(fit, class = classes, target = x)
  r <- NMF::summary(NMF::fit(ref), class = classes, target = x)
  keep <- setdiff(names(r), c("residuals", "niter", "cpu", "cpu.all", "nrun"))
  expect_identical(names(s)[seq_along(keep)], keep)
  expect_same(s[keep], r[keep])
}

test_that("fit measures agree with the NMF package on iris", {
  skip_if_no_nmf()
  x <- iris_x()
  for (seed in c(1, 12345)) compare_fit_measures(nmf_ref(x, 3, "brunet", seed = seed), x, iris$Species)
  compare_fit_measures(nmf_ref(x, 2, "lee", seed = 3), x, iris$Species)
})

test_that("fit measures agree with the NMF package on a Golub subset", {
  skip_if_no_nmf()
  skip_if_not_installed("Biobase")
  x <- golub_subset(1:300)
  env <- new.env()
  utils::data("esGolub", package = "NMF", envir = env)
  classes <- env$esGolub$Cell
  compare_fit_measures(nmf_ref(x, 4, "brunet", seed = 123456, maxIter = 300), x, classes)
})

test_that("consensus measures agree with the NMF package on its consensus matrix", {
  skip_if_no_nmf()
  x <- iris_x()
  ref <- nmf_ref(x, 3, "lee", nrun = 5, seed = 12345)
  C <- NMF::consensus(ref, no.attrib = TRUE)
  expect_same(dispersion(C), NMF::dispersion(C))
  expect_same(cophcor(C), NMF::cophcor(C))
  expect_same(cophcor(C, linkage = "complete"), NMF::cophcor(C, linkage = "complete"))
  # the same seed gives NMF's runs, hence NMF's consensus and summary
  res <- nmf(x, 3, "lee", nrun = 5, seed = 12345)
  expect_identical(unname(consensus(res)), unname(C))
  expect_same(dispersion(res), NMF::dispersion(ref))
  expect_same(cophcor(res), NMF::cophcor(ref))
  p <- predict(res, what = "consensus")
  q <- NMF::predict(ref, what = "consensus")
  expect_identical(as.integer(p), as.integer(q))
  expect_identical(attr(p, "iOrd"), attr(q, "iOrd"))
  expect_identical(as.integer(predict(res, what = "chc")), as.integer(NMF::predict(ref, what = "chc")))
  si <- silhouette(res, what = "consensus")
  ref_si <- NMF:::silhouette.NMFfitX(ref, what = "consensus")
  expect_same(si[, "sil_width"], ref_si[, "sil_width"])
  expect_identical(rownames(si), rownames(ref_si))
  s <- summary(res, class = iris$Species, target = x)
  r <- NMF::summary(ref, class = iris$Species, target = x)
  keep <- setdiff(names(r), c("cpu", "cpu.all"))
  expect_identical(names(s), names(r))
  expect_same(s[keep], r[keep])
})

test_that("purity and entropy of factors and tables agree with the NMF package", {
  skip_if_no_nmf()
  withr::local_seed(4)
  cl <- factor(sample(1:4, 60, replace = TRUE))
  y <- sample(c("a", "b", "c", NA), 60, replace = TRUE)
  expect_same(purity(cl, y), NMF::purity(cl, y))
  expect_same(entropy(cl, y), NMF::entropy(cl, y))
  tab <- table(cl, y)
  expect_same(purity(tab), NMF::purity(tab))
  expect_same(entropy(tab), NMF::entropy(tab))
})

test_that("the runs are the NMF package's runs for the same seed", {
  skip_if_no_nmf()
  x <- iris_x()
  ref <- nmf_ref(x, 3, "brunet", nrun = 4, seed = 123, .options = "k")
  res <- nmf(x, 3, "brunet", nrun = 4, seed = 123, keep_all = TRUE)
  for (i in 1:4) {
    expect_identical(niter(res$fits[[i]]), as.integer(NMF::niter(ref[[i]])))
    expect_lt(rel_diff(coef(res$fits[[i]]), NMF::coef(ref[[i]])), 1e-8)
  }
  best <- nmf_ref(x, 3, "brunet", nrun = 4, seed = 123)
  expect_identical(unname(consensus(res)), unname(NMF::consensus(best, no.attrib = TRUE)))
  expect_lt(rel_diff(basis(res), NMF::basis(best)), 1e-8)
})
