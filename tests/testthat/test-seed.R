# Seeding methods.

# scikit-learn's NNDSVD (sklearn.decomposition._nmf._initialize_nmf), transcribed
# from its documented algorithm, as an independent reference.
sklearn_nndsvd <- function(x, k) {
  s <- svd(x, nu = k, nv = k)
  w <- matrix(0, nrow(x), k)
  h <- matrix(0, k, ncol(x))
  w[, 1] <- sqrt(s$d[1]) * abs(s$u[, 1])
  h[1, ] <- sqrt(s$d[1]) * abs(s$v[, 1])
  for (j in 2:k) {
    xx <- s$u[, j]
    yy <- s$v[, j]
    xp <- pmax(xx, 0)
    yp <- pmax(yy, 0)
    xn <- abs(pmin(xx, 0))
    yn <- abs(pmin(yy, 0))
    mp <- sqrt(sum(xp^2)) * sqrt(sum(yp^2))
    mn <- sqrt(sum(xn^2)) * sqrt(sum(yn^2))
    if (mp > mn) {
      u <- xp / sqrt(sum(xp^2))
      v <- yp / sqrt(sum(yp^2))
      sigma <- mp
    } else {
      u <- xn / sqrt(sum(xn^2))
      v <- yn / sqrt(sum(yn^2))
      sigma <- mn
    }
    lbd <- sqrt(s$d[j] * sigma)
    w[, j] <- lbd * u
    h[j, ] <- lbd * v
  }
  w[w < 1e-6] <- 0
  h[h < 1e-6] <- 0
  list(W = w, H = h)
}

test_that("nndsvd matches scikit-learn's definition on a known small matrix", {
  x <- matrix(c(5, 3, 0, 1,
                4, 0, 0, 1,
                1, 1, 0, 5,
                1, 0, 0, 4,
                0, 1, 5, 4), 5, 4, byrow = TRUE)
  s <- nmf_seed(x, 3, "nndsvd")
  ref <- sklearn_nndsvd(x, 3)
  expect_equal(s$W, ref$W, tolerance = 1e-12)
  expect_equal(s$H, ref$H, tolerance = 1e-12)
  # first factor: the leading singular pair, made non-negative
  sv <- svd(x)
  expect_equal(s$W[, 1], sqrt(sv$d[1]) * abs(sv$u[, 1]), tolerance = 1e-12)
  expect_true(all(s$W >= 0) && all(s$H >= 0))
})

test_that("nndsvd, nndsvda and nndsvdar give the NMF package's seeds", {
  skip_if_not_installed("NMF")
  x <- low_rank(30, 20, k = 3)
  for (m in c("nndsvd")) {
    ref <- suppressWarnings(NMF::seed(x, 3, m)) # NMF 0.25 warns inside its own code
    s <- nmf_seed(x, 3, m)
    expect_equal(s$W, NMF::basis(ref), tolerance = 1e-10, ignore_attr = TRUE)
    expect_equal(s$H, NMF::coef(ref), tolerance = 1e-10, ignore_attr = TRUE)
  }
  a <- nmf_seed(x, 3, "nndsvda")
  z <- nmf_seed(x, 3, "nndsvd")
  expect_true(all(a$W[z$W == 0] == mean(x)))
  ar <- withr::with_seed(1, nmf_seed(x, 3, "nndsvdar"))
  expect_true(all(ar$W[z$W == 0] <= mean(x) / 100))
  expect_identical(nmf(x, 3, seed = "nndsvd", maxit = 3)$seed, "nndsvd")
})

test_that("nndsvd of a sparse matrix is close to the dense one", {
  x <- low_rank(200, 80, k = 4, noise = 0.01, zeros = 0.02)
  d <- nmf_seed(x, 4, "nndsvd")
  s <- nmf_seed(Matrix::Matrix(x, sparse = TRUE), 4, "nndsvd")
  expect_lt(max(abs(d$W %*% d$H - s$W %*% s$H)) / max(x), 1e-4)
})

test_that("ica seeding clamps at machine epsilon and needs fastICA", {
  skip_if_not_installed("fastICA")
  x <- low_rank(40, 30, k = 3)
  s <- withr::with_seed(1, nmf_seed(x, 3, "ica"))
  expect_true(all(s$W >= .Machine$double.eps) && all(s$H >= .Machine$double.eps))
  expect_equal(dim(s$W), c(40L, 3L))
  fit <- nmf(x, 3, seed = "ica")
  expect_s3_class(fit, "nmfkit_fit")
})

test_that("the offset method draws its offset after W and H, as the NMF package", {
  x <- low_rank()
  st <- withr::with_seed(9, nmfkit:::random_start(x, 3, "offset"))
  expect_length(st$offset, nrow(x))
  ref <- withr::with_seed(9, {
    w <- runif(60 * 3, 0, max(x))
    h <- runif(3 * 40, 0, max(x))
    runif(60, 0, max(w, h))
  })
  expect_identical(st$offset, ref)
})
