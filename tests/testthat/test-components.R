# Consensus of the runs' components, cNMF-style (R/components.R).

# 40 features x 200 samples from 4 programs with disjoint support, and the
# planted basis.
planted <- function(seed = 1, noise = 0.02) {
  withr::with_seed(seed, {
    w <- matrix(stats::runif(40 * 4, 0.5, 1.5), 40, 4) * kronecker(diag(4), matrix(1, 10, 1))
    h <- matrix(stats::rexp(4 * 200), 4, 200)
    x <- w %*% h + noise * matrix(stats::runif(40 * 200), 40, 200)
    dimnames(x) <- list(paste0("f", 1:40), paste0("s", 1:200))
    list(x = x, w = w, h = h)
  })
}

unit_cols <- function(m) sweep(m, 2, sqrt(colSums(m^2)), "/")

# The permutation of the columns of `b` that best matches those of `a` (all
# permutations of a small rank), and the smallest cosine similarity under it.
best_match <- function(a, b) {
  sim <- crossprod(unit_cols(a), unit_cols(b))
  perms <- function(v) {
    if (length(v) <= 1L) return(list(v))
    do.call(c, lapply(v, function(i) lapply(perms(setdiff(v, i)), function(p) c(i, p))))
  }
  all_p <- perms(seq_len(ncol(b)))
  score <- vapply(all_p, function(p) min(sim[cbind(seq_along(p), p)]), 0)
  list(perm = all_p[[which.max(score)]], min_cosine = max(score))
}

fixture <- local({
  cache <- NULL
  function() {
    if (is.null(cache)) {
      p <- planted()
      cache <<- c(p, list(fitset = nmf(p$x, 4, nrun = 8, seed = 11)))
    }
    cache
  }
})

test_that("the consensus basis recovers the planted components and refits H on the data", {
  f <- fixture()
  cc <- consensus_components(f$fitset, f$x, seed = 1)
  expect_s3_class(cc, c("nmfkit_components", "nmfkit_fit"))
  m <- best_match(f$w, basis(cc))
  expect_gt(m$min_cosine, 0.995)
  # columns sum to 1, named as the fit's; numbered as the best run's components
  expect_equal(unname(colSums(basis(cc))), rep(1, 4))
  expect_identical(dimnames(basis(cc)), dimnames(basis(f$fitset)))
  expect_gt(min(diag(crossprod(unit_cols(basis(cc)), unit_cols(basis(f$fitset))))), 0.99)
  # H is the NNLS projection of x, the deviance half the residual sum of squares
  expect_equal(coef(cc), nmf_project(basis(cc), f$x), tolerance = 1e-12)
  expect_equal(deviance(cc), 0.5 * sum((f$x - basis(cc) %*% coef(cc))^2), tolerance = 1e-8)
  expect_equal(fitted(cc), basis(cc) %*% coef(cc))
  expect_lt(deviance(cc), deviance(f$fitset) * 1.05)
  # the planted coefficients, up to the scale of each component
  expect_gt(cor(as.vector(coef(cc)[m$perm, ]), as.vector(f$h * colSums(f$w))), 0.99)
  # fit methods apply
  expect_identical(dim(cc), c(40L, 200L, 4L))
  expect_identical(nbasis(cc), 4L)
  expect_length(predict(cc), 200)
  expect_equal(predict(cc, f$x[, 1:7]), nmf_project(basis(cc), f$x[, 1:7]))
  expect_equal(predict(cc, newdata = f$x[, 1:7]), predict(cc, f$x[, 1:7]))
  expect_length(predict(cc, "features"), 40)
  expect_identical(algorithm(cc), "components")
})

test_that("a clean problem is stable: one component per run in each cluster, silhouette near 1", {
  f <- fixture()
  cc <- consensus_components(f$fitset, f$x, seed = 1)
  expect_gt(cc$stability, 0.95)
  expect_identical(cc$dropped, 0L)
  s <- summary(cc)
  expect_named(s, c("component", "size", "runs", "silhouette"))
  expect_identical(s$size, rep(8L, 4))
  expect_identical(s$runs, rep(8L, 4))
  expect_true(all(s$silhouette > 0.95))
  expect_equal(cc$stability, mean(cc$pooled$silhouette))
  expect_identical(nrow(cc$pooled), 32L)
  expect_identical(cc$settings$neighbours, 2L)  # 30% of 8 runs, rounded down
  out <- capture.output(print(cc))
  expect_match(out[1], "consensus of 8 .* runs at rank 4, a 40 x 200 matrix")
  expect_match(out, "32 pooled, 0 dropped \\(local density >= 0.5 over 2 neighbours\\), 32 clustered", all = FALSE)
  expect_match(out, "deviance:   1/2 residual sum of squares = .* \\(best run ", all = FALSE)
})

test_that("the stability is the silhouette of cluster::silhouette, the density the mean distance to the nearest", {
  f <- fixture()
  bases <- f$fitset$bases
  pool <- nmfkit:::pool_components(bases, 4L)
  d <- as.matrix(stats::dist(t(pool$units)))
  diag(d) <- Inf
  expect_equal(nmfkit:::local_density(pool$units, 3L), unname(apply(d, 1, function(r) mean(sort(r)[1:3]))))
  # an awkward clustering (random labels) checks the silhouette formula, singletons included
  cl <- withr::with_seed(1, sample(c(1:3, sample(4, ncol(pool$units) - 3L, replace = TRUE))))
  cl[1] <- 5L
  ref <- cluster::silhouette(cl, stats::dist(t(pool$units)))
  expect_equal(nmfkit:::component_silhouette(pool$units, cl, 5L), unname(ref[, "sil_width"]))
  cc <- consensus_components(f$fitset, seed = 2)
  kept <- cc$pooled$kept
  ref <- cluster::silhouette(cc$pooled$cluster[kept], stats::dist(t(pool$units[, kept])))
  expect_equal(cc$pooled$silhouette[kept], unname(ref[, "sil_width"]))
  expect_equal(cc$clusters$silhouette, as.vector(summary(ref)$clus.avg.widths))
})

test_that("outlier components are dropped by local density, and kept with density_threshold = 2", {
  f <- fixture()
  set <- f$fitset
  # two runs each find one spurious component (random directions)
  withr::with_seed(5, {
    set$bases[[2]][, 3] <- stats::runif(40)
    set$bases[[6]][, 1] <- stats::rexp(40)
  })
  cc <- consensus_components(set, f$x, seed = 1, density_threshold = 0.3)
  dropped <- cc$pooled[!cc$pooled$kept, c("run", "component")]
  expect_identical(nrow(dropped), 2L)
  expect_identical(cc$dropped, 2L)
  expect_identical(sort(paste(dropped$run, dropped$component)), c("2 3", "6 1"))
  expect_true(all(is.na(cc$pooled$cluster[!cc$pooled$kept])))
  expect_gt(best_match(f$w, basis(cc))$min_cosine, 0.995)
  expect_identical(sum(summary(cc)$size), 30L)
  expect_match(capture.output(print(cc)), "32 pooled, 2 dropped", all = FALSE)
  expect_message(consensus_components(set, seed = 1, density_threshold = 0.3, verbose = TRUE),
                 "rank 4, 2 of 32 components dropped \\(local density >= 0.3 over 2 neighbours\\); stability")
  # kept, the outliers join clusters and lower the stability
  all_kept <- consensus_components(set, f$x, seed = 1, density_threshold = 2)
  expect_identical(all_kept$dropped, 0L)
  expect_lt(all_kept$stability, cc$stability)
  # a zero component is left out, and counted as dropped
  set$bases[[3]][, 2] <- 0
  z <- consensus_components(set, seed = 1, density_threshold = 0.3)
  expect_identical(z$dropped, 3L)
  expect_true(is.na(z$pooled$density[z$pooled$run == 3 & z$pooled$component == 2]))
})

test_that("a numeric seed gives the same consensus and leaves R's random state as it was", {
  f <- fixture()
  set.seed(99)
  before <- .Random.seed
  a <- consensus_components(f$fitset, f$x, seed = 7, density_threshold = 2)
  expect_identical(.Random.seed, before)
  b <- consensus_components(f$fitset, f$x, seed = 7, density_threshold = 2)
  expect_identical(basis(a), basis(b))
  expect_identical(coef(a), coef(b))
  expect_identical(a$pooled, b$pooled)
  # seed = NULL draws from R's generator as it stands
  set.seed(3)
  c1 <- consensus_components(f$fitset, seed = NULL)
  expect_false(identical(.Random.seed, {
    set.seed(3)
    .Random.seed
  }))
  set.seed(3)
  c2 <- consensus_components(f$fitset)
  expect_identical(basis(c1), basis(c2))
  # with no .Random.seed, none is left behind
  withr::with_preserve_seed({
    rm(".Random.seed", envir = globalenv())
    consensus_components(f$fitset, seed = 1)
    expect_false(exists(".Random.seed", envir = globalenv(), inherits = FALSE))
  })
})

test_that("dense and sparse data give the same consensus fit", {
  f <- fixture()
  xs <- f$x
  xs[xs < 0.3] <- 0
  sp <- Matrix::Matrix(xs, sparse = TRUE)
  expect_s4_class(sp, "dgCMatrix")
  res <- nmf(sp, 4, nrun = 4, seed = 2)
  dense <- consensus_components(res, xs, seed = 1)
  sparse <- consensus_components(res, sp, seed = 1)
  expect_identical(basis(dense), basis(sparse))
  expect_equal(coef(dense), coef(sparse), tolerance = 1e-10)
  expect_equal(deviance(dense), deviance(sparse), tolerance = 1e-10)
  expect_equal(deviance(sparse), 0.5 * sum((xs - basis(sparse) %*% coef(sparse))^2), tolerance = 1e-8)
})

test_that("without x the consensus basis alone is returned", {
  f <- fixture()
  cc <- consensus_components(f$fitset, seed = 1)
  expect_s3_class(cc, "nmfkit_components")
  expect_false(inherits(cc, "nmfkit_fit"))
  expect_identical(basis(cc), basis(consensus_components(f$fitset, f$x, seed = 1)))
  expect_identical(nbasis(cc), 4L)
  expect_equal(predict(cc, f$x[, 1:3]), nmf_project(basis(cc), f$x[, 1:3]))
  expect_equal(predict(cc, newdata = f$x[, 1:3], threads = 1), nmf_project(basis(cc), f$x[, 1:3]))
  expect_match(capture.output(print(cc)), "no coefficients: give the data `x` to refit them", all = FALSE)
  expect_error(coef(cc), "coef\\(\\) needs coefficients: this consensus has none; call consensus_components")
  expect_error(fitted(cc), "fitted\\(\\) needs coefficients")
  expect_error(deviance(cc), "deviance\\(\\) needs coefficients")
  expect_error(predict(cc), "predict\\(\\) without `newdata` needs coefficients")
})

test_that("a survey gives a consensus per rank, or of the rank asked for", {
  f <- fixture()
  est <- nmf(f$x, 3:4, nrun = 4, seed = 1)
  all <- consensus_components(est, f$x, seed = 1)
  expect_named(all, c("3", "4"))
  expect_identical(vapply(all, nbasis, 0L), c("3" = 3L, "4" = 4L))
  four <- consensus_components(est, f$x, rank = 4, seed = 1)
  expect_identical(basis(four), basis(all[["4"]]))
  expect_identical(basis(four), basis(consensus_components(est$fit[["4"]], f$x, seed = 1)))
  expect_identical(basis(consensus_components(f$fitset, rank = 4, seed = 1)),
                   basis(consensus_components(f$fitset, seed = 1)))
})

test_that("a fitset with keep_all but without bases (an older nmfkit's) uses its runs' fits", {
  f <- fixture()
  res <- nmf(f$x, 4, nrun = 3, seed = 4, keep_all = TRUE)
  old <- res
  old$bases <- NULL
  expect_identical(basis(consensus_components(old, seed = 1)), basis(consensus_components(res, seed = 1)))
})

test_that("every argument is checked", {
  f <- fixture()
  set <- f$fitset
  expect_error(consensus_components(set$fit), "`object` is a single run: consensus_components\\(\\) combines")
  expect_error(consensus_components(f$x), "`object` must be a fitset .* or a rank survey .*, not a 40 x 200 matrix")
  one <- nmf(f$x, 3:4, nrun = 1, seed = 1)
  expect_error(consensus_components(one), "`object` has 1 run at rank 3: consensus_components\\(\\) needs at least 2")
  est <- nmf(f$x, 3:4, nrun = 2, seed = 1)
  expect_error(consensus_components(est, rank = 5), "`rank` must be one of the survey's ranks \\(3, 4\\), not 5")
  expect_error(consensus_components(est, rank = "4"), "`rank` must be one of the survey's ranks \\(3, 4\\), not \"4\"")
  expect_error(consensus_components(set, rank = 3), "`rank` must be NULL or the fitset's rank \\(4\\), not 3")
  expect_error(consensus_components(set[, , 1:4]), "`object` keeps no basis of its runs at rank 4")
  expect_error(consensus_components(set, f$x[-1, ]),
               "`x` must be the data of the fit, 40 x 200 \\(features x samples\\), not 39 x 200")
  expect_error(consensus_components(set, -f$x), "negative")
  for (bad in list(0, 2.5, -1, NA, "a", c(0.1, 0.2))) {
    expect_error(consensus_components(set, density_threshold = bad),
                 "`density_threshold` must be a single number in \\(0, 2\\]")
  }
  for (bad in list(0, 1.5, NA, "a")) {
    expect_error(consensus_components(set, neighbourhood = bad),
                 "`neighbourhood` must be a single number in \\(0, 1\\]")
  }
  expect_error(consensus_components(set, nstart = 0), "`nstart` must be a whole number of at least 1, not 0")
  expect_error(consensus_components(set, seed = "a"), "`seed` must be a single number or NULL, not \"a\"")
  expect_error(consensus_components(set, threads = 0), "`threads` must be a whole number of at least 1")
  expect_error(consensus_components(set, verbose = NA), "`verbose` must be TRUE or FALSE")
  expect_error(consensus_components(set, density_threshold = 1e-12),
               "Only 0 of the 32 pooled components have a local density below `density_threshold` = 1e-12: k-means")
  same <- set
  same$bases <- lapply(same$bases, function(b) matrix(c(rep(1, 20), rep(0, 20)), 40, 4))
  expect_error(consensus_components(same, seed = 1),
               "k-means cannot cluster the components kept into 4 clusters \\(the rank\\): only 1 of them are distinct")
})
