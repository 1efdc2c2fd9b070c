# Annotation tracks of heatmaps, read as the NMF package reads `annCol` and
# `annRow`, and their colours (`annColors`).

# The tracks of one margin, as a list of vectors of length n (factors or
# numbers), named. `ann` may be NULL or NA (none), a vector or factor (one
# track; a character, factor or logical vector shorter than n annotates the
# first items, or the items it names), a data.frame or matrix (one track per
# column), an ExpressionSet or SummarizedExperiment (its sample data, or its
# feature data for rows), or a list of such vectors, data.frames and names of
# special tracks. `special` holds the tracks computed from a fit ("basis",
# "consensus", "silhouette"), which a string such as ":basis", "basis" or
# "basis:" names, alone or as an element of a list.
read_tracks <- function(ann, n, names, arg, margin, special = list(), item = c("row", "column")[margin]) {
  if (is_no_track(ann, n)) return(list())
  if (inherits(ann, c("ExpressionSet", "SummarizedExperiment"))) ann <- experiment_tracks(ann, margin, arg)
  if (is.matrix(ann)) ann <- as.data.frame(ann, stringsAsFactors = TRUE)
  if (is.data.frame(ann)) return(frame_tracks(ann, n, names, arg, item))
  if (is_special_name(ann, special)) return(special_track(ann, special, names(ann)))
  if (is.list(ann)) return(list_tracks(ann, n, names, arg, margin, special, item))
  if (is.atomic(ann) && is.null(dim(ann))) return(stats::setNames(list(vector_track(ann, n, names, arg, item)), arg))
  abort_arg(paste("`%s` must be NA, a vector or factor (one value per %s), a data.frame, an ExpressionSet,",
                  "a SummarizedExperiment or a list of them, not %s."),
            arg, item, describe_value(ann))
}

# No tracks: NULL, FALSE, or NA (unless it is the one value of a single item).
is_no_track <- function(ann, n) {
  is.null(ann) || isFALSE(ann) || (is.atomic(ann) && length(ann) == 1L && is.na(ann) && n != 1L)
}

# A computed track named by `x`, labelled `label` unless that is NULL or "",
# else by its key.
special_track <- function(x, special, label = NULL) {
  key <- special_key(x)
  stats::setNames(list(special[[key]]), if (!is.null(label) && nzchar(label)) label else key)
}

# The tracks of a list, element by element (NULL and NA skipped): names of
# computed tracks, data.frames and Bioconductor objects, or vectors.
list_tracks <- function(ann, n, names, arg, margin, special, item) {
  out <- list()
  nms <- names(ann)
  if (is.null(nms)) nms <- rep("", length(ann))
  for (i in seq_along(ann)) {
    el <- ann[[i]]
    if (is.null(el) || (is.atomic(el) && length(el) == 1L && is.na(el))) next
    tr <- if (is_special_name(el, special)) {
      special_track(el, special, nms[i])
    } else if (is.data.frame(el) || inherits(el, c("ExpressionSet", "SummarizedExperiment"))) {
      read_tracks(el, n, names, arg, margin, special, item)
    } else {
      list_vector_track(el, i, nms[i], n, names, arg, item)
    }
    out <- c(out, tr)
  }
  out
}

# Element `i` of a list of tracks given as a vector or factor, labelled
# `label`, or "X<i>" when that is "".
list_vector_track <- function(el, i, label, n, names, arg, item) {
  if (!is.atomic(el) || !is.null(dim(el)) || length(el) > n || (length(el) < n && is.numeric(el))) {
    abort_arg(paste("`%s` given as a list must hold vectors or factors of length %d (one value per %s),",
                    "data.frames or names of tracks; element %d is %s."),
              arg, n, item, i, describe_value(el))
  }
  stats::setNames(list(vector_track(el, n, names, arg, item)), if (nzchar(label)) label else paste0("X", i))
}

# Sample data (margin 2) or feature data (margin 1) of a Bioconductor object.
experiment_tracks <- function(x, margin, arg) {
  if (inherits(x, "ExpressionSet")) {
    if (!requireNamespace("Biobase", quietly = TRUE)) {
      abort_arg("`%s` is an ExpressionSet, which needs the Biobase package.", arg)
    }
    return(if (margin == 2L) Biobase::pData(x) else Biobase::fData(x))
  }
  if (!requireNamespace("SummarizedExperiment", quietly = TRUE)) {
    abort_arg("`%s` is a SummarizedExperiment, which needs the SummarizedExperiment package.", arg)
  }
  d <- if (margin == 2L) SummarizedExperiment::colData(x) else SummarizedExperiment::rowData(x)
  as.data.frame(d)
}

frame_tracks <- function(ann, n, names, arg, item) {
  if (nrow(ann) != n) {
    abort_arg("`%s` given as a data.frame must have %d rows (one per %s), not %d.", arg, n, item, nrow(ann))
  }
  lapply(as.list(ann), function(col) vector_track(col, n, names, arg, item))
}

# One track: a full-length vector, or a shorter character, factor or
# logical vector (padded with NA, placed by names when they match), as
# factors or numbers.
vector_track <- function(v, n, names, arg, item = "item") {
  if (!is.atomic(v) || !is.null(dim(v))) {
    abort_arg("`%s` must hold vectors or factors (one value per %s), not %s.", arg, item, describe_value(v))
  }
  if (is.character(v) || is.logical(v)) v <- factor(v, levels = unique(v[!is.na(v)]))
  if (length(v) != n) {
    if (!is.factor(v) || length(v) > n) {
      abort_arg("`%s` must be a vector or factor of length %d, or a data.frame of %d rows (one per %s), not %s.",
                arg, n, n, item, describe_value(v))
    }
    by_name <- !is.null(names(v)) && !is.null(names) && all(names(v) %in% names)
    pos <- if (by_name) match(names(v), names) else seq_along(v)
    full <- factor(rep(NA_character_, n), levels = levels(v))
    full[pos] <- v
    v <- full
  }
  if (is.factor(v)) v <- droplevels(v)
  unname(v)
}

special_tracks <- c("basis", "consensus", "silhouette")

is_special_name <- function(x, special) {
  is.character(x) && length(x) == 1L && !is.na(x) && special_key(x) %in% names(special)
}

special_key <- function(x) gsub(":", "", x, fixed = TRUE)

# The margin of a computed track named in `tracks`: a leading ":" puts it on
# the rows, a trailing one on the columns, no colon on the map's own margin.
track_margin <- function(name, default) {
  if (startsWith(name, ":")) return(1L)
  if (endsWith(name, ":")) return(2L)
  default
}

# `tracks` of a map: names of computed tracks (with NMF's colons), a named
# vector renaming them, or NULL / NA for none; returns list(rows =, cols =)
# of named keys.
read_track_names <- function(tracks, allowed, default_margin) {
  if (is.null(tracks) || (length(tracks) == 1L && is.na(tracks))) return(list(rows = character(), cols = character()))
  if (!is.character(tracks) || anyNA(tracks)) {
    abort_arg("`tracks` must be names of tracks among %s (or NA for none), not %s.",
              paste0('"', allowed, '"', collapse = ", "), describe_value(tracks))
  }
  keys <- special_key(tracks)
  bad <- setdiff(keys, allowed)
  if (length(bad)) {
    abort_arg("`tracks` has unknown track%s %s; known: %s.", if (length(bad) > 1) "s" else "",
              paste0('"', bad, '"', collapse = ", "), paste0('"', allowed, '"', collapse = ", "))
  }
  labels <- if (is.null(names(tracks))) keys else ifelse(nzchar(names(tracks)), names(tracks), keys)
  margin <- vapply(tracks, track_margin, 0L, default = default_margin)
  pick <- function(m) {
    keep <- margin == m & !duplicated(paste(labels, margin))
    stats::setNames(keys[keep], labels[keep])
  }
  list(rows = pick(1L), cols = pick(2L))
}

# The computed tracks named by `keys` (named by their labels), then the
# user's.
bind_track_list <- function(keys, special, user) {
  auto <- stats::setNames(lapply(keys, function(k) special[[k]]), names(keys))
  c(auto, user)
}

# The tracks of both margins for pheatmap: data.frames named by the map's
# (internal) row and column names, and the colours of every track. `colors`
# is NMF's `annColors`: colour specifications by track name (or in the
# order of the tracks, columns first, when unnamed); "$name" reuses another
# track's colours. Tracks without colours get their own, the same ones in
# every map for the same levels.
render_all_tracks <- function(col_tracks, row_tracks, col_names, row_names, colors) {
  nm <- make.unique(c(track_labels(names(col_tracks), length(col_tracks), 0L),
                      track_labels(names(row_tracks), length(row_tracks), length(col_tracks))))
  names(col_tracks) <- nm[seq_along(col_tracks)]
  names(row_tracks) <- nm[length(col_tracks) + seq_along(row_tracks)]
  colors <- named_track_colors(colors, nm)
  tc <- render_tracks(col_tracks, col_names, colors)
  tr <- render_tracks(row_tracks, row_names, colors)
  list(col = tc$frame, row = tr$frame, colors = c(tc$colors, tr$colors))
}

# The names of n tracks, "X<from + i>" for the unnamed.
track_labels <- function(nm, n, from) {
  numbered <- paste0("X", seq_len(n) + from)
  if (is.null(nm)) numbered else ifelse(nzchar(nm), nm, numbered)
}

render_tracks <- function(tracks, names, colors) {
  if (!length(tracks)) return(list(frame = NULL, colors = list()))
  out <- list()
  for (t in names(tracks)) {
    v <- tracks[[t]]
    if (all(is.na(v))) v <- factor(rep(NA_character_, length(v)))  # drawn empty, as the NMF package does
    tracks[[t]] <- v
    out[[t]] <- track_colours(v, colors[[t]], t)
  }
  frame <- as.data.frame(tracks, stringsAsFactors = TRUE, optional = TRUE)
  names(frame) <- names(tracks)
  rownames(frame) <- names
  list(frame = frame, colors = out)
}

named_track_colors <- function(colors, nm) {
  if (is.null(colors) || (is.atomic(colors) && length(colors) == 1L && is.na(colors))) return(list())
  if (!is.list(colors)) colors <- list(colors)
  if (is.null(names(colors))) names(colors) <- utils::head(nm, length(colors))
  unknown <- setdiff(names(colors), c(nm, ""))
  if (length(unknown)) {
    abort_arg("`annColors` names track%s %s, which the map does not have; its tracks are: %s.",
              if (length(unknown) > 1) "s" else "", paste0('"', unknown, '"', collapse = ", "),
              paste0('"', nm, '"', collapse = ", "))
  }
  resolve_colour_refs(colors)
}

# `annColors` with each "$name" replaced, in turn, by the colours of track
# "name" as they stand then.
resolve_colour_refs <- function(colors) {
  for (t in names(colors)) {
    spec <- colors[[t]]
    if (is.character(spec) && length(spec) == 1L && startsWith(spec, "$")) {
      ref <- substring(spec, 2L)
      if (!ref %in% names(colors)) {
        abort_arg("`annColors$%s` = \"%s\" refers to track \"%s\", which has no colours.", t, spec, ref)
      }
      colors[[t]] <- colors[[ref]]
    }
  }
  colors
}

# Colours of one track: named by level for a factor, a ramp for numbers.
track_colours <- function(v, spec, name) {
  if (is.factor(v)) {
    lev <- levels(v)
    if (!length(lev)) return(c("NA" = NA_character_))
    if (is.null(spec)) return(stats::setNames(level_colours(length(lev)), lev))
    if (!is.null(names(spec)) && all(lev %in% names(spec))) return(spec[lev])
    cols <- colour_palette(spec, length(lev), arg = sprintf("annColors$%s", name))
    return(stats::setNames(rep_len(cols, length(lev)), lev))
  }
  if (is.null(spec)) return(c("#F1F1F1", "#08519C"))
  colour_palette(spec, arg = sprintf("annColors$%s", name))
}

# Distinct colours for n levels.
level_colours <- function(n) grDevices::hcl.colors(max(n, 2L), "Dark 3")[seq_len(n)]
