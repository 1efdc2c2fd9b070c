# A wider bench (issue 16): time to within 1e-3 and 1e-4 of the best loss
# (bench/target.R's engine) on problems nmfkit was not tuned on (recipes in
# bench/problems.R, "The wide bench"): tall and wide dense, dense at ranks 2 to
# 50, sparse at 0.1%, 1% and 10% density, issue 16's sparse exponential
# problem, sparse counts for KL and dense data with 30% of the cells missing.
#
# nmfkit runs as a user calls it, nmf(A, k, seed = list(W = W0, H = H0), maxit,
# tol = 0) with no method (its default: anls on dense or masked data, hals on
# sparse; kl on the KL problem) and no threads (default_threads(): the physical
# cores), and again at threads = NMFKIT_BENCH_THREADS; the other of hals and
# anls also runs at equal threads (setting "other method"; NMFKIT_WIDE_OTHER=0
# leaves it out). Against it:
#   RcppML 0.3.7 (this library) at its default threads (0 = all) and at equal
#     threads; on the missing data through mask_zeros in a child process
#     (it has no mask argument; see rcppml_masked_runner);
#   RcppML 1.0 from NMFKIT_PEER_LIB in a child R process (one session cannot
#     load two versions of a package), at its default and at equal threads;
#   RcppPlanc (anlsbpp, hals) and scikit-learn (cd), when installed, except on
#     the missing data (neither takes a mask);
#   fastTopics (SCD with extrapolation) on the KL problem, with the time for
#     nmfkit to reach fastTopics' loss at its default numiter.
# Where a default thread count equals NMFKIT_BENCH_THREADS one run stands for
# both settings ("default=equal"). Every loss is computed here from the W and H
# each implementation returns (on the observed cells for the missing data).
#
# Usage: Rscript bench/bench-wide.R [problem ...]
#   problems: tall wide dense-k2 dense-k5 dense-k30 dense-k50 sparse-0.1pct
#             sparse-1pct sparse-10pct sparse-exp kl-sparse missing (default: all)
# Writes bench/results/wide-<problem>.csv (the summary, with the machine record),
# wide-<problem>-curves.csv, wide-<problem>.png, wide-kl-sparse-fasttopics.csv
# and wide-ratios.csv (the ratios of every wide-<problem>.csv present; printed
# as Markdown by bench/report.R).
# Settings (bench/common.R): NMFKIT_BENCH_BUDGET defaults to 15 s here (quick: 3 s)
# per implementation and problem, so that the full run of all problems takes
# about 35 minutes on 2 cores; NMFKIT_BENCH_QUICK=1 runs small versions (and
# writes to bench/results/quick unless NMFKIT_BENCH_OUT is set);
# NMFKIT_PEER_LIB is the library holding RcppML 1.0 (default bench/peerlib).
suppressPackageStartupMessages({
  library(nmfkit)
  library(Matrix)  # RcppML 0.3.7 reads a dgCMatrix only with Matrix attached
})
for (f in c("common.R", "target.R", "peers.R", "problems.R")) source(file.path("bench", f))
if (!nzchar(Sys.getenv("NMFKIT_BENCH_BUDGET"))) bench_budget <- if (bench_quick) 3 else 15
if (!nzchar(Sys.getenv("NMFKIT_BENCH_OUT")) && bench_quick) {
  bench_out <- file.path("bench", "results", "quick")
  dir.create(bench_out, showWarnings = FALSE, recursive = TRUE)
}
bench_machine[["budget"]] <- sprintf("%g s per implementation", bench_budget)
bench_machine[["peer_lib"]] <- sprintf("%s: RcppML %s", bench_peer_lib, lib_version("RcppML", bench_peer_lib))

# The implementations of the wide bench on problem p; those that cannot run are
# left out with a printed reason. The child sessions are in attr(, "sessions").
wide_impls <- function(p) {
  out <- list()
  sessions <- list()
  add <- function(im) {
    im <- tryCatch(im, error = function(e) {
      cat("  left out:", conditionMessage(e), "\n")
      NULL
    })
    if (is.null(im)) return(invisible())
    if (!is.null(attr(im, "session"))) sessions[[length(sessions) + 1L]] <<- attr(im, "session")
    ims <- if (is.null(im$run)) im else list(im)
    for (x in ims) out[[paste(x$implementation, x$method, x$setting)]] <<- x
  }
  note <- function(...) cat("  ", sprintf(...), "\n", sep = "")
  both <- function(same) if (same) "default=equal" else "default"
  # nmfkit: its default call, and at equal threads
  kit_same <- nmfkit::default_threads() == bench_threads
  if (kit_same) note("nmfkit's default threads (%d) = NMFKIT_BENCH_THREADS: one run for both", bench_threads)
  kit_method <- if (p$loss == "kl") "kl" else NULL
  add(nmfkit_runner(p, kit_method, threads = NULL, setting = both(kit_same)))
  if (!kit_same) add(nmfkit_runner(p, kit_method, setting = "equal"))
  # the other Frobenius method at equal threads (setting "other method"), to
  # choose the default per problem from this bench (NMFKIT_WIDE_OTHER=0: off)
  if (p$loss != "kl" && !identical(Sys.getenv("NMFKIT_WIDE_OTHER"), "0")) {
    used <- nmfkit::nmf(p$A, p$k, seed = list(W = p$W0, H = p$H0), maxit = 1L, tol = 0)$method
    add(nmfkit_runner(p, setdiff(c("anls", "hals"), used)[1], setting = "other method"))
  }
  if (p$loss == "kl") {
    if (!requireNamespace("fastTopics", quietly = TRUE)) note("fastTopics not installed: left out")
    add(fasttopics_runner(p))
    note("RcppML, RcppPlanc and scikit-learn's cd fit the Frobenius loss: left out of the KL problem")
    return(scale_budget(structure(out, sessions = sessions), p))
  }
  frobenius_peers(p, add, note, both)
  scale_budget(structure(out, sessions = sessions), p)
}

# The Frobenius-loss peers of wide_impls(), given its add(), note() and both().
frobenius_peers <- function(p, add, note, both) {
  # RcppML 0.3.7 (in this session)
  ml_same <- parallel::detectCores() == bench_threads
  if (!requireNamespace("RcppML", quietly = TRUE)) {
    note("RcppML not installed: left out")
  } else if (isTRUE(p$missing)) {
    add(rcppml_masked_runner(p))
  } else {
    if (ml_same) note("RcppML's default threads (0 = all %d cores) = NMFKIT_BENCH_THREADS: one run for both",
                      bench_threads)
    add(rcppml_runner(p, 0L, setting = both(ml_same)))
    if (!ml_same) add(rcppml_runner(p, bench_threads, setting = "equal"))
  }
  # RcppML 1.0 (in a child process)
  if (is.na(lib_version("RcppML", bench_peer_lib))) {
    note("RcppML 1.0 not found in NMFKIT_PEER_LIB=%s (tools/install-deps.sh --bench installs it): left out",
         bench_peer_lib)
  } else if (!requireNamespace("callr", quietly = TRUE)) {
    note("callr not installed: RcppML 1.0 left out")
  } else {
    add(rcppml1_runners(p, threads = if (ml_same) list(NULL) else list(NULL, bench_threads),
                        settings = if (ml_same) "default=equal" else c("default", "equal")))
  }
  if (isTRUE(p$missing)) {
    note("RcppPlanc and scikit-learn take no mask of missing values: left out of the missing-data problem")
    return(invisible())
  }
  if (!requireNamespace("RcppPlanc", quietly = TRUE)) note("RcppPlanc not installed: left out")
  for (a in c("anlsbpp", "hals")) add(rcppplanc_runner(p, a))
  if (!nzchar(find_python())) note("python3 with scikit-learn not found: scikit-learn left out")
  for (im in try_sklearn(p, "cd")) add(im)
}

# A problem's budget_scale (the KL problem: 4x) applied to each runner.
scale_budget <- function(impls, p) {
  if (is.null(p$budget_scale)) return(impls)
  for (nm in names(impls)) impls[[nm]]$budget <- impls[[nm]]$budget * p$budget_scale
  impls
}

# The ratio table of every wide-<problem>.csv in bench_out (so that runs of one
# problem at a time add up), written to wide-ratios.csv.
all_wide_ratios <- function() {
  rows <- list()
  for (nm in wide_problem_names) {
    path <- file.path(bench_out, sprintf("wide-%s.csv", nm))
    if (!file.exists(path)) next
    s <- utils::read.csv(path, comment.char = "#", stringsAsFactors = FALSE)
    s$threads <- as.character(s$threads)
    rows[[nm]] <- wide_ratios(s)
  }
  out <- do.call(rbind, rows)
  if (!is.null(out)) write_results(out, "wide-ratios")
  out
}

problems <- commandArgs(trailingOnly = TRUE)
if (!length(problems)) problems <- wide_problem_names
bad <- setdiff(problems, wide_problem_names)
if (length(bad)) stop("unknown problem(s) ", paste(bad, collapse = ", "), "; the wide problems are: ",
                      paste(wide_problem_names, collapse = " "))
t_all <- proc.time()[["elapsed"]]
for (name in problems) {
  t0 <- proc.time()[["elapsed"]]
  p <- make_wide_problem(name)
  print_header(sprintf("Wide bench: %s (%s)", p$title, name))
  cat(sprintf("  (generated in %.0f s; budget %g s per implementation)\n", proc.time()[["elapsed"]] - t0,
              bench_budget))
  impls <- wide_impls(p)
  own <- NULL
  if (p$loss == "kl") {
    # fastTopics as a user calls it (default numiter) first: nmfkit's ladder
    # gets at least 1.2 times that run's time, to tell whether it reaches that
    # loss in at most that time
    own <- tryCatch(fasttopics_default(p), error = function(e) {
      cat("  fastTopics at its default numiter failed:", conditionMessage(e), "\n")
      NULL
    })
    if (!is.null(own)) {
      cat(sprintf("  %s %s: %d iterations, %.3g s\n", own$implementation, own$method, own$iterations, own$seconds))
      for (nm in grep("^nmfkit", names(impls), value = TRUE)) {
        impls[[nm]]$budget <- max(impls[[nm]]$budget, 1.2 * own$seconds)
      }
    }
  }
  res <- run_problem(p, impls)
  cat(sprintf("\n%s: best loss %.8g; time to within 1e-3 and 1e-4 of it (NA: not reached in its budget)\n",
              p$title, res$best))
  print_summary(res$summary)
  r <- wide_ratios(res$summary)
  if (!is.null(r)) {
    cat("\n  nmfkit default / RcppML (time to the tolerance `at`; ms per iteration):\n")
    show <- r[c("setting", "nmfkit_threads", "peer", "peer_threads", "at", "nmfkit_secs", "peer_secs", "ratio",
                "ms_ratio", "note")]
    for (v in c("nmfkit_secs", "peer_secs", "ratio", "ms_ratio")) show[[v]] <- signif(show[[v]], 3)
    op <- options(width = 200)
    print(show, row.names = FALSE)
    options(op)
  }
  write_results(res$summary, paste0("wide-", name))
  write_curves(res, p, paste0("wide-", name))
  if (!is.null(own)) {
    tt <- time_to_loss(p, impls, res, own)
    write_results(tt, paste0("wide-", name, "-fasttopics"))
    kit <- tt[1, ]  # nmfkit's default call is the first runner
    cat(sprintf("  acceptance (nmfkit's default kl reaches fastTopics' loss in at most its time): %s\n",
                if (is.na(kit$seconds)) "not met (not reached)" else if (kit$seconds <= own$seconds) "met" else
                  "not met"))
  }
  for (rs in attr(impls, "sessions")) try(rs$close(), silent = TRUE)
  rm(p, impls, res)
  invisible(gc())
  cat(sprintf("  (%s took %.0f s)\n", name, proc.time()[["elapsed"]] - t0))
}
ratios <- all_wide_ratios()
if (!is.null(ratios)) {
  cat("\nwide-ratios.csv (every problem with results in ", bench_out, "; Markdown: Rscript bench/report.R):\n",
      sep = "")
  for (v in c("nmfkit_secs", "peer_secs", "ratio", "ms_ratio")) ratios[[v]] <- signif(ratios[[v]], 3)
  op <- options(width = 220)
  print(ratios, row.names = FALSE)
  options(op)
}
cat(sprintf("\nbench-wide: %.0f s in all\n", proc.time()[["elapsed"]] - t_all))
