test_that("golub is the 5000 x 38 non-negative matrix with its annotations", {
  g <- golub
  expect_true(is.matrix(g))
  expect_type(g, "double")
  expect_identical(dim(g), c(5000L, 38L))
  expect_true(all(is.finite(g)))
  expect_true(all(g >= 0))
  expect_identical(colnames(g), rownames(nmfkit::golub_samples))
  expect_identical(colnames(g), nmfkit::golub_samples$sample)
  expect_identical(rownames(g), nmfkit::golub_genes$probe)
  expect_identical(c(table(nmfkit::golub_samples$class)), c(ALL = 27L, AML = 11L))
  expect_identical(c(table(nmfkit::golub_samples$cell)), c(B = 19L, T = 8L))
  expect_true(all(is.na(nmfkit::golub_samples$cell[nmfkit::golub_samples$class == "AML"])))
  expect_identical(c(table(nmfkit::golub_samples$type)),
                   c("ALL-B" = 19L, "ALL-T" = 8L, AML = 11L))
})

test_that("golub equals the NMF package's esGolub", {
  skip_if_not_installed("NMF")
  skip_if_not_installed("Biobase")
  g <- nmfkit::golub
  env <- new.env()
  data("esGolub", package = "NMF", envir = env)
  es <- env$esGolub
  expect_equal(g, Biobase::exprs(es), tolerance = 0)
  pd <- Biobase::pData(es)
  expect_identical(nmfkit::golub_samples$sample, pd$Sample)
  expect_identical(as.character(nmfkit::golub_samples$class), as.character(pd$ALL.AML))
  cell <- as.character(pd$Cell)
  expect_identical(ifelse(is.na(nmfkit::golub_samples$cell), "",
                          paste0(nmfkit::golub_samples$cell, "-cell")), cell)
  expect_identical(nmfkit::golub_genes$description,
                   as.character(Biobase::fData(es)$Description))
})
