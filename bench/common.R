# Shared helpers of the bench/ scripts: the machine record written with every
# result, the loss functions (computed in R from each implementation's W and H,
# so every implementation is scored the same way), the time-to-target engine
# and the result writers. Sourced by bench/bench-*.R; not part of the package.
#
# Environment:
#   NMFKIT_BENCH_QUICK=1     small sizes and short budgets (for developing the scripts)
#   NMFKIT_BENCH_THREADS     threads for nmfkit, RcppML and RcppPlanc (default 2)
#   NMFKIT_BENCH_BUDGET      seconds of fitting per implementation and problem (default 30, quick 8;
#                            the multiplicative updates get at most half)
#   NMFKIT_BENCH_OUT         where results go (default bench/results)
#   NMFKIT_BENCH_PYTHON      a python3 with numpy and scikit-learn (default: the first that has them)
#   NMFKIT_PEER_LIB          an R library holding RcppML 1.0 (tools/install-deps.sh --bench installs it there;
#                            default bench/peerlib), run in a child R process by bench/bench-wide.R

env_flag <- function(name) !(Sys.getenv(name, "0") %in% c("", "0", "false", "FALSE", "no"))
bench_quick <- env_flag("NMFKIT_BENCH_QUICK")
bench_threads <- as.integer(Sys.getenv("NMFKIT_BENCH_THREADS", "2"))
bench_budget <- as.numeric(Sys.getenv("NMFKIT_BENCH_BUDGET", if (bench_quick) "8" else "30"))
bench_out <- Sys.getenv("NMFKIT_BENCH_OUT", file.path("bench", "results"))
bench_peer_lib <- Sys.getenv("NMFKIT_PEER_LIB", file.path("bench", "peerlib"))
dir.create(bench_out, showWarnings = FALSE, recursive = TRUE)

## The machine record --------------------------------------------------------

pkg_version <- function(p) {
  if (requireNamespace(p, quietly = TRUE)) as.character(utils::packageVersion(p)) else NA_character_
}

load_average <- function() {
  la <- tryCatch(scan("/proc/loadavg", what = "", n = 3, quiet = TRUE), error = function(e) rep(NA, 3))
  paste(la, collapse = " ")
}

# Everything a reader needs to judge a number: date, CPU, cores, R, BLAS,
# package versions and the load average (1, 5, 15 min) when the script started.
machine_record <- function() {
  cpu <- tryCatch(sub(".*:\\s*", "", grep("^model name", readLines("/proc/cpuinfo"), value = TRUE)[1]),
                  error = function(e) "unknown")
  flags <- tryCatch(grep("^flags", readLines("/proc/cpuinfo"), value = TRUE)[1], error = function(e) "")
  simd <- intersect(c("sse2", "avx", "avx2", "avx512f"), strsplit(sub(".*:\\s*", "", flags), " ")[[1]])
  pk <- c("nmfkit", "RcppML", "NMF", "RcppPlanc", "NNLM", "fastTopics", "Matrix", "RcppEigen")
  v <- vapply(pk, pkg_version, "")
  c(date = format(Sys.time(), "%Y-%m-%d %H:%M %Z"),
    cpu = sprintf("%s (%s), %d cores", cpu, paste(simd, collapse = " "), parallel::detectCores()),
    R = R.version.string,
    BLAS = paste(basename(extSoftVersion()[["BLAS"]]), "/ LAPACK", basename(La_library())),
    packages = paste(sprintf("%s %s", pk[!is.na(v)], v[!is.na(v)]), collapse = ", "),
    nmfkit_build = sprintf("%s (%s)", utils::packageDescription("nmfkit")$Built,
                           dirname(find.package("nmfkit"))),
    threads = as.character(bench_threads),
    load_at_start = load_average(),
    quick = as.character(bench_quick))
}
bench_machine <- machine_record()

print_header <- function(title) {
  cat(sprintf("\n== %s ==\n", title))
  cat(sprintf("  %-14s %s\n", paste0(names(bench_machine), ":"), bench_machine), sep = "")
  if (as.numeric(strsplit(bench_machine[["load_at_start"]], " ")[[1]][1]) > 0.5) {
    cat("  NOTE: the machine was busy at the start (load > 0.5): timings are distorted.\n")
  }
}

# A CSV whose first lines are "# key: value" comments with the machine record
# (read it back with read.csv(file, comment.char = "#")).
write_results <- function(df, name) {
  path <- file.path(bench_out, paste0(name, ".csv"))
  rec <- c(bench_machine, load_at_end = load_average())
  writeLines(sprintf("# %s: %s", names(rec), rec), path)
  suppressWarnings(utils::write.table(df, path, sep = ",", row.names = FALSE, append = TRUE, qmethod = "double"))
  invisible(path)
}

open_png <- function(name, width = 900, height = 600) {
  path <- file.path(bench_out, paste0(name, ".png"))
  grDevices::png(path, width = width, height = height)
  invisible(path)
}

footer_text <- function() {
  sprintf("%s; %s; %s; load at start %s", bench_machine[["date"]], bench_machine[["cpu"]],
          bench_machine[["R"]], bench_machine[["load_at_start"]])
}

## Losses ---------------------------------------------------------------------

# sum_ij A_ij (W H)_ij over the non-zeros of a dgCMatrix, in column blocks
# (never forms W H).
sparse_dot_wh <- function(A, W, H, block = 2e5) {
  s <- 0
  p <- A@p
  n <- ncol(A)
  j0 <- 1L
  while (j0 <= n) {
    j1 <- j0
    while (j1 < n && p[j1 + 1L] - p[j0] < block) j1 <- j1 + 1L
    idx <- (p[j0] + 1L):p[j1 + 1L]
    if (p[j1 + 1L] > p[j0]) {
      cols <- rep.int(j0:j1, diff(p[j0:(j1 + 1L)]))
      s <- s + sum(A@x[idx] * rowSums(W[A@i[idx] + 1L, , drop = FALSE] * t(H[, cols, drop = FALSE])))
    }
    j0 <- j1 + 1L
  }
  s
}

# ||A - W H||_F^2, dense or sparse (sparse: ||A||^2 - 2 <A, WH> + <W'W, HH'>);
# over the observed cells only when a dense A has NAs (missing values).
loss_frobenius <- function(A, W, H) {
  if (inherits(A, "sparseMatrix")) {
    sum(A@x^2) - 2 * sparse_dot_wh(A, W, H) + sum(crossprod(W) * tcrossprod(H))
  } else {
    sum((A - W %*% H)^2, na.rm = TRUE)
  }
}

# (W H)_ij at the non-zeros of a dgCMatrix, in their order (never forms W H).
sparse_wh <- function(A, W, H, block = 2e5) {
  j <- rep.int(seq_len(ncol(A)), diff(A@p))
  i <- A@i + 1L
  out <- numeric(length(i))
  for (b in split(seq_along(i), ceiling(seq_along(i) / block))) {
    out[b] <- rowSums(W[i[b], , drop = FALSE] * t(H[, j[b], drop = FALSE]))
  }
  out
}

# Generalised KL divergence D(A || W H) = sum A log(A / WH) - A + WH (0 log 0 = 0);
# on a dgCMatrix from its non-zeros, sum WH being colSums(W) . rowSums(H).
loss_kl <- function(A, W, H) {
  if (inherits(A, "sparseMatrix")) {
    return(sum(A@x * log(A@x / sparse_wh(A, W, H))) - sum(A@x) + sum(colSums(W) * rowSums(H)))
  }
  WH <- W %*% H
  pos <- A > 0
  sum(A[pos] * log(A[pos] / WH[pos])) - sum(A) + sum(WH)
}

## Timing ---------------------------------------------------------------------

# Runs `run(maxit)` and returns its result with the least elapsed time: short
# runs are repeated (3 times under 0.5 s, 5 times under 0.05 s) so that
# scheduler noise does not decide a comparison.
timed_run <- function(run, maxit) {
  r <- run(maxit)
  reps <- if (r$seconds < 0.05) 4L else if (r$seconds < 0.5) 2L else 0L
  for (i in seq_len(reps)) {
    r2 <- run(maxit)
    if (r2$seconds < r$seconds) r <- r2
  }
  r$spent <- r$seconds * (reps + 1L)
  r
}

elapsed <- function(expr) {
  t0 <- proc.time()[["elapsed"]]
  force(expr)
  proc.time()[["elapsed"]] - t0
}
