# The NMF package's slots on nmfkit's objects.
#
# Scripts written for the NMF package read its S4 slots: `res@fit@W`,
# `res@fit@H`, `res@residuals`, `res@consensus`, and set some, such as
# `model@offset <- ...`. nmfkit's fits, fitsets and models stay S3 lists
# (their elements, methods and printing are nmfkit's, `isS4()` is FALSE, so
# that S3 tools, testthat's expect_s3_class() included, treat them as S3),
# and carry the NMF package's slots as attributes. Their classes are
# registered with setOldClass() together with the slots NMF gives them, so
# that `@<-`, methods::slot() and slotNames() work on them as on NMF's
# objects. Reading with `@` needs more before R 4.3 (where `@` refuses any
# object without the S4 bit): nmfkit's `@` (below) reads the slots of its own
# objects and passes everything else to base R's `@`.
#
# Each piece of data is stored once: the factor matrices live only in the
# model (`attr(fit, "fit")`, NMF's `fit` slot), the consensus matrix only in
# the fitset's `consensus` attribute; `fit$W`, `fit$H`, `fit$offset` and
# `res$consensus` read them there (the `$` methods below). So nothing is
# duplicated in memory, and saving a fit (saveRDS, a future worker sending
# it back) writes each matrix once.

#' @importFrom methods setClass setOldClass representation
NULL

# NMF's NMFstd, NMFns and NMFOffset slots (theta and offset exist only on the
# models of those classes, as in NMF).
setClass("nmfkit_model_slots", representation(W = "matrix", H = "matrix", theta = "numeric",
                                              offset = "numeric", misc = "list"))
setOldClass("nmfkit_model", S4Class = "nmfkit_model_slots")

# NMF's NMFfit slots.
fit_slots <- representation(fit = "nmfkit_model", residuals = "numeric", method = "character",
                            seed = "character", rng = "ANY", distance = "ANY", parameters = "list",
                            runtime = "ANY", options = "list", extra = "list", call = "ANY", misc = "list")
setClass("nmfkit_fit_slots", fit_slots)
setOldClass("nmfkit_fit", S4Class = "nmfkit_fit_slots")

# NMF's NMFfitX1 slots: those of the best fit, and the runs'.
setClass("nmfkit_fitset_slots", c(fit_slots, representation(consensus = "matrix", nrun = "integer",
                                                            rng1 = "ANY", runtime.all = "ANY")))
setOldClass("nmfkit_fitset", S4Class = "nmfkit_fitset_slots")

# Sets attributes (slots) on an S3 object; `slots` is a list (never passed
# through do.call(): a slot may hold a call).
with_slots <- function(x, ..., slots = list(...)) {
  old <- attributes(x)
  attributes(x) <- c(old[is.na(match(names(old), names(slots)))], slots)
  x
}

#' The NMF package's slots
#'
#' nmfkit's fits, fitsets and models carry the NMF package's S4 slots, so
#' that scripts reading them run unchanged: for a fit (NMF's `NMFfit`)
#' `fit`, `residuals`, `method`, `seed`, `rng`, `distance`, `parameters`,
#' `runtime`, `options`, `extra`, `call` and `misc`; for a fitset
#' (`NMFfitX1`) also `consensus`, `nrun`, `rng1` and `runtime.all`; for a
#' model (`res@fit`, [nmfModel()]) `W`, `H` and `misc`, plus `theta` (NMFns)
#' or `offset` (NMFOffset). `res@fit@W` is the basis, `res@fit@H` the
#' coefficients, `res@residuals` the objective along the iterations (named by
#' iteration), `res@consensus` the consensus matrix. They are the same data
#' as `basis(res)`, `coef(res)` and `consensus(res)`, not copies.
#'
#' The objects are S3 lists (read them with `$` and the accessors); their
#' slots are attributes that `@`, `@<-` and [methods::slot()] read and set.
#' Base R's `@` (before R 4.3) refuses objects that are not S4, so attaching
#' nmfkit puts an `@` on the search path, after your own code and before
#' package base (R reports that it masks `@` of package base): it reads the
#' slots of nmfkit's objects and passes any other object to base R's `@`
#' unchanged. Code inside packages, nmfkit's included, keeps base R's `@`.
#'
#' @name nmf_slots
#' @aliases @
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' res <- nmf(x, 3, "lee", nrun = 3, seed = 1)
#' identical(res@fit@W, basis(res))
#' dim(res@consensus)
#' res@method
#' m <- nmfModel(2, 4, 3, model = "NMFOffset")
#' m@offset <- c(1, 2, 3, 4)
#' m@offset
NULL

# nmfkit's `@`, put on the search path when nmfkit is attached (not in its
# namespace: packages' code, nmfkit's included, keeps base R's `@`).
read_slot <- function(object, name) {
  if (!inherits(object, nmfkit_slot_classes) || isS4(object)) {
    return(eval(as.call(list(other_at$fn, object, substitute(name)))))
  }
  slot_name <- as.character(substitute(name))
  if (slot_name == "consensus" && inherits(object, "nmfkit_fitset")) return(object$consensus)
  slots <- setdiff(methods::slotNames(class(object)[1L]), ".S3Class")
  if (!slot_name %in% slots || is.null(attr(object, slot_name, exact = TRUE))) {
    abort_arg("No slot of name \"%s\" for this object of class \"%s\"; its slots are: %s.", slot_name,
              class(object)[1L], paste(slots[vapply(slots, function(s) !is.null(attr(object, s, exact = TRUE)), NA)],
                                       collapse = ", "))
  }
  attr(object, slot_name, exact = TRUE)
}

base_at <- .Primitive("@")

# The `@` every other object is passed to: base R's, or S7's. Before R 4.3,
# loading S7 (ggplot2 >= 4 imports it) attaches an environment "S7_at" on top
# of the search path with S7's own `@`, which masks nmfkit's and gives base
# R's `@` every object that is not S7's (base R's refuses nmfkit's objects).
# So when S7 is there, nmfkit's `@` takes its place in "S7_at" too and hands
# every object but nmfkit's to S7's `@`.
other_at <- new.env(parent = emptyenv())
other_at$fn <- base_at

share_s7_at <- function(...) {
  if (!"S7_at" %in% search()) return(invisible())
  env <- as.environment("S7_at")
  current <- get0("@", envir = env, inherits = FALSE)
  if (is.function(current) && !identical(current, read_slot)) {
    other_at$fn <- current
    assign("@", read_slot, envir = env)
  }
  invisible()
}

.onAttach <- function(libname, pkgname) {
  assign("@", read_slot, envir = as.environment(paste0("package:", pkgname)))
  if (getRversion() < "4.3.0") {
    share_s7_at()
    setHook(packageEvent("S7", "onLoad"), share_s7_at)
  }
}

nmfkit_slot_classes <- c("nmfkit_fit", "nmfkit_fitset", "nmfkit_model")

# The model (NMF's `fit` slot) of a fit or a fitset.
model_of <- function(x) attr(x, "fit", exact = TRUE)

# Elements read from the slots rather than from the list.
model_elements <- c("W", "H", "offset", "theta")
fit_elements <- c("method", "runtime", "parameters", "call")

# Reads element `name` of a model: the factors and parameters from the slots.
# (switch(), not %in%: `$` on fits and models is on every hot path.)
model_element <- function(model, name) {
  switch(name,
    W = , H = , theta = attr(model, name, exact = TRUE),
    offset = {
      v <- attr(model, "offset", exact = TRUE)
      if (length(v) == 0L) NULL else v
    },
    .subset2(model, name)
  )
}

#' @export
`$.nmfkit_model` <- function(x, name) model_element(x, name)

#' @export
`[[.nmfkit_model` <- function(x, i, ...) if (is.character(i)) model_element(x, i) else .subset2(x, i, ...)

#' @export
`$<-.nmfkit_model` <- function(x, name, value) {
  if (!name %in% model_elements) return(NextMethod())
  set_model_element(x, name, value)
}

set_model_element <- function(model, name, value) {
  if (name == "offset" && is.null(value)) value <- numeric()
  attr(model, name) <- value
  model
}

#' @export
`$.nmfkit_fit` <- function(x, name) fit_element(x, name)

#' @export
`[[.nmfkit_fit` <- function(x, i, ...) if (is.character(i)) fit_element(x, i) else .subset2(x, i, ...)

fit_element <- function(x, name) {
  switch(name,
    W = , H = , offset = , theta = {
      m <- attr(x, "fit", exact = TRUE)
      if (is.null(m)) .subset2(x, name) else model_element(m, name)
    },
    method = , runtime = , parameters = , call = attr(x, name, exact = TRUE),
    .subset2(x, name)
  )
}

#' @export
`$<-.nmfkit_fit` <- function(x, name, value) {
  if (name %in% model_elements) {
    attr(x, "fit") <- set_model_element(model_of(x), name, value)
    return(x)
  }
  if (name %in% fit_elements) {
    attr(x, name) <- value
    return(x)
  }
  NextMethod()
}

# A fitset keeps its best fit without the model, which is the fitset's own
# `fit` slot, and every run's fit (keep_all) without the best one's copy.
#' @export
`$.nmfkit_fitset` <- function(x, name) fitset_element(x, name)

#' @export
`[[.nmfkit_fitset` <- function(x, i, ...) if (is.character(i)) fitset_element(x, i) else .subset2(x, i, ...)

fitset_element <- function(x, name) {
  switch(name,
    consensus = attr(x, "consensus", exact = TRUE) %||%
      labels_consensus(.subset2(x, "labels"), colnames(best_fit(x)$H)),
    fit = best_fit(x),
    fits = {
      fits <- .subset2(x, "fits")
      if (!is.null(fits)) fits[[.subset2(x, "best")]] <- best_fit(x)
      fits
    },
    .subset2(x, name)
  )
}

best_fit <- function(x) {
  fit <- .subset2(x, "fit")
  attr(fit, "fit") <- model_of(x)
  fit
}
