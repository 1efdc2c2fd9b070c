# Argument checks, in one place. Each message says which argument is wrong,
# what was expected and what was given.

# A short description of what a value is, for error messages.
describe_value <- function(x) {
  if (is.null(x)) return("NULL")
  if (is.function(x)) return("a function")
  cls <- class(x)[1L]
  if (is.atomic(x) && length(x) == 1L) {
    return(if (is.character(x)) sprintf('"%s"', x) else format(x))
  }
  if (is.matrix(x) || inherits(x, "Matrix")) {
    return(sprintf("a %d x %d %s", nrow(x), ncol(x), cls))
  }
  if (is.array(x)) {
    return(sprintf("a %s array", paste(dim(x), collapse = " x ")))
  }
  if (is.atomic(x)) {
    article <- if (substr(typeof(x), 1L, 1L) %in% c("a", "e", "i", "o", "u")) "an" else "a"
    return(sprintf("%s %s vector of length %d", article, typeof(x), length(x)))
  }
  sprintf("an object of class %s", cls)
}

abort_arg <- function(...) stop(sprintf(...), call. = FALSE)

# A whole number in [lower, upper] (an R integer: at most 2^31 - 1).
check_whole <- function(x, arg, lower = 1, upper = .Machine$integer.max, upper_why = NULL) {
  ok <- is.numeric(x) && length(x) == 1L && !is.na(x) && is.finite(x) &&
    abs(x - round(x)) < 1e-8 && x >= lower && x <= upper
  if (!ok) {
    range <- if (upper < .Machine$integer.max) {
      sprintf("between %s and %s%s", format(lower), format(upper),
              if (is.null(upper_why)) "" else sprintf(" (%s)", upper_why))
    } else {
      too_big <- is.numeric(x) && length(x) == 1L && !is.na(x) && x > upper
      sprintf("of at least %s%s", format(lower),
              if (too_big) sprintf(" and at most %d", .Machine$integer.max) else "")
    }
    abort_arg("`%s` must be a whole number %s, not %s.", arg, range, describe_value(x))
  }
  as.integer(round(x))
}

check_positive_number <- function(x, arg) {
  if (!is.numeric(x) || length(x) != 1L || is.na(x) || !is.finite(x) || x <= 0) {
    abort_arg("`%s` must be a single positive number, not %s.", arg, describe_value(x))
  }
  as.numeric(x)
}

check_nonnegative_number <- function(x, arg) {
  if (!is.numeric(x) || length(x) != 1L || is.na(x) || !is.finite(x) || x < 0) {
    abort_arg("`%s` must be a single non-negative number, not %s.", arg, describe_value(x))
  }
  as.numeric(x)
}

check_flag <- function(x, arg) {
  if (!is.logical(x) || length(x) != 1L || is.na(x)) {
    abort_arg("`%s` must be TRUE or FALSE, not %s.", arg, describe_value(x))
  }
  x
}

# Position of the first TRUE of a logical matrix as "[i, j]".
first_cell <- function(which_mat, nrow) {
  idx <- which(which_mat)[1L] - 1L
  sprintf("[%d, %d]", idx %% nrow + 1L, idx %/% nrow + 1L)
}

# Checks the values of a numeric matrix or dgCMatrix: finite (or missing, when
# `allow_na`) and non-negative.
check_values <- function(x, arg = "x", allow_na = FALSE) {
  vals <- if (inherits(x, "dgCMatrix")) x@x else x
  # fast path, one pass and no copies: everything finite and non-negative
  r <- suppressWarnings(range(vals))
  if (length(vals) == 0L || (all(is.finite(r)) && r[1L] >= 0)) return(invisible(x))
  bad <- if (allow_na) is.infinite(vals) else !is.finite(vals)
  if (any(bad)) {
    where <- if (inherits(x, "dgCMatrix")) sparse_cell(x, which(bad)[1L]) else first_cell(bad, nrow(x))
    kinds <- unique(ifelse(is.na(vals[bad]), ifelse(is.nan(vals[bad]), "NaN", "NA"), "Inf"))
    abort_arg("`%s` must not contain %s values: it has %d (%s), the first at %s%s.",
              arg, if (allow_na) "infinite" else "missing or infinite", sum(bad),
              paste(kinds, collapse = ", "), arg, where)
  }
  neg <- !is.na(vals) & vals < 0
  if (any(neg)) {
    first <- which(neg)[1L]
    where <- if (inherits(x, "dgCMatrix")) sparse_cell(x, first) else first_cell(neg, nrow(x))
    abort_arg("`%s` must be non-negative: it has %d negative value%s, the first is %s%s = %s.",
              arg, sum(neg), if (sum(neg) > 1) "s" else "", arg, where, format(vals[first]))
  }
  invisible(x)
}

# "[i, j]" of the t-th stored value of a dgCMatrix.
sparse_cell <- function(x, t) {
  j <- findInterval(t - 1L, x@p, left.open = FALSE, rightmost.closed = FALSE)
  sprintf("[%d, %d]", x@i[t] + 1L, j)
}

# One rank, or several (a rank survey: sorted, duplicates dropped).
check_rank <- function(rank, x) {
  upper <- min(dim(x))
  if (length(rank) == 1L) {
    return(check_whole(rank, "rank", lower = 1, upper = upper, upper_why = "min(dim(x))"))
  }
  if (!is.numeric(rank) || length(rank) == 0L) {
    abort_arg("`rank` must be a whole number, or whole numbers for a rank survey, between 1 and %d (min(dim(x))), not %s.",
              upper, describe_value(rank))
  }
  bad <- is.na(rank) | !is.finite(rank) | abs(rank - round(rank)) > 1e-8 | rank < 1 | rank > upper
  if (any(bad)) {
    abort_arg("`rank` values must be whole numbers between 1 and %d (min(dim(x))); %s %s not.",
              upper, paste(format(rank[bad]), collapse = ", "), if (sum(bad) > 1) "are" else "is")
  }
  sort(unique(as.integer(round(rank))))
}

check_threads <- function(threads) {
  if (is.null(threads)) return(default_threads())
  check_whole(threads, "threads", lower = 1)
  min(as.integer(threads), thread_limit())
}

# Checks a list(W =, H =) start against the data's dimensions.
check_start <- function(seed, m, n, rank) {
  if (!all(c("W", "H") %in% names(seed))) {
    abort_arg("`seed` given as a list must have elements `W` (%d x %d) and `H` (%d x %d); it has names: %s.",
              m, rank, rank, n, if (is.null(names(seed))) "none" else paste(names(seed), collapse = ", "))
  }
  want <- list(W = c(m, rank), H = c(rank, n))
  out <- list()
  for (nm in c("W", "H")) {
    v <- seed[[nm]]
    if (inherits(v, "Matrix")) v <- as.matrix(v)
    if (!is.matrix(v) || !is.numeric(v)) {
      abort_arg("`seed$%s` must be a numeric matrix of %d x %d, not %s.", nm, want[[nm]][1], want[[nm]][2],
                describe_value(v))
    }
    if (!identical(as.integer(dim(v)), as.integer(want[[nm]]))) {
      abort_arg("`seed$%s` must be %d x %d (%s), not %d x %d.", nm, want[[nm]][1], want[[nm]][2],
                if (nm == "W") "nrow(x) x rank" else "rank x ncol(x)", nrow(v), ncol(v))
    }
    storage.mode(v) <- "double"
    check_values(v, sprintf("seed$%s", nm))
    out[[nm]] <- v
  }
  out
}

# `checkpoint`: NULL or a directory name.
check_checkpoint <- function(checkpoint) {
  if (is.null(checkpoint)) return(NULL)
  if (!is.character(checkpoint) || length(checkpoint) != 1L || is.na(checkpoint) || !nzchar(checkpoint)) {
    abort_arg("`checkpoint` must be the name of a directory (a single string), not %s.", describe_value(checkpoint))
  }
  checkpoint
}

# Known classes of the n samples, as a factor.
check_classes <- function(y, n, what = "samples", arg = "y") {
  if (is.data.frame(y) && ncol(y) == 1L) y <- y[[1L]]
  if (is.null(y) || !is.atomic(y) || !is.null(dim(y)) || length(y) != n) {
    abort_arg("`%s` must give the known class of each of the %d %s (a factor or vector of length %d), not %s.",
              arg, n, what, n, describe_value(y))
  }
  if (is.factor(y)) y else as.factor(y)
}

# A consensus (or connectivity) matrix: numeric and square.
check_consensus <- function(C) {
  if (inherits(C, "Matrix")) C <- as.matrix(C)
  if (!is.matrix(C) || !is.numeric(C) || nrow(C) != ncol(C) || nrow(C) == 0L) {
    abort_arg("`object` must be a fit, a fitset, a rank survey or a square consensus matrix (samples x samples), not %s.",
              describe_value(C))
  }
  check_consensus_values(C)
}

# A basis matrix (features x components) for feature scores.
check_basis_matrix <- function(w) {
  if (inherits(w, "Matrix") || is.data.frame(w)) w <- as.matrix(w)
  if (!is.matrix(w) || !is.numeric(w) || nrow(w) == 0L || ncol(w) == 0L) {
    abort_arg("`object` must be a fit, a fitset or a numeric basis matrix (features x components), not %s.",
              describe_value(w))
  }
  w
}

# A numeric `method` of extractFeatures(): one positive number, or one per
# component.
check_feature_method <- function(method, k) {
  if (!length(method) %in% c(1L, k) || anyNA(method) || any(!is.finite(method)) || any(method <= 0)) {
    abort_arg("`method` must be \"kim\", \"max\" or positive numbers (one, or one per component: %d), not %s.",
              k, describe_value(method))
  }
  if (length(method) == 1L) rep(method, k) else method
}

# Annotation tracks of a heatmap: NULL/NA, a vector or factor of length n, a
# data.frame of n rows or a list of such vectors; returns a data.frame.
check_annotation <- function(ann, n, arg, what) {
  if (is.null(ann) || (is.atomic(ann) && length(ann) == 1L && is.na(ann) && n != 1L)) return(NULL)
  if (is.atomic(ann) && is.null(dim(ann)) && length(ann) == n) {
    ann <- stats::setNames(data.frame(ann, stringsAsFactors = TRUE), arg)
  } else if (is.list(ann) && !is.data.frame(ann)) {
    ok <- length(ann) > 0L && all(vapply(ann, function(a) is.atomic(a) && length(a) == n, NA))
    if (!ok) {
      abort_arg("`%s` given as a list must hold vectors or factors of length %d (one value per %s).", arg, n, what)
    }
    if (is.null(names(ann))) names(ann) <- paste0(arg, seq_along(ann))
    ann <- as.data.frame(ann, stringsAsFactors = TRUE)
  }
  if (!is.data.frame(ann) || nrow(ann) != n) {
    abort_arg("`%s` must be a vector or factor of length %d, or a data.frame of %d rows (one per %s), not %s.",
              arg, n, n, what, describe_value(ann))
  }
  for (j in seq_along(ann)) if (is.character(ann[[j]]) || is.logical(ann[[j]])) ann[[j]] <- as.factor(ann[[j]])
  ann
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

# One of a few fixed choices (several with `several = TRUE`), matched
# partially as match.arg() does; the whole vector of choices (an argument
# left at its default) gives the first.
check_choice <- function(x, choices, arg, several = FALSE) {
  if (identical(x, choices)) return(choices[1L])
  hit <- if (is.character(x) && length(x) >= 1L && (several || length(x) == 1L)) pmatch(x, choices) else NA
  if (anyNA(hit)) {
    abort_arg("`%s` must be %s %s, not %s.", arg, if (several) "some of" else "one of",
              paste0('"', choices, '"', collapse = ", "), describe_value(x))
  }
  choices[hit]
}

# A factor matrix of nmf_model(): numeric, finite, non-negative.
check_factor_matrix <- function(m, arg) {
  if (inherits(m, "Matrix") || is.data.frame(m)) m <- as.matrix(m)
  if (!is.matrix(m) || !(is.numeric(m) || is.logical(m)) || nrow(m) == 0L || ncol(m) == 0L) {
    abort_arg("`%s` must be a non-empty numeric matrix, not %s.", arg, describe_value(m))
  }
  storage.mode(m) <- "double"
  check_values(m, arg)
  m
}

# A consensus matrix given as such: square, values in [0, 1], no NA.
check_consensus_values <- function(C) {
  if (anyNA(C) || any(C < 0) || any(C > 1)) {
    has <- "only NA"
    if (!all(is.na(C))) {
      has <- sprintf("values from %s to %s%s", format(min(C, na.rm = TRUE)), format(max(C, na.rm = TRUE)),
                     if (anyNA(C)) " and NA" else "")
    }
    abort_arg(paste("`object` given as a consensus matrix must hold shares of runs between 0 and 1 without NA;",
                    "it has %s."), has)
  }
  C
}

# The magnitudes a fit can work with in double precision: above 1e60 the
# squared errors (and products of random starts) overflow, below 1e-100 the
# products of the factors underflow to 0 and the KL ratios to Inf.
check_scale <- function(x, arg = "x") {
  vals <- if (inherits(x, "dgCMatrix")) x@x else x
  vmax <- suppressWarnings(max(vals, na.rm = TRUE))
  if (!is.finite(vmax) || vmax == 0) return(invisible(x))
  if (vmax > 1e60) {
    abort_arg(paste("`%s` has values up to %s: the squared errors of a fit would overflow double precision;",
                    "divide `%s` by a constant (such as max(%s)) before fitting, W scales with it."),
              arg, format(vmax, digits = 3), arg, arg)
  }
  if (vmax < 1e-100) {
    abort_arg(paste("`%s`'s largest value is %s: the products of the factors would underflow double precision;",
                    "multiply `%s` by a constant (such as 1 / max(%s)) before fitting, W scales with it."),
              arg, format(vmax, digits = 3), arg, arg)
  }
  invisible(x)
}

# Memory: the most bytes one object nmfkit builds may take, from the option
# `nmfkit.max_bytes` (default: 16 GiB, or the machine's memory when smaller).
max_bytes <- function() {
  opt <- getOption("nmfkit.max_bytes")
  if (!is.null(opt)) return(check_positive_number(opt, "getOption(\"nmfkit.max_bytes\")"))
  limit <- 16 * 1024^3
  total <- physical_memory()
  if (is.finite(total) && total > 0) min(limit, total) else limit
}

# Total memory of the machine in bytes (Linux), NA elsewhere.
physical_memory <- function() {
  line <- tryCatch(grep("^MemTotal:", readLines("/proc/meminfo", n = 5L, warn = FALSE), value = TRUE),
                   error = function(e) character(), warning = function(w) character())
  if (!length(line)) return(NA_real_)
  as.numeric(gsub("[^0-9]", "", line[1L])) * 1024
}

format_bytes <- function(bytes) {
  units <- c("bytes", "KiB", "MiB", "GiB", "TiB", "PiB")
  p <- max(0, min(length(units) - 1, floor(log(max(bytes, 1), 1024))))
  if (p == 0) sprintf("%.0f bytes", bytes) else sprintf("%.1f %s", bytes / 1024^p, units[p + 1])
}

# Errors before allocating a dense `nr` x `nc` matrix of `size`-byte cells
# (8: doubles, 4: logicals) that would exceed max_bytes().
check_alloc <- function(nr, nc, what, size = 8, hint = NULL) {
  bytes <- as.numeric(nr) * as.numeric(nc) * size
  limit <- max_bytes()
  if (bytes > limit) {
    abort_arg("%s would need %s (%s x %s %s); the limit is %s (option `nmfkit.max_bytes`)%s.",
              what, format_bytes(bytes), format(nr, big.mark = ","), format(nc, big.mark = ","),
              if (size == 8) "doubles" else "cells", format_bytes(limit),
              if (is.null(hint)) "" else paste0("; ", hint))
  }
  invisible(bytes)
}
