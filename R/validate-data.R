# Checks of the data a fit reads: what users pass as data becomes what the
# C++ core reads, a double matrix (read in place) or a dgCMatrix (never
# densified), after its values and structure are checked.

# `x` as the core reads it, checked: `allow_na` lets missing values through
# (the methods that fit them say so later), `scale` refuses magnitudes a fit
# cannot work with (check_scale()).
as_nmf_input <- function(x, assay = NULL, allow_na = FALSE, scale = FALSE, allow_negative = FALSE, blocks = FALSE) {
  as_nmf_data(x, assay, allow_na, scale, allow_negative, blocks)$x
}

# as_nmf_input() with the value_stats() of its check: list(x, stats) (stats
# NULL for data read in blocks, which carries its own), so that a fit scans
# the values once.
as_nmf_data <- function(x, assay = NULL, allow_na = FALSE, scale = FALSE, allow_negative = FALSE, blocks = FALSE) {
  if (inherits(x, "ExpressionSet")) {
    if (!requireNamespace("Biobase", quietly = TRUE)) {
      abort_arg("`x` is an ExpressionSet, which needs the Biobase package to read its `exprs`.")
    }
    x <- Biobase::exprs(x)
  } else if (inherits(x, "SummarizedExperiment")) {
    if (!requireNamespace("SummarizedExperiment", quietly = TRUE)) {
      abort_arg("`x` is a SummarizedExperiment, which needs the SummarizedExperiment package to read its assay.")
    }
    x <- SummarizedExperiment::assay(x, if (is.null(assay)) 1L else assay)
  }
  if (is_delayed_matrix(x)) {
    if (!blocks) {
      abort_arg(paste("`x` is a DelayedMatrix; here it must be in memory: as.matrix(x), or as(x, \"dgCMatrix\")",
                      "for sparse data."))
    }
    return(list(x = check_delayed_input(x, allow_na, scale, allow_negative), stats = NULL))
  }
  if (is.data.frame(x)) {
    bad <- !vapply(x, function(col) is.numeric(col) || is.logical(col), logical(1))
    if (any(bad)) {
      abort_arg("`x` is a data.frame with non-numeric column%s %s; every column must be numeric.",
                if (sum(bad) > 1) "s" else "", paste0("`", names(x)[bad], "`", collapse = ", "))
    }
    x <- as.matrix(x)
  }
  if (inherits(x, "sparseMatrix")) {
    check_sparse_structure(x)
    x <- methods::as(methods::as(methods::as(x, "CsparseMatrix"), "generalMatrix"), "dMatrix")
    check_sparse_structure(x)
  } else if (inherits(x, "Matrix")) {
    x <- as.matrix(x)
  }
  if (!inherits(x, "dgCMatrix")) {
    if (!is.matrix(x)) {
      abort_arg(paste("`x` must be a numeric matrix, a data.frame of numeric columns, a dgCMatrix, an ExpressionSet or",
                      "a SummarizedExperiment, not %s."),
                describe_value(x))
    }
    if (!(is.numeric(x) || is.logical(x))) {
      abort_arg("`x` must be numeric, not a %s matrix.", typeof(x))
    }
    if (storage.mode(x) != "double") storage.mode(x) <- "double"
  }
  if (nrow(x) == 0L || ncol(x) == 0L) {
    abort_arg("`x` must have at least one row and one column, not %d x %d.", nrow(x), ncol(x))
  }
  stats <- check_values(x, allow_na = allow_na, scale = scale, allow_negative = allow_negative)
  list(x = x, stats = stats)
}

# A sparse Matrix whose slots were edited by hand (unsorted or duplicated row
# indices, indices out of range, a wrong `p`) would make the C++ core read
# out of bounds: refuse it with Matrix's own diagnosis.
check_sparse_structure <- function(x) {
  valid <- tryCatch(methods::validObject(x, test = TRUE), error = function(e) conditionMessage(e))
  if (!isTRUE(valid)) {
    abort_arg(paste("`x` is not a valid %s: %s. Build sparse matrices with Matrix::sparseMatrix(),",
                    "which sorts the indices and adds up duplicates."),
              class(x)[1L], paste(valid, collapse = "; "))
  }
  invisible(x)
}

# Number of missing (NA or NaN) cells of dense or sparse input; `stats`: its
# value_stats() when known.
count_missing <- function(x, stats = NULL) {
  if (is_block_data(x)) return(x$stats$n_na)
  (stats %||% value_stats(x))[["n_missing"]]
}

# One pass in C++ over the stored values of a double matrix or dgCMatrix (no
# temporary logical matrix): c(min, max, n_missing, n_infinite, n_negative),
# min and max of the finite values (Inf and -Inf when there are none).
value_stats <- function(x) {
  vals <- if (inherits(x, "dgCMatrix")) x@x else x
  if (!is.double(vals)) vals <- as.double(vals)
  nmf_value_stats_cpp(vals)
}

# Position of the first TRUE of a logical matrix as "[i, j]".
first_cell <- function(which_mat, nrow) {
  idx <- which(which_mat)[1L] - 1L
  sprintf("[%d, %d]", idx %% nrow + 1L, idx %/% nrow + 1L)
}

# Checks the values of a numeric matrix or dgCMatrix: finite (or missing, when
# `allow_na`) and non-negative, and with `scale` of a magnitude a fit can work
# with; one pass over the values when they are fine. Returns the values'
# value_stats() invisibly (NULL when there are none).
check_values <- function(x, arg = "x", allow_na = FALSE, scale = FALSE, allow_negative = FALSE) {
  vals <- if (inherits(x, "dgCMatrix")) x@x else x
  if (length(vals) == 0L) return(invisible(NULL))
  st <- value_stats(x)
  if (st[["n_infinite"]] > 0 || (st[["n_missing"]] > 0 && !allow_na) || (st[["n_negative"]] > 0 && !allow_negative)) {
    check_bad_values(x, vals, arg, allow_na, allow_negative)
  }
  # only missing values (allowed) when nothing was refused
  if (scale && st[["n_missing"]] < length(vals)) check_scale(max(abs(st[c("min", "max")])), arg)
  invisible(st)
}

# The error for infinite, missing (unless allowed) or negative values.
check_bad_values <- function(x, vals, arg, allow_na, allow_negative = FALSE) {
  bad <- if (allow_na) is.infinite(vals) else !is.finite(vals)
  if (any(bad)) {
    where <- if (inherits(x, "dgCMatrix")) sparse_cell(x, which(bad)[1L]) else first_cell(bad, nrow(x))
    kinds <- unique(ifelse(is.na(vals[bad]), ifelse(is.nan(vals[bad]), "NaN", "NA"), "Inf"))
    abort_arg("`%s` must not contain %s values: it has %d (%s), the first at %s%s.",
              arg, if (allow_na) "infinite" else "missing or infinite", sum(bad),
              paste(kinds, collapse = ", "), arg, where)
  }
  neg <- !is.na(vals) & vals < 0
  if (any(neg) && !allow_negative) {
    first <- which(neg)[1L]
    where <- if (inherits(x, "dgCMatrix")) sparse_cell(x, first) else first_cell(neg, nrow(x))
    abort_arg("`%s` must be non-negative: it has %d negative value%s, the first is %s%s = %s.",
              arg, sum(neg), if (sum(neg) > 1) "s" else "", arg, where, format(vals[first]))
  }
}

# "[i, j]" of the t-th stored value of a dgCMatrix.
sparse_cell <- function(x, t) {
  j <- findInterval(t - 1L, x@p, left.open = FALSE, rightmost.closed = FALSE)
  sprintf("[%d, %d]", x@i[t] + 1L, j)
}

# The magnitudes a fit can work with in double precision (`vmax`: the largest
# value): above 1e60 the squared errors (and products of random starts)
# overflow, below 1e-100 the products of the factors underflow to 0 and the
# KL ratios to Inf.
check_scale <- function(vmax, arg = "x") {
  if (!is.finite(vmax) || vmax == 0) return(invisible(vmax))
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
  invisible(vmax)
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
