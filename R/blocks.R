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
