# Fixtures of the multi-run, consensus, survey and heatmap tests.

# 30 x 24 data with three clear groups of 8 samples, reproducible.
three_groups <- function(seed = 1, noise = 0.3) {
  withr::with_seed(seed, {
    w <- matrix(stats::runif(30 * 3), 30, 3)
    w[1:10, 2:3] <- 0
    w[11:20, c(1, 3)] <- 0
    w[21:30, 1:2] <- 0
    h <- kronecker(diag(3), matrix(1, 1, 8)) + 0.05
    x <- w %*% h + noise * matrix(stats::runif(30 * 24), 30, 24)
    dimnames(x) <- list(paste0("g", 1:30), paste0("s", 1:24))
    x
  })
}

group_labels <- function() factor(rep(c("a", "b", "c"), each = 8))

# The NMF package's result, quietly; several runs sequentially (its parallel
# backend needs NMF attached).
nmf_ref <- function(..., .options = "") {
  suppressMessages(NMF::nmf(..., .options = paste0(.options, "-p")))
}

golub_subset <- function(rows = 1:200) {
  env <- new.env()
  utils::data("esGolub", package = "NMF", envir = env)
  Biobase::exprs(env$esGolub)[rows, ]
}

# A fitset's content without its timings.
fitset_content <- function(res) {
  list(W = basis(res), H = coef(res), consensus = consensus(res),
       runs = res$runs[c("run", "deviance", "niter", "stop")], best = res$best)
}

# The NMF package's seeding fails once DelayedArray (loaded with
# SummarizedExperiment) is loaded: its `seed` generic hides NMF's.
skip_if_no_nmf <- function() {
  skip_if_not_installed("NMF")
  skip_if(isNamespaceLoaded("DelayedArray"), "the NMF package cannot seed once DelayedArray is loaded")
}
