# The implementations compared by bench/bench-target.R and bench/bench-wide.R,
# each wrapped as a runner: a function of `maxit` that fits from the problem's
# start and returns list(W, H, seconds, iterations). Every runner is built only
# when its package (or Python's scikit-learn) is installed; nmfkit, the NMF
# package, RcppPlanc, scikit-learn and fastTopics start from the same W0/H0,
# RcppML 1.0 from W0 (its first step solves H from W), RcppML 0.3.7 only takes
# an integer seed (its own random start). `setting` says which of the wide
# bench's comparisons a runner stands for: "default" (the package's own thread
# count), "equal" (bench_threads), "default=equal" (both: they coincide).

impl <- function(implementation, method, run, threads, start = "W0/H0", budget = bench_budget, setting = NA) {
  list(implementation = implementation, method = method, run = run, threads = threads, start = start,
       budget = budget, setting = setting)
}

# method = NULL: nmfkit's default (anls on dense or masked data, hals on sparse);
# threads = NULL: its default thread count (default_threads(): the physical cores).
nmfkit_runner <- function(p, method, budget = bench_budget, threads = bench_threads, setting = NA) {
  force(method)
  force(threads)
  label <- if (is.null(method)) {
    sprintf("default (%s)", nmfkit::nmf(p$A, p$k, seed = list(W = p$W0, H = p$H0), maxit = 1L, tol = 0)$method)
  } else {
    method
  }
  impl(sprintf("nmfkit %s", pkg_version("nmfkit")), label, function(maxit) {
    # tol = 0: run maxit iterations (the NMF-package methods keep their own stopping rule)
    tol <- if (is.null(method) || method %in% c("hals", "anls", "kl")) 0 else NULL
    t <- elapsed(f <- nmfkit::nmf(p$A, p$k, method, seed = list(W = p$W0, H = p$H0), maxit = maxit, tol = tol,
                                   threads = threads))
    list(W = nmfkit::basis(f), H = stats::coef(f), seconds = t, iterations = nmfkit::niter(f))
  }, if (is.null(threads)) sprintf("default (%d)", nmfkit::default_threads()) else threads, budget = budget,
  setting = setting)
}

# threads = 0: RcppML's default (all cores).
rcppml_runner <- function(p, threads = bench_threads, setting = NA) {
  if (!requireNamespace("RcppML", quietly = TRUE)) return(NULL)
  force(threads)
  impl(sprintf("RcppML %s", pkg_version("RcppML")), "nmf (ALS)", function(maxit) {
    RcppML::setRcppMLthreads(threads)
    t <- elapsed(r <- RcppML::nmf(p$A, p$k, tol = 0, maxit = maxit, seed = 1L, verbose = FALSE))
    list(W = r$w %*% diag(r$d, length(r$d)), H = r$h, seconds = t, iterations = r$iter)
  }, if (threads == 0) sprintf("0 (all: %d)", parallel::detectCores()) else threads, start = "own (seed = 1)",
  setting = setting)
}

# The NMF package on dense data only (it would densify a sparse matrix), run for
# exactly `maxit` iterations (its stopping rule switched off), capped at 60 s.
nmfpkg_runner <- function(p, method) {
  if (inherits(p$A, "sparseMatrix") || !requireNamespace("NMF", quietly = TRUE)) return(NULL)
  suppressPackageStartupMessages(requireNamespace("NMF"))
  force(method)
  start <- NMF::nmfModel(W = p$W0, H = p$H0)
  never <- function(strategy, i, target, data, ...) FALSE
  run <- function(maxit) {
    t <- elapsed(f <- NMF::nmf(p$A, p$k, method, seed = start, maxIter = maxit, .stop = never, .options = "-p"))
    list(W = NMF::basis(f), H = NMF::coef(f), seconds = t, iterations = NMF::niter(f))
  }
  invisible(run(1L))  # the NMF package's first call in a session is slow
  impl(sprintf("NMF %s", pkg_version("NMF")), method, run, 1L, budget = bench_budget / 2)
}

# The NMF package's method as a user calls it: its own stopping rule (brunet:
# the connectivity rule, at most 2000 iterations), one timed run from W0/H0.
# Returns list(method, iterations, seconds, loss), or NULL without the package.
nmfpkg_own_stop <- function(p, method) {
  if (inherits(p$A, "sparseMatrix") || !requireNamespace("NMF", quietly = TRUE)) return(NULL)
  suppressPackageStartupMessages(requireNamespace("NMF"))
  start <- NMF::nmfModel(W = p$W0, H = p$H0)
  invisible(NMF::nmf(p$A[1:50, 1:20], 2L, method, .options = "-p"))  # first call in a session is slow
  t <- elapsed(f <- NMF::nmf(p$A, p$k, method, seed = start, .options = "-p"))
  list(implementation = sprintf("NMF %s", pkg_version("NMF")), method = method, iterations = NMF::niter(f),
       seconds = t, loss = p$loss_fun(NMF::basis(f), NMF::coef(f)))
}

rcppplanc_runner <- function(p, algo) {
  if (!requireNamespace("RcppPlanc", quietly = TRUE)) return(NULL)
  force(algo)
  impl(sprintf("RcppPlanc %s", pkg_version("RcppPlanc")), algo, function(maxit) {
    # (it prints progress on stdout: captured, which costs microseconds)
    t <- elapsed(utils::capture.output(r <- RcppPlanc::nmf(p$A, p$k, niter = maxit, algo = algo,
                                                           nCores = bench_threads, Winit = p$W0,
                                                           Hinit = t(p$H0))))
    list(W = r$W, H = t(r$H), seconds = t, iterations = maxit)
  }, bench_threads)
}

## scikit-learn through a python3 subprocess -----------------------------------

find_python <- function() {
  cands <- c(Sys.getenv("NMFKIT_BENCH_PYTHON"), "/usr/bin/python3", Sys.which("python3"))
  for (py in unique(cands[nzchar(cands)])) {
    ok <- suppressWarnings(tryCatch(
      system2(py, c("-c", shQuote("import numpy, scipy, sklearn")), stdout = FALSE, stderr = FALSE),
      error = function(e) 1L))
    if (identical(ok, 0L)) return(py)
  }
  ""
}

sklearn_version <- function(py) {
  system2(py, c("-c", shQuote("import sklearn; print(sklearn.__version__)")), stdout = TRUE)
}

# Starts bench/sklearn_server.py on the problem's data (written once to binary
# files) and returns runners for the given solvers. The server times each fit
# inside Python (perf_counter around fit_transform), so start-up and data
# transfer are excluded.
sklearn_runners <- function(p, solvers, beta_loss = "frobenius") {
  py <- find_python()
  if (!nzchar(py) || !requireNamespace("processx", quietly = TRUE)) return(list())
  dir <- tempfile("nmfkit-bench-")
  dir.create(dir)
  A <- p$A
  if (inherits(A, "sparseMatrix")) {
    A <- methods::as(A, "CsparseMatrix")
    writeBin(as.integer(A@i), file.path(dir, "i.bin"), size = 4)
    writeBin(as.integer(rep.int(seq_len(ncol(A)) - 1L, diff(A@p))), file.path(dir, "j.bin"), size = 4)
    writeBin(as.double(A@x), file.path(dir, "x.bin"))
    kind <- "sparse"
  } else {
    writeBin(as.double(A), file.path(dir, "A.bin"))
    kind <- "dense"
  }
  writeBin(as.double(p$W0), file.path(dir, "W0.bin"))
  writeBin(as.double(p$H0), file.path(dir, "H0.bin"))
  writeLines(sprintf("%s %d %d %d", kind, nrow(A), ncol(A), p$k), file.path(dir, "meta.txt"))
  script <- file.path("bench", "sklearn_server.py")
  proc <- processx::process$new(py, c(script, dir), stdin = "|", stdout = "|", stderr = "|",
                                env = c("current", OMP_NUM_THREADS = "1", OPENBLAS_NUM_THREADS = "1"))
  read_line <- function(timeout_s) {
    deadline <- Sys.time() + timeout_s
    repeat {
      l <- proc$read_output_lines(n = 1)
      if (length(l)) return(l)
      if (!proc$is_alive()) stop("sklearn server died: ", paste(proc$read_all_error_lines(), collapse = "\n"))
      if (Sys.time() > deadline) stop("sklearn server timed out")
      proc$poll_io(1000)
    }
  }
  hello <- read_line(600)
  if (!startsWith(hello, "ready")) stop("sklearn server: ", hello)
  ver <- sklearn_version(py)
  m <- nrow(A); n <- ncol(A); k <- p$k
  lapply(solvers, function(solver) {
    impl(sprintf("scikit-learn %s", ver), sprintf("%s%s", solver, if (beta_loss == "frobenius") "" else " (KL)"),
         function(maxit) {
           out <- file.path(dir, "out")
           proc$write_input(sprintf("%s %s %d %s\n", solver, beta_loss, as.integer(maxit), out))
           ans <- strsplit(read_line(3600), " ")[[1]]
           if (ans[1] != "done") stop("sklearn server: ", paste(ans, collapse = " "))
           list(W = matrix(readBin(paste0(out, ".W.bin"), "double", m * k), m, k),
                H = matrix(readBin(paste0(out, ".H.bin"), "double", k * n), k, n),
                seconds = as.numeric(ans[2]), iterations = as.integer(ans[3]))
         }, 1L, budget = bench_budget)
  })
}

## Peers in a child R process --------------------------------------------------

# A child R process (callr::r_session) holding the problem's data, sent once
# (saveRDS), for the peers that cannot run in this session: RcppML 1.0 (this
# session has RcppML 0.3.7 loaded; one R session cannot hold two versions of a
# package) and RcppML 0.3.7's masked fit (unsafe in-process with 2 threads, see
# bench/bench-missing.R). Each runner times the fit inside the child, around
# the nmf() call only, as bench/sklearn_server.py does for scikit-learn.
child_session <- function(data, libpath = .libPaths()) {
  rs <- callr::r_session$new(callr::r_session_options(libpath = libpath))
  f <- tempfile("nmfkit-bench-", fileext = ".rds")
  saveRDS(data, f)
  rs$run(function(f) {
    suppressPackageStartupMessages(library(Matrix))  # RcppML reads a dgCMatrix with Matrix attached
    assign("bench_data", readRDS(f), envir = globalenv())
    invisible(NULL)
  }, list(f))
  unlink(f)
  rs
}

# The version of `pkg` in `lib` (NA when it is not there).
lib_version <- function(pkg, lib) {
  d <- tryCatch(utils::packageDescription(pkg, lib.loc = lib, fields = "Version"), warning = function(w) NA)
  if (is.null(d) || is.na(d)) NA_character_ else as.character(d)
}

# RcppML 1.0 from `lib` (NMFKIT_PEER_LIB): its fit starts from seed = W0 (a
# start W; its first step solves H from W, so H0 is not used), tol = 0 runs
# maxit iterations (it reports misc$iter = maxit), and it computes in single
# precision; its w d h is scored here in double precision with the problem's
# loss. threads = NULL: its default (0, all cores). NAs in a dense matrix are
# masked by an explicit mask (a dgCMatrix, 1 at the missing cells): its
# mask = "NA" (and its automatic masking of NAs) sets the NAs to 0 and then
# fits them as zeros (RcppML 1.0.0 drops validate_mask()'s mask_na), 150x the
# best loss on the observed cells. Returns NULL when the library has no RcppML 1.x.
rcppml1_runners <- function(p, lib = bench_peer_lib, threads = list(NULL, bench_threads),
                            settings = c("default", "equal")) {
  ver <- lib_version("RcppML", lib)
  if (is.na(ver) || utils::compareVersion(ver, "1.0") < 0) return(NULL)
  A <- p$A
  mask <- NULL
  if (isTRUE(p$missing)) {
    mask <- methods::as(Matrix::Matrix(is.na(A) * 1, sparse = TRUE), "CsparseMatrix")
    A[is.na(A)] <- 0
  }
  rs <- child_session(list(A = A, W0 = p$W0, k = p$k, mask = mask), libpath = c(normalizePath(lib), .libPaths()))
  got <- rs$run(function() as.character(utils::packageVersion("RcppML")))
  if (got != ver) stop(sprintf("the child loaded RcppML %s, not %s", got, ver))
  fit <- function(maxit, threads) {
    d <- get("bench_data", envir = globalenv())
    t0 <- proc.time()[["elapsed"]]
    r <- if (is.null(threads)) {
      RcppML::nmf(d$A, d$k, tol = 0, maxit = maxit, seed = d$W0, mask = d$mask, verbose = FALSE)
    } else {
      RcppML::nmf(d$A, d$k, tol = 0, maxit = maxit, seed = d$W0, mask = d$mask, verbose = FALSE, threads = threads)
    }
    t <- proc.time()[["elapsed"]] - t0
    list(W = r@w %*% diag(r@d, length(r@d)), H = r@h, seconds = t, iterations = r@misc$iter)
  }
  out <- list()
  for (i in seq_along(settings)) {
    th <- threads[[i]]
    out[[i]] <- local({
      th <- th
      impl(sprintf("RcppML %s", ver), "nmf (ALS, fp32)", function(maxit) rs$run(fit, list(maxit, th)),
           if (is.null(th)) sprintf("0 (all: %d)", parallel::detectCores()) else th, start = "W0",
           setting = settings[i])
    })
  }
  attr(out, "session") <- rs
  out
}

# RcppML 0.3.7 on data with NAs: it has no mask argument, only mask_zeros; the
# observed cells (all positive in problem_missing) become the non-zeros of a
# dgCMatrix fitted with mask_zeros = TRUE, the same objective. In a child
# process with 1 thread (with 2 it is unsafe, bench/bench-missing.R).
rcppml_masked_runner <- function(p) {
  if (!requireNamespace("RcppML", quietly = TRUE)) return(NULL)
  obs <- which(!is.na(p$A))
  if (any(p$A[obs] <= 0)) stop("RcppML 0.3.7 masked: observed values <= 0 would be masked too")
  m <- nrow(p$A)
  A <- Matrix::sparseMatrix(i = (obs - 1L) %% m + 1L, j = (obs - 1L) %/% m + 1L, x = p$A[obs], dims = dim(p$A))
  rs <- child_session(list(A = A, k = p$k))
  im <- impl(sprintf("RcppML %s", pkg_version("RcppML")), "nmf (ALS, mask_zeros)", function(maxit) {
    rs$run(function(maxit) {
      d <- get("bench_data", envir = globalenv())
      RcppML::setRcppMLthreads(1L)
      t0 <- proc.time()[["elapsed"]]
      r <- RcppML::nmf(d$A, d$k, tol = 0, maxit = maxit, seed = 1L, mask_zeros = TRUE, verbose = FALSE)
      list(W = r$w %*% diag(r$d, length(r$d)), H = r$h, seconds = proc.time()[["elapsed"]] - t0,
           iterations = r$iter)
    }, list(maxit))
  }, 1L, start = "own (seed = 1)", setting = "masked (1 thread)")
  attr(im, "session") <- rs
  im
}

## fastTopics (Poisson NMF, KL) ------------------------------------------------

# fastTopics fits X ~ L F' (X: n x m; L: n x k loadings; F: m x k factors): with
# A = W H, L is W and F is t(H), so init_poisson_nmf(A, F = t(H0), L = W0) is
# the shared start. Its SCD updates with extrapolation on `threads` threads
# (control$nc; control$nc.blas stays 1); scored here with the generalised KL of
# L F' (fastTopics' own loss, its Poisson log-likelihood, differs by a constant).
fasttopics_fit <- function(p, fit0, numiter, threads) {
  ctl <- list(extrapolate = TRUE, nc = threads)
  t <- elapsed(f <- if (is.null(numiter)) {
    fastTopics::fit_poisson_nmf(p$A, fit0 = fit0, method = "scd", control = ctl, verbose = "none")
  } else {
    fastTopics::fit_poisson_nmf(p$A, fit0 = fit0, numiter = numiter, method = "scd", control = ctl,
                                verbose = "none")
  })
  list(W = f$L, H = t(f$F), seconds = t, iterations = nrow(f$progress))
}

fasttopics_runner <- function(p, threads = bench_threads) {
  if (!requireNamespace("fastTopics", quietly = TRUE)) return(NULL)
  fit0 <- fastTopics::init_poisson_nmf(p$A, F = t(p$H0), L = p$W0, verbose = "none")
  impl(sprintf("fastTopics %s", pkg_version("fastTopics")), "scd, extrapolate", function(maxit) {
    fasttopics_fit(p, fit0, maxit, threads)
  }, threads, setting = "equal")
}

# fastTopics as a user calls it: its default numiter (100), one timed run from
# the shared start; list(implementation, method, iterations, seconds, loss).
fasttopics_default <- function(p, threads = bench_threads) {
  if (!requireNamespace("fastTopics", quietly = TRUE)) return(NULL)
  fit0 <- fastTopics::init_poisson_nmf(p$A, F = t(p$H0), L = p$W0, verbose = "none")
  r <- fasttopics_fit(p, fit0, NULL, threads)
  list(implementation = sprintf("fastTopics %s", pkg_version("fastTopics")),
       method = "scd, extrapolate, default numiter", iterations = r$iterations, seconds = r$seconds,
       loss = p$loss_fun(r$W, r$H))
}
