# Consensus clustering and cluster quality, with the NMF package's
# definitions (Brunet et al. 2004; Gaujoux and Seoighe 2010).

#' Consensus and connectivity matrices
#'
#' The connectivity matrix of a fit is the samples x samples matrix with 1
#' where two samples fall in the same cluster (the factor with the largest
#' coefficient, see [predict.nmfkit_fit()]) and 0 elsewhere. The consensus
#' matrix of several runs is the mean of their connectivity matrices: the
#' share of runs that cluster two samples together (Brunet et al. 2004). As in
#' the NMF package, the consensus of a single fit is its connectivity.
#'
#' @param object a fitset ([nmf()] with `nrun > 1`), a fit, a rank survey
#'   (then a list of consensus matrices, one per rank) or, for
#'   `connectivity()`, a factor or vector of cluster labels.
#' @param ... not used.
#' @return A square numeric matrix named by the samples.
#' @references Brunet J.-P., Tamayo P., Golub T. R. and Mesirov J. P. (2004).
#'   Metagenes and molecular pattern discovery using matrix factorization.
#'   *PNAS* 101(12).
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' res <- nmf(x, 3, nrun = 4, seed = 1)
#' C <- consensus(res)
#' range(C)
#' connectivity(factor(c("a", "b", "a")))
consensus <- function(object, ...) UseMethod("consensus")

#' @rdname consensus
#' @export
consensus.nmfkit_fitset <- function(object, ...) object$consensus

#' @rdname consensus
#' @export
consensus.nmfkit_fit <- function(object, ...) connectivity(object)

#' @rdname consensus
#' @export
consensus.default <- function(object, ...) {
  abort_arg("`object` must be a fit, a fitset or a rank survey from nmf(), not %s.", describe_value(object))
}

#' @rdname consensus
#' @export
connectivity <- function(object, ...) UseMethod("connectivity")

#' @rdname consensus
#' @export
connectivity.default <- function(object, ...) {
  if (!is.atomic(object) || !is.null(dim(object))) {
    abort_arg("`object` must be a fit, a fitset or a factor or vector of cluster labels, not %s.",
              describe_value(object))
  }
  cl <- as.factor(object)
  check_alloc(length(cl), length(cl), "The connectivity matrix")
  out <- outer(as.integer(cl), as.integer(cl), "==")
  storage.mode(out) <- "double"
  dimnames(out) <- if (is.null(names(object))) NULL else list(names(object), names(object))
  out
}

#' @rdname consensus
#' @export
connectivity.nmfkit_fit <- function(object, ...) connectivity(predict(object, what = "samples"))

#' @rdname consensus
#' @export
connectivity.nmfkit_fitset <- function(object, ...) connectivity(object$fit)

#' Clusters from several runs
#'
#' For a fitset, `what = "samples"` and `"features"` give the clusters of the
#' best fit (see [predict.nmfkit_fit()]). `what = "consensus"` cuts into
#' `rank` clusters the average-linkage tree of the distance `1 - consensus`,
#' and numbers the clusters in the order of the tree reordered by the mean
#' consensus of each sample, exactly as the NMF package; the order of the
#' samples in that tree is attached as attribute `"iOrd"`. `"chc"` gives the
#' cut tree's own numbering.
#'
#' @param object a fitset from [nmf()] with `nrun > 1`.
#' @param what `"samples"` (or `"columns"`), `"features"` (or `"rows"`),
#'   `"consensus"` or `"chc"`.
#' @param prob for `"samples"` and `"features"`: return a list of the
#'   clusters (`predict`) and the share of the winning factor (`prob`), as the
#'   NMF package.
#' @param ... not used.
#' @return A factor of clusters, named by the samples (features) when they
#'   have names.
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' res <- nmf(x, 3, nrun = 5, seed = 1)
#' table(consensus = predict(res, what = "consensus"), species = iris$Species)
predict.nmfkit_fitset <- function(object, what = c("samples", "columns", "features", "rows", "consensus", "chc"),
                                  prob = FALSE, ...) {
  what <- check_choice(what, c("samples", "columns", "features", "rows", "consensus", "chc"), "what")
  if (!what %in% c("consensus", "chc")) return(predict(object$fit, what = what, prob = prob))
  cl <- view_clusters(fitset_view(object), nbasis(object), object$labels, reorder = what == "consensus")
  if (is.null(names(cl))) names(cl) <- colnames(object$fit$H)
  cl
}

# Average-linkage tree of 1 - C cut into k clusters, renumbered along the tree
# reordered by rowMeans(C) (NMF's predict(what = "consensus")).
consensus_clusters <- function(C, k, reorder = TRUE) {
  h <- stats::hclust(stats::as.dist(1 - C), method = "average")
  cl <- stats::cutree(h, k = k)
  o <- NULL
  if (reorder) {
    o <- stats::order.dendrogram(stats::reorder(stats::as.dendrogram(h), rowMeans(C, na.rm = TRUE)))
    cl <- stats::setNames(match(cl, unique(cl[o])), names(cl))
  }
  res <- as.factor(cl)
  if (reorder) attr(res, "iOrd") <- o
  res
}

#' Dispersion and cophenetic correlation of a consensus matrix
#'
#' Two measures of how stable the clustering is over the runs, for choosing
#' the rank (Brunet et al. 2004; Kim and Park 2007), with the NMF package's
#' definitions. The dispersion of a consensus matrix `C` (n x n) is
#' `sum(4 * (C - 1/2)^2) / n^2`, 1 for a perfectly stable clustering. The
#' cophenetic correlation is the Pearson correlation between the distance
#' `1 - C` and the cophenetic distance of its hierarchical clustering
#' (average linkage by default); 1 for a perfectly stable clustering.
#'
#' @param object a fitset ([nmf()] with `nrun > 1`), a fit (its
#'   connectivity), a rank survey (then one value per rank) or a consensus
#'   matrix.
#' @param linkage the agglomeration method of [stats::hclust()].
#' @param ... not used.
#' @return A number (a named vector for a survey). The cophenetic
#'   correlation is `NA` when all distances are equal (rank 1: every sample
#'   in one cluster in every run), where the NMF package also gives `NA`.
#' @references Kim H. and Park H. (2007). Sparse non-negative matrix
#'   factorizations via alternating non-negativity-constrained least squares
#'   for microarray data analysis. *Bioinformatics* 23(12).
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' res <- nmf(x, 3, nrun = 5, seed = 1)
#' dispersion(res)
#' cophcor(res)
#' cophcor(consensus(res))
dispersion <- function(object, ...) UseMethod("dispersion")

#' @rdname dispersion
#' @export
dispersion.default <- function(object, ...) {
  C <- check_consensus(object)
  sum(4 * (C - 1 / 2)^2) / nrow(C)^2
}

#' @rdname dispersion
#' @export
dispersion.nmfkit_fitset <- function(object, ...) {
  C <- attr(object, "consensus", exact = TRUE)
  if (!is.null(C)) return(dispersion(C))
  labels_dispersion(object$labels)  # exact, without the n x n matrix
}

#' @rdname dispersion
#' @export
dispersion.nmfkit_fit <- function(object, ...) dispersion(connectivity(object))

#' @rdname dispersion
#' @export
cophcor <- function(object, ...) UseMethod("cophcor")

#' @rdname dispersion
#' @export
cophcor.default <- function(object, linkage = "average", ...) {
  C <- check_consensus(object)
  linkage <- check_choice(linkage, hclust_methods(), "linkage")
  if (all(C[upper.tri(C)] == 0) && all(diag(C) == C[1L, 1L])) return(1)
  d <- stats::as.dist(1 - C)
  if (length(d) < 2L || all(d == d[1L])) return(NA_real_) # no spread: undefined (NMF: NA and a warning)
  stats::cor(d, stats::cophenetic(stats::hclust(d, method = linkage)), method = "pearson")
}

#' @rdname dispersion
#' @export
cophcor.nmfkit_fitset <- function(object, linkage = "average", ...) {
  linkage <- check_choice(linkage, hclust_methods(), "linkage")
  view_cophcor(fitset_view(object), linkage = linkage)
}

# The consensus view of a fitset (R/labels.R): its dense consensus where it
# keeps one.
fitset_view <- function(object, limits = consensus_limits()) {
  C <- attr(object, "consensus", exact = TRUE)
  if (!is.null(C)) return(list(mode = "dense", C = C, counts = rep(1, nrow(C)), key = seq_len(nrow(C)), n = nrow(C)))
  consensus_view(object$labels, colnames(object$fit$H), limits)
}

#' @rdname dispersion
#' @export
cophcor.nmfkit_fit <- function(object, linkage = "average", ...) cophcor(connectivity(object), linkage = linkage)

hclust_methods <- function() {
  c("average", "complete", "single", "ward.D", "ward.D2", "mcquitty", "median", "centroid")
}

#' Purity and entropy of a clustering against known classes
#'
#' How well clusters match known classes, with the NMF package's definitions.
#' With `n[i, j]` the number of samples of cluster `i` in class `j` and `n`
#' the number of samples, purity is `sum_i max_j n[i, j] / n` (1 is best) and
#' entropy is
#' `-1 / (n log2(K)) * sum_i sum_j n[i, j] log2(n[i, j] / n[i])` with `K`
#' classes (0 is best; 0 when there is a single class, where the NMF package
#' gives `NaN`). Samples whose class is `NA` are left out; it is an error
#' when no sample is left.
#'
#' @param x a fit (its sample clusters, see [predict.nmfkit_fit()]), a fitset
#'   (its best fit), a factor or vector of cluster labels, or a table of
#'   clusters (rows) by classes (columns).
#' @param y the known class of each sample: a factor or a vector (not given
#'   when `x` is a table).
#' @param ... not used.
#' @return A number.
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' fit <- nmf(x, 3, "lee", seed = 1)
#' purity(fit, iris$Species)
#' entropy(fit, iris$Species)
#' tab <- table(predict(fit), iris$Species)
#' purity(tab); entropy(tab)
purity <- function(x, y, ...) UseMethod("purity")

#' @rdname purity
#' @export
purity.table <- function(x, y, ...) {
  if (!missing(y)) abort_arg("`y` must not be given when `x` is a table of clusters by classes.")
  check_cluster_table(x)
  sum(apply(x, 1L, max)) / sum(x)
}

#' @rdname purity
#' @export
purity.default <- function(x, y, ...) purity(cluster_table(x, y))

#' @rdname purity
#' @export
purity.nmfkit_fit <- function(x, y, ...) purity(cluster_table(predict(x), y, "samples"))

#' @rdname purity
#' @export
purity.nmfkit_fitset <- function(x, y, ...) purity(x$fit, y)

#' @rdname purity
#' @export
entropy <- function(x, y, ...) UseMethod("entropy")

#' @rdname purity
#' @export
entropy.table <- function(x, y, ...) {
  if (!missing(y)) abort_arg("`y` must not be given when `x` is a table of clusters by classes.")
  check_cluster_table(x)
  if (ncol(x) == 1L) return(0)  # a single class: every cluster is pure
  t <- apply(x, 1L, function(n) {
    size <- sum(n)
    n %*% ifelse(n != 0, log2(n / size), 0)
  })
  -sum(t) / (sum(x) * log2(ncol(x)))
}

#' @rdname purity
#' @export
entropy.default <- function(x, y, ...) entropy(cluster_table(x, y))

#' @rdname purity
#' @export
entropy.nmfkit_fit <- function(x, y, ...) entropy(cluster_table(predict(x), y, "samples"))

#' @rdname purity
#' @export
entropy.nmfkit_fitset <- function(x, y, ...) entropy(x$fit, y)

# A table of clusters by classes must count some samples.
check_cluster_table <- function(x) {
  if (length(dim(x)) != 2L || sum(x) == 0) {
    abort_arg(paste("The clusters and classes have no sample in common (a table of %s counts%s):",
                    "every sample's class or cluster is NA, or there are none."),
              paste(dim(x), collapse = " x "), if (length(x)) ", all 0" else "")
  }
  invisible(x)
}

# The table of clusters by classes (NA clusters and classes left out).
cluster_table <- function(clusters, y, what = "clusters") {
  if (missing(y)) y <- NULL
  if (!is.atomic(clusters) || !is.null(dim(clusters))) {
    abort_arg("`x` must be a fit, a fitset, a factor or vector of cluster labels or a table, not %s.",
              describe_value(clusters))
  }
  y <- check_classes(y, length(clusters), what)
  table(as.factor(clusters), y)
}
