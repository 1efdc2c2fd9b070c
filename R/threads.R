# Number of C++ threads of one fit.

# The machine's logical cores (NA when unknown), asked once per session:
# parallel::detectCores() starts a process on some systems, which cost every
# nmf() call a few milliseconds.
core_count <- local({
  cores <- NULL
  function() {
    if (is.null(cores)) cores <<- suppressWarnings(parallel::detectCores(logical = TRUE))
    cores
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
#' given: `getOption("nmfkit.threads")` when set, otherwise half of the cores
#' (at least one), and never more than the environment variable
#' `OMP_THREAD_LIMIT` nor more than `max(64, cores)`. Results never depend on the number of threads.
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
    cores <- core_count()
    if (is.na(cores)) 1L else max(1L, as.integer(cores %/% 2L))
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
