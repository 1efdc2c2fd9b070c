# NMF models: the factors without a fit (the NMF package's NMFstd, NMFns and
# NMFOffset), nmfModel(), and the accessors shared by models and fits.

# A model: class nmfkit_model, NMF's slots W, H (and theta for NMFns, offset
# for NMFOffset) as attributes (see R/slots.R), its class name as element
# `model`.
new_nmfkit_model <- function(W, H, model = "NMFstd", theta = NULL, offset = NULL) {
  m <- structure(list(model = model), class = "nmfkit_model")
  m <- with_slots(m, W = W, H = H, misc = list())
  if (model == "NMFns") m <- with_slots(m, theta = if (is.null(theta)) 0.5 else as.numeric(theta))
  if (model == "NMFOffset") m <- with_slots(m, offset = if (is.null(offset)) numeric() else offset)
  validate_nmfkit_model(m)
}

validate_nmfkit_model <- function(m) {
  w <- attr(m, "W", exact = TRUE)
  h <- attr(m, "H", exact = TRUE)
  offset <- attr(m, "offset", exact = TRUE)
  ok <- is.matrix(w) && is.matrix(h) && ncol(w) == nrow(h) && .subset2(m, "model") %in% nmf_model_names() &&
    (length(offset) == 0L || length(offset) == nrow(w))
  if (!ok) stop("internal error: an invalid nmfkit_model", call. = FALSE)
  m
}

nmf_model_names <- function() c("NMFstd", "NMFOffset", "NMFns")

#' NMF models
#'
#' `nmfModel()` builds an NMF model -- the factors `W` (features x rank)
#' and `H` (rank x samples) without a fit -- as the NMF package's function of
#' the same name: a starting point for [nmf()], data for a simulation
#' ([rnmf()] fills it at random), or factors computed elsewhere. A model
#' has the accessors of a fit: [basis()], [coef()], [fitted()], `dim()`,
#' [nbasis()], `basis<-`, `coef<-`, `[`, [featureNames()],
#' [sampleNames()], [modelname()], and the NMF package's slots `@W`, `@H`
#' (and `@theta`, `@offset`).
#'
#' * `nmfModel()` with no argument: an empty model (0 features, rank 0).
#' * `nmfModel(rank)`: a model of that rank with no features or samples.
#' * `nmfModel(rank, target)`: a model for `target`, either its dimensions
#'   (one number for a square target, or two) or a matrix, data.frame or
#'   `ExpressionSet` (whose dimensions and names are taken); `ncol` gives the
#'   number of samples when `target` is one number. The factors are `NA`
#'   unless `W` or `H` give them.
#' * `W`, `H`: the factors, as matrices, or single numbers that fill them.
#'   Given as matrices they set the dimensions (and the rank) on their own:
#'   `nmfModel(W = w, H = h)`.
#' * `model`: `"NMFstd"` (the standard model `x ~ W H`), `"NMFns"`
#'   (non-smooth NMF, `x ~ W S H` with the smoothing matrix
#'   `S = (1 - theta) I + theta / r 11'`; `theta` in `...`, default 0.5) or
#'   `"NMFOffset"` (`x ~ W H + offset`; `offset` in `...`, one value per
#'   feature).
#'
#' `nmfModels()` lists the model classes.
#'
#' @param rank the factorization rank (a whole number), or missing.
#' @param target the target's dimensions (one or two whole numbers) or the
#'   target itself (a matrix, data.frame or `ExpressionSet`), or missing.
#' @param ncol the number of samples when `target` is a single number.
#' @param model `"NMFstd"`, `"NMFns"` or `"NMFOffset"`.
#' @param W,H the basis and coefficient matrices, or numbers to fill them.
#' @param ... `theta` for `"NMFns"`, `offset` for `"NMFOffset"`.
#' @return An object of class `nmfkit_model`.
#' @seealso [rnmf()] for random models, [nmf_model()] to wrap factors as a
#'   fit.
#' @export
#' @examples
#' m <- nmfModel(3, 10, 6, W = 0.5, H = 0.2)
#' m
#' dim(m)
#' head(basis(m))
#' ns <- nmfModel(model = "NMFns", W = matrix(0.5, 5, 2), H = matrix(0.2, 2, 4), theta = 0.3)
#' ns@theta
#' nmfModels()
nmfModel <- function(rank, target, ncol = NULL, model = "NMFstd", W, H, ...) {
  model <- check_model_name(model)
  extra <- check_model_extras(list(...), model)
  dn <- list(NULL, NULL)
  dims <- c(0L, 0L)
  if (!missing(target)) {
    parsed <- model_target(target, ncol)
    dims <- parsed$dims
    dn <- parsed$dimnames
  }
  given_w <- !missing(W) && is.matrix(W) || !missing(W) && is.data.frame(W)
  given_h <- !missing(H) && is.matrix(H) || !missing(H) && is.data.frame(H)
  if (given_w) W <- check_model_factor(W, "W")
  if (given_h) H <- check_model_factor(H, "H")
  r <- if (!missing(rank)) {
    check_whole(rank, "rank", lower = 0)
  } else if (given_w) {
    ncol(W)
  } else if (given_h) {
    nrow(H)
  } else {
    0L
  }
  if (missing(target)) {
    dims <- c(if (given_w) nrow(W) else 0L, if (given_h) ncol(H) else 0L)
  }
  w <- model_factor(if (missing(W)) NULL else W, dims[1L], r, "W")
  h <- model_factor(if (missing(H)) NULL else H, r, dims[2L], "H")
  if (!missing(target)) {
    if (is.null(rownames(w))) rownames(w) <- dn[[1L]]
    if (is.null(colnames(h))) colnames(h) <- dn[[2L]]
  }
  new_nmfkit_model(w, h, model = model, theta = extra$theta, offset = extra$offset)
}

#' @rdname nmfModel
#' @export
nmfModels <- function() nmf_model_names()

# The dimensions (and names) of a model's target.
model_target <- function(target, ncol) {
  if (inherits(target, "ExpressionSet") || is.matrix(target) || is.data.frame(target) ||
      inherits(target, "Matrix")) {
    d <- dim(as_nmf_input(target, allow_na = TRUE))
    return(list(dims = d, dimnames = dimnames(as_nmf_input(target, allow_na = TRUE))))
  }
  ok <- is.numeric(target) && length(target) %in% 1:2 && !anyNA(target) && all(target >= 0) &&
    all(abs(target - round(target)) < 1e-8)
  if (!ok) {
    abort_arg(paste("`target` must be the target's dimensions (one or two whole numbers) or the target",
                    "(a matrix, data.frame or ExpressionSet), not %s."), describe_value(target))
  }
  if (length(target) == 1L) {
    target <- c(target, if (is.null(ncol)) target else check_whole(ncol, "ncol", lower = 0))
  }
  list(dims = as.integer(round(target)), dimnames = list(NULL, NULL))
}

# A factor of a model: a given matrix (its rank and size must agree), a number
# that fills it, or NA.
model_factor <- function(value, nr, nc, arg) {
  if (is.matrix(value)) {
    if (nrow(value) != nr || ncol(value) != nc) {
      abort_arg("`%s` must be %d x %d (%s), not %d x %d.", arg, nr, nc,
                if (arg == "W") "features x rank" else "rank x samples", nrow(value), ncol(value))
    }
    return(value)
  }
  if (is.null(value)) value <- NA_real_
  if (!is.numeric(value) && !is.logical(value) || length(value) != 1L) {
    abort_arg("`%s` must be a numeric matrix or a single number that fills it, not %s.", arg, describe_value(value))
  }
  matrix(as.numeric(value), nr, nc)
}

#' Class name of a model
#'
#' `modelname()` gives the NMF package's name of the model a fit (or model)
#' estimates: `"NMFns"` for method `"nsNMF"`, `"NMFOffset"` for `"offset"`,
#' `"NMFstd"` otherwise.
#'
#' @param object a fit, fitset or model.
#' @param ... not used.
#' @return A string.
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' modelname(nmf(x, 2, "nsNMF", seed = 1))
#' modelname(nmfModel(2, 4, 150))
modelname <- function(object, ...) UseMethod("modelname")

#' @rdname modelname
#' @export
modelname.nmfkit_model <- function(object, ...) object$model

#' @rdname modelname
#' @export
modelname.default <- function(object, ...) modelname(fit(object))

#' @export
print.nmfkit_model <- function(x, ...) {
  d <- dim(x)
  cat(sprintf("<nmfkit_model> %s model: %d features x %d samples, rank %d\n", x$model, d[1], d[2], d[3]))
  if (x$model == "NMFns") cat(sprintf("  theta:  %s\n", format(x$theta)))
  if (x$model == "NMFOffset") {
    cat(sprintf("  offset: %s\n", if (is.null(x$offset)) "none" else
      sprintf("%d values from %s to %s", length(x$offset), format(min(x$offset)), format(max(x$offset)))))
  }
  invisible(x)
}

#' @export
basis.nmfkit_model <- function(object, ...) object$W

#' @export
coef.nmfkit_model <- function(object, ...) object$H

#' @export
dim.nmfkit_model <- function(x) c(nrow(x$W), ncol(x$H), ncol(x$W))

#' @export
nbasis.nmfkit_model <- function(x, ...) ncol(x$W)

#' @export
fitted.nmfkit_model <- function(object, ...) {
  w <- object$W
  if (object$model == "NMFns") w <- w %*% smoothing_matrix(ncol(w), object$theta)
  wh <- w %*% object$H
  if (!is.null(object$offset)) wh <- wh + object$offset
  wh
}

#' Replace, subset and name the factors of a model or fit
#'
#' The NMF package's accessors of the factors, for models ([nmfModel()]),
#' fits and fitsets (their best fit):
#' * `basis(x) <- W` and `coef(x) <- H` replace the basis (features x rank)
#'   or the coefficients (rank x samples); a fit keeps its other results
#'   (they then describe the old factors, as in the NMF package).
#' * `x[i, j]` keeps features `i` and samples `j` (of `W` and `H`); a third
#'   index, or a single one (`x[k]`), keeps basis components `k` (a single
#'   component alone gives its basis column, unless `drop = FALSE`). For a
#'   fitset, the best fit is subset, the consensus keeps the samples `j` and the
#'   runs' bases the features `i` (a subset of the components drops the bases).
#' * `featureNames()` and `sampleNames()` are the names of the features
#'   (rows of `W`) and samples (columns of `H`).
#' * `scoef(x, scale = 1)` is `H` with each column scaled to sum to `scale`.
#'
#' @param object,x a model, fit or fitset; for `scoef()` also a coefficient
#'   matrix.
#' @param value the new matrix: `nrow(x)` x rank for `basis<-`, rank x
#'   `ncol(x)` for `coef<-`; a new rank changes both (the other factor is
#'   then `NA` where it has no values, as in the NMF package).
#' @param i,j features and samples (indices, names or logical).
#' @param ... for `[`: the components (a third index).
#' @param drop for `[`: with a single component (`x[k]`), return its basis
#'   column (the default); `drop = TRUE` with `x[i, ]` (`x[, j]`) returns the
#'   subset basis (coefficients) as a matrix.
#' @param scale the sum of each column in `scoef()`.
#' @return The modified object; `featureNames()`/`sampleNames()` a character
#'   vector (or `NULL`); `scoef()` a matrix.
#' @name model_accessors
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' colnames(x) <- paste0("flower", seq_len(ncol(x)))
#' fit <- nmf(x, 3, seed = 1)
#' dim(fit[1:2, ])
#' dim(fit[, 1:10])
#' sampleNames(fit)[1:3]
#' featureNames(fit)
#' colSums(scoef(fit))[1:3]
#' m <- nmfModel(2, 4, 3, W = 1, H = 1)
#' basis(m) <- matrix(1:8, 4, 2)
#' basis(m)
NULL

#' @rdname model_accessors
#' @export
`basis<-` <- function(object, ..., value) UseMethod("basis<-")

#' @rdname model_accessors
#' @export
`coef<-` <- function(object, ..., value) UseMethod("coef<-")

#' @export
`basis<-.nmfkit_model` <- function(object, ..., value) {
  value <- check_new_factor(value, "value", nrow = nrow(object$W))
  h <- object$H
  if (ncol(value) != nrow(h)) h <- resize_rows(h, ncol(value))
  attr(object, "H") <- h
  attr(object, "W") <- value
  object
}

#' @export
`coef<-.nmfkit_model` <- function(object, ..., value) {
  value <- check_new_factor(value, "value", ncol = ncol(object$H))
  w <- object$W
  if (nrow(value) != ncol(w)) w <- t(resize_rows(t(w), nrow(value)))
  attr(object, "W") <- w
  attr(object, "H") <- value
  object
}

# The first k rows of m, NA below its own rows (NMF's rule for a new rank).
resize_rows <- function(m, k) {
  out <- matrix(NA_real_, k, ncol(m), dimnames = list(NULL, colnames(m)))
  keep <- seq_len(min(k, nrow(m)))
  out[keep, ] <- m[keep, , drop = FALSE]
  out
}

# basis<- and coef<- of a fit or fitset: on its model.
replace_factor <- function(object, value, which) {
  m <- model_of(object)
  if (which == "W") basis(m) <- value else coef(m) <- value
  attr(object, "fit") <- m
  object
}

#' @export
`basis<-.nmfkit_fit` <- function(object, ..., value) replace_factor(object, value, "W")

#' @export
`coef<-.nmfkit_fit` <- function(object, ..., value) replace_factor(object, value, "H")

#' @export
`basis<-.nmfkit_fitset` <- `basis<-.nmfkit_fit`

#' @export
`coef<-.nmfkit_fitset` <- `coef<-.nmfkit_fit`

#' @rdname model_accessors
#' @export
`[.nmfkit_model` <- function(x, i, j, ..., drop = FALSE) {
  single <- !missing(i) && missing(j) && nargs() - (!missing(drop)) < 3L
  idx <- subset_indices(if (missing(i)) NULL else i, if (missing(j)) NULL else j, list(...),
                        single = single, drop = if (missing(drop)) NA else drop)
  if (inherits(x, "nmfkit_model")) return(model_subset(x, idx))
  sub <- model_subset(model_of(x), idx)
  if (!inherits(sub, "nmfkit_model")) return(sub)
  if (inherits(x, "nmfkit_fitset") && !is.null(idx$j)) {
    keep <- check_subset(idx$j, x$fit$H, 2L, "j")
    C <- attr(x, "consensus", exact = TRUE)
    if (!is.null(C)) attr(x, "consensus") <- C[keep, keep, drop = FALSE]
    x$labels <- x$labels[keep, , drop = FALSE]
  }
  if (inherits(x, "nmfkit_fitset")) x$bases <- subset_bases(x, idx)
  attr(x, "fit") <- sub
  x
}

#' @rdname model_accessors
#' @export
`[.nmfkit_fit` <- `[.nmfkit_model`

#' @rdname model_accessors
#' @export
`[.nmfkit_fitset` <- `[.nmfkit_model`

# The runs' bases of a subset fitset: they follow the features; their
# components are in each run's own order, so a subset of the best fit's
# components leaves them no meaning (NULL).
subset_bases <- function(x, idx) {
  bases <- x$bases
  if (is.null(bases) || !is.null(idx$k)) return(NULL)
  if (is.null(idx$i)) return(bases)
  rows <- check_subset(idx$i, x$fit$W, 1L, "i")
  lapply(bases, function(b) b[rows, , drop = FALSE])
}

# The indices of `[` as NMF reads them: x[i, j] features and samples, x[k] or
# x[i, j, k] components.
subset_indices <- function(i, j, dots, single, drop) {
  if (single) return(list(i = NULL, j = NULL, k = i, single = TRUE, drop = drop))
  list(i = i, j = j, k = if (length(dots)) dots[[1L]], single = FALSE, drop = drop)
}

model_subset <- function(x, idx) {
  w <- x$W
  h <- x$H
  if (!is.null(idx$i)) {
    rows <- check_subset(idx$i, w, 1L, "i")
    w <- w[rows, , drop = FALSE]
    if (!is.null(x$offset)) attr(x, "offset") <- x$offset[rows]
  }
  if (!is.null(idx$j)) h <- h[, check_subset(idx$j, h, 2L, "j"), drop = FALSE]
  if (!is.null(idx$k)) {
    k <- check_subset(idx$k, w, 2L, "the components")
    w <- w[, k, drop = FALSE]
    if (idx$single && (isTRUE(idx$drop) || (is.na(idx$drop) && length(k) == 1L))) return(drop(w))
    h <- h[k, , drop = FALSE]
  }
  if (!idx$single && isTRUE(idx$drop)) {
    if (is.null(idx$i) && !is.null(idx$j)) return(drop(h))
    if (!is.null(idx$i) && is.null(idx$j)) return(drop(w))
  }
  attr(x, "W") <- w
  attr(x, "H") <- h
  x
}

#' @rdname model_accessors
#' @export
featureNames <- function(object) UseMethod("featureNames")

#' @rdname model_accessors
#' @export
sampleNames <- function(object) UseMethod("sampleNames")

#' @export
featureNames.default <- function(object) {
  if (inherits(object, c("nmfkit_model", "nmfkit_fit", "nmfkit_fitset"))) return(rownames(basis(object)))
  biobase_names(object, "featureNames")
}

#' @export
sampleNames.default <- function(object) {
  if (inherits(object, c("nmfkit_model", "nmfkit_fit", "nmfkit_fitset"))) return(colnames(coef(object)))
  biobase_names(object, "sampleNames")
}

# featureNames()/sampleNames() of Bioconductor objects, where nmfkit's
# generic masks Biobase's.
biobase_names <- function(object, what) {
  if (methods::is(object, "eSet") && requireNamespace("Biobase", quietly = TRUE)) {
    return(getExportedValue("Biobase", what)(object))
  }
  abort_arg("`object` must be an NMF model, a fit, a fitset or an ExpressionSet, not %s.", describe_value(object))
}

#' @rdname model_accessors
#' @export
scoef <- function(object, scale = 1, ...) {
  h <- if (is.matrix(object)) object else coef(object)
  scale <- check_positive_number(scale, "scale")
  sweep(h, 2L, colSums(h) / scale, "/")
}
