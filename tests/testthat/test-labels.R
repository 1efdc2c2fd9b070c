# Consensus from the runs' labels (R/labels.R): every measure off the dense
# path equals the dense computation, and the NMF package's formulas.

# The fitset's measures with the dense consensus, and again without it, on
# the label patterns (the fitset forgets its dense matrix).
both_paths <- function(res) {
  measures <- function(r) {
    si <- silhouette(r, what = "consensus")
    list(dispersion = dispersion(r), cophenetic = cophcor(r), clusters = as.integer(predict(r, what = "consensus")),
         chc = as.integer(predict(r, what = "chc")), width = summary(si)$avg.width, summary = summary(r))
  }
  dense <- measures(res)
  attr(res, "consensus") <- NULL
  withr::local_options(nmfkit.consensus_dense = 1L)
  list(dense = dense, labels = measures(res), res = res)
}

test_that("on label patterns every consensus measure equals the dense computation", {
  cases <- list(
    iris_lee = nmf(iris_x(), 3, "lee", nrun = 10, seed = 1, maxit = 200),
    golub = nmf(golub, 3, nrun = 12, seed = 2),
    noise = nmf(low_rank(40, 300, k = 4, noise = 2), 4, nrun = 8, seed = 3, maxit = 30),
    groups = nmf(three_groups(), 3, "brunet", nrun = 6, seed = 4, maxit = 100)
  )
  for (nm in names(cases)) {
    b <- both_paths(cases[[nm]])
    for (m in c("dispersion", "cophenetic", "width")) {
      expect_equal(as.numeric(b$labels[[m]]), as.numeric(b$dense[[m]]), tolerance = 1e-10, label = paste(nm, m))
    }
    expect_identical(b$labels$clusters, b$dense$clusters, label = paste(nm, "clusters"))
    expect_identical(b$labels$chc, b$dense$chc, label = paste(nm, "chc"))
    sd <- unclass(silhouette(cases[[nm]], what = "consensus"))
    sl <- unclass(withr::with_options(list(nmfkit.consensus_dense = 1L), silhouette(b$res, what = "consensus")))
    expect_equal(sl[, 1:3], sd[rownames(sl), 1:3], tolerance = 1e-10, ignore_attr = TRUE,
                 label = paste(nm, "silhouette"))
    expect_equal(b$labels$summary, b$dense$summary, tolerance = 1e-10, label = paste(nm, "summary"))
  }
})

test_that("dispersion from the runs' contingency tables is the dense formula", {
  set.seed(5)
  for (i in 1:5) {
    labels <- matrix(sample.int(4, 60 * 7, replace = TRUE), 60, 7)
    C <- nmfkit:::labels_consensus(labels)
    expect_equal(nmfkit:::labels_dispersion(labels), sum(4 * (C - 1 / 2)^2) / 60^2, tolerance = 1e-12)
  }
  pat <- nmfkit:::label_patterns(cbind(c(1L, 2L, 1L, 1L), c(3L, 1L, 3L, 2L)))
  expect_identical(pat$key, c(1L, 2L, 1L, 3L))
  expect_identical(pat$counts, c(2L, 1L, 1L))
  expect_identical(pat$first, c(1L, 2L, 4L))
})

test_that("the measures on labels equal the NMF package's formulas on the same consensus", {
  skip_if_not_installed("NMF")
  res <- nmf(golub, 3, nrun = 12, seed = 2)
  C <- consensus(res)
  attr(res, "consensus") <- NULL
  withr::local_options(nmfkit.consensus_dense = 1L)
  expect_equal(dispersion(res), NMF::dispersion(C), tolerance = 1e-10)
  expect_equal(as.numeric(cophcor(res)), NMF::cophcor(C), tolerance = 1e-10)
})

test_that("above the pattern limit the measures are a stated, seeded approximation", {
  res <- nmf(low_rank(40, 300, k = 4, noise = 2), 4, nrun = 8, seed = 3, maxit = 30)
  exact <- cophcor(res)
  attr(res, "consensus") <- NULL
  withr::local_options(nmfkit.consensus_dense = 1L, nmfkit.consensus_patterns = 2L, nmfkit.consensus_sample = 150L)
  a <- cophcor(res)
  expect_match(attr(a, "approximation"),
               "approximate: computed on a stratified random sample of 15[0-9] of the 300 samples")
  expect_identical(cophcor(res), a)  # seeded: the same sample every time
  expect_lt(abs(as.numeric(a) - exact), 0.1)
  expect_output(print(res), "cophenetic approximate: computed on a stratified random sample")
  cl <- predict(res, what = "consensus")
  expect_length(cl, 300L)
  expect_match(attr(cl, "approximation"), "approximate")
  expect_true(is.finite(dispersion(res)))  # always exact
  pdf(NULL)
  on.exit(dev.off(), add = TRUE)
  expect_warning(expect_error(consensusmap(res, annCol = rep(c("a", "b"), 150)), NA), NA)
  # the silhouette track is computed on the map's own rows (it was taken from
  # silhouette()'s sample and came out NA for half the rows)
  seen <- new.env()
  suppressMessages(trace("draw_consensus", where = asNamespace("nmfkit"), print = FALSE,
                         tracer = bquote(assign("special", special, envir = .(seen)))))
  on.exit(suppressMessages(untrace("draw_consensus", where = asNamespace("nmfkit"))), add = TRUE)
  consensusmap(res)
  expect_false(anyNA(seen$special$silhouette))
  expect_length(seen$special$silhouette, length(seen$special$consensus))
})
