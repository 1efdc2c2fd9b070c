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
      cat(sprintf("\n%s %s with its own stopping rule: %d iterations, %.1f s, loss %.10g\n",
                  own$implementation, own$method, own$iterations, own$seconds, own$loss))
      rows <- list()
      for (nm in grep("^nmfkit", names(impls), value = TRUE)) {
        b <- bisect_target(impls[[nm]], p$loss_fun, res$curves[[nm]], own$loss)
        secs <- if (is.na(b$maxit)) NA else b$pts$seconds[b$pts$maxit == b$maxit][1]
        cat(sprintf("  %-28s reaches it in %s iterations, %s s: %s\n", nm, b$maxit, format(secs, digits = 3),
                    if (is.na(secs)) "not reached" else sprintf("%.1fx faster", own$seconds / secs)))
        rows[[nm]] <- data.frame(problem = p$name, reference = paste(own$implementation, own$method),
                                 ref_iterations = own$iterations, ref_seconds = own$seconds, ref_loss = own$loss,
                                 implementation = impls[[nm]]$implementation, method = impls[[nm]]$method,
                                 threads = impls[[nm]]$threads, iterations = b$maxit, seconds = secs,
                                 speedup = own$seconds / secs, stringsAsFactors = FALSE)
      }
      write_results(do.call(rbind, rows), paste0("target-", name, "-own-stop"))
    }
  }
  cat(sprintf("  (%s took %.0f s)\n", name, proc.time()[["elapsed"]] - t0))
  write_results(res$summary, paste0("target-", name))
  curves <- do.call(rbind, lapply(names(res$curves), function(nm) cbind(implementation = nm, res$curves[[nm]])))
  curves$excess <- curves$loss / res$best - 1
  write_results(curves, paste0("target-", name, "-curves"))
  plot_curves(res, p, paste0("target-", name))
}
cat(sprintf("\nbench-target: %.0f s in all\n", proc.time()[["elapsed"]] - t_all))
