test_that("nmf() returns a fit of the right shape for each method", {
  x <- low_rank()
  for (m in c("hals", "lee", "brunet")) {
    fit <- nmf(x, 3, m, seed = 1, maxit = 50)
    expect_s3_class(fit, "nmfkit_fit")
    expect_equal(dim(basis(fit)), c(60L, 3L))
    expect_equal(dim(coef(fit)), c(3L, 40L))
    expect_true(all(basis(fit) >= 0) && all(coef(fit) >= 0))
    expect_true(is.finite(deviance(fit)))
    expect_identical(fit$method, m)
  }
})

test_that("method names match partially and case-insensitively", {
  x <- low_rank()
  expect_identical(nmf(x, 2, "br", seed = 1, maxit = 10)$method, "brunet")
  expect_identical(nmf(x, 2, "LEE", seed = 1, maxit = 10)$method, "lee")
  expect_identical(nmf(x, 2, "ha", seed = 1, maxit = 10)$method, "hals")
})

test_that("the default method is anls on dense data and it decreases the loss to a good fit", {
  x <- low_rank(noise = 0.01)
  fit <- nmf(x, 3, seed = 2)
  expect_identical(fit$method, "anls")
  expect_identical(fit$stop, "converged")
  expect_lt(frob(x, fit) / sum(x^2), 1e-4)
  expect_equal(deviance(fit), frob(x, fit) / 2, tolerance = 1e-8)
  expect_equal(unname(colSums(basis(fit))), rep(1, 3), tolerance = 1e-12)
})

test_that("the default method is hals on sparse data, anls with missing values or a mask", {
  x <- low_rank(60, 40, zeros = 0.6)
  s <- Matrix::Matrix(x, sparse = TRUE)
  expect_identical(nmf(s, 3, seed = 1, maxit = 5)$method, "hals")
  expect_identical(nmf(s, 3, seed = 1, maxit = 5, mask = "zeros")$method, "anls")
  s_na <- s
  s_na[1, 1] <- NA
  expect_identical(nmf(s_na, 3, seed = 1, maxit = 5)$method, "anls")
  x[2, 2] <- NA
  expect_identical(nmf(x, 3, seed = 1, maxit = 5)$method, "anls")
  expect_identical(nmf(s, 2:3, nrun = 2, seed = 1, maxit = 5)$method, "hals")
})

test_that("the same numeric seed gives the same fit and leaves the user's RNG alone", {
  x <- low_rank()
  set.seed(99)
  before <- .Random.seed
  a <- nmf(x, 3, seed = 123)
  expect_identical(.Random.seed, before)
  b <- nmf(x, 3, seed = 123)
  expect_identical(basis(a), basis(b))
  expect_identical(coef(a), coef(b))
  c <- nmf(x, 3, seed = 124)
  expect_false(identical(basis(a), basis(c)))
})

test_that("a numeric seed leaves no .Random.seed behind where there was none", {
  x <- matrix(as.numeric(1:40), 8)
  old <- get0(".Random.seed", envir = globalenv())
  on.exit(if (!is.null(old)) assign(".Random.seed", old, envir = globalenv()), add = TRUE)
  if (exists(".Random.seed", envir = globalenv())) rm(".Random.seed", envir = globalenv())
  nmf(x, 2, seed = 3, maxit = 5)
  expect_false(exists(".Random.seed", envir = globalenv()))
})

test_that("seed = NULL draws from the RNG as it stands", {
  x <- low_rank()
  set.seed(5)
  a <- nmf(x, 2, maxit = 5)
  set.seed(5)
  b <- nmf(x, 2, seed = "random", maxit = 5)
  expect_identical(coef(a), coef(b))
  set.seed(5)
  c <- nmf(x, 2, seed = 5, maxit = 5)
  expect_identical(coef(a), coef(c))
})

test_that("numeric seeds draw W then H as the NMF package's random seeding", {
  x <- low_rank() * 0.2 # max(x) < 1: draws in [0, 1], clipped at max(x)
  expect_lt(max(x), 1)
  start <- withr::with_seed(7, {
    w <- matrix(runif(60 * 3, 0, 1), 60)
    h <- matrix(runif(3 * 40, 0, 1), 3)
    list(W = pmin(w, max(x)), H = pmin(h, max(x)))
  })
  a <- nmf(x, 3, "lee", seed = 7, maxit = 20)
  b <- nmf(x, 3, "lee", seed = start, maxit = 20)
  expect_identical(basis(a), basis(b))
  expect_identical(coef(a), coef(b))
})

test_that("a list(W, H) or an earlier fit is a start", {
  x <- low_rank()
  fit <- nmf(x, 3, seed = 1, maxit = 5, tol = 0)
  warm <- nmf(x, 3, seed = fit, maxit = 5, tol = 0)
  expect_lt(deviance(warm), deviance(fit))
  expect_identical(warm$seed, "fit")
  lst <- nmf(x, 3, seed = list(W = basis(fit), H = coef(fit)), maxit = 5, tol = 0)
  expect_identical(coef(lst), coef(warm))
})

test_that("maxIter is an alias of maxit and .options letters are understood", {
  x <- low_rank()
  expect_identical(niter(nmf(x, 2, "lee", seed = 1, maxIter = 7)), 7L)
  fit <- nmf(x, 2, "lee", seed = 1, maxit = 30, .options = "t")
  expect_identical(residuals(fit, track = TRUE)$iteration, c(10L, 20L, 30L))
  expect_message(nmf(x, 2, "lee", seed = 1, maxit = 100, .options = "v"), "iteration 100")
  expect_silent(nmf(x, 2, "lee", seed = 1, maxit = 100))
  expect_identical(nrow(nmf(x, 2, seed = 1, .options = list(track = TRUE))$track) > 0, TRUE)
})

test_that("integer, logical, data.frame and Matrix inputs give the double-matrix fit", {
  x <- round(low_rank() * 10)
  ref <- nmf(x, 2, seed = 1, maxit = 20)
  xi <- x
  storage.mode(xi) <- "integer"
  expect_identical(coef(nmf(xi, 2, seed = 1, maxit = 20)), coef(ref))
  expect_identical(unname(coef(nmf(as.data.frame(x), 2, seed = 1, maxit = 20))), coef(ref))
  expect_equal(coef(nmf(Matrix::Matrix(x, sparse = FALSE), 2, seed = 1, maxit = 20)), coef(ref))
  xl <- x > 5
  expect_s3_class(nmf(xl, 2, seed = 1, maxit = 5), "nmfkit_fit")
})

test_that("dimnames carry over to basis rows and coef columns", {
  x <- low_rank()
  dimnames(x) <- list(paste0("g", 1:60), paste0("s", 1:40))
  fit <- nmf(x, 2, seed = 1, maxit = 5)
  expect_identical(rownames(basis(fit)), rownames(x))
  expect_identical(colnames(coef(fit)), colnames(x))
  expect_identical(names(predict(fit)), colnames(x))
})

test_that("sparse and dense input give the same fit", {
  x <- low_rank(80, 50, zeros = 0.6)
  s <- Matrix::Matrix(x, sparse = TRUE)
  expect_s4_class(s, "dgCMatrix")
  for (m in c("hals", "lee", "brunet")) {
    d <- nmf(x, 3, m, seed = 3, maxit = 60, tol = if (m == "hals") 0)
    sp <- nmf(s, 3, m, seed = 3, maxit = 60, tol = if (m == "hals") 0)
    # hals takes discrete decisions on rounded values (how many inner sweeps a
    # column gets, whether an extrapolated step is kept); near convergence
    # dense and sparse products, summed in different orders, can tip one of
    # them (here at iteration 57), which moves the factors along the flat
    # valley by about 1e-7 at the same loss
    tol <- if (m == "hals") 1e-6 else 1e-8
    expect_lt(rel_diff(basis(sp), basis(d)), tol)
    expect_lt(rel_diff(coef(sp), coef(d)), tol)
    expect_equal(deviance(sp), deviance(d), tolerance = 1e-8)
  }
  # without the inner-sweep rule's decisions, hals agrees to rounding
  d <- nmf(x, 3, "hals", seed = 3, maxit = 60, tol = 0, inner_tol = 0)
  sp <- nmf(s, 3, "hals", seed = 3, maxit = 60, tol = 0, inner_tol = 0)
  expect_lt(rel_diff(basis(sp), basis(d)), 1e-10)
})

test_that("one and two threads give the same fit", {
  x <- low_rank(300, 200, k = 5)
  s <- Matrix::Matrix(low_rank(300, 200, zeros = 0.7), sparse = TRUE)
  for (m in c("hals", "lee", "brunet")) {
    for (data in list(x, s)) {
      a <- nmf(data, 5, m, seed = 1, maxit = 40, threads = 1)
      b <- nmf(data, 5, m, seed = 1, maxit = 40, threads = 2)
      expect_identical(basis(a), basis(b))
      expect_identical(coef(a), coef(b))
      expect_identical(niter(a), niter(b))
    }
  }
})

test_that("all-zero rows and columns never give NaN", {
  x <- low_rank()
  x[5, ] <- 0
  x[, 7] <- 0
  for (m in c("hals", "lee", "brunet")) {
    for (data in list(x, Matrix::Matrix(x, sparse = TRUE))) {
      fit <- nmf(data, 3, m, seed = 1, maxit = 200)
      expect_false(anyNA(basis(fit)))
      expect_false(anyNA(coef(fit)))
      expect_true(is.finite(deviance(fit)))
      # lee's epsilon keeps a zero row's fit at a small non-zero value, as in NMF
      if (m != "lee") expect_lt(max(fitted(fit)[5, ]), 1e-6)
    }
  }
  zero <- matrix(0, 10, 8)
  for (m in c("hals", "lee", "brunet")) {
    fit <- nmf(zero, 2, m, seed = 1, maxit = 30)
    expect_false(anyNA(coef(fit)))
    expect_true(is.finite(deviance(fit)))
  }
})

test_that("rank 1 and a single column work", {
  x <- low_rank()
  fit <- nmf(x, 1, seed = 1)
  expect_equal(dim(fit), c(60L, 40L, 1L))
  one <- nmf(x[, 1, drop = FALSE], 1, "brunet", seed = 1, maxit = 50)
  expect_equal(dim(one), c(60L, 1L, 1L))
  expect_lt(deviance(one), 1e-6)
})

test_that("an ExpressionSet is read through its exprs", {
  skip_if_not_installed("Biobase")
  x <- low_rank()
  es <- Biobase::ExpressionSet(assayData = x)
  expect_identical(unname(coef(nmf(es, 2, seed = 1, maxit = 5))), coef(nmf(x, 2, seed = 1, maxit = 5)))
})

test_that("a SummarizedExperiment is read through its first or named assay", {
  skip_if_not_installed("SummarizedExperiment")
  x <- low_rank()
  se <- SummarizedExperiment::SummarizedExperiment(assays = list(a = x, b = x * 2))
  expect_identical(coef(nmf(se, 2, seed = 1, maxit = 5)), coef(nmf(x, 2, seed = 1, maxit = 5)))
  expect_identical(coef(nmf(se, 2, seed = 1, maxit = 5, assay = "b")),
                   coef(nmf(x * 2, 2, seed = 1, maxit = 5)))
})
