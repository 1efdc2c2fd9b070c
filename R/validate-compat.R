# Argument checks of the NMF package's surface (models, options, heatmaps),
# in one place; messages say which argument is wrong, what was expected and
# what was given.

check_model_name <- function(model) {
  if (!is.character(model) || length(model) != 1L || is.na(model)) {
    abort_arg("`model` must be one of %s, not %s.", paste0('"', nmf_model_names(), '"', collapse = ", "),
              describe_value(model))
  }
  match_name(model, nmf_model_names(), "model")
}

# `theta` (NMFns) and `offset` (NMFOffset), the only extra arguments of a model.
check_model_extras <- function(extra, model) {
  allowed <- switch(model, NMFns = "theta", NMFOffset = "offset", character())
  check_model_extra_names(extra, model, allowed)
  if (!is.null(extra$theta)) check_model_theta(extra$theta)
  if (!is.null(extra$offset) && (!is.numeric(extra$offset) || anyNA(extra$offset))) {
    abort_arg("`offset` must be a numeric vector (one value per feature) without NA, not %s.",
              describe_value(extra$offset))
  }
  extra
}

# The extra arguments of a model are named, and among those it takes.
check_model_extra_names <- function(extra, model, allowed) {
  if (length(extra) && (is.null(names(extra)) || any(!nzchar(names(extra))))) {
    abort_arg("Extra arguments to nmfModel() must be named (%s).",
              if (length(allowed)) sprintf("model \"%s\" takes `%s`", model, allowed) else
                sprintf("model \"%s\" takes none", model))
  }
  bad <- setdiff(names(extra), allowed)
  if (length(bad)) {
    abort_arg("Unknown argument%s %s for model \"%s\"; it takes %s.", if (length(bad) > 1) "s" else "",
              paste0("`", bad, "`", collapse = ", "), model,
              if (length(allowed)) paste0("`", allowed, "`") else "no extra argument")
  }
  invisible(extra)
}

# NMFns's `theta`: a single number between 0 and 1.
check_model_theta <- function(v) {
  if (!is.numeric(v) || length(v) != 1L || is.na(v) || v < 0 || v > 1) {
    abort_arg("`theta` must be a single number between 0 and 1, not %s.", describe_value(v))
  }
  invisible(v)
}

# A factor matrix given to nmfModel(): numeric (NA allowed: NMF's empty
# models are NA), non-negative where known.
check_model_factor <- function(m, arg) {
  if (is.data.frame(m)) m <- as.matrix(m)
  if (!is.matrix(m) || !(is.numeric(m) || is.logical(m))) {
    abort_arg("`%s` must be a numeric matrix or a single number, not %s.", arg, describe_value(m))
  }
  storage.mode(m) <- "double"
  if (any(m[!is.na(m)] < 0)) abort_arg("`%s` must be non-negative; it has negative values.", arg)
  m
}

# A new factor for basis<- or coef<- (one of its dimensions fixed).
check_new_factor <- function(value, arg, nrow = NULL, ncol = NULL) {
  if (inherits(value, "Matrix") || is.data.frame(value)) value <- as.matrix(value)
  if (!is.matrix(value) || !(is.numeric(value) || is.logical(value))) {
    abort_arg("The matrix assigned must be numeric, not %s.", describe_value(value))
  }
  if (!is.null(nrow) && nrow(value) != nrow) {
    abort_arg("The basis assigned must have one row per feature (%d), not %d.", nrow, nrow(value))
  }
  if (!is.null(ncol) && ncol(value) != ncol) {
    abort_arg("The coefficients assigned must have one column per sample (%d), not %d.", ncol, ncol(value))
  }
  storage.mode(value) <- "double"
  value
}

# Indices of `[` along dimension `margin` of `m`: positive or negative
# indices, names, or a logical vector.
check_subset <- function(idx, m, margin, arg) {
  n <- dim(m)[margin]
  names <- dimnames(m)[[margin]]
  what <- c("features", "samples")[margin]
  if (arg == "the components") what <- "components"
  if (is.logical(idx) && !anyNA(idx) && length(idx) <= n) return(which(rep_len(idx, n)))
  if (is.character(idx) && !anyNA(idx)) return(subset_by_name(idx, names, what, arg))
  if (is_whole_index(idx, n)) return(seq_len(n)[idx])
  abort_arg("`%s` must select %s: indices between 1 and %d, names or a logical vector, not %s.",
            arg, what, n, describe_value(idx))
}

# The positions of names `idx` among `names`, all of which must be there.
subset_by_name <- function(idx, names, what, arg) {
  pos <- match(idx, names)
  if (anyNA(pos)) {
    abort_arg("`%s` has %s names not found among the %s: %s.", arg, if (is.null(names)) "" else "some",
              what, paste0('"', utils::head(idx[is.na(pos)], 5L), '"', collapse = ", "))
  }
  pos
}

# Whole numbers between -n and n, none of them negative or none positive.
is_whole_index <- function(idx, n) {
  is.numeric(idx) && !anyNA(idx) && all(idx == round(idx)) && all(abs(idx) <= n) &&
    (all(idx >= 0) || all(idx <= 0))
}

# syntheticNMF()'s `noise`: NULL for none, else list(mean, sd).
check_synthetic_noise <- function(noise) {
  if (isTRUE(noise)) return(list(mean = 0, sd = 1))
  if (isFALSE(noise) || is.null(noise)) return(NULL)
  if (is.numeric(noise) && length(noise) == 1L && is.finite(noise) && noise >= 0) return(list(mean = 0, sd = noise))
  if (is_two_numbers(noise)) return(stats::setNames(noise, c("mean", "sd")))
  abort_arg("`noise` must be TRUE, FALSE, a standard deviation or list(mean, sd), not %s.", describe_value(noise))
}

# A list of two single numbers.
is_two_numbers <- function(x) {
  is.list(x) && length(x) == 2L && all(vapply(x, function(v) is.numeric(v) && length(v) == 1L, NA))
}

# Sizes of blocks of features or samples: non-negative whole numbers.
check_block_sizes <- function(sizes, arg) {
  ok <- is.numeric(sizes) && length(sizes) > 1L && !anyNA(sizes) && all(sizes >= 0) &&
    all(abs(sizes - round(sizes)) < 1e-8) && sum(sizes) > 0
  if (!ok) {
    abort_arg("`%s` must be a whole number, or the sizes of the blocks (non-negative whole numbers), not %s.",
              arg, describe_value(sizes))
  }
  as.integer(round(sizes))
}

# The dendrograms' height of a heatmap: one or two non-negative numbers.
check_treeheight <- function(h) {
  if (!is.numeric(h) || !length(h) %in% 1:2 || anyNA(h) || any(h < 0)) {
    abort_arg("`treeheight` must be one or two non-negative numbers (points), not %s.", describe_value(h))
  }
  h
}

# Text drawn in the cells of a heatmap: a matrix of the map's dimensions.
check_cell_text <- function(txt, mat) {
  if (is.data.frame(txt)) txt <- as.matrix(txt)
  if (!is.matrix(txt) || !identical(dim(txt), dim(mat))) {
    abort_arg("`txt` must be a matrix of %d x %d (the map's dimensions), not %s.", nrow(mat), ncol(mat),
              describe_value(txt))
  }
  out <- matrix(as.character(txt), nrow(txt), ncol(txt))
  out[is.na(out)] <- ""
  out
}
