# Checks of the arguments of the heatmaps.

# Annotation tracks of a heatmap: NULL/NA, a vector or factor of length n, a
# data.frame of n rows or a list of such vectors; returns a data.frame.
check_annotation <- function(ann, n, arg, what) {
  if (no_annotation(ann, n)) return(NULL)
  if (is.atomic(ann) && is.null(dim(ann)) && length(ann) == n) {
    ann <- stats::setNames(data.frame(ann, stringsAsFactors = TRUE), arg)
  } else if (is.list(ann) && !is.data.frame(ann)) {
    ann <- annotation_list_frame(ann, n, arg, what)
  }
  if (!is.data.frame(ann) || nrow(ann) != n) {
    abort_arg("`%s` must be a vector or factor of length %d, or a data.frame of %d rows (one per %s), not %s.",
              arg, n, n, what, describe_value(ann))
  }
  discrete <- vapply(ann, function(a) is.character(a) || is.logical(a), NA)
  ann[discrete] <- lapply(ann[discrete], as.factor)
  ann
}

# NULL, or a lone NA (unless there is a single item): no tracks.
no_annotation <- function(ann, n) is.null(ann) || (is.atomic(ann) && length(ann) == 1L && is.na(ann) && n != 1L)

# A list of annotation vectors of length n as a data.frame (unnamed ones
# named after the argument).
annotation_list_frame <- function(ann, n, arg, what) {
  ok <- length(ann) > 0L && all(vapply(ann, function(a) is.atomic(a) && length(a) == n, NA))
  if (!ok) {
    abort_arg("`%s` given as a list must hold vectors or factors of length %d (one value per %s).", arg, n, what)
  }
  if (is.null(names(ann))) names(ann) <- paste0(arg, seq_along(ann))
  as.data.frame(ann, stringsAsFactors = TRUE)
}

# Annotation tracks computed from the fit; NMF's "basis:" spelling accepted.
check_tracks <- function(tracks, allowed) {
  if (is.null(tracks) || (length(tracks) == 1L && is.na(tracks))) return(character())
  if (!is.character(tracks)) {
    abort_arg("`tracks` must be names of tracks among %s, not %s.", paste0('"', allowed, '"', collapse = ", "),
              describe_value(tracks))
  }
  tracks <- gsub(":", "", tracks, fixed = TRUE)
  bad <- setdiff(tracks, allowed)
  if (length(bad)) {
    abort_arg("`tracks` has unknown track%s %s; known: %s.", if (length(bad) > 1) "s" else "",
              paste0('"', bad, '"', collapse = ", "), paste0('"', allowed, '"', collapse = ", "))
  }
  unique(tracks)
}

# The file of a heatmap: NA or a name with a known image extension.
check_filename <- function(filename) {
  if (length(filename) == 1L && is.na(filename)) return(NA)
  exts <- c("pdf", "png", "jpeg", "jpg", "tiff", "bmp")
  if (!is.character(filename) || length(filename) != 1L || !tolower(tools::file_ext(filename)) %in% exts) {
    abort_arg("`filename` must be NA or a file name ending in %s, not %s.",
              paste0(".", exts, collapse = ", "), describe_value(filename))
  }
  filename
}
