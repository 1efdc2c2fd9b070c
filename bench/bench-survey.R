# Benchmark: the rank survey of Brunet et al. (2004) on the Golub data
# (NMF's esGolub, 5000 genes x 38 samples), ranks 2:5 with 50 runs each, by
# nmfkit (its default method, and "brunet" for comparing cophenetic
# coefficients with the same algorithm) against the NMF package's "brunet".
# Run with `make bench-survey` (or Rscript bench/bench-survey.R); prints two
# tables and writes bench/results/bench-survey.csv. Takes about 5 minutes on
# 2 cores, most of it in the NMF package.
#
# Environment: NMFKIT_BENCH_NRUN (default 50), NMFKIT_BENCH_WORKERS (default:
# all cores, at least 2).
suppressPackageStartupMessages({
  library(nmfkit)
  library(future)
})
if (!requireNamespace("NMF", quietly = TRUE) || !requireNamespace("Biobase", quietly = TRUE)) {
  stop("bench-survey needs the NMF and Biobase packages (tools/install-deps.sh --all).")
}

nrun <- as.integer(Sys.getenv("NMFKIT_BENCH_NRUN", "50"))
workers <- as.integer(Sys.getenv("NMFKIT_BENCH_WORKERS", max(2L, availableCores())))
ranks <- 2:5
seed <- 123456

env <- new.env()
utils::data("esGolub", package = "NMF", envir = env)
x <- Biobase::exprs(env$esGolub)

timed <- function(expr) {
  t <- system.time(val <- force(expr))[["elapsed"]]
  list(val = val, t = t)
}

# nmfkit on `workers` multisession workers (started before timing)
plan(multisession, workers = workers)
invisible(future.apply::future_lapply(seq_len(workers), function(i) requireNamespace("nmfkit", quietly = TRUE)))
kit_default <- timed(nmf(x, ranks, nrun = nrun, seed = seed))
kit_brunet <- timed(nmf(x, ranks, "brunet", nrun = nrun, seed = seed))
plan(sequential)

# The NMF package, attached as its parallel backend requires; it runs on its
# default backend (doParallel on the cores it allows itself).
suppressPackageStartupMessages(library(NMF))
ref <- timed(NMF::nmf(x, ranks, "brunet", nrun = nrun, seed = seed))

coph <- function(est, impl) {
  m <- est$measures
  data.frame(implementation = impl, rank = m$rank, cophenetic = m$cophenetic, dispersion = m$dispersion)
}
tab <- rbind(
  coph(kit_default$val, sprintf("nmfkit %s (%s)", packageVersion("nmfkit"), kit_default$val$method)),
  coph(kit_brunet$val, sprintf("nmfkit %s (brunet)", packageVersion("nmfkit"))),
  coph(ref$val, sprintf("NMF %s (brunet)", packageVersion("NMF")))
)
times <- data.frame(
  implementation = unique(tab$implementation),
  workers = c(workers, workers, NA),
  seconds = c(kit_default$t, kit_brunet$t, ref$t),
  share_of_NMF = c(kit_default$t, kit_brunet$t, ref$t) / ref$t
)
wide <- reshape(tab[c("implementation", "rank", "cophenetic")], idvar = "implementation", timevar = "rank",
                direction = "wide")
names(wide) <- sub("cophenetic.", "coph_r", names(wide), fixed = TRUE)
times <- merge(times, wide, by = "implementation", sort = FALSE)

cat(sprintf("\nGolub rank survey: %d x %d, ranks %s, %d runs each, seed %d; %s; %s\n", nrow(x), ncol(x),
            paste(range(ranks), collapse = ":"), nrun, seed, R.version.string, format(Sys.time(), "%Y-%m-%d")))
print(times, digits = 4, row.names = FALSE)
d <- tab$cophenetic[grepl("nmfkit.*brunet", tab$implementation)] - tab$cophenetic[grepl("^NMF", tab$implementation)]
cat(sprintf("\nlargest |cophenetic(nmfkit brunet) - cophenetic(NMF brunet)| over the ranks: %.2e\n", max(abs(d))))

out <- file.path("bench", "results", "bench-survey.csv")
if (dir.exists(dirname(out))) utils::write.csv(merge(tab, times[1:4], by = "implementation"), out, row.names = FALSE)
