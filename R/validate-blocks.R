# Checks of data read in blocks (R/blocks.R): a DelayedMatrix `x` checked in
# one pass, and what a block fit cannot do, refused before anything is read
# again.

# The checks of a DelayedMatrix `x`, in one pass over its blocks: the same
# errors as for a matrix in memory (missing, infinite or negative values),
# and what a fit needs later (largest value, sum of squares).
check_delayed_input <- function(x, allow_na, scale, allow_negative) {
  if (!requireNamespace("DelayedArray", quietly = TRUE)) {
    abort_arg("`x` is a DelayedMatrix, which needs the DelayedArray package to be read block by block.")
  }
  if (!DelayedArray::type(x) %in% c("double", "integer", "logical")) {
    abort_arg("`x` must be numeric, not a DelayedMatrix of type %s.", DelayedArray::type(x))
  }
  if (nrow(x) == 0L || ncol(x) == 0L) {
    abort_arg("`x` must have at least one row and one column, not %d x %d.", nrow(x), ncol(x))
  }
  data <- new_block_data(x, NULL)
  parts <- lapply(seq_along(data$starts), function(j) block_summary(read_data_block(data, j)))
  s <- list(min = min(vapply(parts, `[[`, 0, "min")), max = max(vapply(parts, `[[`, 0, "max")),
            n_na = sum(vapply(parts, `[[`, 0, "n_na")), n_inf = sum(vapply(parts, `[[`, 0, "n_inf")),
            sumsq = sum(vapply(parts, `[[`, 0, "sumsq")))
  first <- function(what) which(vapply(parts, `[[`, 0, what) > 0)[1L]
  if (s$n_inf > 0 || (s$n_na > 0 && !allow_na)) {
    abort_arg("`x` must not contain %s values: it has %d, the first in column block %d of %d.",
              if (allow_na) "infinite" else "missing or infinite", s$n_inf + if (allow_na) 0 else s$n_na,
              first(if (s$n_inf > 0) "n_inf" else "n_na"), length(parts))
  }
  if (s$min < 0 && !allow_negative) {
    abort_arg("`x` must be non-negative: its smallest value is %s, in column block %d of %d.",
              format(s$min), which(vapply(parts, `[[`, 0, "min") < 0)[1L], length(parts))
  }
  if (scale && s$n_na < length(x)) check_scale(max(abs(c(s$min, s$max))), "x")
  data$stats <- s
  data
}

block_summary <- function(b) {
  v <- if (inherits(b, "dgCMatrix")) b@x else as.vector(b)
  zero <- inherits(b, "dgCMatrix") && length(v) < prod(dim(b))
  fin <- v[is.finite(v)]
  list(min = min(c(fin, if (zero) 0), Inf), max = max(c(fin, if (zero) 0), -Inf), n_na = sum(is.na(v)),
       n_inf = sum(is.infinite(v)), sumsq = sum(fin^2))
}

# Why method `spec` cannot fit block data, or NULL when it can.
check_block_method <- function(spec, x, extras, params, dry_run = FALSE) {
  if (!is_block_data(x)) return(invisible(NULL))
  if (isTRUE(dry_run)) {
    abort_arg("The dry run (`.options` \"f\") is not available for a DelayedMatrix `x`.")
  }
  if (!isTRUE(spec$supports[["blocks"]])) {
    abort_arg(paste('`x` is a DelayedMatrix, which is fitted block by block by methods %s only; method "%s" needs',
                    "the matrix in memory (as.matrix(x), or as(x, \"dgCMatrix\") for sparse data)."),
              quoted(methods_supporting("blocks")), spec$name)
  }
  if (x$stats$n_na > 0) {
    abort_arg(paste("`x` is a DelayedMatrix with %d missing values; missing values are left out of a fit only for",
                    "data in memory (as.matrix(x), or as(x, \"dgCMatrix\"))."), x$stats$n_na)
  }
  given <- names(extras)[!vapply(extras, is.null, NA)]
  if (length(given)) {
    abort_arg("%s cannot be used with a DelayedMatrix `x`, which is fitted block by block; load the matrix.",
              paste0("`", given, "`", collapse = ", "))
  }
  pen <- unlist(params[intersect(c("L1", "L2"), names(params))])
  if (any(pen > 0)) {
    abort_arg("`L1` and `L2` penalties are not available for a DelayedMatrix `x` (fitted block by block).")
  }
  invisible(NULL)
}

# The seeds a block fit can start from: a random start, given factors or an
# earlier fit (the SVD-based and ICA seeds need the whole matrix).
check_block_seed <- function(seed, x) {
  if (is_block_data(x) && seed$type %in% c("method", "function") && !identical(seed$name, "random")) {
    abort_arg(paste("`seed` %s needs the whole matrix; for a DelayedMatrix `x` use a number, \"random\",",
                    "list(W =, H =) or an earlier fit."), if (is.null(seed$name)) "(a function)" else
                      sprintf("\"%s\"", seed$name))
  }
  invisible(seed)
}
