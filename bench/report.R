# Prints the results in bench/results/ as the markdown tables quoted in
# README.md (with the machine record of each file).
# Usage: Rscript bench/report.R [results-dir]
dir <- commandArgs(trailingOnly = TRUE)[1]
if (is.na(dir)) dir <- file.path("bench", "results")

read_res <- function(name) {
  path <- file.path(dir, paste0(name, ".csv"))
  if (!file.exists(path)) return(NULL)
  head <- grep("^#", readLines(path), value = TRUE)
  rec <- sub("^# [^:]+: ", "", head)
  names(rec) <- sub("^# ([^:]+):.*", "\\1", head)
  list(data = utils::read.csv(path, comment.char = "#", stringsAsFactors = FALSE), rec = rec)
}

md <- function(df) {
  cat("| ", paste(names(df), collapse = " | "), " |\n", sep = "")
  num <- vapply(df, function(v) is.numeric(v) || all(is.na(v) | grepl("^[-0-9.e+]+$|^not reached$", v)), NA)
  cat("|", paste(ifelse(num, "---:", "---"), collapse = "|"), "|\n", sep = "")
  for (i in seq_len(nrow(df))) {
    cells <- vapply(df[i, , drop = FALSE], function(v) if (is.na(v)) "-" else as.character(v), "")
    cat("| ", paste(cells, collapse = " | "), " |\n", sep = "")
  }
}

fmt <- function(x, d = 3) {
  vapply(x, function(v) if (is.na(v)) NA_character_ else format(signif(v, d), scientific = FALSE), "")
}
reached <- function(x, d = 3) ifelse(is.na(x), "not reached", fmt(x, d))

for (p in c("dense", "dense-easy", "sparse", "golub", "kl")) {
  r <- read_res(paste0("target-", p))
  if (is.null(r)) next
  d <- r$data
  # relative loss change over the last doubling of maxit: ~0 means converged
  # (a different stationary point if its excess is not), larger means its budget ended the run
  cv <- read_res(paste0("target-", p, "-curves"))$data
  last_change <- vapply(paste(d$implementation, d$method), function(nm) {
    e <- cv[cv$implementation == nm & cv$phase == "ladder", ]
    e <- e[order(e$maxit), ]
    n <- nrow(e)
    if (n < 2) NA else (e$loss[n - 1] - e$loss[n]) / e$loss[n]
  }, 0)
  # reaching 1e-4 at time t means 1e-3 was reached by t (as bench/target.R now records it)
  d$secs_1e3 <- ifelse(is.na(d$secs_1e4), d$secs_1e3, pmin(d$secs_1e3, d$secs_1e4, na.rm = TRUE))
  cat(sprintf("\n#### %s\n\n", p))
  cat(sprintf("Measured %s, load at start %s, %s thread(s) for nmfkit/RcppML/RcppPlanc; best loss %.7g.\n\n",
              r$rec[["date"]], r$rec[["load_at_start"]], r$rec[["threads"]], d$best_loss[1]))
  out <- data.frame(
    implementation = d$implementation, method = d$method, start = d$start,
    `ms / iteration` = fmt(d$ms_per_iter), `iterations to 1e-4` = reached(d$iters_1e4, 10),
    `s to 1e-3` = reached(d$secs_1e3), `s to 1e-4` = reached(d$secs_1e4),
    `last maxit` = d$last_maxit, `final excess` = sprintf("%.1e", d$last_excess),
    `last change` = sprintf("%.0e", last_change), check.names = FALSE)
  if (!is.null(d$secs_ref)) {
    out[[sprintf("s to %s's last loss", sub(" [0-9.]+ ", " ", d$reference[1]))]] <- reached(d$secs_ref)
  }
  md(out)
  o <- read_res(paste0("target-", p, "-own-stop"))
  if (!is.null(o)) {
    e <- o$data
    cat(sprintf("\n%s with its own stopping rule: %d iterations, %s s, loss %.10g (%s, load at start %s).\n\n",
                e$reference[1], e$ref_iterations[1], fmt(e$ref_seconds[1]), e$ref_loss[1], o$rec[["date"]],
                o$rec[["load_at_start"]]))
    md(data.frame(implementation = e$implementation, method = e$method, threads = e$threads,
                  `iterations to that loss` = e$iterations, `s to that loss` = reached(e$seconds),
                  speedup = ifelse(is.na(e$speedup), "-", sprintf("%.1fx", e$speedup)), check.names = FALSE))
  }
}

s <- read_res("scaling-linear")
if (!is.null(s)) {
  cat(sprintf("\n#### ms per iteration against nnz (%s, load %s)\n\n", s$rec[["date"]], s$rec[["load_at_start"]]))
  md(data.frame(implementation = s$data$implementation, `ms per 1e6 non-zeros` = fmt(s$data$ms_per_million_nnz),
                `intercept ms` = fmt(s$data$intercept_ms), `R^2` = sprintf("%.4f", s$data$r_squared),
                check.names = FALSE))
}
f <- read_res("scaling-floor")
if (!is.null(f)) {
  cat("\n#### The floor: the two dense products, 2000 x 1000, rank 10 (ms)\n\n")
  d <- f$data
  md(data.frame(where = d$where, threads = d$threads, `W'A` = fmt(d$WtA_ms), `HA'` = fmt(d$HAt_ms),
                `blocked W'A + HA'` = fmt(d$blocked_WtA_ms + d$blocked_HAt_ms),
                `hals iteration` = fmt(d$hals_iter_ms), check.names = FALSE))
}
g <- read_res("guards-blas")
if (!is.null(g)) {
  cat(sprintf("\n#### Multithreaded BLAS (%s, load %s): seconds for 20 iterations\n\n", g$rec[["date"]],
              g$rec[["load_at_start"]]))
  g$data$seconds <- fmt(g$data$seconds)
  if (!is.null(g$data$ratio_to_system)) g$data$ratio_to_system <- fmt(g$data$ratio_to_system, 2)
  md(g$data)
}
g <- read_res("guards-fork")
if (!is.null(g)) {
  cat(sprintf("\n#### Fork (%s)\n\n", g$rec[["date"]]))
  md(g$data)
}

# The wide bench (bench/bench-wide.R): one table per problem, then the ratios.
wide <- c("tall", "wide", "dense-k2", "dense-k5", "dense-k30", "dense-k50", "sparse-0.1pct", "sparse-1pct",
          "sparse-10pct", "sparse-exp", "kl-sparse", "missing")
for (p in wide) {
  r <- read_res(paste0("wide-", p))
  if (is.null(r)) next
  d <- r$data
  cat(sprintf("\n#### wide: %s\n\n", p))
  cat(sprintf("Measured %s, load at start %s, budget %s; best loss %.7g.\n\n", r$rec[["date"]],
              r$rec[["load_at_start"]], if (is.na(r$rec["budget"])) "-" else r$rec[["budget"]], d$best_loss[1]))
  md(data.frame(implementation = d$implementation, method = d$method, threads = d$threads, setting = d$setting,
                start = d$start, `ms / iteration` = fmt(d$ms_per_iter), `s to 1e-3` = reached(d$secs_1e3),
                `s to 1e-4` = reached(d$secs_1e4), `last maxit` = d$last_maxit,
                `final excess` = sprintf("%.1e", d$last_excess), check.names = FALSE))
  o <- read_res(paste0("wide-", p, "-fasttopics"))
  if (!is.null(o)) {
    e <- o$data
    cat(sprintf("\n%s: %d iterations, %s s, loss %.10g.\n\n", e$reference[1], e$ref_iterations[1],
                fmt(e$ref_seconds[1]), e$ref_loss[1]))
    md(data.frame(implementation = e$implementation, method = e$method, threads = e$threads,
                  `iterations to that loss` = e$iterations, `s to that loss` = reached(e$seconds),
                  speedup = ifelse(is.na(e$speedup), "-", sprintf("%.1fx", e$speedup)), check.names = FALSE))
  }
}
w <- read_res("wide-ratios")
if (!is.null(w)) {
  d <- w$data
  cat(sprintf("\n#### wide: nmfkit's default call against RcppML (%s, load at start %s)\n\n", w$rec[["date"]],
              w$rec[["load_at_start"]]))
  cat("Time to within `at` of the best loss (1e-4, or 1e-3 where one of the two does not reach 1e-4), nmfkit /",
      "RcppML: below 1 nmfkit is faster.\n\n")
  md(data.frame(problem = d$problem, setting = d$setting, `nmfkit threads` = d$nmfkit_threads, peer = d$peer,
                `peer threads` = d$peer_threads, at = ifelse(is.na(d$at), "-", sprintf("%.0e", d$at)),
                `nmfkit s` = fmt(d$nmfkit_secs), `peer s` = fmt(d$peer_secs), ratio = fmt(d$ratio, 2),
                `ms/iteration ratio` = fmt(d$ms_ratio, 2), note = ifelse(is.na(d$note), "", d$note),
                check.names = FALSE))
}
