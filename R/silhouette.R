# Silhouettes of the clusters of a fit, as cluster::silhouette objects.

#' Silhouette widths of the clusters of a fit
#'
#' Methods for [cluster::silhouette()] with the NMF package's definitions.
#' The clusters are those of [predict.nmfkit_fit()] (or
#' [predict.nmfkit_fitset()]) and the dissimilarity is
#' * `what = "samples"`: `1 - cor(coef(fit))`, the correlation between the
#'   samples' coefficient vectors;
#' * `what = "features"`: `1 - cor(t(basis(fit)))`, the correlation between
#'   the features' loading vectors;
#' * `what = "consensus"` (fitsets): `1 - consensus(fit)`, with the
#'   consensus clusters, and the rows in the order of the consensus tree.
#'
#' The correlation silhouettes are computed from per-cluster sums of the
#' standardised vectors, in time and memory linear in the number of samples
#' (features), without forming the n x n dissimilarity matrix; they equal
#' `cluster::silhouette(cl, dmatrix = 1 - cor(...))`. Samples (features)
#' whose vector is constant (for instance all zero) have no correlation with
#' the others and are left out (the NMF package gives `NA` for every width
#' then).
#'
#' @param x a fit or a fitset from [nmf()].
#' @param what which clusters: `"samples"` (or `"columns"`), `"features"`
#'   (or `"rows"`) or, for fitsets, `"consensus"`.
#' @param order optional order of the rows of the result (the consensus
#'   tree's order for `what = "consensus"`).
#' @param ... not used.
#' @return An object of class `silhouette` (see [cluster::silhouette()]),
#'   or `NA` when there are fewer than 2 clusters or as many clusters as
#'   items.
#' @name nmfkit_silhouette
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' fit <- nmf(x, 3, seed = 1)
#' si <- silhouette(fit)
#' summary(si)$avg.width
#' summary(silhouette(fit, what = "features"))$avg.width
NULL

#' @importFrom cluster silhouette
#' @export
cluster::silhouette

#' @rdname nmfkit_silhouette
#' @method silhouette nmfkit_fit
#' @export
silhouette.nmfkit_fit <- function(x, what = c("samples", "columns", "features", "rows"), order = NULL, ...) {
  what <- check_choice(what, c("samples", "columns", "features", "rows"), "what")
  features <- what %in% c("features", "rows")
  v <- if (features) x$W else t(x$H)
  p <- predict(x, what = what)
  si <- silhouette_cor(v, as.integer(p), names(p))
  si <- silhouette_order(si, order)
  if (!is_na_scalar(si)) attr(si, "call") <- match.call()
  si
}

#' @rdname nmfkit_silhouette
#' @method silhouette nmfkit_fitset
#' @export
silhouette.nmfkit_fitset <- function(x, what = c("samples", "columns", "features", "rows", "consensus"),
                                     order = NULL, ...) {
  what <- check_choice(what, c("samples", "columns", "features", "rows", "consensus"), "what")
  if (what != "consensus") return(silhouette(x$fit, what = what, order = order))
  p <- predict(x, what = "consensus")
  view <- fitset_view(x)
  if (view$mode != "dense") return(view_silhouette(view, p))
  si <- cluster::silhouette(as.integer(p), dmatrix = 1 - view$C)
  if (is_na_scalar(si)) return(NA)
  rownames(si) <- if (is.null(names(p))) seq_along(p) else names(p)
  if (is.null(order)) order <- attr(p, "iOrd")
  si <- silhouette_order(si, order)
  attr(si, "call") <- match.call()
  si
}

is_na_scalar <- function(x) is.atomic(x) && length(x) == 1L && is.na(x)

# Reorders the rows of a silhouette as the NMF package does.
silhouette_order <- function(si, order) {
  if (is.null(order) || is_na_scalar(si)) return(si)
  rn <- rownames(si)
  si[seq_len(nrow(si)), ] <- si[order, , drop = FALSE]
  rownames(si) <- rn[order]
  attr(si, "iOrd") <- order
  attr(si, "Ordered") <- TRUE
  si
}

# Silhouette of clusters `cl` (codes 1..K) of the rows of `v` under the
# dissimilarity 1 - cor between rows, by the rules of cluster's sildist():
# a(i) = mean dissimilarity to the other members of its cluster, b(i) = least
# mean dissimilarity to another cluster, s(i) = (b - a) / max(a, b), 0 for a
# singleton. The sums over a cluster come from the cluster sums of the
# standardised rows, so nothing n x n is formed.
silhouette_cor <- function(v, cl, names = NULL) {
  keep <- apply(v, 1L, function(r) length(r) > 1L && !anyNA(r) && any(r != r[1L]))
  if (is.null(names)) names <- as.character(seq_len(nrow(v)))
  v <- v[keep, , drop = FALSE]
  cl <- cl[keep]
  names <- names[keep]
  codes <- sort(unique(cl))
  k <- length(codes)
  n <- length(cl)
  if (k <= 1L || k >= n) return(NA)
  code <- match(cl, codes)
  z <- v - rowMeans(v)
  z <- z / sqrt(rowSums(z^2))
  ind <- matrix(0, n, k)
  ind[cbind(seq_len(n), code)] <- 1
  counts <- colSums(ind)
  # dsum[i, c] = sum over j in cluster c, j != i, of 1 - cor(i, j)
  dsum <- matrix(counts, n, k, byrow = TRUE) - tcrossprod(z, crossprod(ind, z))
  own <- cbind(seq_len(n), code)
  dsum[own] <- dsum[own] - (1 - rowSums(z * z))
  dmean <- dsum / matrix(counts, n, k, byrow = TRUE)
  single <- counts[code] == 1
  dmean[own] <- dsum[own] / pmax(counts[code] - 1, 1)
  a <- dmean[own]
  other <- dmean
  other[own] <- Inf
  nb <- max.col(-other, ties.method = "first")
  b <- other[cbind(seq_len(n), nb)]
  s <- ifelse(!single & b != a, (b - a) / pmax(a, b), 0)
  out <- cbind(cluster = codes[code], neighbor = codes[nb], sil_width = s)
  rownames(out) <- names
  attr(out, "Ordered") <- FALSE
  if (any(!keep)) attr(out, "dropped") <- which(!keep)
  class(out) <- "silhouette"
  out
}
