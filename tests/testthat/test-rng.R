test_that("the runs' streams are rngtools::RNGseq's, as in the NMF package", {
  skip_if_not_installed("rngtools")
  # with_preserve_seed() keeps .Random.seed, not the generator kind when
  # there is no .Random.seed: put the kind back too
  kind <- RNGkind()
  withr::defer(RNGkind(kind[1], kind[2], kind[3]))
  streams <- nmfkit:::rng_streams(nmfkit:::rng_base(123), 4)
  ref <- withr::with_preserve_seed(rngtools::RNGseq(4, 123))
  expect_identical(lapply(streams, as.integer), lapply(ref, as.integer))
  withr::with_preserve_seed({
    RNGkind("L'Ecuyer-CMRG")
    streams <- nmfkit:::rng_streams(nmfkit:::rng_base(7), 3)
    ref <- withr::with_preserve_seed(rngtools::RNGseq(3, 7))
    expect_identical(lapply(streams, as.integer), lapply(ref, as.integer))
  })
})

test_that("a numeric seed leaves the user's random state and generator kind alone", {
  withr::local_seed(42)
  before <- .Random.seed
  kind <- RNGkind()
  nmfkit:::rng_base(5)
  nmf(low_rank(), 2, nrun = 3, seed = 5, maxit = 20)
  expect_identical(.Random.seed, before)
  expect_identical(RNGkind(), kind)
})

test_that("without a .Random.seed, none is left behind and the kind is kept", {
  withr::local_preserve_seed()
  if (exists(".Random.seed", envir = globalenv())) rm(".Random.seed", envir = globalenv())
  kind <- RNGkind()
  a <- nmfkit:::with_rng_state(nmfkit:::rng_base(1), stats::runif(2))
  expect_false(exists(".Random.seed", envir = globalenv()))
  expect_identical(RNGkind(), kind)
  b <- nmfkit:::with_rng_state(nmfkit:::rng_base(1), stats::runif(2))
  expect_identical(a, b)
})

test_that("seed = NULL draws the streams from the user's generator", {
  x <- low_rank()
  withr::local_seed(3)
  a <- nmf(x, 2, nrun = 2, maxit = 20)
  b <- nmf(x, 2, nrun = 2, maxit = 20)
  expect_false(identical(coef(a), coef(b)))
  set.seed(3)
  c <- nmf(x, 2, nrun = 2, maxit = 20)
  expect_identical(coef(a), coef(c))
  withr::with_preserve_seed({
    RNGkind("L'Ecuyer-CMRG")
    set.seed(9)
    s <- .Random.seed
    nmf(x, 2, nrun = 2, maxit = 20)
    expect_identical(.Random.seed[2:7], parallel::nextRNGStream(s)[2:7])
  })
})
