# Number of C++ threads of one fit.

# The machine's cores (NA when unknown), asked once per session:
# parallel::detectCores() starts a process on some systems, which cost every
# nmf() call a few milliseconds. `logical = FALSE` counts physical cores
# (hyperthreads share one core's vector units, which the kernels fill).
core_count <- local({
  cores <- NULL
  physical <- NULL
  function(logical = TRUE) {
    if (logical) {
      if (is.null(cores)) cores <<- suppressWarnings(parallel::detectCores(logical = TRUE))
      return(cores)
    }
    if (is.null(physical)) physical <<- suppressWarnings(parallel::detectCores(logical = FALSE))
    if (is.na(physical) || physical < 1L) core_count(TRUE) else physical
  }
})

# OMP_THREAD_LIMIT, and never more than max(64, cores): asking OpenMP for a
# million threads exhausts the stack and crashes R.
thread_limit <- function() {
  lim <- suppressWarnings(as.integer(Sys.getenv("OMP_THREAD_LIMIT", "")))
  cores <- core_count()
  cap <- max(64L, if (is.na(cores)) 1L else as.integer(cores))
  if (is.na(lim) || lim < 1L) cap else min(lim, cap)
}

#' Default number of threads
#'
#' The number of C++ threads a fit uses when its `threads` argument is not
#' given: `getOption("nmfkit.threads")` when set, otherwise the number of
#' physical cores (the logical ones when that is unknown), and never more than
#' the environment variable `OMP_THREAD_LIMIT` nor more than `max(64, cores)`.
#' Results never depend on the number of threads.
#'
#' While other processes keep the cores busy, threads can make a fit slower
#' than one thread would (each parallel step waits for the thread the
#' scheduler put on a busy core). nmfkit watches every parallel step of a fit:
#' when three in a row got no speed-up from their threads, the next steps run
#' on one thread, and the threads are tried again after a pause (half a
#' second, doubling while the machine stays busy, at most 8 seconds). In one
#' measurement on a 2-core machine with one core kept busy, two threads took
#' 1.0 to 1.2 times as long as one, against 1.6 to 3.7 times without this
#' watch; `bench/bench-guards.R` repeats that measurement.
#'
#' @return A whole number.
#' @export
#' @examples
#' default_threads()
#' old <- options(nmfkit.threads = 1)
#' default_threads()
#' options(old)
default_threads <- function() {
  opt <- getOption("nmfkit.threads")
  n <- if (!is.null(opt)) {
    check_whole(opt, "getOption(\"nmfkit.threads\")", lower = 1)
  } else {
    cores <- core_count(logical = FALSE)
    if (is.na(cores)) 1L else max(1L, as.integer(cores))
  }
  min(n, thread_limit())
}

# The vector instructions of nmfkit's dispatched C++ kernels (the KL sweeps):
# "avx2" (AVX2 + FMA, picked at run time when the CPU has them) or "baseline"
# (the build's flags). `cap = "baseline"` rules the wider build out for the
# rest of the session, `cap = "avx2"` allows it again; the two differ only in
# rounding. Returns the CPU's level and the level in use. Internal: the tests
# compare both builds.
simd_level <- function(cap = NULL) {
  levels <- c("baseline", "avx2")
  code <- if (is.null(cap)) -1L else match(match.arg(cap, levels), levels) - 1L
  r <- nmf_simd_cpp(code)
  stats::setNames(levels[r + 1L], names(r))
}

# The thread governor of the C++ core (inst/include/nmfkit/core/governor.h):
# while other processes keep the cores busy, a fit's parallel regions run on
# one thread. `on = TRUE`/`FALSE` switches it on or off (and clears its
# state). Returns c(enabled, serial, spells) as logicals and a count. Internal:
# the benchmarks and tests switch it.
thread_governor <- function(on = NULL) {
  code <- if (is.null(on)) -1L else as.integer(check_flag(on, "on"))
  r <- nmf_governor_cpp(code)
  list(enabled = as.logical(r[["enabled"]]), serial = as.logical(r[["serial"]]), spells = r[["spells"]])
}
