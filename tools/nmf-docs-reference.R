# Records what the NMF package's own documents do with the NMF package
# attached, for the acceptance test tests/testthat/test-nmf-docs.R: which
# expressions run, the numbers they print and the numbers of the probes
# (tests/testthat/helper-nmf-docs.R). The test then runs the same documents
# with nmfkit only, so that NMF's slow fits are not rerun at every test.
#
#   Rscript tools/nmf-docs-reference.R    (from the package root; about 3
#                                          minutes on 2 cores)
#
# Needs the NMF package (Debian r-cran-nmf 0.25), Biobase and callr; nmfkit
# itself is not used. Writes tests/testthat/fixtures/nmf-docs.rds.
source("tests/testthat/helper-nmf-docs.R")
stopifnot(requireNamespace("NMF", quietly = TRUE), requireNamespace("callr", quietly = TRUE))

t0 <- proc.time()[["elapsed"]]
runs <- run_nmf_docs("NMF", timeout = 3600)
elapsed <- proc.time()[["elapsed"]] - t0

# Keep what the test compares: the expressions' text and outcome, the printed
# numbers of the expressions it checks, and the probes.
checks <- nmf_docs_printed_checks()
docs <- lapply(names(runs), function(d) {
  tab <- runs[[d]]$expressions
  printed <- list()
  for (chk in checks[vapply(checks, function(ch) ch$doc == d, NA)]) {
    i <- which(tab$text == chk$text)
    stopifnot(length(i) == 1L)
    printed[[chk$text]] <- runs[[d]]$printed[[i]]
  }
  list(expressions = tab[c("index", "text", "ok", "error", "seconds")], printed = printed,
       probes = runs[[d]]$probes)
})
names(docs) <- names(runs)
ref <- list(docs = docs, nmf_version = as.character(utils::packageVersion("NMF")), r_version = R.version.string,
            date = format(Sys.Date()), seconds = elapsed)

dir.create("tests/testthat/fixtures", showWarnings = FALSE)
saveRDS(ref, "tests/testthat/fixtures/nmf-docs.rds", version = 2)
for (d in names(docs)) {
  e <- docs[[d]]$expressions
  cat(sprintf("%-14s %3d of %3d expressions run with NMF %s\n", d, sum(e$ok), nrow(e), ref$nmf_version))
}
cat(sprintf("total: %d of %d, in %.0f s\n", sum(vapply(docs, function(x) sum(x$expressions$ok), 0L)),
            sum(vapply(docs, function(x) nrow(x$expressions), 0L)), elapsed))
