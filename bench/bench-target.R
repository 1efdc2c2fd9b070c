# Time to a target loss (issue 7's measure) on the standard problems: nmfkit
# ("hals", "anls"; "kl", "brunet" for KL) against every installed peer
# (RcppML, RcppPlanc, scikit-learn through python3, the NMF package), all
# scored in R with the same loss (||A - WH||^2, or the generalised KL
# divergence) from the W and H they return. See bench/target.R for how.
#
# Usage: Rscript bench/bench-target.R [problem ...]
#   problems: dense dense-easy sparse golub kl (default: all)
# For each problem it prints a table and writes bench/results/target-<problem>.csv
# (with the machine record as "#" lines), target-<problem>-curves.csv and
# target-<problem>.png (loss excess against time). NMFKIT_BENCH_QUICK=1 runs
# small versions; see bench/common.R for the other settings.
suppressPackageStartupMessages({
  library(nmfkit)
  library(Matrix)  # RcppML 0.3.7 reads a dgCMatrix only with Matrix attached
})
for (f in c("common.R", "target.R", "peers.R", "problems.R")) source(file.path("bench", f))

problems <- commandArgs(trailingOnly = TRUE)
if (!length(problems)) problems <- c("dense", "dense-easy", "sparse", "golub", "kl")
t_all <- proc.time()[["elapsed"]]
for (name in problems) {
  p <- make_problem(name)
  if (is.null(p)) {
    cat(sprintf("\n%s: skipped (needs the NMF and Biobase packages)\n", name))
    next
  }
  print_header(sprintf("Time to target loss: %s", p$title))
  if (!requireNamespace("RcppPlanc", quietly = TRUE) && p$loss == "frobenius") {
    cat("  RcppPlanc not installed: left out.\n")
  }
  if (!nzchar(find_python())) cat("  python3 with scikit-learn not found: scikit-learn left out.\n")
  impls <- problem_impls(p)
  t0 <- proc.time()[["elapsed"]]
  res <- run_problem(p, impls)
  cat(sprintf("\n%s: best loss %.8g; time to within 1e-3 and 1e-4 of it (NA: not reached in its budget)\n",
              p$title, res$best))
  print_summary(res$summary)
  kit <- res$summary[grepl("^nmfkit", res$summary$implementation), ]
  ml <- res$summary[grepl("^RcppML", res$summary$implementation), ]
  if (nrow(ml) && nrow(kit)) {
    for (i in seq_len(nrow(kit))) {
      cat(sprintf("  nmfkit %-6s vs RcppML: time to 1e-4 %s s vs %s s (ratio %.2f); ms/iteration %.3g vs %.3g\n",
                  kit$method[i], format(kit$secs_1e4[i], digits = 3), format(ml$secs_1e4[1], digits = 3),
                  kit$secs_1e4[i] / ml$secs_1e4[1], kit$ms_per_iter[i], ml$ms_per_iter[1]))
    }
  }
  if (!is.null(p$own_stop)) {
    # the KL line of issue 7: time to the loss where the NMF package's brunet
    # stops by its own rule, against that run's time
    own <- nmfpkg_own_stop(p, p$own_stop)
    if (!is.null(own)) {
      write_results(time_to_loss(p, impls, res, own, label = " with its own stopping rule"),
                    paste0("target-", name, "-own-stop"))
    }
  }
  cat(sprintf("  (%s took %.0f s)\n", name, proc.time()[["elapsed"]] - t0))
  write_results(res$summary, paste0("target-", name))
  write_curves(res, p, paste0("target-", name))
}
cat(sprintf("\nbench-target: %.0f s in all\n", proc.time()[["elapsed"]] - t_all))
