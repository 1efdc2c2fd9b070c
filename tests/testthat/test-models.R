test_that("nmfModel builds empty, filled and given models of each class", {
  m <- nmfModel()
  expect_s3_class(m, "nmfkit_model")
  expect_identical(dim(m), c(0L, 0L, 0L))
  m <- nmfModel(3, 10, 6, W = 0.5, H = 0.2)
  expect_identical(dim(m), c(10L, 6L, 3L))
  expect_true(all(basis(m) == 0.5) && all(coef(m) == 0.2))
  expect_true(all(is.na(basis(nmfModel(2, c(4, 5))))))
  expect_identical(dim(nmfModel(2, 5)), c(5L, 5L, 2L))
  x <- matrix(1, 4, 3, dimnames = list(letters[1:4], LETTERS[1:3]))
  m <- nmfModel(2, x, W = 1)
  expect_identical(rownames(basis(m)), letters[1:4])
  expect_identical(colnames(coef(m)), LETTERS[1:3])
  ns <- nmfModel(model = "NMFns", W = matrix(0.5, 5, 3), H = matrix(0.2, 3, 4), theta = 0.3)
  expect_identical(modelname(ns), "NMFns")
  expect_identical(methods::slot(ns, "theta"), 0.3)
  s <- smoothing_matrix(3, 0.3)
  expect_equal(fitted(ns), matrix(0.5, 5, 3) %*% s %*% matrix(0.2, 3, 4))
  off <- nmfModel(2, 4, 3, W = 1, H = 1, model = "NMFOffset", offset = 1:4)
  expect_equal(fitted(off), matrix(2, 4, 3) + 1:4)
  expect_identical(nmfModels(), c("NMFstd", "NMFOffset", "NMFns"))
  expect_output(print(ns), "NMFns model: 5 features x 4 samples, rank 3")
})

test_that("nmfModel refuses what it cannot build, naming the argument", {
  expect_error(nmfModel(2, 4, 3, model = "NMFfoo"), "`model` = \"NMFfoo\" is not a known")
  expect_error(nmfModel(2, 4, 3, theta = 0.2), "Unknown argument `theta` for model \"NMFstd\"")
  expect_error(nmfModel(2, 4, 3, model = "NMFns", theta = 2), "`theta` must be a single number between 0 and 1")
  expect_error(nmfModel(2, 4, 3, W = matrix(1, 3, 2)), "`W` must be 4 x 2 \\(features x rank\\), not 3 x 2")
  expect_error(nmfModel(2, "a"), "`target` must be the target's dimensions")
  expect_error(nmfModel(W = matrix(-1, 2, 2)), "`W` must be non-negative")
  expect_error(nmfModel(2, 3, 4, W = "a"), "`W` must be a numeric matrix or a single number")
})

test_that("rmatrix, rnmf and syntheticNMF draw exactly as the NMF package", {
  skip_if_not_installed("NMF")
  withr::local_seed(7)
  state <- .Random.seed
  mine <- list(rmatrix(4, 3), rmatrix(3, dist = rnorm, mean = 4), rnmf(2, rmatrix(6, 5) * 4),
               rnmf(2, 6, 5, model = "NMFOffset"), syntheticNMF(20, c(5, 3, 2)),
               syntheticNMF(30, 3, 12, noise = 0.5, factors = TRUE))
  assign(".Random.seed", state, envir = globalenv())
  theirs <- list(NMF::rmatrix(4, 3), NMF::rmatrix(3, dist = rnorm, mean = 4), NMF::rnmf(2, NMF::rmatrix(6, 5) * 4),
                 NMF::rnmf(2, 6, 5, model = "NMFOffset"), NMF::syntheticNMF(20, c(5, 3, 2)),
                 NMF::syntheticNMF(30, 3, 12, noise = 0.5, factors = TRUE))
  expect_equal(mine[[1]], theirs[[1]])
  expect_equal(mine[[2]], theirs[[2]])
  expect_equal(basis(mine[[3]]), NMF::basis(theirs[[3]]))
  expect_equal(coef(mine[[3]]), NMF::coef(theirs[[3]]))
  expect_equal(mine[[4]]$offset, theirs[[4]]@offset)
  expect_equal(as.vector(mine[[5]]), as.vector(theirs[[5]]))
  expect_equal(attr(mine[[5]], "basis"), attr(theirs[[5]], "basis"))
  expect_equal(mine[[6]][[1]], theirs[[6]][[1]])
  expect_equal(mine[[6]]$W, theirs[[6]]$W)
  expect_identical(as.integer(mine[[6]]$pData$Group), as.integer(theirs[[6]]$pData$Group))
})

test_that("rmatrix and syntheticNMF keep the user's random state with a seed", {
  withr::local_seed(1)
  before <- .Random.seed
  a <- rmatrix(3, 2, dist = 42)
  b <- syntheticNMF(10, 2, 5, seed = 42)
  expect_identical(.Random.seed, before)
  expect_identical(a, rmatrix(3, 2, dist = 42))
  expect_identical(b, syntheticNMF(10, 2, 5, seed = 42))
  expect_identical(dim(rmatrix(matrix(0, 2, 5))), c(2L, 5L))
  expect_identical(dim(rmatrix(nmfModel(2, 4, 3, W = 1, H = 1))), c(4L, 3L))
  expect_error(rmatrix("a"), "`x` must be a number of rows")
  expect_error(rmatrix(2, dist = "runif"), "`dist` must be a function")
  expect_error(syntheticNMF(10, 2, 5, noise = "a"), "`noise` must be TRUE, FALSE")
  expect_error(syntheticNMF(10, c(-1, 2)), "`r` must be a whole number, or the sizes of the blocks")
})

test_that("basis<-, coef<- and [ change and subset models, fits and fitsets as NMF's", {
  x <- three_groups()
  res <- nmf(x, 3, nrun = 2, seed = 1)
  fit <- res$fit
  sub <- fit[1:10, ]
  expect_s3_class(sub, "nmfkit_fit")
  expect_identical(dim(sub), c(10L, 24L, 3L))
  expect_identical(dim(fit[, 1:5]), c(30L, 5L, 3L))
  expect_identical(dim(fit[1:20, 1:10]), c(20L, 10L, 3L))
  expect_identical(dim(fit[, , 2:3]), c(30L, 24L, 2L))
  expect_identical(fit[2], basis(fit)[, 2])
  expect_identical(dim(fit[2, drop = FALSE]), c(30L, 24L, 1L))
  expect_identical(fit[1:3, , drop = TRUE], basis(fit)[1:3, ])
  expect_identical(basis(fit["g1", ]), basis(fit)["g1", , drop = FALSE])
  rs <- res[, 1:6]
  expect_s3_class(rs, "nmfkit_fitset")
  expect_identical(dim(consensus(rs)), c(6L, 6L))
  expect_error(fit[100, ], "`i` must select features: indices between 1 and 30")
  expect_error(fit["nope", ], "`i` has some names not found among the features")
  w <- basis(fit) * 2
  basis(fit) <- w
  expect_identical(basis(fit), w)
  expect_identical(fit$W, w)
  coef(fit) <- coef(fit)[1:2, ]
  expect_identical(nbasis(fit), 2L)
  expect_identical(dim(basis(fit)), c(30L, 2L))
  m <- nmfModel(2, 4, 3, W = 1, H = 1)
  basis(m) <- matrix(1:12 + 0, 4, 3)
  expect_identical(dim(m), c(4L, 3L, 3L))
  expect_true(all(is.na(coef(m)[3, ])))
  expect_error(basis(m) <- matrix(1, 5, 3), "one row per feature \\(4\\), not 5")
  expect_error(coef(m) <- "a", "must be numeric")
  expect_identical(featureNames(res), rownames(x))
  expect_identical(sampleNames(res), colnames(x))
  expect_equal(unname(colSums(scoef(res, scale = 2))), rep(2, 24))
  expect_error(scoef(res, scale = -1), "`scale` must be a single positive number")
})

test_that("featureNames and sampleNames also read an ExpressionSet, as Biobase's", {
  skip_if_not_installed("Biobase")
  es <- Biobase::ExpressionSet(three_groups())
  expect_identical(featureNames(es), paste0("g", 1:30))
  expect_identical(sampleNames(es), paste0("s", 1:24))
  expect_error(featureNames(1), "`object` must be an NMF model, a fit, a fitset or an ExpressionSet")
})
