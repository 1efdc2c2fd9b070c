# Draws the README's figure(s) into man/figures/. Run from the package root
# with nmfkit installed: Rscript tools/readme-figures.R
library(nmfkit)
dir.create("man/figures", showWarnings = FALSE, recursive = TRUE)

# Consensus map of the Golub leukemia data at rank 3 (Brunet et al. 2004):
# 10 runs of the fast KL solver; the three blocks are ALL-B, ALL-T and AML.
res <- nmf(golub, 3, "kl", nrun = 10, seed = 123456)
grDevices::png("man/figures/README-consensus.png", width = 640, height = 520,
               res = 96)
consensusmap(res, annCol = golub_samples[c("class", "type")],
             annotation_colors = list(
               class = c(ALL = "#66a61e", AML = "#e7298a"),
               type = c("ALL-B" = "#1b9e77", "ALL-T" = "#d95f02", AML = "#7570b3")),
             main = "Golub data, rank 3: consensus of 10 runs",
             show_rownames = FALSE, show_colnames = FALSE)
grDevices::dev.off()
