test_that("several ranks give a survey with the NMF package's measures", {
  x <- three_groups()
  est <- nmf(x, c(4, 2, 3, 3), nrun = 3, seed = 1)
  expect_s3_class(est, "nmfkit_survey")
  m <- est$measures
  expect_identical(m$rank, c(2, 3, 4))
  expect_named(m, c("rank", "sparseness.basis", "sparseness.coef", "rss", "evar", "silhouette.coef",
                    "silhouette.basis", "residuals", "niter", "cpu", "cpu.all", "nrun", "cophenetic",
                    "dispersion", "silhouette.consensus", "time"))
  expect_identical(names(est$fit), c("2", "3", "4"))
  expect_identical(m$cophenetic, unname(cophcor(est)))
  expect_identical(names(dispersion(est)), c("2", "3", "4"))
  expect_identical(est$consensus[["3"]], consensus(est$fit[["3"]]))
  expect_identical(consensus(est), est$consensus)
  expect_identical(summary(est), m)
  # the same streams at every rank: rank 3 of the survey is nmf(x, 3, nrun = 3, seed = 1)
  expect_identical(fitset_content(est$fit[["3"]]), fitset_content(nmf(x, 3, nrun = 3, seed = 1)))
  expect_equal(m$rss[2], rss(est$fit[["3"]], x))
  expect_identical(m$nrun, c(3, 3, 3))
  expect_identical(m$cophenetic[2], 1)
  out <- capture.output(print(est))
  expect_match(out[1], "anls NMF of a 30 x 24 matrix, ranks 2, 3, 4, 3 runs each")
})

test_that("the iris call of the NMF package gives purity maximal and entropy minimal at rank 3", {
  ir <- t(as.matrix(iris[, 1:4]))
  stats <- sapply(2:4, function(r) {
    res <- nmf(ir, r, nrun = 10, seed = 12345, method = "lee")
    c(purity = purity(res, iris[, 5]), entropy = entropy(res, iris[, 5]), dispersion = dispersion(res))
  })
  expect_identical(which.max(stats["purity", ]), 2L)
  expect_identical(which.min(stats["entropy", ]), 2L)
  r3 <- nmf(ir, 3, nrun = 10, seed = 12345, method = "lee")
  expect_equal(purity(r3, iris[, 5]), stats[["purity", 2]])
  expect_true(dispersion(r3) > 0 && dispersion(r3) <= 1)
})

test_that("plot draws the survey, with a randomised baseline", {
  x <- three_groups()
  est <- nmf(x, 2:3, nrun = 2, seed = 1)
  rnd <- withr::with_seed(1, nmf(randomize(x), 2:3, nrun = 2, seed = 1))
  pdf(NULL)
  on.exit(dev.off())
  expect_invisible(plot(est))
  expect_identical(plot(est, rnd), est)
  expect_identical(plot(est, what = c("cophenetic", "silhouette")), est)
  expect_identical(plot(est, "rss"), est)
})

test_that("randomize permutes within columns, dense and sparse alike", {
  x <- three_groups()
  r <- withr::with_seed(2, randomize(x))
  expect_identical(dimnames(r), dimnames(x))
  for (j in seq_len(ncol(x))) expect_identical(sort(unname(r[, j])), sort(unname(x[, j])))
  expect_false(identical(r, x))
  xs <- x
  xs[xs < 0.5] <- 0
  s <- Matrix::Matrix(xs, sparse = TRUE)
  rs <- withr::with_seed(2, randomize(s))
  expect_s4_class(rs, "dgCMatrix")
  expect_identical(as.matrix(rs), withr::with_seed(2, randomize(xs)))
})

test_that("randomize draws as the NMF package's randomize", {
  skip_if_not_installed("NMF")
  x <- three_groups()
  expect_identical(unname(withr::with_seed(8, randomize(x))), unname(withr::with_seed(8, NMF::randomize(x))))
})
