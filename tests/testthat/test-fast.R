# nmfkit's own solvers: anls (exact alternating NNLS) and kl (coordinate
# Newton descent for KL), and the L1 / L2 penalties of hals, anls and kl.

kkt_violation <- function(x, fit) {
  w <- basis(fit)
  h <- coef(fit)
  gh <- crossprod(w) %*% h - crossprod(w, x)   # gradient in H
  gw <- w %*% tcrossprod(h) - x %*% t(h)       # gradient in W
  max(abs(pmin(h, gh)) / max(abs(crossprod(w, x))), abs(pmin(w, gw)) / max(abs(x %*% t(h))))
}

test_that("anls converges to a stationary point of the Frobenius loss", {
  x <- low_rank(80, 50, k = 4, noise = 0.1)
  fit <- nmf(x, 4, "anls", seed = 1, tol = 1e-10, maxit = 2000)
  expect_identical(fit$stop, "converged")
  expect_lt(kkt_violation(x, fit), 1e-5)
})

test_that("the NNLS solver is exact: nmf_project against projected gradient", {
  w <- withr::with_seed(3, matrix(runif(40 * 5), 40))
  h_true <- withr::with_seed(4, matrix(runif(5 * 30), 5) * (matrix(runif(5 * 30), 5) > 0.5))
  x <- w %*% h_true + withr::with_seed(5, matrix(runif(40 * 30, 0, 0.01), 40))
  h <- nmf_project(w, x)
  g <- crossprod(w)
  b <- crossprod(w, x)
  expect_true(all(h >= 0))
  expect_lt(max(abs(pmin(h, g %*% h - b))), 1e-10 * max(abs(b)))
  ref <- matrix(0, 5, 30)
  step <- 1 / max(eigen(g, only.values = TRUE)$values)
  for (i in 1:50000) ref <- pmax(ref - step * (g %*% ref - b), 0)
  expect_lt(max(abs(h - ref)), 1e-6)
  expect_gt(sum(h == 0), 0) # some constraints are active
})

test_that("hals, anls and kl reach the loss of lee and brunet", {
  x <- low_rank(100, 60, k = 5, noise = 0.05)
  lee <- nmf(x, 5, "lee", seed = 1)
  for (m in c("hals", "anls")) expect_lte(deviance(nmf(x, 5, m, seed = 1)), deviance(lee) * (1 + 1e-4))
  counts <- withr::with_seed(2, matrix(rpois(100 * 60, 5 * low_rank(100, 60, k = 5)), 100))
  br <- nmf(counts, 5, "brunet", seed = 1)
  expect_lte(deviance(nmf(counts, 5, "kl", seed = 1)), deviance(br) * (1 + 1e-4))
})

test_that("kl decreases the KL divergence on dense and sparse input alike", {
  counts <- withr::with_seed(3, matrix(rpois(80 * 50, 3 * low_rank(80, 50, k = 4)), 80))
  d <- nmf(counts, 4, "kl", seed = 1, track = TRUE, maxit = 50, tol = 0)
  tr <- residuals(d, track = TRUE)$objective
  expect_true(all(diff(tr) <= 1e-9 * abs(tr[-1])))
  wh <- fitted(d)
  expect_equal(deviance(d), sum(ifelse(counts > 0, counts * log(counts / wh), 0) - counts + wh), tolerance = 1e-8)
  s <- nmf(Matrix::Matrix(counts, sparse = TRUE), 4, "kl", seed = 1, maxit = 50, tol = 0)
  expect_lt(rel_diff(coef(s), coef(d)), 1e-8)
  expect_false(anyNA(coef(s)))
})

test_that("kl: columns without zeros (read in place) and sparse columns (gathered) give one fit", {
  counts <- withr::with_seed(5, matrix(1 + rpois(90 * 40, 3 * low_rank(90, 40, k = 3)), 90))
  d <- nmf(counts, 3, "kl", seed = 1, maxit = 30, tol = 0)
  s <- nmf(Matrix::Matrix(counts, sparse = TRUE), 3, "kl", seed = 1, maxit = 30, tol = 0)
  expect_lt(rel_diff(coef(s), coef(d)), 1e-12)
  expect_lt(rel_diff(basis(s), basis(d)), 1e-12)
})

test_that("kl's baseline and AVX2 builds agree; a fixed factor still gives the KL loss", {
  counts <- withr::with_seed(4, matrix(rpois(120 * 70, 3 * low_rank(120, 70, k = 4)), 120))
  lev <- nmfkit:::simd_level()
  expect_named(lev, c("cpu", "used"))
  expect_true(all(lev %in% c("baseline", "avx2")))
  on.exit(nmfkit:::simd_level("avx2"))
  wide <- nmf(counts, 4, "kl", seed = 1, maxit = 20, tol = 0)
  expect_identical(nmfkit:::simd_level("baseline")[["used"]], "baseline")
  base <- nmf(counts, 4, "kl", seed = 1, maxit = 20, tol = 0)
  expect_identical(nmfkit:::simd_level("avx2")[["used"]], lev[["cpu"]])
  expect_lt(rel_diff(coef(base), coef(wide)), 1e-6)
  expect_equal(deviance(base), deviance(wide), tolerance = 1e-9)
  kl_of <- function(fit) {
    wh <- fitted(fit)
    sum(ifelse(counts > 0, counts * log(counts / wh), 0) - counts + wh)
  }
  fw <- nmf(counts, 4, "kl", seed = list(W = basis(wide)), fixed = "W")
  expect_equal(deviance(fw), kl_of(fw), tolerance = 1e-8)
  fh <- nmf(counts, 4, "kl", seed = list(H = coef(wide)), fixed = "H")
  expect_equal(deviance(fh), kl_of(fh), tolerance = 1e-8)
})

test_that("L1 on H makes H sparser; L2 shrinks it; penalties enter the objective", {
  x <- low_rank(80, 60, k = 4, noise = 0.1)
  for (m in c("hals", "anls")) {
    plain <- nmf(x, 4, m, seed = 1)
    l1 <- nmf(x, 4, m, seed = 1, L1 = c(0, 2))
    expect_gt(mean(coef(l1) == 0), mean(coef(plain) == 0))
    r <- sum((x - fitted(l1))^2) / 2
    expect_equal(deviance(l1), r + 2 * sum(coef(l1)), tolerance = 1e-8)
    l2 <- nmf(x, 4, m, seed = 1, L2 = 5)
    expect_equal(deviance(l2), sum((x - fitted(l2))^2) / 2 + 5 / 2 * (sum(basis(l2)^2) + sum(coef(l2)^2)),
                 tolerance = 1e-8)
  }
  counts <- withr::with_seed(5, matrix(rpois(80 * 60, 4 * x), 80))
  kl1 <- nmf(counts, 4, "kl", seed = 1, L1 = c(0, 5))
  expect_gt(mean(coef(kl1) == 0), mean(coef(nmf(counts, 4, "kl", seed = 1)) == 0))
})

test_that("fast methods: 1 and 2 threads, dense and sparse agree", {
  x <- low_rank(120, 90, k = 4, zeros = 0.4)
  s <- Matrix::Matrix(x, sparse = TRUE)
  for (m in c("anls", "kl")) {
    a <- nmf(x, 4, m, seed = 1, maxit = 30, tol = 0, threads = 1)
    b <- nmf(x, 4, m, seed = 1, maxit = 30, tol = 0, threads = 2)
    expect_identical(coef(a), coef(b))
    sp <- nmf(s, 4, m, seed = 1, maxit = 30, tol = 0)
    expect_lt(rel_diff(coef(sp), coef(a)), 1e-8)
  }
})

test_that("extrapolation keeps the objective decreasing and needs fewer iterations", {
  x <- low_rank(200, 120, k = 6, noise = 0.1)
  for (m in c("hals", "anls")) {
    acc <- nmf(x, 6, m, seed = 1, maxit = 60, tol = 0, track = TRUE)
    plain <- nmf(x, 6, m, seed = 1, maxit = 60, tol = 0, track = TRUE, extrapolate = FALSE)
    tr <- residuals(acc, track = TRUE)$objective
    expect_true(all(diff(tr) <= 1e-12 * abs(tr[-1])), label = m)
    # the reported objective is the returned factors' objective
    expect_equal(deviance(acc), 0.5 * sum((x - fitted(acc))^2), tolerance = 1e-8)
    # the loss the plain updates reach in 60 iterations, extrapolated in fewer
    target <- deviance(plain)
    expect_lt(which(tr <= target)[1], 45, label = m)
  }
  # with missing cells and with penalties on both factors too (a penalty on
  # one factor rescales the other to unit norm after each step, which changes
  # the objective)
  xm <- x
  xm[withr::with_seed(2, sample(length(x), 2000))] <- NA
  for (args in list(list(x = xm), list(x = x, L2 = 0.5), list(x = x, L1 = 0.05))) {
    tr <- residuals(do.call(nmf, c(args, list(rank = 6, method = "anls", seed = 1, maxit = 40, tol = 0,
                                              track = TRUE))), track = TRUE)$objective
    expect_true(all(diff(tr) <= 1e-10 * abs(tr[-1])))
  }
  expect_error(nmf(x, 6, "hals", extrapolate = "yes"), "`extrapolate` must be TRUE or FALSE")
})

test_that("anls keeps every component from a random start (no zeroed saddle point)", {
  x <- t(as.matrix(iris[, 1:4]))
  for (s in 1:5) {
    fit <- nmf(x, 3, "anls", seed = s)
    expect_true(all(colSums(basis(fit)) > 0), label = paste("seed", s))
    expect_lt(deviance(fit), 1.8)
  }
})
