# Missing values, masks and cell weights: what a fit leaves out, and completion.

# The data and the core's mask description of a fit, from arguments already
# checked (check_method_supports(), check_mask(), check_cell_weights()):
#   NA cells of `x` are left out (and set to 0 in the copy handed to C++),
#   `mask` (logical matrix or sparse Matrix: TRUE = leave out; or "zeros": a
#   dgCMatrix's zeros are missing) leaves out more, `weights` scale each cell.
# Returns list(x, spec, n_out); spec is list(mode = "none"), list(mode =
# "exclude", p, i) (the cells left out, as a compressed column pattern),
# list(mode = "observed") or list(mode = "weights", v).
prepare_mask <- function(x, mask = NULL, weights = NULL, stats = NULL) {
  zeros <- identical(mask, "zeros")
  excluded <- NULL  # dgCMatrix with 1 at the cells left out
  if (count_missing(x, stats) > 0) {
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
    m <- mask_pattern(mask)
    excluded <- if (is.null(excluded)) m else excluded + m
  }
  if (!is.null(excluded)) {
    excluded <- methods::as(methods::as(excluded, "CsparseMatrix"), "generalMatrix")
    excluded <- Matrix::drop0(methods::as(excluded, "dMatrix"))
  }
  spec <- list(mode = "none")
  if (!is.null(weights)) {
    check_alloc(nrow(x), ncol(x), "The dense cell weights")
    v <- weights
    if (!is.null(excluded)) v[as.matrix(excluded) > 0] <- 0
    if (zeros) v[as.matrix(x) == 0] <- 0
    spec <- list(mode = "weights", v = v)
    observed <- list(rows = rowSums(v) > 0, cols = colSums(v) > 0)
  } else if (zeros) {
    spec <- list(mode = "observed")
    observed <- list(rows = Matrix::rowSums(x != 0) > 0, cols = Matrix::colSums(x != 0) > 0)
  } else if (!is.null(excluded) && length(excluded@x) > 0) {
    spec <- list(mode = "exclude", p = excluded@p, i = excluded@i)
    observed <- list(rows = tabulate(excluded@i + 1L, nrow(x)) < ncol(x), cols = diff(excluded@p) < nrow(x))
  } else {
    observed <- list(rows = TRUE, cols = TRUE)
  }
  warn_unobserved(observed)
  n_out <- switch(spec$mode,
    exclude = length(excluded@x),
    observed = prod(dim(x)) - length(x@x),
    weights = sum(spec$v == 0),
    0
  )
  list(x = x, spec = spec, n_out = n_out)
}

warn_unobserved <- function(observed) {
  rows <- sum(!observed$rows)
  cols <- sum(!observed$cols)
  if (rows + cols == 0) return(invisible(NULL))
  warning(sprintf(paste("%d row%s and %d column%s of `x` have no observed cell; their rows of W and columns of H are",
                        "set to 0."),
                  rows, plural(rows), cols, plural(cols)), call. = FALSE)
}

na_pattern_sparse <- function(x, na) {
  j <- rep(seq_len(ncol(x)), diff(x@p))
  Matrix::sparseMatrix(i = x@i[na] + 1L, j = j[na], x = 1, dims = dim(x))
}

# A checked mask (check_mask()) as a sparse pattern: 1 = leave the cell out.
mask_pattern <- function(mask) {
  if (inherits(mask, "Matrix")) {
    return(methods::as(methods::as(methods::as(mask, "CsparseMatrix"), "generalMatrix"), "dMatrix"))
  }
  Matrix::Matrix((mask != 0) * 1, sparse = TRUE)
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
    fill <- fill | as.matrix(mask_pattern(check_mask(mask, x))) > 0
  }
  out[fill] <- fitted(fit)[fill]
  out
}
