# The row and column orders of a heatmap (the NMF package's `Rowv`/`Colv`),
# as the trees pheatmap draws.

# The order of the rows of `mat` for `param` (see ?aheatmap), as
# list(pheatmap = an hclust or FALSE for pheatmap, order = the rows in the
# order drawn, dendrogram = the dendrogram or NULL, draw = whether to draw
# it, height = its height when given, dist/method = how it was computed).
heatmap_tree <- function(mat, param, distfun, hclustfun, reorderfun, arg) {
  n <- nrow(mat)
  if (is_na_scalar(param) || n < 2L) return(order_tree(list(order = seq_len(n), dendrogram = NULL, draw = FALSE)))
  if (is.null(param)) param <- TRUE
  given <- given_tree(param, n, arg)
  if (!is.null(given)) return(given)
  clustered_tree(mat, tree_recipe(mat, param, arg), distfun, hclustfun, reorderfun, arg)
}

# The tree or order that `param` is (an hclust, a dendrogram, a silhouette or
# an order), or NULL when it asks for a clustering.
given_tree <- function(param, n, arg) {
  if (inherits(param, "hclust")) return(tree_of(stats::as.dendrogram(param), param$dist.method, param$method))
  if (inherits(param, "dendrogram")) return(tree_of(param, NULL, NULL))
  if (inherits(param, "silhouette")) return(order_tree(list(order = silhouette_rows(param, n, arg), draw = FALSE)))
  if (is.integer(param) && length(param) > 1L) {
    return(order_tree(list(order = check_order(param, n, arg), draw = FALSE)))
  }
  NULL
}

# How `param` asks for the rows to be clustered: the weights to reorder by
# (NULL for none), the tree's height (NULL for the default), whether to draw
# it, and the distance, linkage and reordering it names instead of
# `distfun`, `hclustfun` and `reorderfun` (NULL for none).
tree_recipe <- function(mat, param, arg) {
  n <- nrow(mat)
  how <- list(weights = NULL, height = NULL, draw = TRUE)
  if (inherits(param, "dist")) {
    how$distfun <- param
  } else if (is.logical(param) && length(param) == 1L) {
    how$weights <- rowMeans(mat, na.rm = TRUE)
    how$draw <- isTRUE(param)
  } else if (is.numeric(param) && length(param) == 1L) {
    how$height <- param
    how$weights <- rowMeans(mat, na.rm = TRUE)
  } else if (is.numeric(param) && length(param) == n) {
    how$weights <- param
  } else if ((is.character(param) || is.list(param)) && length(param) > 0L) {
    how <- c(how, tree_methods(param))
  } else {
    abort_arg(paste("`%s` must be TRUE, FALSE, NA, a tree height, an hclust, a dendrogram, a dist object,",
                    "weights (%d numbers), an order (%d integers) or a distance and clustering method, not %s."),
              arg, n, n, describe_value(param))
  }
  how
}

# The methods a character vector or list names: distfun, hclustfun and
# reorderfun, by name or in that order (NULL for those not named).
tree_methods <- function(param) {
  spec <- as.list(param)
  if (is.null(names(spec))) names(spec) <- c("distfun", "hclustfun", "reorderfun")[seq_len(min(length(spec), 3L))]
  list(distfun = spec$distfun, hclustfun = spec$hclustfun, reorderfun = spec$reorderfun)
}

# The tree of the rows of `mat` clustered as `how` (see tree_recipe()) says,
# with the methods it does not name taken from the arguments.
clustered_tree <- function(mat, how, distfun, hclustfun, reorderfun, arg) {
  if (!is.null(how$distfun)) distfun <- how$distfun
  if (!is.null(how$hclustfun)) hclustfun <- how$hclustfun
  if (!is.null(how$reorderfun)) reorderfun <- how$reorderfun
  d <- heatmap_dist(mat, distfun, arg)
  hc <- heatmap_hclust(d, hclustfun, arg)
  dend <- stats::as.dendrogram(hc)
  if (!is.null(how$weights)) dend <- reorderfun(dend, how$weights)
  tree <- tree_of(dend, attr(d, "method"), hc$method)
  tree$draw <- how$draw
  tree$height <- how$height
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
