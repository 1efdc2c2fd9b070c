# The row and column orders of a heatmap (the NMF package's `Rowv`/`Colv`),
# as the trees pheatmap draws.

# The order of the rows of `mat` for `param` (see ?aheatmap), as
# list(pheatmap = an hclust or FALSE for pheatmap, order = the rows in the
# order drawn, dendrogram = the dendrogram or NULL, draw = whether to draw
# it, height = its height when given, dist/method = how it was computed).
heatmap_tree <- function(mat, param, distfun, hclustfun, reorderfun, arg) {
  n <- nrow(mat)
  none <- list(order = seq_len(n), dendrogram = NULL, draw = FALSE)
  if (is_na_scalar(param) || n < 2L) return(order_tree(none))
  if (is.null(param)) param <- TRUE
  if (inherits(param, "hclust")) return(tree_of(stats::as.dendrogram(param), param$dist.method, param$method))
  if (inherits(param, "dendrogram")) return(tree_of(param, NULL, NULL))
  if (inherits(param, "silhouette")) return(order_tree(list(order = silhouette_rows(param, n, arg), draw = FALSE)))
  if (is.integer(param) && length(param) > 1L) return(order_tree(list(order = check_order(param, n, arg), draw = FALSE)))
  height <- NULL
  weights <- NULL
  draw <- TRUE
  if (inherits(param, "dist")) {
    distfun <- param
  } else if (is.logical(param) && length(param) == 1L) {
    weights <- rowMeans(mat, na.rm = TRUE)
    draw <- isTRUE(param)
  } else if (is.numeric(param) && length(param) == 1L) {
    height <- param
    weights <- rowMeans(mat, na.rm = TRUE)
  } else if (is.numeric(param) && length(param) == n) {
    weights <- param
  } else if ((is.character(param) || is.list(param)) && length(param) > 0L) {
    spec <- as.list(param)
    if (is.null(names(spec))) names(spec) <- c("distfun", "hclustfun", "reorderfun")[seq_len(min(length(spec), 3L))]
    if (!is.null(spec$distfun)) distfun <- spec$distfun
    if (!is.null(spec$hclustfun)) hclustfun <- spec$hclustfun
    if (!is.null(spec$reorderfun)) reorderfun <- spec$reorderfun
  } else {
    abort_arg(paste("`%s` must be TRUE, FALSE, NA, a tree height, an hclust, a dendrogram, a dist object,",
                    "weights (%d numbers), an order (%d integers) or a distance and clustering method, not %s."),
              arg, n, n, describe_value(param))
  }
  d <- heatmap_dist(mat, distfun, arg)
  hc <- heatmap_hclust(d, hclustfun, arg)
  dend <- stats::as.dendrogram(hc)
  if (!is.null(weights)) dend <- reorderfun(dend, weights)
  tree <- tree_of(dend, attr(d, "method"), hc$method)
  tree$draw <- draw
  tree$height <- height
  tree
}

tree_of <- function(dend, dist, method) {
  hc <- stats::as.hclust(dend)
  hc$method <- method
  hc$dist.method <- dist
  list(pheatmap = hc, order = stats::order.dendrogram(dend), dendrogram = dend, draw = TRUE,
       dist = if (is.null(dist)) "given" else dist, method = if (is.null(method)) "given" else method)
}

# An order without a tree: a chain of merges that pheatmap reorders by and
# does not draw.
order_tree <- function(tree) {
  n <- length(tree$order)
  if (n < 2L) return(c(tree, list(pheatmap = FALSE)))
  o <- tree$order
  merge <- cbind(c(-o[1L], seq_len(n - 2L)), -o[-1L])
  hc <- structure(list(merge = merge, height = seq_len(n - 1L), order = o, labels = NULL, method = NULL),
                  class = "hclust")
  c(tree, list(pheatmap = hc))
}

# NMF's revC: the rows in reverse order (the tree mirrored).
reverse_tree <- function(tree) {
  if (!is.null(tree$dendrogram)) {
    out <- tree_of(rev(tree$dendrogram), tree$dist, tree$method)
    out$draw <- tree$draw
    out$height <- tree$height
    return(out)
  }
  order_tree(list(order = rev(tree$order), dendrogram = NULL, draw = FALSE))
}

heatmap_dist <- function(mat, distfun, arg) {
  if (inherits(distfun, "dist")) {
    if (attr(distfun, "Size") != nrow(mat)) {
      abort_arg("The distance given for `%s` is between %d items, not the %d of the map.", arg,
                attr(distfun, "Size"), nrow(mat))
    }
    return(distfun)
  }
  if (is.function(distfun)) return(stats::as.dist(distfun(mat)))
  known <- c("correlation", "pearson", "kendall", "spearman", "euclidean", "maximum", "manhattan", "canberra",
             "binary", "minkowski")
  i <- if (is.character(distfun) && length(distfun) >= 1L) pmatch(distfun[1L], known) else NA
  if (is.na(i)) {
    abort_arg("`distfun` must be a distance (%s), a dist object or a function, not %s.",
              paste0('"', known, '"', collapse = ", "), describe_value(distfun))
  }
  method <- if (known[i] == "correlation") "pearson" else known[i]
  if (method %in% c("pearson", "kendall", "spearman")) {
    d <- stats::dist(1 - stats::cor(t(mat), method = method, use = "pairwise.complete.obs"))
    attr(d, "method") <- method
    return(d)
  }
  stats::dist(mat, method = method)
}

heatmap_hclust <- function(d, hclustfun, arg) {
  if (is.function(hclustfun)) return(hclustfun(d))
  known <- c("ward", "single", "complete", "average", "mcquitty", "median", "centroid", "ward.D", "ward.D2")
  i <- if (is.character(hclustfun) && length(hclustfun) == 1L) pmatch(hclustfun, known) else NA
  if (is.na(i) && identical(hclustfun, "ward")) i <- 1L
  if (is.na(i)) {
    abort_arg("`hclustfun` must be a method of hclust() (%s) or a function, not %s.",
              paste0('"', known, '"', collapse = ", "), describe_value(hclustfun))
  }
  stats::hclust(d, method = if (known[i] == "ward") "ward.D" else known[i])
}

# The order of a silhouette: NMF orders by its "iOrd" attribute.
silhouette_rows <- function(si, n, arg) {
  o <- attr(si, "iOrd")
  if (is.null(o)) o <- order(si[, "cluster"], -si[, "sil_width"])
  check_order(as.integer(o), n, arg)
}

check_order <- function(o, n, arg) {
  if (length(o) != n || anyNA(o) || !setequal(o, seq_len(n))) {
    abort_arg("`%s` given as an order must be a permutation of 1 to %d, not %s.", arg, n, describe_value(o))
  }
  as.integer(o)
}
