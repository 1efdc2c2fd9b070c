# Converts what users pass as data into what the C++ core reads: a double
# matrix (read in place) or a dgCMatrix (never densified).

as_nmf_input <- function(x, assay = NULL, allow_na = FALSE) {
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
      abort_arg("`x` must be a numeric matrix, a data.frame of numeric columns, a dgCMatrix, an ExpressionSet or a SummarizedExperiment, not %s.",
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
  check_values(x, allow_na = allow_na)
  x
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

# Number of missing (NA or NaN) cells of dense or sparse input.
count_missing <- function(x) sum(is.na(if (inherits(x, "dgCMatrix")) x@x else x))
