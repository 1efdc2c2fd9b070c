# The default method for a user switching from the NMF package (issue 17):
# nmfkit's default (the fastest Frobenius solver for the data) against the NMF
# package's default ("brunet", KL) on the NMF package's own examples: time,
# and how the sample clusters agree with the known classes and with brunet's.
# Usage: Rscript bench/bench-default.R  (prints a markdown table)
suppressMessages(library(nmfkit))
purity_of <- function(cl, y) purity(as.factor(cl), y)
agree <- function(a, b) purity(as.factor(a), as.factor(b))
one <- function(label, x, k, y, nrun, seed = 123456) {
  tb <- system.time(b <- nmf(x, k, "brunet", nrun = nrun, seed = seed))[["elapsed"]]
  td <- system.time(d <- nmf(x, k, nrun = nrun, seed = seed))[["elapsed"]]
  tk <- system.time(kl <- nmf(x, k, "kl", nrun = nrun, seed = seed))[["elapsed"]]
  clb <- if (nrun > 1) predict(b, what = "consensus") else predict(b)
  cld <- if (nrun > 1) predict(d, what = "consensus") else predict(d)
  clk <- if (nrun > 1) predict(kl, what = "consensus") else predict(kl)
  data.frame(problem = label, nrun = nrun, default = d$fit$method %||% d$method,
             brunet_s = round(tb, 3), default_s = round(td, 3), speedup = round(tb / td, 1),
             purity_brunet = round(purity_of(clb, y), 3), purity_default = round(purity_of(cld, y), 3),
             agreement = round(agree(cld, clb), 3), kl_s = round(tk, 3), purity_kl = round(purity_of(clk, y), 3),
             agreement_kl = round(agree(clk, clb), 3))
}
`%||%` <- function(a, b) if (is.null(a)) b else a
ir <- t(as.matrix(iris[, 1:4]))
rows <- rbind(
  one("golub 5000 x 38, rank 3", golub, 3, golub_samples$type, 1),
  one("golub 5000 x 38, rank 3", golub, 3, golub_samples$type, 10),
  one("golub first 200 genes, rank 3 (NMF vignette)", golub[1:200, ], 3, golub_samples$class, 1),
  one("iris 4 x 150, rank 3", ir, 3, iris$Species, 1),
  one("iris 4 x 150, rank 3", ir, 3, iris$Species, 10)
)
cat(sprintf("# %s, load %s\n", format(Sys.time(), "%Y-%m-%d %H:%M UTC", tz = "UTC"),
            paste(readLines("/proc/loadavg"), collapse = "")))
cat(paste("| problem | runs | default | brunet (s) | default (s) | speed-up | purity brunet | purity default |",
          "default agrees with brunet | kl (s) | purity kl | kl agrees with brunet |\n"))
cat("|---|---|---|---|---|---|---|---|---|---|---|---|\n")
for (i in seq_len(nrow(rows))) cat(sprintf("| %s |\n", paste(unlist(rows[i, ]), collapse = " | ")))
