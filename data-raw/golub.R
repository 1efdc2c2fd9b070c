# Extracts the Golub et al. (1999) leukemia data used by Brunet et al. (2004)
# from the NMF package's `esGolub` (an ExpressionSet) into plain R objects, so
# that nmfkit's users need no Bioconductor package to use it.
# Run once from the package root: Rscript data-raw/golub.R
# Needs the NMF and Biobase packages (Debian: r-cran-nmf, r-bioc-biobase).
data("esGolub", package = "NMF", envir = environment())

# 5000 genes x 38 samples; the values are whole numbers, stored as doubles
golub <- Biobase::exprs(esGolub)
storage.mode(golub) <- "double"

pd <- Biobase::pData(esGolub)
stopifnot(identical(rownames(pd), colnames(golub)),
          identical(pd$Sample, colnames(golub)))
cell <- as.character(pd$Cell)
cell[cell == ""] <- NA                       # the AML samples have no cell type
golub_samples <- data.frame(
  sample = colnames(golub),
  class = factor(as.character(pd$ALL.AML), levels = c("ALL", "AML")),
  cell = factor(sub("-cell$", "", cell), levels = c("B", "T")),
  type = factor(ifelse(pd$ALL.AML == "AML", "AML",
                       paste0("ALL-", sub("-cell$", "", cell))),
                levels = c("ALL-B", "ALL-T", "AML")),
  row.names = colnames(golub),
  stringsAsFactors = FALSE
)

golub_genes <- data.frame(
  probe = rownames(golub),
  description = as.character(Biobase::fData(esGolub)$Description),
  row.names = rownames(golub),
  stringsAsFactors = FALSE
)

stopifnot(identical(dim(golub), c(5000L, 38L)),
          all(golub >= 0),
          identical(as.vector(table(golub_samples$class)), c(27L, 11L)),
          identical(as.vector(table(golub_samples$type)), c(19L, 8L, 11L)))

save(golub, file = "data/golub.rda", compress = "xz")
save(golub_samples, file = "data/golub_samples.rda", compress = "xz")
save(golub_genes, file = "data/golub_genes.rda", compress = "xz")

# The NMF package's `esGolub` itself (an ExpressionSet: exprs, phenoData with
# Sample, ALL.AML and Cell, featureData with Description), for the scripts
# written for the NMF package that call data(esGolub); Biobase is needed to
# use it as an ExpressionSet, as it is with the NMF package.
save(esGolub, file = "data/esGolub.rda", compress = "xz")
