# Block data (R/blocks.R) in tests. Loading DelayedArray hides the NMF
# package's `seed` generic (see skip_if_no_nmf()), so the block fits run in a
# child R process: `fun` gets the arguments and a block size in bytes, and
# returns what the tests check.
in_child <- function(fun, ..., block_bytes = 1e8) {
  testthat::skip_if_not_installed("callr")
  skip_if_absent("DelayedArray")
  run <- function(fun, args, block_bytes) {
    suppressPackageStartupMessages(library(nmfkit))
    suppressMessages(DelayedArray::setAutoBlockSize(block_bytes))
    do.call(fun, args)
  }
  callr::r(run, args = list(fun = fun, args = list(...), block_bytes = block_bytes), libpath = .libPaths())
}

# skip_if_not_installed() without loading the package (which would load DelayedArray here).
skip_if_absent <- function(pkg) {
  testthat::skip_if(!nzchar(system.file(package = pkg)), paste(pkg, "is not installed"))
}

# The fit's factors and how it ended.
fit_parts <- function(f) {
  list(W = basis(f), H = coef(f), niter = niter(f), stop = f$stop, dev = deviance(f), method = f$method)
}
