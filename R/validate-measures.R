# Checks of the arguments of the quality measures, clusters and features.

# Known classes of the n samples, as a factor.
check_classes <- function(y, n, what = "samples", arg = "y") {
  if (is.data.frame(y) && ncol(y) == 1L) y <- y[[1L]]
  if (is.null(y) || !is.atomic(y) || !is.null(dim(y)) || length(y) != n) {
    abort_arg("`%s` must give the known class of each of the %d %s (a factor or vector of length %d), not %s.",
              arg, n, what, n, describe_value(y))
  }
  if (is.factor(y)) y else as.factor(y)
}

# A consensus (or connectivity) matrix: numeric and square.
check_consensus <- function(C) {
  if (inherits(C, "Matrix")) C <- as.matrix(C)
  if (!is.matrix(C) || !is.numeric(C) || nrow(C) != ncol(C) || nrow(C) == 0L) {
    abort_arg(paste("`object` must be a fit, a fitset, a rank survey or a square consensus matrix (samples x samples),",
                    "not %s."),
              describe_value(C))
  }
  check_consensus_values(C)
}

# A consensus matrix given as such: square, values in [0, 1], no NA.
check_consensus_values <- function(C) {
  if (anyNA(C) || any(C < 0) || any(C > 1)) {
    has <- "only NA"
    if (!all(is.na(C))) {
      has <- sprintf("values from %s to %s%s", format(min(C, na.rm = TRUE)), format(max(C, na.rm = TRUE)),
                     if (anyNA(C)) " and NA" else "")
    }
    abort_arg(paste("`object` given as a consensus matrix must hold shares of runs between 0 and 1 without NA;",
                    "it has %s."), has)
  }
  C
}

# A basis matrix (features x components) for feature scores.
check_basis_matrix <- function(w) {
  if (inherits(w, "Matrix") || is.data.frame(w)) w <- as.matrix(w)
  if (!is.matrix(w) || !is.numeric(w) || nrow(w) == 0L || ncol(w) == 0L) {
    abort_arg("`object` must be a fit, a fitset or a numeric basis matrix (features x components), not %s.",
              describe_value(w))
  }
  w
}

# A numeric `method` of extractFeatures(): one positive number, or one per
# component.
check_feature_method <- function(method, k) {
  if (!length(method) %in% c(1L, k) || anyNA(method) || any(!is.finite(method)) || any(method <= 0)) {
    abort_arg("`method` must be \"kim\", \"max\" or positive numbers (one, or one per component: %d), not %s.",
              k, describe_value(method))
  }
  if (length(method) == 1L) rep(method, k) else method
}
