# The implementations compared by bench/bench-target.R, each wrapped as a
# runner: a function of `maxit` that fits from the problem's start and returns
# list(W, H, seconds, iterations). Every runner is built only when its package
# (or Python's scikit-learn) is installed; nmfkit, the NMF package, RcppPlanc
# and scikit-learn start from the same W0/H0, RcppML 0.3.7 only takes an
# integer seed (its own random start).

impl <- function(implementation, method, run, threads, start = "W0/H0", budget = bench_budget) {
  list(implementation = implementation, method = method, run = run, threads = threads, start = start,
       budget = budget)
}

nmfkit_runner <- function(p, method, budget = bench_budget) {
  force(method)
  impl(sprintf("nmfkit %s", pkg_version("nmfkit")), method, function(maxit) {
    # tol = 0: run maxit iterations (the NMF-package methods keep their own stopping rule)
    tol <- if (method %in% c("hals", "anls", "kl")) 0 else NULL
    t <- elapsed(f <- nmfkit::nmf(p$A, p$k, method, seed = list(W = p$W0, H = p$H0), maxit = maxit, tol = tol,
                                   threads = bench_threads))
    list(W = nmfkit::basis(f), H = stats::coef(f), seconds = t, iterations = nmfkit::niter(f))
  }, bench_threads, budget = budget)
}

rcppml_runner <- function(p) {
  if (!requireNamespace("RcppML", quietly = TRUE)) return(NULL)
  RcppML::setRcppMLthreads(bench_threads)
  impl(sprintf("RcppML %s", pkg_version("RcppML")), "nmf (ALS)", function(maxit) {
    t <- elapsed(r <- RcppML::nmf(p$A, p$k, tol = 0, maxit = maxit, seed = 1L, verbose = FALSE))
    list(W = r$w %*% diag(r$d, length(r$d)), H = r$h, seconds = t, iterations = r$iter)
  }, bench_threads, start = "own (seed = 1)")
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
