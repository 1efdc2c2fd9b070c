# The result of several runs (R/fitset.R).

test_that("nrun > 1 keeps the best fit, the consensus and a summary of the runs", {
  x <- three_groups()
  res <- nmf(x, 3, "lee", nrun = 4, seed = 1, maxit = 300)
  expect_s3_class(res, "nmfkit_fitset")
  expect_s3_class(res$fit, "nmfkit_fit")
  expect_identical(res$nrun, 4L)
  expect_named(res$runs, c("run", "deviance", "niter", "stop", "time", "cpu"))
  expect_identical(res$runs$run, 1:4)
  expect_identical(res$best, which.min(res$runs$deviance))
  expect_identical(deviance(res), min(res$runs$deviance))
  expect_null(res$fits)
  C <- consensus(res)
  expect_identical(dimnames(C), list(colnames(x), colnames(x)))
  expect_true(isSymmetric(C))
  expect_true(all(diag(C) == 1) && all(C >= 0 & C <= 1))
  expect_true(all(C * 4 == round(C * 4)))
  expect_identical(dim(res), c(30L, 24L, 3L))
  expect_identical(basis(res), basis(res$fit))
  expect_identical(coef(res), coef(res$fit))
  expect_identical(fitted(res), fitted(res$fit))
  expect_identical(niter(res), niter(res$fit))
  expect_identical(nbasis(res), 3L)
  expect_s3_class(runtime(res), "proc_time")
  expect_identical(sparseness(res), sparseness(res$fit))
  expect_identical(rss(res, x), rss(res$fit, x))
  out <- capture.output(print(res))
  expect_match(out[1], "lee NMF of a 30 x 24 matrix, rank 3, best of 4 runs")
  expect_match(paste(out, collapse = "\n"), "seed:       random \\(seed = 1\\), one L'Ecuyer-CMRG stream per run")
})

test_that("keep_all keeps every run, whose connectivities average to the consensus", {
  x <- three_groups()
  res <- nmf(x, 3, nrun = 3, seed = 2, keep_all = TRUE)
  expect_length(res$fits, 3)
  expect_length(as.list(res), 3)
  expect_identical(vapply(res$fits, deviance, 0), res$runs$deviance)
  conn <- Reduce(`+`, lapply(res$fits, connectivity)) / 3
  expect_identical(consensus(res), conn)
  expect_identical(res$fits[[res$best]], res$fit)
  expect_length(nmf(x, 3, nrun = 2, seed = 2, .options = "k")$fits, 2)
  expect_length(as.list(nmf(x, 3, nrun = 2, seed = 2)), 1)
})

test_that("the consensus of the runs' clusters is the share of runs that join two samples", {
  cc <- function(cl, names = NULL) nmfkit:::labels_consensus(do.call(cbind, cl), names)
  cl <- list(c(1L, 1L, 2L, 2L), c(1L, 2L, 2L, 2L), c(3L, 3L, 1L, 1L))
  C <- cc(cl, letters[1:4])
  ref <- Reduce(`+`, lapply(cl, function(k) outer(k, k, "==") * 1)) / 3
  dimnames(ref) <- list(letters[1:4], letters[1:4])
  expect_identical(C, ref)
  # the names of the clusters do not matter
  expect_identical(cc(list(c(5L, 5L, 2L, 2L)), NULL), cc(list(c(1L, 1L, 2L, 2L)), NULL))
  withr::local_options(nmfkit.max_bytes = 100)
  expect_error(cc(cl), "The consensus matrix would need 128 bytes")
})

test_that("a fitset is validated and summarises its runs", {
  x <- three_groups()
  res <- nmf(x, 3, "lee", nrun = 3, seed = 5, maxit = 50)
  expect_identical(nmfkit:::validate_nmfkit_fitset(res), res)
  broken <- res
  broken$runs <- broken$runs[-1, ]
  expect_error(nmfkit:::validate_nmfkit_fitset(broken))
  expect_identical(res$runs$stop, rep("maxit", 3))
  expect_output(print(res), "3 of 3 runs stopped before their stopping rule fired")
  expect_identical(res$seed, "random (seed = 5)")
  expect_identical(res$fit$seed, "random")
  expect_identical(res$workers, 1L)
})

test_that("a fitset keeps every run's basis, and only the basis", {
  x <- three_groups()
  res <- nmf(x, 3, nrun = 4, seed = 3, keep_all = TRUE)
  expect_length(res$bases, 4)
  expect_identical(res$bases, lapply(res$fits, function(f) unname(basis(f))))
  expect_identical(res$bases[[res$best]], unname(basis(res)))
  # without keep_all: the same bases, and no run's coefficients but the best's
  lean <- nmf(x, 3, nrun = 4, seed = 3)
  expect_identical(lean$bases, res$bases)
  expect_null(lean$fits)
  expect_lt(as.numeric(object.size(lean)), as.numeric(object.size(res)))
  # the validator refuses bases of the wrong shape
  bad <- lean
  bad$bases[[2]] <- bad$bases[[2]][-1, ]
  expect_error(nmfkit:::validate_nmfkit_fitset(bad))
  bad$bases <- bad$bases[1:3]
  expect_error(nmfkit:::validate_nmfkit_fitset(bad))
})

test_that("subsetting a fitset subsets the runs' bases by features and drops them for components", {
  x <- three_groups()
  res <- nmf(x, 3, nrun = 3, seed = 3)
  sub <- res[5:12, 1:10]
  expect_identical(sub$bases, lapply(res$bases, function(b) b[5:12, , drop = FALSE]))
  expect_identical(res[c("g2", "g1"), ]$bases, lapply(res$bases, function(b) b[2:1, , drop = FALSE]))
  expect_identical(res[, 1:6]$bases, res$bases)
  expect_null(res[, , 1:2]$bases)
  expect_null(res[1:2, , 1:2]$bases)
})

test_that("each rank of a survey keeps its runs' bases", {
  est <- nmf(three_groups(), 2:3, nrun = 3, seed = 4)
  expect_identical(lapply(est$fit, function(s) vapply(s$bases, ncol, 0L)), list("2" = rep(2L, 3), "3" = rep(3L, 3)))
})
