# Heatmaps of the consensus matrix, the basis and the coefficients, drawn
# with pheatmap.

#' Heatmaps of a factorization
#'
#' `consensusmap()` draws the consensus matrix of several runs (the
#' connectivity matrix of one fit) with the dendrogram of its average-linkage
#' clustering on the distance `1 - consensus` on both sides, and annotation
#' tracks of the best fit's clusters (`"basis"`), the consensus clusters
#' (`"consensus"`) and the consensus silhouette widths (`"silhouette"`). For a
#' rank survey it draws one map per rank on one page. `basismap()` draws the
#' basis (features x components), each row scaled to sum 1, with the
#' features' dendrogram and the track of the component each feature belongs
#' to; `subsetRow = TRUE` keeps Kim and Park's component-specific features
#' ([extractFeatures()]). `coefmap()` draws the coefficients (components x
#' samples), each column scaled to sum 1, with the samples' dendrogram and
#' their clusters.
#'
#' They are drawn with [pheatmap::pheatmap()], to which `...` is passed (for
#' instance `fontsize`, `cellwidth`, `show_rownames`, `silent = TRUE`).
#'
#' @param object a fitset or fit from [nmf()]; for `consensusmap()` also a
#'   rank survey or a consensus matrix.
#' @param annCol,annRow annotation tracks for the samples (columns) or
#'   features (rows): a factor or vector with one value per sample (feature),
#'   a data.frame with one row per sample (feature), or a list of such
#'   vectors; `NULL` or `NA` for none.
#' @param tracks tracks computed from the fit: for `consensusmap()` some of
#'   `"basis"`, `"consensus"`, `"silhouette"`; for `basismap()` and
#'   `coefmap()` `"basis"` or none (`NULL`). The NMF package's spelling
#'   `"basis:"` is accepted.
#' @param subsetRow for `basismap()`: `FALSE` (all features), `TRUE` (Kim's
#'   features), a number (see the numeric `method` of [extractFeatures()]) or
#'   a vector of row indices or names.
#' @param scale `"r1"` (rows scaled to sum 1), `"c1"` (columns to sum 1),
#'   `"none"`, or pheatmap's z-scores `"row"` or `"column"`.
#' @param main title.
#' @param color a vector of colours (default: blue to red for consensus maps,
#'   yellow to red for the others).
#' @param filename `NA` to draw on the current device, or a file (`.pdf`,
#'   `.png`, `.jpeg`, `.tiff`, `.bmp`) to draw into.
#' @param ncol for a survey: the number of maps per row of the page.
#' @param width,height for a survey drawn to `filename`: the page size in
#'   inches.
#' @param ... passed to [pheatmap::pheatmap()].
#' @return The `pheatmap` object (for a survey, a list of them, one per
#'   rank), invisibly.
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' res <- nmf(x, 3, nrun = 4, seed = 1)
#' consensusmap(res, annCol = iris$Species)
#' basismap(res)
#' coefmap(res, annCol = data.frame(species = iris$Species))
consensusmap <- function(object, ...) UseMethod("consensusmap")

#' @rdname consensusmap
#' @export
consensusmap.nmfkit_fitset <- function(object, annCol = NULL, annRow = NULL,
                                       tracks = c("basis", "consensus"), main = "Consensus matrix",
                                       color = NULL, filename = NA, ...) {
  tracks <- check_tracks(tracks, c("basis", "consensus", "silhouette"))
  n <- nrow(object$consensus)
  auto <- list()
  if ("basis" %in% tracks) auto$basis <- predict(object, what = "samples")
  if ("consensus" %in% tracks) auto$consensus <- predict(object, what = "consensus")
  if ("silhouette" %in% tracks) {
    si <- silhouette(object, what = "consensus")
    auto$silhouette <- if (is_na_scalar(si)) rep(NA_real_, n) else si[order(attr(si, "iOrd")), "sil_width"]
  }
  draw_consensus(object$consensus, auto, annCol, annRow, main, color, filename, ...)
}

#' @rdname consensusmap
#' @export
consensusmap.nmfkit_fit <- function(object, annCol = NULL, annRow = NULL, tracks = "basis",
                                    main = "Connectivity matrix", color = NULL, filename = NA, ...) {
  tracks <- check_tracks(tracks, "basis")
  auto <- if ("basis" %in% tracks) list(basis = predict(object, what = "samples")) else list()
  draw_consensus(connectivity(object), auto, annCol, annRow, main, color, filename, ...)
}

#' @rdname consensusmap
#' @export
consensusmap.default <- function(object, annCol = NULL, annRow = NULL, main = "Consensus matrix",
                                 color = NULL, filename = NA, ...) {
  draw_consensus(check_consensus(object), list(), annCol, annRow, main, color, filename, ...)
}

#' @rdname consensusmap
#' @export
consensusmap.nmfkit_survey <- function(object, annCol = NULL, tracks = c("basis", "consensus"),
                                       main = "rank = %s", filename = NA, ncol = NULL,
                                       width = NULL, height = NULL, ...) {
  filename <- check_filename(filename)
  ranks <- names(object$fit)
  extra <- list(...)
  # the user's tracks get the same colours in every rank's map
  if (is.null(extra$annotation_colors)) {
    n <- ncol(consensus(object$fit[[1L]]))
    extra$annotation_colors <- fixed_annotation_colors(check_annotation(annCol, n, "annCol", "sample"))
  }
  maps <- lapply(ranks, function(r) {
    do.call(consensusmap, c(list(object$fit[[r]], annCol = annCol, tracks = tracks, main = sprintf(main, r),
                                 silent = TRUE), extra))
  })
  names(maps) <- ranks
  nc <- if (is.null(ncol)) min(length(maps), 3L) else check_whole(ncol, "ncol", lower = 1)
  nr <- ceiling(length(maps) / nc)
  if (!is.na(filename)) {
    open_device(filename, if (is.null(width)) 5 * nc else width, if (is.null(height)) 5 * nr else height)
    on.exit(grDevices::dev.off(), add = TRUE)
  }
  grid::grid.newpage()
  grid::pushViewport(grid::viewport(layout = grid::grid.layout(nr, nc)))
  for (i in seq_along(maps)) {
    grid::pushViewport(grid::viewport(layout.pos.row = (i - 1L) %/% nc + 1L, layout.pos.col = (i - 1L) %% nc + 1L))
    grid::grid.draw(maps[[i]]$gtable)
    grid::popViewport()
  }
  grid::popViewport()
  invisible(maps)
}

#' @rdname consensusmap
#' @export
basismap <- function(object, ...) UseMethod("basismap")

#' @rdname consensusmap
#' @export
basismap.nmfkit_fit <- function(object, subsetRow = FALSE, annRow = NULL, tracks = "basis", scale = "r1",
                                main = "Basis components", color = NULL, filename = NA, ...) {
  tracks <- check_tracks(tracks, "basis")
  scale <- check_choice(scale, scales(), "scale")
  w <- name_dims(basis(object))
  ann <- check_annotation(annRow, nrow(w), "annRow", "feature")
  rows <- subset_rows(object, w, subsetRow)
  auto <- if ("basis" %in% tracks) data.frame(basis = predict(object, what = "features")) else NULL
  ann <- bind_tracks(auto, ann, rownames(w))
  if (!is.null(ann)) ann <- ann[rows, , drop = FALSE]
  w <- w[rows, , drop = FALSE]
  args <- list(mat = scale_matrix(w, scale), color = if (is.null(color)) palette_ylorrd() else color,
               cluster_rows = nrow(w) > 1L, cluster_cols = FALSE, annotation_row = ann,
               show_rownames = nrow(w) <= 50L, main = main, border_color = NA,
               scale = pheatmap_scale(scale), filename = check_filename(filename))
  draw_pheatmap(args, list(...))
}

#' @rdname consensusmap
#' @export
basismap.nmfkit_fitset <- function(object, ...) basismap(object$fit, ...)

#' @rdname consensusmap
#' @export
basismap.default <- function(object, ...) not_a_fit(object)

#' @rdname consensusmap
#' @export
coefmap <- function(object, ...) UseMethod("coefmap")

#' @rdname consensusmap
#' @export
coefmap.nmfkit_fit <- function(object, annCol = NULL, tracks = "basis", scale = "c1",
                               main = "Mixture coefficients", color = NULL, filename = NA, ...) {
  tracks <- check_tracks(tracks, "basis")
  scale <- check_choice(scale, scales(), "scale")
  h <- name_dims(coef(object))
  ann <- check_annotation(annCol, ncol(h), "annCol", "sample")
  auto <- if ("basis" %in% tracks) data.frame(basis = predict(object, what = "samples")) else NULL
  args <- list(mat = scale_matrix(h, scale), color = if (is.null(color)) palette_ylorrd() else color,
               cluster_rows = FALSE, cluster_cols = ncol(h) > 1L,
               annotation_col = bind_tracks(auto, ann, colnames(h)),
               show_colnames = ncol(h) <= 50L, main = main, border_color = NA,
               scale = pheatmap_scale(scale), filename = check_filename(filename))
  draw_pheatmap(args, list(...))
}

#' @rdname consensusmap
#' @export
coefmap.nmfkit_fitset <- function(object, ...) coefmap(object$fit, ...)

#' @rdname consensusmap
#' @export
coefmap.default <- function(object, ...) not_a_fit(object)

# A consensus map: average linkage on 1 - C on both sides.
draw_consensus <- function(C, auto, annCol, annRow, main, color, filename, ...) {
  C <- name_dims(C, same = TRUE)
  n <- nrow(C)
  ann_col <- bind_tracks(if (length(auto)) as.data.frame(auto) else NULL,
                         check_annotation(annCol, n, "annCol", "sample"), colnames(C))
  ann_row <- bind_tracks(NULL, check_annotation(annRow, n, "annRow", "sample"), rownames(C))
  tree <- if (n > 1L) stats::hclust(stats::as.dist(1 - C), method = "average") else FALSE
  if (is.null(color)) color <- palette_consensus()
  args <- list(mat = C, color = color, breaks = seq(0, 1, length.out = length(color) + 1L),
               cluster_rows = tree, cluster_cols = tree, annotation_col = ann_col, annotation_row = ann_row,
               show_rownames = n <= 50L, show_colnames = n <= 50L, main = main, border_color = NA,
               filename = check_filename(filename))
  draw_pheatmap(args, list(...))
}

draw_pheatmap <- function(args, extra) {
  args <- utils::modifyList(args, extra)
  args <- args[!vapply(args, is.null, NA)]
  invisible(do.call(pheatmap::pheatmap, args))
}

# Row and column names (pheatmap matches annotations by name).
name_dims <- function(m, same = FALSE) {
  if (is.null(rownames(m))) rownames(m) <- as.character(seq_len(nrow(m)))
  if (is.null(colnames(m))) colnames(m) <- if (same) rownames(m) else as.character(seq_len(ncol(m)))
  m
}

# Colours for the factor columns of an annotation data.frame (NULL when there
# are none), named by level, so that several maps colour them alike.
fixed_annotation_colors <- function(ann) {
  if (is.null(ann)) return(NULL)
  fac <- names(ann)[vapply(ann, is.factor, NA)]
  if (!length(fac)) return(NULL)
  cols <- lapply(fac, function(nm) {
    lev <- levels(ann[[nm]])
    stats::setNames(grDevices::hcl.colors(max(length(lev), 2L), "Dark 3")[seq_along(lev)], lev)
  })
  stats::setNames(cols, fac)
}

# Tracks computed from the fit, then the user's, as one data.frame named by
# the rows or columns of the matrix.
bind_tracks <- function(auto, user, names) {
  ann <- if (is.null(auto)) user else if (is.null(user)) auto else cbind(auto, user)
  if (is.null(ann)) return(NULL)
  ann <- as.data.frame(ann)
  rownames(ann) <- names
  ann
}

# Rows of the basis kept by basismap(subsetRow = ).
subset_rows <- function(object, w, subsetRow) {
  m <- nrow(w)
  if (isFALSE(subsetRow)) return(seq_len(m))
  if (isTRUE(subsetRow)) {
    rows <- extractFeatures(object, format = "combine")
  } else if (is.numeric(subsetRow) && length(subsetRow) == 1L) {
    rows <- extractFeatures(object, method = subsetRow, format = "combine")
  } else if (is.character(subsetRow) && !anyNA(subsetRow) && all(subsetRow %in% rownames(w))) {
    rows <- match(subsetRow, rownames(w))
  } else if (is.numeric(subsetRow) && !anyNA(subsetRow) && all(subsetRow >= 1 & subsetRow <= m)) {
    rows <- as.integer(subsetRow)
  } else {
    abort_arg(paste("`subsetRow` must be TRUE, FALSE, a number of features per component, or row indices",
                    "(1 to %d) or row names of the basis, not %s."), m, describe_value(subsetRow))
  }
  rows <- unname(as.integer(rows))
  if (length(rows) == 0L) abort_arg("`subsetRow` selects no feature: nothing to draw.")
  rows
}

scale_matrix <- function(m, scale) {
  if (scale == "r1") {
    s <- rowSums(m)
    m <- m / ifelse(s > 0, s, 1)
  } else if (scale == "c1") {
    s <- colSums(m)
    m <- sweep(m, 2L, ifelse(s > 0, s, 1), "/")
  }
  m
}

scales <- function() c("r1", "c1", "none", "row", "column")

pheatmap_scale <- function(scale) if (scale %in% c("row", "column")) scale else "none"

palette_consensus <- function() {
  grDevices::colorRampPalette(rev(c("#A50026", "#D73027", "#F46D43", "#FDAE61", "#FEE090", "#FFFFBF",
                                    "#E0F3F8", "#ABD9E9", "#74ADD1", "#4575B4", "#313695")))(100)
}

palette_ylorrd <- function() {
  grDevices::colorRampPalette(c("#FFFFCC", "#FFEDA0", "#FED976", "#FEB24C", "#FD8D3C", "#FC4E2A",
                                "#E31A1C", "#BD0026", "#800026"))(50)
}

# Opens a file device chosen by the file's extension.
open_device <- function(filename, width, height) {
  ext <- tolower(tools::file_ext(filename))
  switch(ext,
    pdf = grDevices::pdf(filename, width = width, height = height),
    png = grDevices::png(filename, width = width, height = height, units = "in", res = 150),
    jpeg = , jpg = grDevices::jpeg(filename, width = width, height = height, units = "in", res = 150),
    tiff = grDevices::tiff(filename, width = width, height = height, units = "in", res = 150),
    bmp = grDevices::bmp(filename, width = width, height = height, units = "in", res = 150)
  )
  invisible(filename)
}
