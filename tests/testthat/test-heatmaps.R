test_that("consensusmap, basismap and coefmap draw with and without annotations", {
  x <- three_groups()
  res <- nmf(x, 3, nrun = 3, seed = 1)
  pdf(NULL)
  on.exit(dev.off())
  ph <- consensusmap(res)
  expect_s3_class(ph, "pheatmap")
  expect_invisible(consensusmap(res))
  ph <- consensusmap(res, annCol = group_labels(), tracks = c("basis:", "consensus:", "silhouette:"))
  expect_s3_class(ph$tree_col, "hclust")
  expect_identical(ph$tree_col$method, "average")
  expect_s3_class(consensusmap(res, annCol = data.frame(group = group_labels(), depth = 1:24), tracks = NULL),
                  "pheatmap")
  expect_s3_class(consensusmap(res$fit, annCol = list(a = group_labels())), "pheatmap")
  expect_s3_class(consensusmap(consensus(res), annRow = group_labels()), "pheatmap")
  expect_s3_class(basismap(res), "pheatmap")
  # Kim's features need basis columns sharper than the noisy data give
  sharp <- nmf(three_groups(noise = 0), 3, nrun = 3, seed = 1)
  expect_gt(sum(!is.na(unlist(extractFeatures(sharp)))), 0)
  expect_s3_class(basismap(sharp, subsetRow = TRUE, annRow = rep(c("u", "v"), 15), tracks = NULL), "pheatmap")
  expect_s3_class(basismap(res$fit, subsetRow = 2, scale = "none"), "pheatmap")
  expect_s3_class(coefmap(res), "pheatmap")
  expect_s3_class(coefmap(res, annCol = group_labels(), scale = "row"), "pheatmap")
})

test_that("heatmaps draw into files and a survey draws one map per rank", {
  x <- three_groups()
  est <- nmf(x, 2:3, nrun = 2, seed = 1)
  f <- withr::local_tempfile(fileext = ".png")
  ph <- consensusmap(est$fit[["3"]], annCol = group_labels(), filename = f)
  expect_true(file.exists(f) && file.size(f) > 0)
  expect_s3_class(ph, "pheatmap")
  g <- withr::local_tempfile(fileext = ".pdf")
  maps <- consensusmap(est, annCol = group_labels(), filename = g)
  expect_true(file.exists(g) && file.size(g) > 0)
  expect_named(maps, c("2", "3"))
  expect_s3_class(maps[["2"]], "pheatmap")
  h <- withr::local_tempfile(fileext = ".pdf")
  basismap(est$fit[["2"]], filename = h)
  expect_true(file.exists(h))
  pdf(NULL)
  on.exit(dev.off())
  expect_invisible(consensusmap(est, ncol = 1))
  # the user's annotation has the same colours in every rank's map
  maps <- consensusmap(est, annCol = group_labels(), tracks = NULL)
  legend_fill <- function(m) {
    g <- m$gtable$grobs[[which(m$gtable$layout$name == "annotation_legend")]]
    unname(unlist(lapply(g$children, function(ch) if (inherits(ch, "rect")) ch$gp$fill)))
  }
  expect_identical(legend_fill(maps[["2"]]), legend_fill(maps[["3"]]))
  expect_length(unique(legend_fill(maps[["2"]])), 3L)
})

test_that("the maps take the NMF package's arguments and tracks", {
  x <- three_groups()
  res <- nmf(x, 3, nrun = 3, seed = 1)
  pdf(NULL)
  on.exit(dev.off())
  ph <- coefmap(res, Colv = "euclidean", main = "contributions", labCol = NULL,
                annRow = list(Metagene = ":basis"), annCol = list(":basis", Class = group_labels(), Index = 1:24),
                annColors = list(Metagene = "Set2"), info = TRUE)
  expect_s3_class(ph, "pheatmap")
  expect_identical(ph$rowInd, 3:1)
  ph <- basismap(res, main = "Metagenes", annRow = list(stats::runif(30), rep(c("X", "Y", NA), 10)),
                 tracks = c(Metagene = ":basis"))
  expect_true("Metagene" %in% names(ph$gtable$grobs[[which(ph$gtable$layout$name == "row_annotation")]]$gp$fill) ||
                is.matrix(ph$gtable$grobs[[which(ph$gtable$layout$name == "row_annotation")]]$gp$fill))
  expect_s3_class(basismap(res, tracks = ":basis", annColor = list(basis = 1:3)), "pheatmap")
  expect_s3_class(basismap(res, annRow = c("alpha", "beta")), "pheatmap")
  expect_s3_class(basismap(res, annRow = list(new_name = ":basis"), tracks = NA), "pheatmap")
  expect_s3_class(basismap(res, tracks = "basis:"), "pheatmap")
  expect_s3_class(coefmap(res$fit, annCol = c(new_name = "basis")), "pheatmap")
  ph <- consensusmap(res, annCol = data.frame(a = group_labels(), c = stats::runif(24)),
                     annColors = list(c = "blue"), labCol = "sample ", main = "Cluster stability",
                     sub = "Consensus matrix and all covariates")
  expect_s3_class(ph$gtable, "frame")
  expect_identical(rev(ph$rowInd), ph$colInd)
  expect_error(basismap(res, tracks = "nope"), "`tracks` has unknown track \"nope\"")
  fits <- nmf(x, 3, c("lee", "brunet"), nrun = 2, seed = 1)
  maps <- consensusmap(fits)
  expect_named(maps, c("lee", "brunet"))
})

test_that("plot and summary of several methods' fits", {
  x <- three_groups()
  fits <- nmf(x, 3, c("lee", "brunet"), seed = 1, track = TRUE)
  pdf(NULL)
  on.exit(dev.off())
  expect_identical(plot(fits), fits)
  expect_identical(summary(fits, class = group_labels()), compare(fits, class = group_labels()))
  expect_error(plot(nmf(x, 3, c("lee", "brunet"), seed = 1)), "These fits have no objective track")
})
