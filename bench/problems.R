# The benchmark problems of issue 7 (quick mode: smaller versions of the same).
# Each is list(name, title, A, k, loss, loss_fun, W0, H0): the data, the rank,
# the loss all implementations are scored with, and one random start
# (uniform, scaled so that W0 H0 has the mean of A) shared by every
# implementation whose API takes a start.

# An r x c factor: entries from `draw` (uniform by default), 70% of them set to zero.
sparse_factor <- function(r, c, zero = 0.7, draw = stats::runif) {
  matrix(draw(r * c), r, c) * (matrix(stats::runif(r * c), r, c) > zero)
}

# A random support of nnz cells of an m x n matrix (sorted, column-major) and
# the model's W H on it (evaluated on the support only, never forming W H).
support_values <- function(W, H, nnz) {
  m <- nrow(W)
  cells <- sort(sample.int(m * ncol(H), nnz))
  i <- (cells - 1L) %% m + 1L
  j <- (cells - 1L) %/% m + 1L
  wh <- numeric(nnz)
  for (b in split(seq_len(nnz), ceiling(seq_len(nnz) / 2e5))) {
    wh[b] <- rowSums(W[i[b], , drop = FALSE] * t(H[, j[b], drop = FALSE]))
  }
  list(i = i, j = j, wh = wh)
}

random_start <- function(A, k, seed) {
  set.seed(seed)
  m <- nrow(A); n <- ncol(A)
  mu <- if (inherits(A, "sparseMatrix")) sum(A@x) / (as.double(m) * n) else mean(A, na.rm = TRUE)
  s <- sqrt(mu / (k * 0.25))
  list(W0 = matrix(stats::runif(m * k), m, k) * s, H0 = matrix(stats::runif(k * n), k, n) * s)
}

finish_problem <- function(name, title, A, k, loss = "frobenius", seed = 7L) {
  if (is.matrix(A)) storage.mode(A) <- "double"
  p <- c(list(name = name, title = title, A = A, k = k, loss = loss,
              loss_fun = switch(loss, frobenius = function(W, H) loss_frobenius(A, W, H),
                                kl = function(W, H) loss_kl(A, W, H))),
         random_start(A, k, seed))
  p
}

problem_dense <- function(easy = FALSE) {
  set.seed(20261123)
  m <- if (bench_quick) 400 else 2000
  n <- if (bench_quick) 200 else 1000
  k <- 10
  A <- if (easy) {
    matrix(stats::runif(m * k), m) %*% matrix(stats::runif(k * n), k)
  } else {
    sparse_factor(m, k) %*% sparse_factor(k, n)
  }
  A <- A + 0.1 * mean(A) * matrix(stats::runif(m * n), m, n)
  finish_problem(if (easy) "dense-easy" else "dense",
                 sprintf("Dense %d x %d, rank %d, %s factors + 10%% noise", m, n, k,
                         if (easy) "positive" else "70%-zero"), A, k)
}

# Text-like: a random support of 0.5% of the cells, counts 1 + Poisson(3 WH /
# mean WH) from a rank-20 model with 70%-zero factors (WH evaluated on the
# support only).
problem_sparse <- function() {
  set.seed(20261124)
  m <- if (bench_quick) 4000 else 20000
  n <- if (bench_quick) 2000 else 10000
  k <- 20
  nnz <- round(0.005 * m * n)
  s <- support_values(sparse_factor(m, k), sparse_factor(k, n), nnz)
  x <- 1 + stats::rpois(nnz, 3 * s$wh / mean(s$wh))
  A <- Matrix::sparseMatrix(i = s$i, j = s$j, x = as.double(x), dims = c(m, n))
  finish_problem("sparse", sprintf("Sparse %d x %d, %.1f%% non-zero (nnz %.2g), rank %d, counts", m, n,
                                   100 * nnz / (m * n), nnz, k), A, k)
}

problem_golub <- function() {
  if (!requireNamespace("NMF", quietly = TRUE) || !requireNamespace("Biobase", quietly = TRUE)) return(NULL)
  env <- new.env()
  utils::data("esGolub", package = "NMF", envir = env)
  A <- Biobase::exprs(env$esGolub)
  dimnames(A) <- NULL
  finish_problem("golub", sprintf("Golub (esGolub) %d x %d, rank 3", nrow(A), ncol(A)), A, 3L)
}

problem_kl <- function() {
  set.seed(20261125)
  m <- if (bench_quick) 1000 else 5000
  n <- if (bench_quick) 400 else 2000
  k <- 10
  L <- sparse_factor(m, k) %*% sparse_factor(k, n)
  L <- L + 0.1 * mean(L)  # a background rate: no all-zero rows (the NMF package refuses them)
  A <- matrix(as.double(stats::rpois(m * n, 2 * L / mean(L))), m, n)
  p <- finish_problem("kl", sprintf("Counts %d x %d (Poisson, mean 2.2), rank %d, KL divergence", m, n, k), A, k,
                      "kl")
  # KL iterations cost far more than Frobenius ones on dense data: 4x the budget,
  # and the time to reach the NMF package's brunet's last loss is reported too
  p$budget_scale <- 4
  p$reference <- "^NMF .* brunet$"
  # and the time to the loss where brunet stops by its own rule (what a user of
  # the NMF package gets), against that run's time
  p$own_stop <- "brunet"
  p
}

make_problem <- function(name) {
  switch(name,
         "dense" = problem_dense(FALSE),
         "dense-easy" = problem_dense(TRUE),
         "sparse" = problem_sparse(),
         "golub" = problem_golub(),
         "kl" = problem_kl(),
         stop("unknown problem ", name))
}

try_sklearn <- function(...) {
  tryCatch(sklearn_runners(...), error = function(e) {
    cat("  scikit-learn left out:", conditionMessage(e), "\n")
    list()
  })
}

# The implementations run on each problem (those whose package is missing are
# left out by the runner constructors).
problem_impls <- function(p) {
  out <- list()
  add <- function(im) {
    im <- tryCatch(im, error = function(e) {
      cat("  left out:", conditionMessage(e), "\n")
      NULL
    })
    if (!is.null(im)) out[[paste(im$implementation, im$method)]] <<- im
  }
  if (p$loss == "frobenius") {
    for (m in c("hals", "anls")) add(nmfkit_runner(p, m))
    add(rcppml_runner(p))
    for (a in c("anlsbpp", "hals")) add(rcppplanc_runner(p, a))
    for (im in try_sklearn(p, c("cd", "mu"))) add(im)
    if (p$name != "sparse") {
      add(nmfkit_runner(p, "lee", budget = bench_budget / 2))
      add(nmfpkg_runner(p, "lee"))
    }
  } else {
    add(nmfkit_runner(p, "kl"))
    add(nmfkit_runner(p, "brunet", budget = bench_budget / 2))
    add(nmfpkg_runner(p, "brunet"))
    for (im in try_sklearn(p, "mu", beta_loss = "kullback-leibler")) add(im)
  }
  if (!is.null(p$budget_scale)) out <- lapply(out, function(im) `[[<-`(im, "budget", im$budget * p$budget_scale))
  out
}

## The wide bench (bench/bench-wide.R, issue 16) ------------------------------
# Problems nmfkit was not tuned on. Each recipe has its own seed; quick mode
# (NMFKIT_BENCH_QUICK=1) shrinks the sizes, not the recipe.

# Dense m x n: a rank-k model with 70%-zero uniform factors plus 10% uniform
# noise (problem_dense's recipe at another shape or rank), fitted at rank k.
problem_dense_shape <- function(name, m, n, k, seed) {
  set.seed(seed)
  A <- sparse_factor(m, k) %*% sparse_factor(k, n)
  A <- A + 0.1 * mean(A) * matrix(stats::runif(m * n), m, n)
  finish_problem(name, sprintf("Dense %d x %d, rank %d, 70%%-zero factors + 10%% noise", m, n, k), A, k)
}

# Sparse m x n at a given density: problem_sparse's recipe (a random support,
# counts 1 + Poisson(3 WH / mean WH) from a rank-k model with 70%-zero factors).
problem_sparse_density <- function(name, m, n, density, k, seed) {
  set.seed(seed)
  nnz <- round(density * m * n)
  s <- support_values(sparse_factor(m, k), sparse_factor(k, n), nnz)
  x <- 1 + stats::rpois(nnz, 3 * s$wh / mean(s$wh))
  A <- Matrix::sparseMatrix(i = s$i, j = s$j, x = as.double(x), dims = c(m, n))
  finish_problem(name, sprintf("Sparse %d x %d, %g%% non-zero (nnz %.2g), rank %d, counts", m, n, 100 * density,
                               nnz, k), A, k)
}

# The problem of issue 16: sparse exponential factors (rexp times a 70%-zero
# mask), rank 20, a random support of 1.2e6 cells (of 20000 x 10000) where
# W H > 0 (about 85% of them: ~1e6 non-zeros), multiplicative log-normal noise
# WH * exp(0.3 N(0, 1)).
problem_sparse_exp <- function() {
  set.seed(20261216)
  m <- if (bench_quick) 4000 else 20000
  n <- if (bench_quick) 2000 else 10000
  k <- 20
  s <- support_values(sparse_factor(m, k, draw = stats::rexp), sparse_factor(k, n, draw = stats::rexp),
                      round(0.006 * m * n))
  keep <- s$wh > 0
  x <- s$wh[keep] * exp(0.3 * stats::rnorm(sum(keep)))
  A <- Matrix::sparseMatrix(i = s$i[keep], j = s$j[keep], x = x, dims = c(m, n))
  finish_problem("sparse-exp", sprintf("Sparse %d x %d (nnz %.2g), rank %d, exponential factors, log-normal noise",
                                       m, n, length(x), k), A, k)
}

# Sparse counts for KL, wider than tall and sparser than problem_kl:
# Poisson(0.25 L / mean L) with L a rank-15 model of 70%-zero factors plus a 5%
# background rate (no all-zero rows or columns), stored as a dgCMatrix (~80%
# zeros). 2000 x 3000 only: fastTopics' SCD takes ~0.7 s an iteration there
# and ~70 s for its default 100 (2 threads).
problem_kl_sparse <- function() {
  set.seed(20261217)
  m <- if (bench_quick) 1000 else 2000
  n <- if (bench_quick) 2000 else 3000
  k <- 15
  L <- sparse_factor(m, k) %*% sparse_factor(k, n)
  L <- L + 0.05 * mean(L)
  A <- methods::as(Matrix::Matrix(as.double(stats::rpois(m * n, 0.25 * L / mean(L))), m, n, sparse = TRUE),
                   "CsparseMatrix")
  p <- finish_problem("kl-sparse", sprintf("Sparse counts %d x %d (Poisson, mean 0.25, %.0f%% zero), rank %d, KL",
                                           m, n, 100 * (1 - length(A@x) / (as.double(m) * n)), k), A, k, "kl")
  p$budget_scale <- 4  # as problem_kl: KL iterations are costly
  p
}

# Missing values: problem_dense's recipe (2000 x 1000, rank 10) with 30% of the
# cells (a uniform random set) NA; the loss is over the observed cells only.
problem_missing <- function() {
  m <- if (bench_quick) 400 else 2000
  n <- if (bench_quick) 200 else 1000
  p <- problem_dense_shape("missing", m, n, 10L, 20261218)
  A <- p$A
  A[sample.int(length(A), round(0.3 * length(A)))] <- NA
  p <- finish_problem("missing", sprintf("Dense %d x %d, rank 10, 70%%-zero factors + 10%% noise, 30%% of cells NA",
                                          m, n), A, 10L)
  p$missing <- TRUE
  p
}

wide_problem_names <- c("tall", "wide", "dense-k2", "dense-k5", "dense-k30", "dense-k50", "sparse-0.1pct",
                        "sparse-1pct", "sparse-10pct", "sparse-exp", "kl-sparse", "missing")

make_wide_problem <- function(name) {
  q <- bench_quick
  switch(name,
         "tall" = problem_dense_shape(name, if (q) 10000 else 100000, if (q) 100 else 200, 10L, 20261211),
         "wide" = problem_dense_shape(name, if (q) 100 else 200, if (q) 10000 else 100000, 10L, 20261212),
         "dense-k2" = , "dense-k5" = , "dense-k30" = , "dense-k50" =
           problem_dense_shape(name, if (q) 400 else 2000, if (q) 200 else 1000, as.integer(sub("dense-k", "", name)),
                               20261213),
         "sparse-0.1pct" = problem_sparse_density(name, if (q) 4000 else 20000, if (q) 2000 else 10000, 0.001, 20L,
                                                  20261214),
         "sparse-1pct" = problem_sparse_density(name, if (q) 4000 else 20000, if (q) 2000 else 10000, 0.01, 20L,
                                                20261214),
         "sparse-10pct" = problem_sparse_density(name, if (q) 1000 else 5000, if (q) 800 else 4000, 0.1, 20L,
                                                 20261215),
         "sparse-exp" = problem_sparse_exp(),
         "kl-sparse" = problem_kl_sparse(),
         "missing" = problem_missing(),
         stop("unknown problem ", name, "; the wide problems are: ", paste(wide_problem_names, collapse = " ")))
}
