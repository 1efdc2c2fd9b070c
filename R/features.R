# Feature scores and the selection of basis-specific features (Kim and Park
# 2007), with the NMF package's definitions.

#' Feature scores and basis-specific features
#'
#' `featureScore()` scores how specific each feature (row of the basis `W`)
#' is to one basis component. Kim and Park's score (`method = "kim"`) is
#' `1 + sum_q p(i, q) log2 p(i, q) / log2(k)` with
#' `p(i, q) = |W[i, q]| / sum_r |W[i, r]|`: 1 for a feature loading on one
#' component only, 0 for equal loadings. `method = "max"` is the largest
#' loading. `extractFeatures()` selects, for each component, the features
#' specific to it: with `method = "kim"` the features whose score is at least
#' `median + 3 * mad` of all scores and whose largest loading is at least the
#' median of the whole basis, ordered by decreasing score; with
#' `method = "max"` the features whose loading on the component is larger
#' than on any other, taken in decreasing order until the first that is not;
#' with a number, the top `method` features of each component (a whole
#' number) or the features whose share of the loading is at least `method`
#' (a number below 1; 0 keeps every feature, as in the NMF package).
#'
#' These are the NMF package's definitions, with two differences where it
#' gives no usable answer: a zero loading counts as `0 log2 0 = 0` in Kim's
#' score (the NMF package gives `NaN`, so any feature with an exact zero
#' loading -- common with HALS -- got no score), and the features are named
#' by the basis' row names in every component (the NMF package meant to, but
#' only names empty components).
#'
#' @param object a fit, a fitset (its best fit) or a basis matrix
#'   (features x components).
#' @param method `"kim"` or `"max"`; for `extractFeatures()` also a number.
#' @param format of `extractFeatures()`: `"list"` (the features of each
#'   component, `NA` when none), `"combine"` (all selected features in one
#'   vector) or `"subset"` (the rows of the basis of the selected features).
#' @param nodups for `format = "combine"`: drop duplicated features.
#' @param ... not used.
#' @return `featureScore()`: a numeric vector, one score per feature (`NA`
#'   for a feature with no loading; with a single component every other
#'   feature scores 1, where the NMF package gives `NaN`).
#'   `extractFeatures()`: see `format`; attribute `"method"`, and
#'   `"threshold"` for Kim's rule.
#' @references Kim H. and Park H. (2007). Sparse non-negative matrix
#'   factorizations via alternating non-negativity-constrained least squares
#'   for microarray data analysis. *Bioinformatics* 23(12).
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' fit <- nmf(x, 2, "brunet", seed = 1)
#' featureScore(fit)
#' extractFeatures(fit, method = "max")
#' w <- rbind(diag(3), matrix(1, 20, 3))
#' extractFeatures(w)
featureScore <- function(object, ...) UseMethod("featureScore")

#' @rdname featureScore
#' @export
featureScore.default <- function(object, method = c("kim", "max"), ...) {
  w <- check_basis_matrix(object)
  method <- check_choice(method, c("kim", "max"), "method")
  if (method == "max") return(apply(w, 1L, function(g) max(abs(g))))
  k <- ncol(w)
  s <- apply(w, 1L, function(g) {
    p <- abs(g) / sum(abs(g))
    sum(ifelse(p > 0, p * log2(p), 0))
  })
  s[rowSums(abs(w)) == 0] <- NA_real_
  if (k == 1L) return(ifelse(is.na(s), NA_real_, 1))  # one component: every feature is specific to it
  1 + s / log2(k)
}

#' @rdname featureScore
#' @export
featureScore.nmfkit_fit <- function(object, ...) featureScore(basis(object), ...)

#' @rdname featureScore
#' @export
featureScore.nmfkit_fitset <- function(object, ...) featureScore(basis(object), ...)

#' @rdname featureScore
#' @export
extractFeatures <- function(object, ...) UseMethod("extractFeatures")

#' @rdname featureScore
#' @export
extractFeatures.default <- function(object, method = c("kim", "max"), format = c("list", "combine", "subset"),
                                    nodups = TRUE, ...) {
  w <- check_basis_matrix(object)
  format <- check_choice(format, c("list", "combine", "subset"), "format")
  nodups <- check_flag(nodups, "nodups")
  if (is.numeric(method) && length(method) %in% c(1L, ncol(w)) && !anyNA(method) && all(method >= 0) &&
      any(method == 0)) {
    # NMF's share rule with a share of 0: every feature
    res <- features_top(w, rep_len(as.numeric(method), ncol(w)))
  } else if (is.numeric(method)) {
    method <- check_feature_method(method, ncol(w))
    res <- features_top(w, method)
  } else {
    method <- check_choice(method, c("kim", "max"), "method")
    res <- switch(method, kim = features_kim(w), max = features_max(w))
  }
  threshold <- attr(res, "threshold")
  res <- lapply(res, function(ind) {
    ind <- as.integer(ind)
    if (length(ind) == 0L) return(NA_integer_)
    if (!is.null(rownames(w))) names(ind) <- rownames(w)[ind]
    ind
  })
  res <- switch(format,
    combine = {
      ind <- unlist(unname(res))
      ind <- ind[!is.na(ind)]
      if (nodups) ind[!duplicated(ind)] else ind
    },
    subset = {
      ind <- unique(unlist(res))
      w[ind[!is.na(ind)], , drop = FALSE]
    },
    {
      names(res) <- colnames(w)
      if (!is.null(threshold)) attr(res, "threshold") <- threshold
      res
    })
  attr(res, "method") <- method
  res
}

#' @rdname featureScore
#' @export
extractFeatures.nmfkit_fit <- function(object, ...) extractFeatures(basis(object), ...)

#' @rdname featureScore
#' @export
extractFeatures.nmfkit_fitset <- function(object, ...) extractFeatures(basis(object), ...)

# Kim and Park's rule: score >= median + 3 mad, largest loading >= median of
# the basis, by decreasing score.
features_kim <- function(w) {
  s <- featureScore(w, method = "kim")
  th <- stats::median(s, na.rm = TRUE) + 3 * stats::mad(s, na.rm = TRUE)
  top <- max.col(abs(w), ties.method = "first")
  top_value <- w[cbind(seq_len(nrow(w)), top)]
  sel <- which(!is.na(s) & s >= th & top_value >= stats::median(abs(w)))
  sel <- sel[order(s[sel], decreasing = TRUE)]
  res <- split(sel, factor(top[sel], levels = seq_len(ncol(w))))
  attr(res, "threshold") <- th
  res
}

# For each component, the features loading on it more than on any other, in
# decreasing order of loading until the first that does not.
features_max <- function(w) {
  lapply(seq_len(ncol(w)), function(i) {
    v <- w[, i]
    idx <- order(v, decreasing = TRUE)
    for (k in seq_along(idx)) {
      if (any(w[idx[k], -i] >= v[idx[k]])) {
        return(if (k == 1L) NA_integer_ else idx[seq_len(k - 1L)])
      }
    }
    seq_along(v)
  })
}

# A number per component: top-n features (whole numbers) or the features
# whose share of their row's total loading is at least the number.
features_top <- function(w, method) {
  if (is.integer(method) || all(method > 1)) {
    method <- as.integer(method)
    return(lapply(seq_len(ncol(w)), function(i) utils::head(order(w[, i], decreasing = TRUE), method[i])))
  }
  share <- w / rowSums(w)
  lapply(seq_len(ncol(w)), function(i) which(share[, i] >= method[i]))
}
