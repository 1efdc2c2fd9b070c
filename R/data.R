#' Golub et al. (1999) leukemia data, as used by Brunet et al. (2004)
#'
#' Expression of the 5000 most varying genes (Affymetrix Hu6800 probes) in
#' bone marrow samples of 38 leukemia patients: 27 with acute lymphoblastic
#' leukemia (ALL; 19 of B-cell and 8 of T-cell origin) and 11 with acute
#' myeloid leukemia (AML). Brunet et al. (2004) used these data to introduce
#' NMF-based consensus clustering and the cophenetic correlation for
#' choosing the rank: at rank 2 the samples split into ALL and AML, at rank 3
#' the ALL samples further split into B-cell and T-cell. Plain R objects, so
#' that no Bioconductor package is needed.
#'
#' @format
#' * `golub`: a numeric matrix, 5000 genes (rows, named by probe) x 38
#'   samples (columns, named by sample), non-negative (whole numbers
#'   between 20 and 61225), features x samples as [nmf()] expects.
#' * `golub_samples`: a data.frame with one row per sample (in the order of the
#'   columns, row names the sample names) and columns `sample` (the original
#'   sample label), `class` (factor `ALL`/`AML`), `cell` (factor `B`/`T`,
#'   the lineage of the ALL samples, `NA` for AML) and `type` (factor
#'   `ALL-B`/`ALL-T`/`AML`, the three classes of Brunet et al.).
#' * `golub_genes`: a data.frame with one row per gene (in the rows' order)
#'   and columns `probe` (the Affymetrix probe) and `description`.
#'
#' @source Extracted (by `data-raw/golub.R` in the package sources) from the
#'   `esGolub` ExpressionSet of the NMF package (Gaujoux and Seoighe 2010;
#'   GPL (>= 2)), which took it from the web page of Brunet et al. (2004) at
#'   the Broad Institute (<https://www.broadinstitute.org/publications/broad872>);
#'   the original data of Golub et al. (1999), 7129 genes, were published by
#'   the Whitehead Institute / Broad Institute for research use. The values
#'   are unchanged; the `Cell` annotation's empty level became `NA`.
#'
#' @references
#' Golub T.R., Slonim D.K., Tamayo P. et al. (1999). Molecular classification
#' of cancer: class discovery and class prediction by gene expression
#' monitoring. *Science* 286(5439), 531--537. \doi{10.1126/science.286.5439.531}
#'
#' Brunet J.-P., Tamayo P., Golub T.R. and Mesirov J.P. (2004). Metagenes and
#' molecular pattern discovery using matrix factorization. *PNAS* 101(12),
#' 4164--4169. \doi{10.1073/pnas.0308531101}
#'
#' Gaujoux R. and Seoighe C. (2010). A flexible R package for nonnegative
#' matrix factorization. *BMC Bioinformatics* 11, 367.
#' \doi{10.1186/1471-2105-11-367}
#'
#' @examples
#' dim(golub)
#' table(golub_samples$type)
#' fit <- nmf(golub, 2, seed = 1)
#' table(cluster = predict(fit), class = golub_samples$class)
#' @name golub
#' @docType data
#' @keywords datasets
"golub"

#' @rdname golub
#' @format NULL
"golub_samples"

#' @rdname golub
#' @format NULL
"golub_genes"
