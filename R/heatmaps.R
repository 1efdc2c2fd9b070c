# Heatmaps of the consensus matrix, the basis and the coefficients, drawn
# by aheatmap()'s engine (R/aheatmap.R) with pheatmap.

#' Heatmaps of a factorization
#'
#' The NMF package's heatmaps of a fit, drawn by [aheatmap()] (with
#' [pheatmap::pheatmap()]) and taking its arguments (`Rowv`, `Colv`,
#' `color`, `breaks`, `annColors`, `labRow`, `labCol`, `sub`, `info`, ...).
#'
#' `consensusmap()` draws the consensus matrix of several runs (the
#' connectivity matrix of one fit), clustered by average linkage on the
#' distance `1 - consensus` (the tree reordered by the samples' mean
#' consensus, the same clustering on both sides), with annotation tracks of
#' the best fit's clusters (`"basis"`), the consensus clusters
#' (`"consensus"`) and the consensus silhouette widths (`"silhouette"`); its
#' colours span 0 to 1. For a rank survey, or a list of fits of several
#' methods, it draws one map per rank (method) on one page. `basismap()`
#' draws the basis (features x components), each row scaled to sum 1, with
#' the features' dendrogram and the track of the component each feature
#' belongs to; `subsetRow = TRUE` keeps Kim and Park's component-specific
#' features ([extractFeatures()]). `coefmap()` draws the coefficients
#' (components x samples), each column scaled to sum 1, with the samples'
#' dendrogram and their clusters (of the best fit for several runs; the
#' NMF package also draws the consensus clusters there).
#'
#' @param object a fitset or fit from [nmf()]; for `consensusmap()` also a
#'   rank survey, a list of fits of several methods or a consensus matrix.
#' @param annCol,annRow annotation tracks of the columns (samples) or rows:
#'   see [aheatmap()] (vectors, data.frames, an `ExpressionSet` or
#'   `SummarizedExperiment`, lists); a list may also name the tracks computed
#'   from the fit (`":basis"`, `"basis"`, `"consensus"`, `"silhouette"`),
#'   renaming them by its names (`list(Metagene = ":basis")`).
#' @param tracks the tracks computed from the fit: for `consensusmap()` some
#'   of `"basis"`, `"consensus"`, `"silhouette"`; for `basismap()` and
#'   `coefmap()` `"basis"`, or `NA`/`NULL` for none. As in the NMF package, a leading
#'   colon puts a track on the rows (`":basis"`), a trailing one on the
#'   columns (`"basis:"`), and names rename them
#'   (`tracks = c(Metagene = ":basis")`).
#' @param subsetRow for `basismap()`: `FALSE` (all features), `TRUE` (Kim's
#'   features), a number (see the numeric `method` of [extractFeatures()]) or
#'   a vector of row indices or names.
#' @param scale `"r1"` (rows scaled to sum 1), `"c1"` (columns to sum 1),
#'   `"none"`, or z-scores by `"row"` or `"column"`.
#' @param main title.
#' @param color the colours: a vector of colours or an NMF colour
#'   specification (see [aheatmap()]; default `"-RdYlBu"` for consensus
#'   maps, `"YlOrRd:50"` for the others).
#' @param Rowv,Colv the orders of the rows and columns (see [aheatmap()]).
#' @param filename `NA` to draw on the current device, or a file (`.pdf`,
#'   `.png`, `.jpeg`, `.tiff`, `.bmp`) to draw into.
#' @param ncol for a survey or a list of fits: the number of maps per row of
#'   the page.
#' @param width,height the page size in inches when drawing into a file.
#' @param ... passed to [aheatmap()] (its arguments, such as `annColors`,
#'   `labRow`, `labCol`, `sub`, `info`, `breaks`, `distfun`, `hclustfun`)
#'   and on to [pheatmap::pheatmap()] (for instance `fontsize`,
#'   `cellwidth`, `silent = TRUE`).
#' @return The `pheatmap` object (for a survey or a list, a list of them,
#'   one per rank or method), invisibly, with the NMF package's `rowInd`,
#'   `colInd`, `Rowv` and `Colv` (see [aheatmap()]).
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' res <- nmf(x, 3, nrun = 4, seed = 1)
#' consensusmap(res, annCol = iris$Species)
#' basismap(res)
#' coefmap(res, annCol = data.frame(species = iris$Species))
#' coefmap(res, annCol = list(":basis", Species = iris$Species), tracks = NA,
#'         annColors = list(Species = "Set2"), sub = "iris, rank 3")
consensusmap <- function(object, ...) UseMethod("consensusmap")

#' @rdname consensusmap
#' @export
consensusmap.nmfkit_fitset <- function(object, annCol = NA, annRow = NA,
                                       tracks = c("basis:", "consensus:", "silhouette:"),
                                       main = "Consensus matrix", color = "-RdYlBu", filename = NA, ...) {
  special <- list(basis = predict(object, what = "samples"), consensus = predict(object, what = "consensus"))
  wanted <- read_track_names(tracks, c("basis", "consensus", "silhouette"), 2L)
  want_si <- "silhouette" %in% c(wanted$cols, wanted$rows, special_names_in(annCol), special_names_in(annRow))
  # a map of at most a few thousand rows: the samples, their label patterns
  # or a stratified sample of them (R/labels.R)
  limits <- utils::modifyList(consensus_limits(), list(dense = min(consensus_limits()$dense, 2000L),
                                                        patterns = 2000L, sample = 2000L))
  view <- fitset_view(object, limits)
  if (view$mode == "dense") {
    if (want_si) special$silhouette <- silhouette_track(silhouette(object, what = "consensus"), view$n)
    return(draw_consensus(view$C, special, wanted, annCol, annRow, main, color, filename, ...))
  }
  # the silhouette of the map's own view (patterns, or the same sample), so that its track matches the rows
  if (want_si) special$silhouette <- silhouette_track(view_silhouette(view, special$consensus), view$n, view$index)
  rows <- if (view$mode == "patterns") match(seq_along(view$counts), view$key) else view$index
  names <- colnames(object$fit$H)
  ann <- function(a, arg) {
    tr <- read_tracks(a, view$n, names, arg, 2L, special, "sample")
    if (length(tr)) as.data.frame(lapply(tr, function(t) t[rows]), stringsAsFactors = TRUE) else NA
  }
  C <- view$C
  dimnames(C) <- if (is.null(names)) NULL else list(names[rows], names[rows])
  note <- if (view$mode == "patterns") {
    sprintf("rows: the %d distinct label patterns of the %d samples (each stands for its samples)", nrow(C), view$n)
  } else {
    view_note(view)
  }
  draw_consensus(C, lapply(special, function(s) s[rows]), wanted, ann(annCol, "annCol"), ann(annRow, "annRow"),
                 main, color, filename, sub = note, ...)
}

# A silhouette's widths in the order of the samples (NA where there is none).
silhouette_track <- function(si, n, index = NULL) {
  out <- rep(NA_real_, n)
  if (is_na_scalar(si)) return(out)
  if (!is.null(attr(si, "iOrd"))) return(si[order(attr(si, "iOrd")), "sil_width"])
  if (is.null(index)) return(si[, "sil_width"])
  out[index] <- si[, "sil_width"]  # a sample's silhouette: the others have none
  out
}

#' @rdname consensusmap
#' @export
consensusmap.nmfkit_fit <- function(object, annCol = NA, annRow = NA, tracks = "basis:",
                                    main = "Connectivity matrix", color = "-RdYlBu", filename = NA, ...) {
  wanted <- read_track_names(tracks, "basis", 2L)
  draw_consensus(connectivity(object), list(basis = predict(object, what = "samples")), wanted, annCol, annRow,
                 main, color, filename, ...)
}

#' @rdname consensusmap
#' @export
consensusmap.default <- function(object, annCol = NA, annRow = NA, main = "Consensus matrix", color = "-RdYlBu",
                                 filename = NA, ...) {
  draw_consensus(check_consensus(object), list(), list(rows = character(), cols = character()), annCol, annRow,
                 main, color, filename, ...)
}

#' @rdname consensusmap
#' @export
consensusmap.nmfkit_survey <- function(object, annCol = NA, tracks = c("basis:", "consensus:", "silhouette:"),
                                       main = "rank = %s", filename = NA, ncol = NULL,
                                       width = NULL, height = NULL, ...) {
  maps <- lapply(names(object$fit), function(r) {
    consensusmap(object$fit[[r]], annCol = annCol, tracks = tracks, main = sprintf(main, r), silent = TRUE, ...)
  })
  names(maps) <- names(object$fit)
  draw_map_page(maps, ncol, filename, width, height)
}

#' @rdname consensusmap
#' @export
consensusmap.nmfkit_list <- function(object, annCol = NA, tracks = c("basis:", "consensus:", "silhouette:"),
                                     main = "%s", filename = NA, ncol = NULL, width = NULL, height = NULL, ...) {
  maps <- lapply(names(object), function(m) {
    consensusmap(object[[m]], annCol = annCol, tracks = tracks, main = sprintf(main, m), silent = TRUE, ...)
  })
  names(maps) <- names(object)
  draw_map_page(maps, ncol, filename, width, height)
}

# Several maps on one page (or into one file).
draw_map_page <- function(maps, ncol, filename, width, height) {
  filename <- check_filename(filename)
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
basismap.nmfkit_fit <- function(object, subsetRow = FALSE, annRow = NA, annCol = NA, tracks = "basis",
                                scale = "r1", main = "Basis components", color = "YlOrRd:50", Rowv = TRUE,
                                Colv = NA, filename = NA, ...) {
  w <- basis(object)
  k <- ncol(w)
  rows <- subset_rows(object, w, subsetRow)
  special_rows <- list(basis = predict(object, what = "features"))
  special_cols <- list(basis = factor(seq_len(k)))
  wanted <- read_track_names(tracks, "basis", 1L)
  row_tracks <- c(bind_track_list(wanted$rows, special_rows, list()),
                  read_tracks(annRow, nrow(w), rownames(w), "annRow", 1L, special_rows, "feature"))
  col_tracks <- c(bind_track_list(wanted$cols, special_cols, list()),
                  read_tracks(annCol, k, colnames(w), "annCol", 2L, special_cols, "component"))
  map_engine(w, list(..., subsetRow = rows, scale = scale, main = main, color = color, Rowv = Rowv, Colv = Colv,
                     filename = filename, row_tracks = dedup_tracks(row_tracks),
                     col_tracks = dedup_tracks(col_tracks)),
             labRow = if (length(rows) <= 50L) NULL else NA)
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
coefmap.nmfkit_fit <- function(object, annCol = NA, annRow = NA, tracks = "basis", scale = "c1",
                               main = "Mixture coefficients", color = "YlOrRd:50", Rowv = NA, Colv = TRUE,
                               filename = NA, ...) {
  draw_coefmap(object, list(basis = predict(object, what = "samples")), annCol, annRow, tracks, scale, main,
               color, Rowv, Colv, filename, ...)
}

#' @rdname consensusmap
#' @export
coefmap.nmfkit_fitset <- function(object, ...) coefmap(object$fit, ...)

#' @rdname consensusmap
#' @export
coefmap.default <- function(object, ...) not_a_fit(object)

draw_coefmap <- function(fit, special_cols, annCol, annRow, tracks, scale, main, color, Rowv, Colv, filename, ...) {
  h <- coef(fit)
  special_rows <- list(basis = factor(seq_len(nrow(h))))
  wanted <- read_track_names(tracks, names(special_cols), 2L)
  col_tracks <- c(bind_track_list(wanted$cols, special_cols, list()),
                  read_tracks(annCol, ncol(h), colnames(h), "annCol", 2L, special_cols, "sample"))
  row_tracks <- c(bind_track_list(wanted$rows[wanted$rows == "basis"], special_rows, list()),
                  read_tracks(annRow, nrow(h), rownames(h), "annRow", 1L, special_rows, "component"))
  map_engine(h, list(..., scale = scale, main = main, color = color, Rowv = Rowv, Colv = Colv, filename = filename,
                     row_tracks = dedup_tracks(row_tracks), col_tracks = dedup_tracks(col_tracks)),
             labCol = if (ncol(h) <= 50L) NULL else NA)
}

# A consensus map: average linkage on 1 - C, the same tree on both sides,
# colours from 0 to 1.
draw_consensus <- function(C, special, wanted, annCol, annRow, main, color, filename, ...) {
  n <- nrow(C)
  names <- if (is.null(colnames(C))) rownames(C) else colnames(C)
  col_tracks <- c(bind_track_list(wanted$cols, special, list()),
                  read_tracks(annCol, n, names, "annCol", 2L, special, "sample"))
  row_tracks <- c(bind_track_list(wanted$rows, special, list()),
                  read_tracks(annRow, n, names, "annRow", 1L, special, "sample"))
  if (is.null(rownames(C)) && !is.null(names)) rownames(C) <- names
  map_engine(C, list(..., main = main, color = color, filename = filename, col_tracks = dedup_tracks(col_tracks),
                     row_tracks = dedup_tracks(row_tracks)),
             Rowv = TRUE, Colv = "Rowv", distfun = function(x) stats::as.dist(1 - x), hclustfun = "average",
             breaks = consensus_breaks(color), labRow = if (n <= 50L) NULL else NA,
             labCol = if (n <= 50L) NULL else NA)
}

# The breaks of a consensus map: 0 to 1 in as many steps as colours.
consensus_breaks <- function(color) {
  n <- if (length(color) > 1L) length(color) else length(colour_ramp(color))
  seq(0, 1, length.out = n + 1L)
}

# The engine of the maps: the user's arguments (`args`, which win) over the
# map's defaults (`...`).
map_engine <- function(mat, args, ...) {
  defaults <- list(...)
  args <- c(args, defaults[setdiff(names(defaults), names(args))])
  known <- setdiff(names(formals(heatmap_engine)), c("mat", "extra"))
  # NMF's names, partially matched as in its functions (annColor = annColors)
  nm <- names(args)
  hit <- pmatch(nm, known, duplicates.ok = TRUE)
  nm[!is.na(hit) & !nm %in% known] <- known[hit[!is.na(hit) & !nm %in% known]]
  names(args) <- nm
  engine <- args[intersect(names(args), known)]
  if (!is.null(engine$subsetRow) && is.numeric(engine$subsetRow)) engine$subsetRow <- as.integer(engine$subsetRow)
  engine$extra <- args[setdiff(names(args), known)]
  do.call(heatmap_engine, c(list(mat), engine))
}

# Drops a track that repeats an earlier one (a computed track the user also
# named).
dedup_tracks <- function(tracks) tracks[!duplicated(lapply(tracks, unname))]

# The computed tracks a user's annotation names (for consensusmap's
# silhouette, computed only when used).
special_names_in <- function(ann) {
  if (is.character(ann) && length(ann) == 1L) return(special_key(ann))
  if (is.list(ann) && !is.data.frame(ann)) {
    return(unlist(lapply(ann, function(a) if (is.character(a) && length(a) == 1L) special_key(a))))
  }
  character()
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
