test_that("correlation silhouettes equal cluster::silhouette on 1 - cor", {
  withr::local_seed(1)
  for (p in c(3, 5, 8)) {
    v <- matrix(runif(40 * p), 40, p)
    cl <- sample(rep(1:4, c(1, 9, 15, 15)))
    ref <- cluster::silhouette(cl, dmatrix = 1 - cor(t(v)))
    mine <- nmfkit:::silhouette_cor(v, cl)
    expect_s3_class(mine, "silhouette")
    expect_equal(unname(mine[, "sil_width"]), unname(ref[, "sil_width"]), tolerance = 1e-12)
    expect_identical(unname(mine[, 1:2]), unname(ref[, 1:2]))
  }
})

test_that("silhouettes of fits and fitsets", {
  x <- three_groups()
  fit <- nmf(x, 3, seed = 1)
  si <- silhouette(fit)
  expect_s3_class(si, "silhouette")
  expect_identical(rownames(si), colnames(x))
  expect_gt(summary(si)$avg.width, 0.5)
  sf <- silhouette(fit, what = "features")
  expect_identical(nrow(sf), 30L)
  res <- nmf(x, 3, nrun = 3, seed = 1)
  sc <- silhouette(res, what = "consensus")
  expect_true(attr(sc, "Ordered"))
  expect_identical(rownames(sc), colnames(x)[attr(predict(res, what = "consensus"), "iOrd")])
  expect_identical(silhouette(res, what = "samples")[, 3], silhouette(res$fit)[, 3])
})

test_that("one cluster gives NA; constant vectors are left out", {
  x <- three_groups()
  expect_identical(silhouette(nmf(x, 1, seed = 1)), NA)
  v <- rbind(matrix(runif(20), 10), c(0, 0))
  si <- nmfkit:::silhouette_cor(v, c(rep(1:2, 5), 1))
  expect_identical(nrow(si), 10L)
  expect_identical(attr(si, "dropped"), 11L)
})
