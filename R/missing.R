# Missing values, masks and cell weights: what a fit leaves out, and completion.

mask_methods <- c("hals", "anls", "kl")
weight_methods <- c("hals", "anls")

# Prepares data and the core's mask description for a fit:
#   NA cells of `x` are left out (and set to 0 in the copy handed to C++),
#   `mask` (logical matrix or sparse Matrix: TRUE = leave out; or "zeros": a
#   dgCMatrix's zeros are missing) leaves out more, `weights` scale each cell.
# Returns list(x, spec, n_out).
prepare_mask <- function(x, method, mask = NULL, weights = NULL, holdout = NULL) {
  n_na <- count_missing(x)
  if (n_na > 0 && !method %in% c(mask_methods, "ls-nmf")) {
    abort_arg('`x` has %d missing value%s (NA), which method "%s" cannot fit; use "hals", "anls" or "kl" (missing cells are left out of the fit), or "ls-nmf" with zero weights.',
              n_na, if (n_na > 1) "s" else "", method)
  }
  if (!is.null(mask) && !method %in% mask_methods) {
    abort_arg('`mask` is not available for method "%s"; the methods that fit masked cells are %s.',
              method, paste0('"', mask_methods, '"', collapse = ", "))
  }
  if (!is.null(weights) && !method %in% weight_methods) {
    abort_arg('`weights` is not available for method "%s"; the methods that take cell weights are %s (and "ls-nmf" its `weight`).',
              method, paste0('"', weight_methods, '"', collapse = ", "))
  }
  zeros <- identical(mask, "zeros")
  if (zeros && !inherits(x, "dgCMatrix")) {
    abort_arg('`mask = "zeros"` treats the zeros of a sparse matrix as missing; `x` must be a dgCMatrix (or another sparse Matrix), not a dense matrix.')
  }
  spec <- list(mode = "none")
  excluded <- NULL  # dgCMatrix with 1 at the cells left out
  if (n_na > 0) {
    if (inherits(x, "dgCMatrix")) {
      na <- is.na(x@x)
      if (!zeros) excluded <- na_pattern_sparse(x, na)
      x@x[na] <- 0
      x <- Matrix::drop0(x)
    } else {
      na <- is.na(x)
      excluded <- Matrix::Matrix(na * 1, sparse = TRUE)
      x[na] <- 0
    }
  }
  if (!is.null(mask) && !zeros) {
    m <- check_mask(mask, x)
    excluded <- if (is.null(excluded)) m else excluded + m
  }
  if (!is.null(excluded)) {
    excluded <- methods::as(methods::as(excluded, "CsparseMatrix"), "generalMatrix")
    excluded <- Matrix::drop0(methods::as(excluded, "dMatrix"))
  }
  if (!is.null(weights)) {
    check_alloc(nrow(x), ncol(x), "The dense cell weights")
    v <- check_cell_weights(weights, x)
    if (!is.null(excluded)) v[as.matrix(excluded) > 0] <- 0
    if (zeros) v[as.matrix(x) == 0] <- 0
    spec <- list(mode = "weights", v = v)
    observed_rows <- rowSums(v) > 0
    observed_cols <- colSums(v) > 0
  } else if (zeros) {
    spec <- list(mode = "observed")
    observed_rows <- Matrix::rowSums(x != 0) > 0
    observed_cols <- Matrix::colSums(x != 0) > 0
  } else if (!is.null(excluded) && length(excluded@x) > 0) {
    spec <- list(mode = "exclude", p = excluded@p, i = excluded@i)
    per_col <- diff(excluded@p)
    observed_cols <- per_col < nrow(x)
    observed_rows <- tabulate(excluded@i + 1L, nrow(x)) < ncol(x)
  } else {
    observed_rows <- rep(TRUE, nrow(x))
    observed_cols <- rep(TRUE, ncol(x))
  }
  if (!all(observed_rows) || !all(observed_cols)) {
    warning(sprintf("%d row%s and %d column%s of `x` have no observed cell; their rows of W and columns of H are set to 0.",
                    sum(!observed_rows), if (sum(!observed_rows) == 1) "" else "s",
                    sum(!observed_cols), if (sum(!observed_cols) == 1) "" else "s"), call. = FALSE)
  }
  if (!is.null(holdout)) spec <- c(spec, holdout)
  n_out <- switch(spec$mode,
    exclude = length(excluded@x),
    observed = prod(dim(x)) - length(x@x),
    weights = sum(spec$v == 0),
    0
  )
  list(x = x, spec = spec, n_out = n_out)
}

na_pattern_sparse <- function(x, na) {
  j <- rep(seq_len(ncol(x)), diff(x@p))
  Matrix::sparseMatrix(i = x@i[na] + 1L, j = j[na], x = 1, dims = dim(x))
}

check_mask <- function(mask, x) {
  if (inherits(mask, "Matrix")) {
    m <- methods::as(methods::as(methods::as(mask, "CsparseMatrix"), "generalMatrix"), "dMatrix")
  } else if (is.matrix(mask) && (is.logical(mask) || is.numeric(mask))) {
    if (anyNA(mask)) abort_arg("`mask` must not contain NA.")
    m <- Matrix::Matrix((mask != 0) * 1, sparse = TRUE)
  } else {
    abort_arg('`mask` must be a logical matrix or a sparse Matrix of the cells to leave out (TRUE), or "zeros" for a sparse x, not %s.',
              describe_value(mask))
  }
  if (!identical(dim(m), dim(x))) {
    abort_arg("`mask` must have the shape of x (%d x %d), not %d x %d.", nrow(x), ncol(x), nrow(m), ncol(m))
  }
  m
}

# A non-negative numeric matrix of the shape of x (cell weights).
check_cell_weights <- function(weights, x, arg = "weights") {
  if (inherits(weights, "Matrix")) weights <- as.matrix(weights)
  if (!is.matrix(weights) || !is.numeric(weights) || !identical(dim(weights), dim(x))) {
    abort_arg("`%s` must be a numeric matrix of the shape of x (%d x %d), not %s.",
              arg, nrow(x), ncol(x), describe_value(weights))
  }
  storage.mode(weights) <- "double"
  check_values(weights, arg)
  weights
}

#' Complete a matrix with its fit
#'
#' `complete(fit, x)` returns `x` with its missing cells (`NA`, and the cells
#' of `mask` when given) replaced by the fitted values `W %*% H`; `fitted(fit)`
#' gives `W %*% H` for every cell. This is matrix completion, as for a ratings
#' matrix fitted with `mask = "zeros"` (pass the same `mask` to fill the zeros).
#'
#' @param fit a fit from [nmf()] of `x` (or of a matrix of the same shape).
#' @param x the data, with missing cells.
#' @param mask optional: a logical matrix of further cells to fill, or
#'   `"zeros"` to fill every zero.
#' @return A dense matrix the shape of `x`.
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' x[sample(length(x), 60)] <- NA
#' fit <- nmf(x, 2, "anls", seed = 1)
#' xc <- complete(fit, x)
#' sum(is.na(xc))
complete <- function(fit, x, mask = NULL) {
  if (!inherits(fit, "nmfkit_fit")) abort_arg("`fit` must be an nmfkit fit, not %s.", describe_value(fit))
  x <- as_nmf_input(x, allow_na = TRUE)
  if (!identical(dim(x), dim(fit)[1:2])) {
    abort_arg("`x` must be %d x %d like the fitted data, not %d x %d.", dim(fit)[1], dim(fit)[2], nrow(x), ncol(x))
  }
  check_alloc(nrow(x), ncol(x), "The completed matrix")
  out <- as.matrix(x)
  fill <- is.na(out)
  if (identical(mask, "zeros")) {
    fill <- fill | out == 0
  } else if (!is.null(mask)) {
    fill <- fill | as.matrix(check_mask(mask, x)) > 0
  }
  out[fill] <- fitted(fit)[fill]
  out
}
