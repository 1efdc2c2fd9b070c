# Guards against the known traps of peers (issue 7, item 4):
#  1. No slowdown when R is linked to a multithreaded BLAS. Which BLAS this R
#     uses is printed; if an OpenBLAS (pthreads) library directory is given in
#     NMFKIT_BENCH_OPENBLAS (tools/fetch-openblas.sh unpacks Debian's
#     libopenblas0-pthread into a temporary directory without installing it),
#     the same fits are timed in child R processes linked to it through
#     R_LD_LIBRARY_PATH, against the system BLAS. The system BLAS is never
#     switched.
#  2. No OpenMP hang after fork: parallel::mclapply() of nmf() fits with
#     threads = 2 after an nmf() call in the parent has finished, in a child R
#     process with a timeout (dense and sparse data; RcppML alongside).
#  3. Two threads are not slower than one while another process keeps a core
#     busy (issue 16): 30 iterations of hals and anls (dense 2000 x 1000, rank
#     10) and of hals (sparse 20000 x 10000, 0.5%), median of 3, on 1 and 2
#     threads, first on the machine as it is, then with a shell busy loop
#     running; 2 threads with nmfkit's thread governor on (the default) and
#     off. RcppML at 1 and 2 threads alongside.
# Usage: Rscript bench/bench-guards.R [blas fork busy] (default: all three).
# Writes bench/results/guards-blas.csv, guards-fork.csv and guards-busy.csv.
suppressPackageStartupMessages(library(nmfkit))
source(file.path("bench", "common.R"))
if (!requireNamespace("callr", quietly = TRUE)) stop("bench-guards needs the callr package.")
print_header("Guards: multithreaded BLAS, fork, busy core")
parts <- commandArgs(trailingOnly = TRUE)
if (!length(parts)) parts <- c("blas", "fork", "busy")

## 1. BLAS --------------------------------------------------------------------
if ("blas" %in% parts) {
  blas <- extSoftVersion()[["BLAS"]]
  cat(sprintf("\nThis R: BLAS %s, LAPACK %s\n", blas, La_library()))
  multi <- grepl("openblas|mkl|blis|atlas|accelerate", tolower(paste(blas, La_library())))
  cat(sprintf("  %s\n", if (multi) "a multithreaded BLAS" else "the reference (single-threaded) BLAS"))

  # Times 20 iterations (tol = 0, best of 2) of nmfkit's hals and anls and of RcppML, on a
  # dense 2000 x 1000 and a sparse 20000 x 10000 (0.5%) matrix, rank 10, in a
  # child R process whose dynamic linker search path starts with `libdir`.
  blas_child <- function(libdir, quick, threads) {
    env <- c(callr::rcmd_safe_env(), NMFKIT_BENCH_QUICK = if (quick) "1" else "0")
    if (nzchar(libdir)) {
      env["R_LD_LIBRARY_PATH"] <- paste(file.path(R.home(), "lib"), libdir, "/usr/lib/x86_64-linux-gnu", sep = ":")
    }
    callr::r(function(threads, quick) {
      suppressPackageStartupMessages({ library(nmfkit); library(Matrix) })
      set.seed(1)
      m <- if (quick) 400 else 2000
      n <- if (quick) 200 else 1000
      dense <- matrix(runif(m * 10), m) %*% matrix(runif(10 * n), 10) + 0.1 * matrix(runif(m * n), m)
      sparse <- rsparsematrix(10 * m, 10 * n, 0.005, rand.x = function(k) rpois(k, 3) + 1)
      el <- function(expr) { t0 <- proc.time()[["elapsed"]]; force(expr); proc.time()[["elapsed"]] - t0 }
      best <- function(f) min(vapply(1:2, function(i) el(f()), 0))
      out <- list()
      for (data in c("dense", "sparse")) {
        x <- get(data)
        for (meth in c("hals", "anls")) {
          out[[length(out) + 1]] <- data.frame(data = data, implementation = "nmfkit", method = meth,
            seconds = best(function() nmf(x, 10, meth, seed = 1, maxit = 20, tol = 0, threads = threads)))
        }
        if (requireNamespace("RcppML", quietly = TRUE)) {
          RcppML::setRcppMLthreads(threads)
          out[[length(out) + 1]] <- data.frame(data = data, implementation = "RcppML", method = "nmf",
            seconds = best(function() RcppML::nmf(x, 10, tol = 0, maxit = 20, seed = 1, verbose = FALSE)))
        }
      }
      res <- do.call(rbind, out)
      res$blas <- basename(extSoftVersion()[["BLAS"]])
      res
    }, args = list(threads = threads, quick = quick), env = env, timeout = 1800)
  }

  openblas <- Sys.getenv("NMFKIT_BENCH_OPENBLAS")
  libdirs <- c(system = "")
  if (nzchar(openblas) && file.exists(file.path(openblas, "libblas.so.3"))) {
    libdirs <- c(libdirs, openblas_pthread = openblas)
  } else {
    cat("  OpenBLAS check skipped: set NMFKIT_BENCH_OPENBLAS to a directory holding OpenBLAS's libblas.so.3\n",
        "  (tools/fetch-openblas.sh unpacks Debian's libopenblas0-pthread without installing it).\n", sep = "")
  }
  blas_rows <- list()
  for (nm in names(libdirs)) {
    r <- tryCatch(blas_child(libdirs[[nm]], bench_quick, bench_threads), error = function(e) {
      cat(sprintf("  %s: failed: %s\n", nm, conditionMessage(e)))
      NULL
    })
    if (!is.null(r)) blas_rows[[nm]] <- cbind(linked = nm, r)
  }
  if (length(blas_rows)) {
    tab <- do.call(rbind, blas_rows)
    if (length(blas_rows) == 2) {
      ref <- blas_rows$system$seconds
      tab$ratio_to_system <- tab$seconds / c(ref, ref)
    }
    cat(sprintf("\n20 iterations, rank 10, %d thread(s), best of 2 (seconds):\n", bench_threads))
    print(format(tab, digits = 3), row.names = FALSE)
    write_results(tab, "guards-blas")
  }
}

## 2. fork --------------------------------------------------------------------
fork_check <- function(pkg, timeout) {
  t0 <- proc.time()[["elapsed"]]
  status <- tryCatch({
    r <- callr::r(function(pkg, threads) {
      suppressPackageStartupMessages(library(Matrix))
      set.seed(1)
      dense <- matrix(runif(400 * 200), 400)
      sparse <- rsparsematrix(2000, 1000, 0.01, rand.x = runif)
      fit <- switch(pkg,
        nmfkit = function(x, s) stats::deviance(nmfkit::nmf(x, 5, seed = s, threads = threads)),
        RcppML = function(x, s) {
          RcppML::setRcppMLthreads(threads)
          RcppML::nmf(x, 5, seed = s, verbose = FALSE)$d[1]
        })
      out <- c()
      for (x in list(dense, sparse)) {
        fit(x, 1)  # the parent runs its OpenMP threads first
        out <- c(out, unlist(parallel::mclapply(1:4, function(s) fit(x, s), mc.cores = 2)))
      }
      out
    }, args = list(pkg = pkg, threads = 2L), timeout = timeout)
    if (length(r) == 8 && all(is.finite(r))) "ok" else "wrong results"
  }, error = function(e) {
    if (inherits(e, "callr_timeout_error")) sprintf("HANG (killed after %d s)", timeout) else
      paste("error:", conditionMessage(e))
  })
  data.frame(implementation = pkg, version = pkg_version(pkg), status = status,
             seconds = round(proc.time()[["elapsed"]] - t0, 1))
}
if ("fork" %in% parts) {
  fork <- list(fork_check("nmfkit", 120))
  if (requireNamespace("RcppML", quietly = TRUE)) fork[[2]] <- fork_check("RcppML", 60)
  fork <- do.call(rbind, fork)
  cat("\nmclapply(mc.cores = 2) of fits with threads = 2 after a fit in the parent (dense, then sparse):\n")
  print(fork, row.names = FALSE)
  write_results(fork, "guards-fork")
}

## 3. a busy core -------------------------------------------------------------
busy_times <- function(load) {
  suppressPackageStartupMessages(library(Matrix))
  set.seed(1)
  m <- if (bench_quick) 400 else 2000
  n <- if (bench_quick) 200 else 1000
  dense <- matrix(stats::runif(m * 10), m) %*% matrix(stats::runif(10 * n), 10) + 0.1 * matrix(stats::runif(m * n), m)
  sparse <- rsparsematrix(10 * m, 10 * n, 0.005, rand.x = function(k) stats::rpois(k, 3) + 1)
  med <- function(f) stats::median(vapply(1:3, function(i) elapsed(f()), 0))
  out <- list()
  add <- function(data, impl, method, threads, governor, secs) {
    out[[length(out) + 1L]] <<- data.frame(load = load, data = data, implementation = impl, method = method,
                                           threads = threads, governor = governor, seconds = secs)
  }
  for (case in list(list("dense", dense, "hals"), list("dense", dense, "anls"), list("sparse", sparse, "hals"))) {
    x <- case[[2]]
    fit <- function(th) function() nmf(x, 10, case[[3]], seed = 1, maxit = 30, tol = 0, threads = th)
    add(case[[1]], "nmfkit", case[[3]], 1L, NA, med(fit(1L)))
    nmfkit:::thread_governor(TRUE)
    add(case[[1]], "nmfkit", case[[3]], 2L, "on", med(fit(2L)))
    nmfkit:::thread_governor(FALSE)
    add(case[[1]], "nmfkit", case[[3]], 2L, "off", med(fit(2L)))
    nmfkit:::thread_governor(TRUE)
    if (case[[3]] == "hals" && requireNamespace("RcppML", quietly = TRUE)) {
      for (th in 1:2) {
        RcppML::setRcppMLthreads(th)
        add(case[[1]], "RcppML", "nmf", th, NA,
            med(function() RcppML::nmf(x, 10, tol = 0, maxit = 30, seed = 1, verbose = FALSE)))
      }
    }
  }
  do.call(rbind, out)
}
if ("busy" %in% parts) {
  quiet <- busy_times("as is")
  loop <- processx::process$new("sh", c("-c", "while :; do :; done"))
  Sys.sleep(1)
  busy <- tryCatch(busy_times("one core busy"), finally = loop$kill())
  tab <- rbind(quiet, busy)
  one <- tab[tab$threads == 1L, c("load", "data", "implementation", "method", "seconds")]
  names(one)[5] <- "one_thread"
  tab <- merge(tab, one, sort = FALSE)
  tab$ratio_to_one_thread <- tab$seconds / tab$one_thread
  cat("\n30 iterations, rank 10, median of 3 (seconds); ratio: against one thread in the same load\n")
  print(format(tab[order(tab$load, tab$data, tab$method, tab$implementation), ], digits = 3), row.names = FALSE)
  write_results(tab, "guards-busy")
}
