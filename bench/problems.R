# The benchmark problems of issue 7 (quick mode: smaller versions of the same).
# Each is list(name, title, A, k, loss, loss_fun, W0, H0): the data, the rank,
# the loss all implementations are scored with, and one random start
# (uniform, scaled so that W0 H0 has the mean of A) shared by every
# implementation whose API takes a start.

sparse_factor <- function(r, c, zero = 0.7) matrix(stats::runif(r * c), r, c) * (matrix(stats::runif(r * c), r, c) > zero)

random_start <- function(A, k, seed) {
  set.seed(seed)
  m <- nrow(A); n <- ncol(A)
  mu <- if (inherits(A, "sparseMatrix")) sum(A@x) / (as.double(m) * n) else mean(A)
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
  W <- sparse_factor(m, k)
  H <- sparse_factor(k, n)
  cells <- sort(sample.int(m * n, nnz))
  i <- (cells - 1L) %% m + 1L
  j <- (cells - 1L) %/% m + 1L
  wh <- numeric(nnz)
  for (b in split(seq_len(nnz), ceiling(seq_len(nnz) / 2e5))) {
    wh[b] <- rowSums(W[i[b], , drop = FALSE] * t(H[, j[b], drop = FALSE]))
  }
  x <- 1 + stats::rpois(nnz, 3 * wh / mean(wh))
  A <- Matrix::sparseMatrix(i = i, j = j, x = as.double(x), dims = c(m, n))
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
