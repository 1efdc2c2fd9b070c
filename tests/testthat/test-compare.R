test_that("a vector or list of methods fits each from the same seed", {
  x <- low_rank()
  fits <- nmf(x, 3, c("brunet", "lee", "hals"), seed = 1, maxit = 50)
  expect_s3_class(fits, "nmfkit_list")
  expect_named(fits, c("brunet", "lee", "hals"))
  expect_identical(coef(fits$lee), coef(nmf(x, 3, "lee", seed = 1, maxit = 50)))
  fits2 <- nmf(x, 3, list("br", "lee"), seed = 1, maxit = 50)
  expect_named(fits2, c("brunet", "lee"))
})

test_that("compare gives one row per fit with the NMF summary columns", {
  x <- low_rank()
  fits <- nmf(x, 3, c("brunet", "lee", "anls"), seed = 1, maxit = 50)
  tab <- compare(fits, target = x)
  expect_s3_class(tab, "data.frame")
  expect_identical(tab$method, c("brunet", "lee", "anls"))
  expect_true(all(c("metric", "rank", "sparseness.basis", "sparseness.coef", "rss", "evar",
                    "residuals", "niter", "cpu") %in% names(tab)))
  expect_equal(tab$residuals, vapply(fits, deviance, 0), ignore_attr = TRUE)
  expect_identical(compare(fits$brunet, fits$lee)$method, c("brunet", "lee"))
  expect_output(print(fits), "<nmfkit_list> 3 fits")
  expect_error(compare(list(fits$lee, 3)), "element 2 is not")
})
