# Missing values, masks, cell weights and completion.

noisy_low_rank <- function(m = 100, n = 80, k = 4, sd = 0.05, seed = 1) {
  withr::with_seed(seed, {
    clean <- matrix(runif(m * k), m) %*% matrix(runif(k * n), k)
    x <- pmax(clean + matrix(rnorm(m * n, 0, sd), m), 0)
    list(clean = clean, x = x, sd = sd)
  })
}

test_that("completion of 30% missing cells is within the noise level", {
  d <- noisy_low_rank()
  miss <- withr::with_seed(2, matrix(runif(length(d$x)) < 0.3, nrow(d$x)))
  xm <- d$x
  xm[miss] <- NA
  for (m in c("hals", "anls", "kl")) {
    fit <- nmf(xm, 4, m, seed = 1)
    expect_false(anyNA(coef(fit)))
    rmse <- sqrt(mean((fitted(fit)[miss] - d$clean[miss])^2))
    expect_lt(rmse, 2 * d$sd, label = m)
    expect_identical(fit$n_left_out, sum(miss))
  }
  xc <- complete(nmf(xm, 4, "anls", seed = 1), xm)
  expect_false(anyNA(xc))
  expect_identical(xc[!miss], xm[!miss])
})

test_that("masked and NA-based fits agree; an empty mask and unit weights change nothing", {
  d <- noisy_low_rank(60, 50)
  miss <- withr::with_seed(3, matrix(runif(length(d$x)) < 0.2, nrow(d$x)))
  xm <- d$x
  xm[miss] <- NA
  start <- nmf_seed(d$x, 3) # the same start: a random start depends on max(x)
  for (m in c("hals", "anls", "kl")) {
    a <- nmf(xm, 3, m, seed = start, maxit = 50)
    b <- nmf(d$x, 3, m, seed = start, maxit = 50, mask = miss)
    expect_equal(coef(a), coef(b), tolerance = 1e-10)
    expect_equal(deviance(a), deviance(b), tolerance = 1e-10)
    plain <- nmf(d$x, 3, m, seed = 1, maxit = 50)
    expect_identical(coef(nmf(d$x, 3, m, seed = 1, maxit = 50, mask = matrix(FALSE, 60, 50))), coef(plain))
  }
  for (m in c("hals", "anls")) {
    plain <- nmf(d$x, 3, m, seed = 1, maxit = 50, tol = 0)
    w1 <- nmf(d$x, 3, m, seed = 1, maxit = 50, tol = 0, weights = matrix(1, 60, 50))
    # (the weighted path sums in another order; after 50 extrapolated
    # iterations the fits agree to about 1e-7)
    expect_equal(coef(w1), coef(plain), tolerance = 1e-6)
    expect_equal(deviance(w1), deviance(plain), tolerance = 1e-8)
  }
})

test_that("the masked objective counts observed cells only", {
  d <- noisy_low_rank(50, 40)
  miss <- withr::with_seed(4, matrix(runif(2000) < 0.25, 50))
  fit <- nmf(d$x, 3, "anls", seed = 1, mask = miss)
  expect_equal(deviance(fit), sum((d$x - fitted(fit))[!miss]^2) / 2, tolerance = 1e-8)
  v <- withr::with_seed(5, matrix(runif(2000), 50))
  wfit <- nmf(d$x, 3, "hals", seed = 1, weights = v)
  expect_equal(deviance(wfit), sum(v * (d$x - fitted(wfit))^2) / 2, tolerance = 1e-8)
  kfit <- nmf(round(d$x * 10), 3, "kl", seed = 1, mask = miss)
  y <- round(d$x * 10)
  wh <- fitted(kfit)
  kl <- ifelse(y > 0, y * log(y / wh), 0) - y + wh
  expect_equal(deviance(kfit), sum(kl[!miss]), tolerance = 1e-8)
})

test_that("sparse input with NA and with masks gives the dense fit", {
  d <- noisy_low_rank(60, 40)
  x <- d$x
  x[x < 0.6] <- 0
  miss <- withr::with_seed(6, matrix(runif(2400) < 0.2, 60))
  xm <- x
  xm[miss] <- NA
  s <- Matrix::Matrix(x, sparse = TRUE)
  for (m in c("hals", "anls", "kl")) {
    dense <- nmf(x, 3, m, seed = 1, maxit = 40, mask = miss)
    sp <- nmf(s, 3, m, seed = 1, maxit = 40, mask = miss)
    expect_lt(rel_diff(coef(sp), coef(dense)), 1e-8)
  }
  sm <- Matrix::Matrix(xm, sparse = TRUE) # NA stored in the sparse matrix
  fit_sparse <- nmf(sm, 3, "anls", seed = 1, maxit = 40)
  expect_lt(rel_diff(coef(fit_sparse), coef(nmf(xm, 3, "anls", seed = 1, maxit = 40))), 1e-8)
})

test_that("mask = 'zeros' on a ratings-like matrix beats the item-mean baseline", {
  withr::local_seed(10)
  users <- 600
  items <- 400
  k <- 4
  w <- matrix(runif(users * k), users) * (matrix(runif(users * k), users) > 0.5)
  h <- matrix(runif(k * items), k) * (matrix(runif(k * items), k) > 0.5)
  truth <- 1 + 4 * (w %*% h) / max(w %*% h)              # ratings between 1 and 5
  observed <- matrix(runif(users * items) < 0.05, users)  # 95% missing
  test <- observed & matrix(runif(users * items) < 0.2, users)
  train <- observed & !test
  r <- truth + matrix(rnorm(users * items, 0, 0.2), users)
  ratings <- Matrix::sparseMatrix(i = row(r)[train], j = col(r)[train], x = pmax(r[train], 0.5),
                                  dims = dim(r))
  fit <- nmf(ratings, k, "anls", seed = 1, mask = "zeros", L2 = 0.1)
  rmse <- sqrt(mean((fitted(fit)[test] - r[test])^2))
  sums <- Matrix::colSums(ratings)
  counts <- Matrix::colSums(ratings != 0)
  item_mean <- ifelse(counts > 0, sums / pmax(counts, 1), mean(ratings@x))
  baseline <- sqrt(mean((matrix(item_mean, users, items, byrow = TRUE)[test] - r[test])^2))
  expect_lt(rmse, baseline)
  expect_identical(fit$n_left_out, prod(dim(ratings)) - length(ratings@x))
})

test_that("rows or columns with no observed cell warn and get zeros, never NaN", {
  d <- noisy_low_rank(30, 20)
  xm <- d$x
  xm[5, ] <- NA
  xm[, 3] <- NA
  for (m in c("hals", "anls", "kl")) {
    expect_warning(fit <- nmf(xm, 3, m, seed = 1), "1 row and 1 column of `x` have no observed cell")
    expect_false(anyNA(basis(fit)))
    expect_false(anyNA(coef(fit)))
    expect_true(all(basis(fit)[5, ] == 0))
    expect_true(all(coef(fit)[, 3] == 0))
  }
})

test_that("missing values, masks and weights are refused where unsupported", {
  x <- matrix(runif(30), 5, 6)
  xm <- x
  xm[2, 2] <- NA
  expect_error(nmf(xm, 2, "lee"),
               paste('`x` has 1 missing value \\(NA\\), which method "lee" cannot fit; use "hals", "anls" or',
                     '"kl"'))
  expect_error(nmf(x, 2, "brunet", mask = x > 0.5), '`mask` is not available for method "brunet"')
  expect_error(nmf(x, 2, "kl", weights = x), '`weights` is not available for method "kl"')
  expect_error(nmf(x, 2, mask = "zeros"), '`mask = "zeros"` treats the zeros of a sparse matrix as missing')
  expect_error(nmf(x, 2, mask = matrix(TRUE, 2, 2)), "`mask` must have the shape of x \\(5 x 6\\), not 2 x 2")
  expect_error(nmf(x, 2, mask = "yes"), "`mask` must be a logical matrix or a sparse Matrix")
  expect_error(nmf(x, 2, weights = -x), "`weights` must be non-negative")
  expect_error(nmf(x, 2, weights = x[, 1:2]), "`weights` must be a numeric matrix of the shape of x \\(5 x 6\\)")
  expect_error(complete(nmf(x, 2, seed = 1), x[, 1:3]), "`x` must be 5 x 6 like the fitted data")
  w <- x
  w[1, 1] <- 0
  expect_s3_class(nmf(xm, 2, "ls-nmf", seed = 1, weight = matrix(1, 5, 6), maxit = 20), "nmfkit_fit")
})
