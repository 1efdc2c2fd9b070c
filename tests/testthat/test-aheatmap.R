small_matrix <- function() {
  m <- matrix(as.numeric(1:12), 4, dimnames = list(paste0("row", 1:4), paste0("c", 1:3)))
  m[2, 3] <- 40
  m
}

test_that("aheatmap draws a pheatmap with the NMF package's orders", {
  pdf(NULL)
  on.exit(dev.off())
  m <- small_matrix()
  h <- aheatmap(m, Rowv = NA, Colv = NA)
  expect_s3_class(h, "pheatmap")
  expect_identical(h$rowInd, 4:1)  # NMF lists the rows from the bottom up
  expect_identical(h$colInd, 1:3)
  expect_invisible(aheatmap(m))
  h <- aheatmap(m)
  d <- stats::dist(m)
  dend <- stats::reorder(stats::as.dendrogram(stats::hclust(d, "complete")), rowMeans(m))
  expect_identical(h$rowInd, stats::order.dendrogram(dend))
  expect_s3_class(h$Rowv, "dendrogram")
  expect_identical(aheatmap(m, Rowv = 4:1, Colv = NA, revC = FALSE)$rowInd, 4:1)
  expect_identical(aheatmap(m, Colv = c(3L, 1L, 2L), Rowv = NA)$colInd, c(3L, 1L, 2L))
  h <- aheatmap(m, Rowv = stats::dist(m, "manhattan"), Colv = "euclidean", hclustfun = "average")
  expect_identical(h$tree_row$method, "average")
  sq <- matrix(stats::runif(16), 4)
  h <- aheatmap(sq, Colv = "Rowv")
  expect_identical(rev(h$rowInd), h$colInd)
  expect_error(aheatmap(m, Colv = "Rowv"), "`Colv = \"Rowv\"` needs a square matrix, not 4 x 3")
  expect_error(aheatmap(m, Rowv = 1:2), "`Rowv` given as an order must be a permutation of 1 to 4")
  expect_error(aheatmap(m, distfun = "nope"), "`distfun` must be a distance")
  expect_error(aheatmap(m, hclustfun = "nope"), "`hclustfun` must be a method of hclust")
})

test_that("aheatmap takes NMF's scales, colour specifications, breaks, labels and page", {
  pdf(NULL)
  on.exit(dev.off())
  m <- small_matrix()
  for (s in c("row", "col", "r1", "c1", "none")) expect_s3_class(aheatmap(m, scale = s), "pheatmap")
  for (col in list("-RdYlBu2:200", "YlOrRd:50", "Set2", "blue", 1L, -1L, 1, "heat", c("navy", "white", "red"))) {
    expect_s3_class(aheatmap(m, color = col), "pheatmap")
  }
  expect_length(colour_ramp("-RdYlBu2:200"), 201L)
  expect_error(aheatmap(m, color = "nopalette"), "`color` = \"nopalette\" is not a colour or a palette")
  expect_error(aheatmap(m, scale = "z"), "`scale` must be one of")
  h <- aheatmap(m, breaks = 5)
  expect_s3_class(h, "pheatmap")
  expect_error(aheatmap(m, breaks = c(3, 1)), "`breaks` must be strictly increasing")
  h <- aheatmap(m, labRow = "gene ", labCol = NA, main = "t", sub = "s", info = TRUE)
  expect_s3_class(h$gtable, "frame")
  expect_error(aheatmap(m, labRow = 1:3), "`labRow` must be NULL, NA, 4 labels")
  expect_identical(heatmap_labels("/row(.)/", 4, rownames(m), "labRow"), as.character(1:4))
  expect_identical(heatmap_labels("sample ", 2, NULL, "labCol"), c("sample 1", "sample 2"))
  txt <- matrix(letters[1:12], 4)
  txt[1] <- NA
  expect_s3_class(aheatmap(m, txt = txt), "pheatmap")
  expect_error(aheatmap(m, txt = matrix("a", 2, 2)), "`txt` must be a matrix of 4 x 3")
  expect_identical(aheatmap(m, subsetRow = 2:3, Rowv = NA)$rowInd, 3:2)
  f <- withr::local_tempfile(fileext = ".png")
  aheatmap(m, filename = f, sub = "into a file")
  expect_true(file.exists(f) && file.size(f) > 0)
  expect_error(aheatmap(matrix(NA_real_, 2, 2)), "`x` has only missing values")
  expect_error(aheatmap("a"), "`x` must be a non-empty numeric matrix")
})

test_that("the NMF package's colour specifications give its colours", {
  skip_if_not_installed("NMF")
  ns <- asNamespace("NMF")
  for (spec in list("-RdYlBu2:100", "YlOrRd:50", "-RdYlBu", 1L, -1L, 1, "blue:20", "heat", "Set2:4")) {
    expect_identical(toupper(colour_ramp(spec)), toupper(ns$ccRamp(spec)), label = format(spec))
  }
  expect_identical(colour_palette("Set2", 3L), ns$ccPalette("Set2", 3))
})

test_that("tracks are read as the NMF package reads them, an all-NA one drawn empty", {
  pdf(NULL)
  on.exit(dev.off())
  m <- small_matrix()
  tr <- read_tracks(c("a", "b"), 4, rownames(m), "annRow", 1L)
  expect_identical(as.character(tr$annRow), c("a", "b", NA, NA))
  tr <- read_tracks(c(row3 = "z"), 4, rownames(m), "annRow", 1L)
  expect_identical(as.character(tr$annRow), c(NA, NA, "z", NA))
  tr <- read_tracks(list(g = factor(1:3), 1:3, ":basis"), 3, NULL, "annCol", 2L, list(basis = factor(c(2, 1, 1))))
  expect_identical(names(tr), c("g", "X2", "basis"))
  expect_error(read_tracks(1:2, 4, NULL, "annRow", 1L), "`annRow` must be a vector or factor of length 4")
  expect_error(read_tracks(mean, 4, NULL, "annRow", 1L), "`annRow` must be NA, a vector or factor")
  ann <- data.frame(Var1 = factor(c("u", "v", "u")), Var2 = c(1, 2, 3), none = NA)
  h <- aheatmap(m, annCol = ann, annRow = list(type = c("x", NA, "y", NA), all_missing = rep(NA, 4)),
                annColors = list(Var1 = c(u = "navy", v = "red"), Var2 = "Blues", type = "Set2"))
  expect_s3_class(h, "pheatmap")
  expect_identical(unname(h$gtable$grobs[[which(h$gtable$layout$name == "col_annotation")]]$gp$fill[, "Var1"]),
                   c("navy", "red", "navy")[h$colInd])
  expect_error(aheatmap(m, annCol = ann, annColors = list(nope = "red")), "`annColors` names track \"nope\"")
  expect_s3_class(aheatmap(m, annCol = ann, annLegend = FALSE), "pheatmap")
})

test_that("annCol and annRow take an ExpressionSet's and a SummarizedExperiment's data as tracks", {
  skip_if_not_installed("Biobase")
  pdf(NULL)
  on.exit(dev.off())
  x <- three_groups()
  es <- Biobase::ExpressionSet(x, phenoData = Biobase::AnnotatedDataFrame(
    data.frame(group = group_labels(), depth = 1:24, row.names = colnames(x))))
  tr <- read_tracks(es, 24, colnames(x), "annCol", 2L)
  expect_identical(names(tr), c("group", "depth"))
  res <- nmf(x, 3, nrun = 2, seed = 1)
  expect_s3_class(consensusmap(res, annCol = es, tracks = NA), "pheatmap")
  expect_s3_class(aheatmap(es, annCol = TRUE), "pheatmap")
})
