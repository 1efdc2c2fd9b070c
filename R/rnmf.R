# Random matrices, random NMF models and synthetic data, drawing from R's
# random number generator exactly as the NMF package does: rmatrix(),
# rnmf(), syntheticNMF().

#' Random matrices and random NMF models
#'
#' `rmatrix(x, y)` is an `x` x `y` matrix of draws from `dist` (filled by
#' column, or by row with `byrow = TRUE`); `x` may also be the dimensions
#' (`c(nrow, ncol)`) or a matrix whose dimensions are taken. For a model or a
#' fit, `rmatrix()` is its fitted matrix plus such draws (noise).
#'
#' `rnmf(rank, target)` is a random NMF model ([nmfModel()]) of rank `rank`:
#' for a target matrix (or data.frame, or `ExpressionSet`), `W` then `H`
#' are drawn from `runif(0, max(max(target), 1))` and clipped at the largest
#' value of `target`, and the model takes the target's names -- the NMF
#' package's `"random"` seeding, which [nmf()] reproduces. With dimensions
#' (`rnmf(rank, nrow, ncol)`), the entries are drawn from `dist` (default
#' `runif(0, 1)`). `model = "NMFns"` or `"NMFOffset"` gives a model of that
#' class (the offset is drawn after the factors, from
#' `runif(0, max(W, H))`). `rnmf(model)` draws a new model of the
#' dimensions of `model`. `W` or `H` fix a factor and draw the other.
#'
#' The draws are those of the NMF package: for the same state of R's random
#' number generator they give the same matrices.
#'
#' @param x for `rmatrix()`: the number of rows, the dimensions, a matrix, a
#'   model or a fit. For `rnmf()`: the rank, or a model to redraw.
#' @param y the number of columns (default: square, or from `x`).
#' @param dist the distribution: a function whose first argument is the
#'   number of draws (such as [stats::runif()] or [stats::rnorm()]), or a
#'   number, which seeds R's generator for this call only (the user's random
#'   state is restored afterwards).
#' @param byrow fill the matrix by row.
#' @param dimnames the dimension names of the result.
#' @param ... for `rmatrix()`: arguments of `dist` (such as `mean`, `sd`,
#'   `max`). For `rnmf()`: `theta` (NMFns) or `offset` (NMFOffset).
#' @return `rmatrix()`: a numeric matrix. `rnmf()`: an `nmfkit_model`.
#' @seealso [nmfModel()], [syntheticNMF()]
#' @export
#' @examples
#' set.seed(1)
#' rmatrix(2, 3)
#' rmatrix(3, dist = rnorm, mean = 4)
#' x <- rmatrix(20, 10)
#' m <- rnmf(3, x)
#' dim(m)
#' rnmf(2, 5, 4, model = "NMFns")
rmatrix <- function(x, y = NULL, dist = stats::runif, byrow = FALSE, dimnames = NULL, ...) {
  if (inherits(x, c("nmfkit_model", "nmfkit_fit", "nmfkit_fitset"))) {
    a <- fitted(x)
    return(a + rmatrix(a, dist = dist, ...))
  }
  dims <- rmatrix_dims(x, y)
  if (is.null(dist)) dist <- stats::runif
  if (is_number_seed(dist)) {
    old <- rng_snapshot()
    on.exit(rng_restore(old), add = TRUE)
    withr::with_seed(dist, return(matrix(stats::runif(dims[1L] * dims[2L], ...), dims[1L], dims[2L],
                                         byrow = byrow, dimnames = dimnames)))
  }
  if (!is.function(dist)) {
    abort_arg("`dist` must be a function drawing random numbers (such as runif or rnorm) or a number (a seed), not %s.",
              describe_value(dist))
  }
  matrix(dist(dims[1L] * dims[2L], ...), dims[1L], dims[2L], byrow = byrow, dimnames = dimnames)
}

# The dimensions of rmatrix(x, y).
rmatrix_dims <- function(x, y) {
  if (!is.null(dim(x))) return(dim(x)[1:2])
  ok <- is.numeric(x) && length(x) %in% 1:2 && !anyNA(x) && all(x >= 0)
  if (!ok) {
    abort_arg("`x` must be a number of rows, the dimensions c(nrow, ncol), a matrix, a model or a fit, not %s.",
              describe_value(x))
  }
  x <- as.integer(x)
  if (!is.null(y)) return(c(x[1L], check_whole(y, "y", lower = 0)))
  if (length(x) == 1L) c(x, x) else x
}

#' @rdname rmatrix
#' @param target the target: a matrix, data.frame or `ExpressionSet` (its
#'   values bound the draws, and it gives the names), or the number of rows.
#' @param ncol the number of columns when `target` is a number (default:
#'   square).
#' @param model `"NMFstd"`, `"NMFns"` or `"NMFOffset"`.
#' @param W,H a fixed basis or coefficient matrix: only the other factor is
#'   drawn.
#' @export
rnmf <- function(x, target, ncol = NULL, model = "NMFstd", W, H, dist = stats::runif, ...) {
  if (!missing(W) || !missing(H)) return(rnmf_fixed(x, target, ncol, model, W, H, dist, ...))
  if (inherits(x, "nmfkit_model")) {
    if (missing(target)) target <- dim(x)[1:2]
    return(rnmf_draw(nbasis(x), target, ncol, modelname(x), dist, list(...)))
  }
  if (missing(target)) abort_arg("`target` must be given: the target matrix, or its number of rows.")
  rank <- check_whole(x, "x (the rank)", lower = 0)
  rnmf_draw(rank, target, ncol, check_model_name(model), dist, list(...))
}

rnmf_draw <- function(rank, target, ncol, model, dist, extra) {
  if (is.null(dim(target)) && !inherits(target, "ExpressionSet")) {
    parsed <- model_target(target, ncol)
    m <- do.call(nmfModel, c(list(rank, parsed$dims, model = model), extra))
    return(rnmf_factors(m, parsed$dims, rank, dist, list()))
  }
  x <- as_nmf_input(target, allow_na = TRUE)
  if (inherits(x, "dgCMatrix")) x <- as.matrix(x)
  m <- do.call(nmfModel, c(list(rank, dim(x), model = model), extra))
  hi <- max(max(x, na.rm = TRUE), 1)
  m <- rnmf_factors(m, dim(x), rank, dist, list(max = hi))
  known <- abs(x[!is.na(x)])
  if (length(known)) {
    top <- max(known)
    attr(m, "W") <- pmin(m$W, top)
    attr(m, "H") <- pmin(m$H, top)
  }
  rownames(attr(m, "W")) <- rownames(x)
  colnames(attr(m, "H")) <- colnames(x)
  m
}

# Draws W then H (then the offset of an NMFOffset model) as the NMF package.
rnmf_factors <- function(m, dims, rank, dist, args, fixed = character()) {
  draw <- function(nr, nc) do.call(rmatrix, c(list(nr, nc, dist = dist), args))
  if (!"W" %in% fixed) attr(m, "W") <- draw(dims[1L], rank)
  if (!"H" %in% fixed) attr(m, "H") <- draw(rank, dims[2L])
  if (m$model == "NMFOffset") attr(m, "offset") <- stats::runif(dims[1L], min = 0, max = max(m$W, m$H))
  m
}

# rnmf() with a fixed basis or coefficient matrix.
rnmf_fixed <- function(x, target, ncol, model, W, H, dist, ...) {
  model <- check_model_name(model)
  if (!missing(W)) W <- check_model_factor(W, "W")
  if (!missing(H)) H <- check_model_factor(H, "H")
  rank <- if (!missing(W)) ncol(W) else nrow(H)
  dims <- c(if (!missing(W)) nrow(W) else if (!missing(x)) check_whole(x, "x", lower = 0) else 0L,
            if (!missing(H)) ncol(H) else if (!missing(target)) check_whole(target, "target", lower = 0) else 0L)
  if (!missing(W) && missing(H) && !missing(x)) dims[2L] <- check_whole(x, "x (the number of samples)", lower = 0)
  m <- nmfModel(rank, dims, model = model, W = if (missing(W)) NA_real_ else W,
                H = if (missing(H)) NA_real_ else H, ...)
  rnmf_factors(m, dims, rank, dist, list(), fixed = c(if (!missing(W)) "W", if (!missing(H)) "H"))
}

#' Synthetic data with a known NMF structure
#'
#' As the NMF package's `syntheticNMF()`: an `n` x `p` matrix `W H` (plus
#' noise) whose `r` basis components each load on a block of features and
#' whose samples each belong to one component. Block sizes are drawn from a
#' multinomial (or given as vectors), the loadings from `|N(1, 1)|`, and the
#' noise from `N(0, 1)` (or `N(0, noise)`) added to every cell, the result
#' clipped at 0; draws follow the NMF package's order, so the same random
#' state gives the same data.
#'
#' @param n the number of features, or the sizes of the feature blocks.
#' @param r the rank, or the sizes of the sample groups (then `p` is their
#'   sum).
#' @param p the number of samples.
#' @param offset optional: a standard deviation (one number) of a random
#'   offset per feature, or the offset itself (one value per feature).
#' @param noise `TRUE` (standard normal noise), `FALSE` (none), a standard
#'   deviation, or `list(mean, sd)`.
#' @param factors return the factors too: a list with the data, `W`, `H`,
#'   `offset`, `pData` and `fData` (the true groups of samples and features).
#' @param seed optional: seeds R's generator for this call only.
#' @return The matrix, with attributes `coefficients` (`H`), `basis` (`W`),
#'   `offset`, `pData` and `fData` (lists holding the factor `Group` of the
#'   samples and of the features); or, with `factors = TRUE`, a list.
#' @export
#' @examples
#' x <- syntheticNMF(50, 3, 20, seed = 1)
#' dim(x)
#' table(attr(x, "pData")$Group)
#' d <- syntheticNMF(30, c(4, 3, 3), noise = 0.5, factors = TRUE, seed = 2)
#' names(d)
syntheticNMF <- function(n, r, p, offset = NULL, noise = TRUE, factors = FALSE, seed = NULL) {
  if (!is.null(seed)) {
    old <- rng_snapshot()
    on.exit(rng_restore(old), add = TRUE)
    return(withr::with_seed(seed, syntheticNMF(n, r, p, offset = offset, noise = noise, factors = factors)))
  }
  noise <- check_synthetic_noise(noise)
  if (length(r) == 1L) {
    r <- check_whole(r, "r", lower = 1)
    p <- check_whole(p, "p", lower = 1)
    g <- stats::rmultinom(1, p, rep(1, r))
  } else {
    g <- check_block_sizes(r, "r")
    p <- sum(g)
    r <- length(g)
  }
  H <- matrix(0, r, p)
  start <- c(0, cumsum(g))
  for (i in seq_len(r)) if (g[i] > 0) H[i, (start[i] + 1):(start[i] + g[i])] <- 1
  if (length(n) == 1L) {
    n <- check_whole(n, "n", lower = 1)
    b <- stats::rmultinom(1, n, rep(1, r))
  } else {
    b <- check_block_sizes(n, "n")
    n <- sum(b)
  }
  W <- matrix(0, n, r)
  start <- c(0, cumsum(b))
  for (i in seq_len(r)) if (b[i] > 0) W[(start[i] + 1):(start[i] + b[i]), i] <- abs(stats::rnorm(b[i], 1, 1))
  res <- W %*% H
  if (!is.null(offset)) {
    if (length(offset) == 1L) offset <- stats::rnorm(n, mean = 0, sd = offset)
    if (length(offset) != n) {
      abort_arg("`offset` must be one standard deviation or %d values (one per feature), not %d.", n, length(offset))
    }
    res <- res + offset
  }
  if (!is.null(noise)) res <- pmax(res + rmatrix(res, dist = stats::rnorm, mean = noise$mean, sd = noise$sd), 0)
  pdata <- list(Group = factor(rep(seq_len(r), g)))
  fdata <- list(Group = factor(rep(seq_len(r), b)))
  if (factors) return(list(res, W = W, H = H, offset = offset, pData = pdata, fData = fdata))
  attr(res, "coefficients") <- H
  attr(res, "basis") <- W
  attr(res, "offset") <- offset
  attr(res, "pData") <- pdata
  attr(res, "fData") <- fdata
  res
}
