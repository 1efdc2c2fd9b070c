#' The Golub leukemia data as the NMF package ships them
#'
#' The NMF package's `esGolub`: the [golub] data as a Bioconductor
#' `ExpressionSet`, so that scripts written for the NMF package that call
#' `data(esGolub)` run unchanged. `exprs(esGolub)` is `golub` (5000 genes x
#' 38 samples); its phenotype data have the columns `Sample`, `ALL.AML`
#' (factor `ALL`/`AML`) and `Cell` (factor `B-cell`/`T-cell`, empty for the
#' AML samples), its feature data the column `Description`.
#'
#' Working with it as an `ExpressionSet` (`esGolub[1:200, ]`,
#' `esGolub$Cell`) needs the Biobase package, which R loads when the object
#' is first printed and the NMF package loads with itself; [nmf()] and the
#' heatmaps read it directly (its `exprs`, and its phenotype data as
#' annotation tracks in `annCol`).
#'
#' @format An `ExpressionSet` (package Biobase) of 5000 features and 38
#'   samples.
#' @source The NMF package (Gaujoux and Seoighe 2010), see [golub].
#' @examples
#' if (requireNamespace("Biobase", quietly = TRUE)) {
#'   data(esGolub)
#'   dim(Biobase::exprs(esGolub))
#'   table(Biobase::pData(esGolub)$ALL.AML)
#' }
#' @name esGolub
#' @docType data
#' @keywords datasets
"esGolub"
