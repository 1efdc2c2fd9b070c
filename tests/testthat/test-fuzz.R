# Fuzz test: random shapes, sparsity, ranks, methods and options, run in a
# child R process so that a crash is caught and reported with its case. Each
# case must either fail with a clear R error or return finite factors and a
# finite deviance. 30 cases by default (fixed seed); more with the
# environment variable NMFKIT_FUZZ_N (and another seed with NMFKIT_FUZZ_SEED).

fuzz_n <- function() {
  n <- suppressWarnings(as.integer(Sys.getenv("NMFKIT_FUZZ_N", "30")))
  if (is.na(n) || n < 1L) 30L else n
}

# One random case: everything needed to build the data and call nmf().
fuzz_case <- function(i) {
  methods <- nmf_methods()$method
  dim_of <- function() sample(c(1L, 2L, 3L, sample(4:40, 1L)), 1L, prob = c(0.1, 0.1, 0.1, 0.7))
  m <- dim_of()
  n <- dim_of()
  method <- sample(methods, 1L)
  rank <- if (stats::runif(1) < 0.2) min(m, n) else sample.int(min(m, n), 1L)
  case <- list(
    id = i, m = m, n = n, method = method, rank = rank,
    sparse = stats::runif(1) < 0.4,
    density = sample(c(0, 0.02, 0.1, 0.5, 1), 1L, prob = c(0.05, 0.15, 0.3, 0.25, 0.25)),
    scale = sample(c(1, 1e-3, 1e3, 1e6), 1L),
    integer = stats::runif(1) < 0.2,
    data_seed = sample.int(1e6, 1L),
    seed = sample(list(NULL, 1L, 123L, "random", "nndsvd", "nndsvda", "nndsvdar"), 1L)[[1L]],
    nrun = sample(1:3, 1L, prob = c(0.6, 0.2, 0.2)),
    threads = sample(1:2, 1L),
    maxit = sample(c(1L, 5L, 30L, 100L), 1L),
    params = list(), na = 0, mask = "none"
  )
  if (method %in% c("hals", "anls", "kl")) {
    if (stats::runif(1) < 0.3) case$params$L1 <- sample(c(0, 0.01, 1, 10), 2L, replace = TRUE)
    if (stats::runif(1) < 0.3) case$params$L2 <- sample(c(0, 0.01, 1, 10), 2L, replace = TRUE)
    case$na <- sample(c(0, 0, 0.05, 0.3, 1), 1L)
    case$mask <- sample(c("none", "none", "matrix", "zeros"), 1L)
  }
  if (method == "ls-nmf") case$na <- sample(c(0, 0.1), 1L)
  if (method == "pe-nmf") case$params <- list(alpha = sample(c(0, 0.1, 1), 1L), beta = sample(c(0, 0.1, 1), 1L))
  if (method == "nsNMF") case$params$theta <- sample(c(0, 0.5, 1), 1L)
  if (method %in% c("snmf/r", "snmf/l")) case$params$beta <- sample(c(0.001, 0.01, 1), 1L)
  case
}

# Runs the cases in this process (called in the child). Writes the id of the
# case about to run to `progress`, so that a crash names its case.
run_fuzz_cases <- function(cases, progress) {
  library(nmfkit)
  make_data <- function(case) {
    set.seed(case$data_seed)
    x <- matrix(0, case$m, case$n)
    on <- stats::runif(length(x)) < case$density
    x[on] <- stats::rexp(sum(on)) * case$scale
    if (case$integer) x <- round(x)
    if (case$na > 0) x[stats::runif(length(x)) < case$na] <- NA
    if (case$sparse) x <- Matrix::Matrix(x, sparse = TRUE)
    if (case$sparse) x <- methods::as(methods::as(x, "generalMatrix"), "CsparseMatrix")
    x
  }
  check_fit <- function(f) {
    if (inherits(f, "nmfkit_fitset")) {
      if (!all(is.finite(f$consensus))) return("non-finite consensus")
      f <- f$fit
    }
    if (!inherits(f, "nmfkit_fit")) return(sprintf("returned %s", class(f)[1L]))
    if (!all(is.finite(f$W))) return("non-finite W")
    if (!all(is.finite(f$H))) return("non-finite H")
    if (!is.finite(f$deviance)) return(sprintf("deviance %s", format(f$deviance)))
    if (any(f$W < 0) || any(f$H < 0)) return("negative factors")
    "ok"
  }
  lapply(cases, function(case) {
    cat(case$id, "\n", file = progress)
    x <- make_data(case)
    args <- c(list(x, case$rank, case$method, seed = case$seed, nrun = case$nrun, maxit = case$maxit,
                   threads = case$threads), case$params)
    if (case$mask == "matrix") args$mask <- matrix(stats::runif(length(x)) < 0.1, nrow(x))
    if (case$mask == "zeros") args$mask <- "zeros"
    if (case$method == "ls-nmf") args$weight <- matrix(stats::runif(length(x)), nrow(x))
    out <- tryCatch(suppressWarnings(list(result = check_fit(do.call(nmfkit::nmf, args)))),
                    error = function(e) list(error = conditionMessage(e)))
    c(list(id = case$id), out)
  })
}

test_that("random calls of nmf() never crash R and never return NaN", {
  skip_if_not_installed("callr")
  n <- fuzz_n()
  seed <- suppressWarnings(as.integer(Sys.getenv("NMFKIT_FUZZ_SEED", "20261123")))
  cases <- withr::with_seed(if (is.na(seed)) 20261123L else seed, lapply(seq_len(n), fuzz_case))
  progress <- withr::local_tempfile()
  res <- tryCatch(
    callr::r(run_fuzz_cases, args = list(cases = cases, progress = progress)),
    error = function(e) e)
  if (inherits(res, "error")) {
    last <- suppressWarnings(as.integer(readLines(progress, warn = FALSE)))
    case <- if (length(last) && !is.na(last[1])) cases[[last[1]]] else NULL
    fail(sprintf("the child R process died (%s) in case %s:\n%s", conditionMessage(res),
                 if (is.null(case)) "?" else case$id, paste(utils::capture.output(utils::str(case)), collapse = "\n")))
    return(invisible())
  }
  expect_length(res, n)
  # R's own internal errors mean an unchecked argument reached code that
  # could not handle it
  unclear <- paste("subscript out of bounds|missing value where|non-numeric argument|NA/NaN argument",
                   "argument of length 0|\\$ operator|non-conformable|replacement has|invalid 'times'",
                   "internal error|NAs introduced|cannot allocate|std::bad_alloc", sep = "|")
  for (r in res) {
    case <- cases[[r$id]]
    label <- paste(utils::capture.output(dput(case[c("m", "n", "method", "rank", "sparse", "density", "scale",
                                                    "seed", "nrun", "maxit", "params", "na", "mask")])),
                   collapse = "")
    if (!is.null(r$error)) {
      expect_true(nzchar(r$error), label = label)
      expect_false(grepl(unclear, r$error), label = sprintf("unclear error \"%s\" for %s", r$error, label))
    } else {
      expect_identical(r$result, "ok", label = label)
    }
  }
  n_err <- sum(vapply(res, function(r) !is.null(r$error), NA))
  expect_lt(n_err, n) # most cases fit
})
