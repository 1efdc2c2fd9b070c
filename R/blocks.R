# Matrices larger than memory: a DelayedMatrix (package DelayedArray; for
# example an HDF5Array on disk, or the assay of a SummarizedExperiment or
# SingleCellExperiment) is fitted block by block. Only one block of columns
# is in memory at a time (DelayedArray::colAutoGrid(), whose size is
# DelayedArray::getAutoBlockSize()), besides the factors W (features x k) and
# H (k x samples).
#
# One pass over the blocks per iteration: for each block A_j, the columns of
# H are updated from W'A_j and W'W, and A_j H_j' and H_j H_j' are summed;
# then W is updated from the sums, and the objective 1/2 ||A - WH||^2 comes
# from them too (||A||^2 was summed once, when the data were checked). The
# updates are the in-memory "hals" and "anls" updates on the same Gram
# matrices (inst/include/nmfkit/fast/gram.h), without extrapolation.

# The data of a block fit: the DelayedMatrix, its column grid and what the
# checks found in one pass (range, missing values, sum of squares).
new_block_data <- function(x, stats) {
  widths <- DelayedArray::dims(DelayedArray::colAutoGrid(x))[, 2L]
  ends <- cumsum(widths)
  structure(list(x = x, starts = ends - widths + 1L, ends = ends, sparse = DelayedArray::is_sparse(x),
                 stats = stats), class = "nmfkit_blocks")
}

#' @export
dim.nmfkit_blocks <- function(x) dim(x$x)

#' @export
dimnames.nmfkit_blocks <- function(x) dimnames(x$x)

is_block_data <- function(x) inherits(x, "nmfkit_blocks")

is_delayed_matrix <- function(x) methods::is(x, "DelayedMatrix")

# The column indices of block `j`.
block_columns <- function(data, j) seq.int(data$starts[j], data$ends[j])

# Block `j` of the data, read from the DelayedMatrix: a dense matrix or, for
# sparse data, a dgCMatrix.
read_data_block <- function(data, j) {
  b <- data$x[, block_columns(data, j), drop = FALSE]
  if (data$sparse) methods::as(b, "dgCMatrix") else `storage.mode<-`(as.matrix(b), "double")
}

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
  parts <- lapply(seq_along(data$starts), function(j) block_summary(read_data_block(data, j), j))
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

block_summary <- function(b, j) {
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

# One fit of block data from `start`, as the core's result list.
fit_blocks <- function(plan, start) {
  data <- plan$x
  o <- plan$options
  exact <- plan$spec$core == "anls"
  W <- start$W
  H <- start$H
  prev <- NA_real_
  track <- list()
  stop <- "maxit"
  iter <- 0L
  while (iter < o$maxit) {
    iter <- iter + 1L
    pass <- block_h_pass(data, W, H, exact, o, first = iter == 1L)
    H <- pass$H
    Wt <- gram_solve(pass$HHt, t(pass$AHt), t(W), exact, o, first = iter == 1L)
    W <- t(Wt)
    loss <- 0.5 * (data$stats$sumsq - 2 * sum(W * pass$AHt) + sum(crossprod(W) * pass$HHt))  # as gram_loss()
    s <- sqrt(colSums(W^2))  # the gauge: unit columns of W
    s[s == 0] <- 1
    W <- sweep(W, 2L, s, `/`)
    H <- H * s
    if (isTRUE(o$track) || plan$verbose) track[[length(track) + 1L]] <- c(iter, loss)
    if (plan$verbose) message(sprintf("iteration %d, objective %.7g", iter, loss))
    done <- is.finite(prev) && abs(prev - loss) <= o$tol * abs(prev)
    prev <- loss
    if (done) {
      stop <- "converged"
      break
    }
  }
  s <- colSums(W)  # as the in-memory fits report them: columns of W sum to 1
  s[s == 0] <- 1
  tr <- if (isTRUE(o$track) && length(track)) do.call(rbind, track) else matrix(numeric(), 0, 2)
  list(W = sweep(W, 2L, s, `/`), H = H * s, offset = numeric(), niter = iter, restarts = 0L, objective = prev,
       stop = stop, track = data.frame(iteration = as.integer(tr[, 1L]), objective = tr[, 2L]))
}

# The update of every column of H, block by block, with the sums a W update
# needs: A H' (features x k) and H H' (k x k).
block_h_pass <- function(data, W, H, exact, o, first) {
  H0 <- H
  k <- ncol(W)
  WtW <- crossprod(W)
  AHt <- matrix(0, nrow(W), k)
  HHt <- matrix(0, k, k)
  for (j in seq_along(data$starts)) {
    cols <- block_columns(data, j)
    A <- read_data_block(data, j)
    B <- as.matrix(Matrix::crossprod(W, A))
    Hj <- gram_update(WtW, B, H[, cols, drop = FALSE], exact, o)
    H[, cols] <- Hj
    AHt <- AHt + as.matrix(A %*% t(Hj))
    HHt <- HHt + tcrossprod(Hj)
  }
  if (exact && first && any(rowSums(H) == 0)) {
    # the first-iteration guard of gram_solve(), on the whole of H
    return(block_h_pass(data, W, H0, FALSE, o, first = FALSE))
  }
  list(H = H, AHt = AHt, HHt = HHt)
}

# One update of X from its Gram matrix and right-hand side. In the first
# iteration an exact solve that zeroes a whole component (a saddle point it
# never leaves) is replaced by hals's sweeps from the same start, as the
# in-memory anls does.
gram_solve <- function(G, B, X, exact, o, first = FALSE) {
  out <- gram_update(G, B, X, exact, o)
  if (exact && first && any(rowSums(out) == 0)) out <- gram_update(G, B, X, FALSE, o)
  out
}

# The core's update (fast/gram.h) with the plan's hals options.
gram_update <- function(G, B, X, exact, o) {
  nmf_gram_update_cpp(G, B, X, exact, 0, 0, o$inner %||% 10L, o$inner_tol %||% 0.01, o$threads)
}
