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
  if (is.atomic(x)) return(sprintf("a %s vector of length %d", typeof(x), length(x)))
  sprintf("an object of class %s", cls)
}

abort_arg <- function(...) stop(sprintf(...), call. = FALSE)

# A whole number in [lower, upper].
check_whole <- function(x, arg, lower = 1, upper = Inf, upper_why = NULL) {
  ok <- is.numeric(x) && length(x) == 1L && !is.na(x) && is.finite(x) &&
    abs(x - round(x)) < 1e-8 && x >= lower && x <= upper
  if (!ok) {
    range <- if (is.finite(upper)) {
      sprintf("between %s and %s%s", format(lower), format(upper),
              if (is.null(upper_why)) "" else sprintf(" (%s)", upper_why))
    } else {
      sprintf("of at least %s", format(lower))
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

check_rank <- function(rank, x) {
  upper <- min(dim(x))
  if (length(rank) != 1L) {
    abort_arg("`rank` must be a single whole number; a rank survey (several ranks) is not available yet, got %s.",
              describe_value(rank))
  }
  check_whole(rank, "rank", lower = 1, upper = upper, upper_why = "min(dim(x))")
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
