# aheatmap(): the NMF package's annotated heatmap, drawn with pheatmap, and
# the engine behind consensusmap(), basismap() and coefmap().

#' Annotated heatmaps
#'
#' The NMF package's `aheatmap()`, drawn with [pheatmap::pheatmap()]: a
#' heatmap of a matrix with dendrograms, annotation tracks of its columns
#' and rows, and the NMF package's arguments. [consensusmap()],
#' [basismap()] and [coefmap()] draw with it and take the same arguments.
#'
#' * Ordering: `Rowv` and `Colv` are `TRUE` (a hierarchical clustering,
#'   reordered by the rows' means), `NA` (no reordering), `FALSE`
#'   (reordered by the clustering, no dendrogram drawn), a number (the
#'   height of the dendrogram), an `hclust` or `dendrogram`, a `dist` object
#'   (clustered with `hclustfun`), a vector of weights for [stats::reorder()],
#'   an integer vector (the order itself), a silhouette (its order), or the
#'   names of a distance and a clustering method (`c("euclidean", "average")`,
#'   or a list of functions). `Colv = "Rowv"` uses the rows' clustering for
#'   the columns of a square matrix. `distfun` is a distance (`"euclidean"`,
#'   `"maximum"`, `"manhattan"`, `"canberra"`, `"binary"`, `"minkowski"`, or
#'   `"correlation"`/`"pearson"`/`"kendall"`/`"spearman"` for `1 - cor`), a
#'   `dist` object or a function of the matrix; `hclustfun` a method of
#'   [stats::hclust()] or a function of the distance.
#' * Values: `scale` is `"none"`, `"row"` or `"column"` (z-scores), `"r1"`
#'   or `"c1"` (rows or columns scaled to sum 1). `color` is a vector of
#'   colours or an NMF colour specification: a palette name
#'   (RColorBrewer's, or `"RdYlBu2"`, `"heat"`, `"topo"`, `"terrain"`,
#'   `"cm"`, `"rainbow"`, `"gray"`), reversed by a leading `"-"`, with the
#'   number of colours after `":"` (`"-RdYlBu2:100"`, the default), a
#'   colour (a ramp from light grey), an integer (R's palette) or a number
#'   (a hue). `breaks` are the limits of the colours (one more than the
#'   colours), or a single number on which the colours are centred.
#' * Tracks: `annCol` and `annRow` are vectors or factors (one value per
#'   column or row; a shorter character vector annotates the first ones),
#'   data.frames, an `ExpressionSet` or `SummarizedExperiment` (its sample
#'   data for `annCol`, its feature data for `annRow`), or lists of them.
#'   `annColors` gives their colours: a list of colour specifications (a
#'   palette, a colour, or colours named by level) by track name, or in the
#'   order of the tracks. A track whose values are all `NA` is drawn empty.
#'   `annLegend = FALSE` drops their legend.
#' * Labels: `labRow`/`labCol` are `NULL` (the row/column names), `NA`
#'   (none), one label per row/column, `1` (numbers), a prefix (`"sample "`
#'   gives `"sample 1"`, ...), or `"/regexp/"` (the part of the names that
#'   matches). `subsetRow`/`subsetCol` keep some rows/columns. `txt` is a
#'   matrix of text drawn in the cells.
#' * Page: `main` (title), `sub` (a subtitle under the map), `info` (`TRUE`
#'   for a line describing the clusterings, or text), `fontsize`, `cexRow`,
#'   `cexCol`, `cellwidth`, `cellheight`, `border_color`, `treeheight`,
#'   `legend`; `filename` (`.pdf`, `.png`, `.jpeg`, `.tiff`, `.bmp`) with
#'   `width` and `height` in inches draws into a file.
#'
#' @param x a numeric matrix, data.frame, sparse `Matrix` or `ExpressionSet`
#'   (its `exprs`; `annCol = TRUE` then takes its phenotype data).
#' @param color,breaks,border_color,cellwidth,cellheight,scale see above.
#' @param Rowv,Colv,revC,distfun,hclustfun,reorderfun see above. `revC`
#'   reverses the rows' order (by default when `Rowv` is `NA` or an order,
#'   or `Colv = "Rowv"`).
#' @param treeheight,legend,annCol,annRow,annColors,annLegend see above.
#' @param labRow,labCol,subsetRow,subsetCol,txt,fontsize,cexRow,cexCol see
#'   above.
#' @param filename,width,height,main,sub,info see above.
#' @param verbose print what is done.
#' @param gp a [grid::gpar()] whose `fontsize` replaces `fontsize`.
#' @param ... passed to [pheatmap::pheatmap()] (for instance `silent = TRUE`
#'   to compute without drawing, `angle_col`, `na_col`).
#' @return The `pheatmap` object, invisibly, with the NMF package's elements
#'   `rowInd` and `colInd` (the rows and columns of `x` in the order drawn)
#'   and `Rowv` and `Colv` (the dendrograms, when there are).
#' @export
#' @examples
#' set.seed(1)
#' x <- abs(rmatrix(30, 10, rnorm, mean = 4))
#' x[1:10, 1:5] <- x[1:10, 1:5] + 3
#' aheatmap(x, scale = "row", color = "-RdYlBu2:100")
#' ann <- data.frame(group = rep(c("a", "b"), each = 5), depth = 1:10)
#' aheatmap(x, annCol = ann, annColors = list(depth = "Blues"), Rowv = NA, main = "Random data")
aheatmap <- function(x, color = "-RdYlBu2:100", breaks = NA, border_color = NA, cellwidth = NA, cellheight = NA,
                     scale = "none", Rowv = TRUE, Colv = TRUE,
                     revC = identical(Colv, "Rowv") || is_na_scalar(Rowv) ||
                       (is.integer(Rowv) && length(Rowv) > 1L) || inherits(Rowv, "silhouette"),
                     distfun = "euclidean", hclustfun = "complete", reorderfun = function(d, w) stats::reorder(d, w),
                     treeheight = 50, legend = TRUE, annCol = NA, annRow = NA, annColors = NA, annLegend = TRUE,
                     labRow = NULL, labCol = NULL, subsetRow = NULL, subsetCol = NULL, txt = NULL, fontsize = 10,
                     cexRow = NULL, cexCol = NULL, filename = NA, width = NA, height = NA, main = NULL, sub = NULL,
                     info = NULL, verbose = getOption("verbose"), gp = grid::gpar(), ...) {
  if (isTRUE(annCol) && inherits(x, "ExpressionSet")) annCol <- x
  mat <- heatmap_matrix(x)
  col_tracks <- read_tracks(annCol, ncol(mat), colnames(mat), "annCol", 2L)
  row_tracks <- read_tracks(annRow, nrow(mat), rownames(mat), "annRow", 1L)
  heatmap_engine(mat, color = color, breaks = breaks, border_color = border_color, cellwidth = cellwidth,
                 cellheight = cellheight, scale = scale, Rowv = Rowv, Colv = Colv, revC = revC, distfun = distfun,
                 hclustfun = hclustfun, reorderfun = reorderfun, treeheight = treeheight, legend = legend,
                 col_tracks = col_tracks, row_tracks = row_tracks, annColors = annColors, annLegend = annLegend,
                 labRow = labRow, labCol = labCol, subsetRow = subsetRow, subsetCol = subsetCol, txt = txt,
                 fontsize = if (!is.null(gp$fontsize)) gp$fontsize else fontsize, cexRow = cexRow, cexCol = cexCol,
                 filename = filename, width = width, height = height, main = main, sub = sub, info = info,
                 verbose = verbose, extra = list(...))
}

# The matrix of a heatmap.
heatmap_matrix <- function(x) {
  if (inherits(x, "ExpressionSet") || inherits(x, "SummarizedExperiment")) x <- as_nmf_input(x, allow_na = TRUE)
  if (is.data.frame(x)) x <- as.matrix(x)
  if (inherits(x, "Matrix")) {
    check_alloc(nrow(x), ncol(x), "The dense matrix of the heatmap")
    x <- as.matrix(x)
  }
  if (!is.matrix(x) || !(is.numeric(x) || is.logical(x)) || nrow(x) == 0L || ncol(x) == 0L) {
    abort_arg("`x` must be a non-empty numeric matrix, data.frame or ExpressionSet, not %s.", describe_value(x))
  }
  if (all(is.na(x))) abort_arg("`x` has only missing values: there is nothing to draw.")
  storage.mode(x) <- "double"
  x
}

# Draws a heatmap from a matrix and its tracks (lists of vectors, see
# read_tracks()).
heatmap_engine <- function(mat, color = "-RdYlBu2:100", breaks = NA, border_color = NA, cellwidth = NA,
                           cellheight = NA, scale = "none", Rowv = TRUE, Colv = TRUE, revC = NULL,
                           distfun = "euclidean", hclustfun = "complete",
                           reorderfun = function(d, w) stats::reorder(d, w), treeheight = 50, legend = TRUE,
                           col_tracks = list(), row_tracks = list(), annColors = NA, annLegend = TRUE,
                           labRow = NULL, labCol = NULL, subsetRow = NULL, subsetCol = NULL, txt = NULL,
                           fontsize = 10, cexRow = NULL, cexCol = NULL, filename = NA, width = NA, height = NA,
                           main = NULL, sub = NULL, info = NULL, verbose = FALSE, extra = list()) {
  filename <- check_filename(filename)
  scale <- check_choice(scale, c("r1", "c1", "none", "row", "column"), "scale")
  treeheight <- rep_len(check_treeheight(treeheight), 2L)
  labels_row <- heatmap_labels(labRow, nrow(mat), rownames(mat), "labRow")
  labels_col <- heatmap_labels(labCol, ncol(mat), colnames(mat), "labCol")
  if (!is.null(txt)) txt <- check_cell_text(txt, mat)
  rows <- heatmap_subset(subsetRow, mat, 1L, "subsetRow")
  cols <- heatmap_subset(subsetCol, mat, 2L, "subsetCol")
  mat <- mat[rows, cols, drop = FALSE]
  if (!is.null(txt)) txt <- txt[rows, cols, drop = FALSE]
  row_tracks <- lapply(row_tracks, function(v) v[rows])
  col_tracks <- lapply(col_tracks, function(v) v[cols])
  labels_row <- labels_row[rows]
  labels_col <- labels_col[cols]
  if (verbose) message("aheatmap: clustering rows and columns")
  trees <- heatmap_trees(mat, Rowv, Colv, revC, distfun, hclustfun, reorderfun)
  tree_row <- trees$row
  tree_col <- trees$col
  # pheatmap matches the tracks by name: the rows and columns get unique ones
  rownames(mat) <- paste0("r", seq_len(nrow(mat)))
  colnames(mat) <- paste0("c", seq_len(ncol(mat)))
  mat <- scale_heatmap(mat, scale)
  pal <- heatmap_colours(mat, color, breaks)
  ann <- render_all_tracks(col_tracks, row_tracks, colnames(mat), rownames(mat), annColors)
  args <- list(
    mat = mat, color = pal$colors, breaks = pal$breaks, border_color = border_color, cellwidth = cellwidth,
    cellheight = cellheight, cluster_rows = tree_row$pheatmap, cluster_cols = tree_col$pheatmap,
    treeheight_row = tree_height(tree_row, treeheight[1L]), treeheight_col = tree_height(tree_col, treeheight[2L]),
    legend = isTRUE(legend), annotation_col = ann$col, annotation_row = ann$row,
    annotation_colors = if (length(ann$colors)) ann$colors else NA, annotation_legend = isTRUE(annLegend),
    show_rownames = !is.null(labels_row), show_colnames = !is.null(labels_col),
    labels_row = labels_row, labels_col = labels_col,
    fontsize = fontsize, fontsize_row = fontsize * label_cex(cexRow, nrow(mat)),
    fontsize_col = fontsize * label_cex(cexCol, ncol(mat)),
    display_numbers = if (is.null(txt)) FALSE else txt, main = if (is.null(main)) NA else main,
    silent = TRUE
  )
  args <- utils::modifyList(args, extra[setdiff(names(extra), "silent")])
  args <- args[!vapply(args, is.null, NA)]
  if (!is.na(filename) && grDevices::dev.cur() == 1L) {
    # the map is measured on a device: a null one, not R's default file
    grDevices::pdf(NULL)
    null_device <- grDevices::dev.cur()
    on.exit(grDevices::dev.off(null_device), add = TRUE)
  }
  ph <- do.call(pheatmap::pheatmap, args)
  footer <- c(if (!is.null(sub) && !is_na_scalar(sub)) as.character(sub), heatmap_info(info, tree_row, tree_col))
  if (length(footer)) ph$gtable <- add_footer(ph$gtable, footer, fontsize)
  ph$rowInd <- rows[rev(tree_row$order)]
  ph$colInd <- cols[tree_col$order]
  ph$Rowv <- tree_row$dendrogram
  ph$Colv <- tree_col$dendrogram
  if (!isTRUE(extra$silent)) draw_heatmap(ph, filename, width, height)
  invisible(ph)
}

# The trees of the rows and the columns, as heatmap_tree() gives them;
# `Colv = "Rowv"` takes the rows' tree for the columns of a square matrix.
heatmap_trees <- function(mat, Rowv, Colv, revC, distfun, hclustfun, reorderfun) {
  tree_row <- heatmap_tree(mat, Rowv, distfun, hclustfun, reorderfun, "Rowv")
  tree_col <- if (identical(Colv, "Rowv")) {
    if (nrow(mat) != ncol(mat)) abort_arg("`Colv = \"Rowv\"` needs a square matrix, not %d x %d.", nrow(mat), ncol(mat))
    tree_row
  } else {
    heatmap_tree(t(mat), Colv, distfun, hclustfun, reorderfun, "Colv")
  }
  # NMF lists the rows from the bottom of the map up (its rowInd), pheatmap
  # draws them from the top down: rows are drawn in the reverse of NMF's
  # order, which revC reverses
  if (is.null(revC)) {
    revC <- identical(Colv, "Rowv") || is_na_scalar(Rowv) || (is.integer(Rowv) && length(Rowv) > 1L) ||
      inherits(Rowv, "silhouette")
  }
  if (!isTRUE(revC)) tree_row <- reverse_tree(tree_row)
  list(row = tree_row, col = tree_col)
}

# The colours of a map and their breaks (one more than the colours).
heatmap_colours <- function(mat, color, breaks) {
  colors <- if (length(color) > 1L && is.character(color)) color else colour_ramp(color)
  brk <- heatmap_breaks(mat, breaks, length(colors))
  if (length(brk) != length(colors) + 1L) colors <- grDevices::colorRampPalette(colors)(length(brk) - 1L)
  list(colors = colors, breaks = brk)
}

tree_height <- function(tree, default) {
  if (!isTRUE(tree$draw)) return(0)
  if (is.null(tree$height)) default else tree$height
}

# Draws a heatmap on the current device or into a file.
draw_heatmap <- function(ph, filename, width, height) {
  if (!is.na(filename)) {
    size <- heatmap_size(ph$gtable)
    open_device(filename, if (is.na(width)) size[1L] else width, if (is.na(height)) size[2L] else height)
    on.exit(grDevices::dev.off(), add = TRUE)
  }
  grid::grid.newpage()
  grid::grid.draw(ph$gtable)
  invisible(ph)
}

# The size of a heatmap in inches (as pheatmap sizes its files), at least 3.
heatmap_size <- function(g) {
  w <- tryCatch(grid::convertWidth(sum(g$widths), "inches", valueOnly = TRUE), error = function(e) NA_real_)
  h <- tryCatch(grid::convertHeight(sum(g$heights), "inches", valueOnly = TRUE), error = function(e) NA_real_)
  c(if (is.finite(w) && w > 0) max(w, 3) else 7, if (is.finite(h) && h > 0) max(h, 3) else 7)
}

# A subtitle and information lines under the map.
add_footer <- function(g, lines, fontsize) {
  k <- length(lines)
  heights <- grid::unit(c(1, rep(1.6 * fontsize / 10, k)), c("null", rep("lines", k)))
  fr <- grid::frameGrob(layout = grid::grid.layout(k + 1L, 1L, heights = heights))
  fr <- grid::placeGrob(fr, g, row = 1L, col = 1L)
  for (i in seq_len(k)) {
    fr <- grid::placeGrob(fr, grid::textGrob(lines[i], gp = grid::gpar(fontsize = fontsize * if (i == 1L) 1 else 0.8)),
                          row = i + 1L, col = 1L)
  }
  fr
}

# NMF's `info = TRUE`: the distance and linkage of each clustering.
heatmap_info <- function(info, tree_row, tree_col) {
  if (is.null(info) || isFALSE(info) || is_na_scalar(info)) return(NULL)
  lines <- if (is.character(info)) info else character()
  if (isTRUE(info) || is.character(info)) {
    parts <- c(if (!is.null(tree_row$method)) sprintf("rows: %s / %s", tree_row$dist, tree_row$method),
               if (!is.null(tree_col$method)) sprintf("cols: %s / %s", tree_col$dist, tree_col$method))
    if (length(parts)) lines <- c(lines, paste(parts, collapse = " - "))
  }
  lines
}

# NMF's default label sizes: min(0.2 + 1 / log10(n), 1.2).
label_cex <- function(cex, n) {
  if (!is.null(cex)) return(check_positive_number(cex, "cexRow/cexCol"))
  if (n <= 1L) 1.2 else min(0.2 + 1 / log10(n), 1.2)
}

# Rows and columns scaled as NMF's scale_mat().
scale_heatmap <- function(x, scale) {
  switch(scale,
    none = x,
    row = {
      x <- sweep(x, 1L, rowMeans(x, na.rm = TRUE), check.margin = FALSE)
      sweep(x, 1L, apply(x, 1L, stats::sd, na.rm = TRUE), "/", check.margin = FALSE)
    },
    column = {
      x <- sweep(x, 2L, colMeans(x, na.rm = TRUE), check.margin = FALSE)
      sweep(x, 2L, apply(x, 2L, stats::sd, na.rm = TRUE), "/", check.margin = FALSE)
    },
    r1 = sweep(x, 1L, rowSums(x, na.rm = TRUE), "/", check.margin = FALSE),
    c1 = sweep(x, 2L, colSums(x, na.rm = TRUE), "/", check.margin = FALSE)
  )
}

# The colour breaks: given, centred on a number, or the range in equal steps.
heatmap_breaks <- function(mat, breaks, n) {
  vals <- mat[is.finite(mat)]
  if (!length(vals)) vals <- 0
  lo <- min(vals)
  hi <- max(vals)
  if (lo == hi) {
    lo <- lo - 0.5
    hi <- hi + 0.5
  }
  if (length(breaks) == 1L && is.na(breaks)) return(seq(lo, hi, length.out = n + 1L))
  if (!is.numeric(breaks) || anyNA(breaks)) {
    abort_arg("`breaks` must be NA, a number (the centre of the colours) or increasing numbers, not %s.",
              describe_value(breaks))
  }
  if (length(breaks) == 1L) {
    n2 <- ceiling((n + 0.5) / 2)
    m <- max(abs(breaks - lo), abs(breaks - hi))
    return(c(seq(breaks - m, breaks, length.out = n2), seq(breaks, breaks + m, length.out = n2)[-1L]))
  }
  if (is.unsorted(breaks, strictly = TRUE)) abort_arg("`breaks` must be strictly increasing.")
  breaks
}

# Labels of rows or columns (NMF's generate_dimnames()); NULL draws none.
heatmap_labels <- function(lab, n, names, arg) {
  if (is.null(lab)) return(if (is.null(names)) as.character(seq_len(n)) else names)
  if (is_na_scalar(lab)) return(NULL)
  if (length(lab) == n) return(as.character(lab))
  if (identical(lab, 1) || identical(lab, 1L)) return(as.character(seq_len(n)))
  if (is.character(lab) && length(lab) == 1L) {
    m <- regmatches(lab, regexec("^/(.+)/([0-9]+)?$", lab))[[1L]]
    if (length(m)) {
      ref <- if (is.null(names)) as.character(seq_len(n)) else names
      hit <- regmatches(ref, regexec(m[2L], ref))
      group <- if (nzchar(m[3L])) as.integer(m[3L]) + 1L else 2L
      return(vapply(seq_along(ref), function(i) {
        h <- hit[[i]]
        if (length(h) >= group && !is.na(h[group])) h[group] else if (length(h)) h[1L] else ref[i]
      }, ""))
    }
    return(paste0(lab, seq_len(n)))
  }
  abort_arg("`%s` must be NULL, NA, %d labels, 1 (numbers) or a single string (a prefix or \"/regexp/\"), not %s.",
            arg, n, describe_value(lab))
}

# Rows (columns) kept by subsetRow (subsetCol): all when NULL.
heatmap_subset <- function(subset, mat, margin, arg) {
  n <- dim(mat)[margin]
  if (is.null(subset)) return(seq_len(n))
  idx <- check_subset(subset, mat, margin, arg)
  if (!length(idx)) abort_arg("`%s` keeps nothing: there is nothing to draw.", arg)
  sort(unique(idx))
}
