# User-defined algorithms and seeding methods, as the NMF package runs them:
# `nmf(x, rank, my_algorithm, ...)` with `my_algorithm(x, seed, ...)`
# returning the fitted model, and `seed = my_seeding(model, target, ...)`
# returning the starting model. They plug into the method registry as
# entries built for the call (family "user"), and run under nrun, seeds,
# .callback, consensus and surveys like the built-in methods.

# The registry entry of a user-defined algorithm `fun` named `name`: its
# objective (a name or a function of model and target), its model class and
# whether it takes data with negative values (`mixed`).
user_method_spec <- function(fun, name, objective = NULL, model = NULL, mixed = FALSE) {
  objective <- check_objective(objective)
  model <- check_model_arg(model)
  list(name = name, core = NA_character_, objective = objective$label, family = "user", stop = "user",
       maxit = NA_integer_, tol = NA_real_, params = list(), aliases = character(),
       supports = c(sparse = FALSE, missing = FALSE, mask = FALSE, weights = FALSE, penalties = FALSE,
                    fixed = FALSE),
       check = NULL, fun = fun, user = TRUE, objective_fun = objective$fun, model = model, mixed = mixed)
}

# `objective`: NULL (the NMF package's default for its function algorithms,
# "euclidean"), "euclidean" (or "frobenius"), "KL", or a function(model,
# target, ...) returning a number.
check_objective <- function(objective) {
  if (is.null(objective)) objective <- "euclidean"
  if (is.function(objective)) return(list(label = "user", fun = objective))
  if (!is.character(objective) || length(objective) != 1L || is.na(objective)) {
    abort_arg('`objective` must be "euclidean", "KL" or a function(model, target, ...) of a number, not %s.',
              describe_value(objective))
  }
  key <- match_name(objective, c("euclidean", "frobenius", "KL"), "objective")
  if (key == "KL") list(label = "kl", fun = kl_objective) else list(label = "frobenius", fun = euclidean_objective)
}

# The NMF package's distances of a model to its target: half the residual
# sum of squares, and the generalised Kullback-Leibler divergence.
euclidean_objective <- function(model, target, ...) sum((target - fitted(model))^2) / 2
kl_objective <- function(model, target, ...) {
  wh <- fitted(model)
  sum(ifelse(target == 0, 0, target * log(target / wh)) - target + wh)
}

# `model`: NULL, a model class name ("NMFstd", "NMFns", "NMFOffset") or a
# list of it (first element or `model =`) and the model's slots (`theta`,
# `offset`), as the NMF package's argument.
check_model_arg <- function(model) {
  if (is.null(model)) return(list(name = "NMFstd", slots = list()))
  if (is.character(model) && length(model) == 1L) model <- list(model = model)
  if (!is.list(model) || !length(model)) {
    abort_arg('`model` must be a model name ("NMFstd", "NMFns", "NMFOffset") or a list of it and its slots, not %s.',
              describe_value(model))
  }
  nm <- names(model) %||% rep("", length(model))
  at <- if ("model" %in% nm) which(nm == "model") else which(!nzchar(nm))[1L]
  if (is.na(at)) abort_arg("`model` given as a list must name the model class (first element or `model =`).")
  name <- check_model_name(model[[at]])
  slots <- model[-at]
  bad <- setdiff(names(slots), switch(name, NMFns = "theta", NMFOffset = "offset", character()))
  if (length(bad) || any(!nzchar(names(slots)))) {
    abort_arg("`model` sets slots %s, which model \"%s\" does not have.", quoted(bad), name)
  }
  list(name = name, slots = slots)
}

# A built-in method accepts only its own model class and objective (as in the
# NMF package, where they belong to the method).
check_builtin_model <- function(spec, model, objective) {
  own <- model_of_method(spec$name)
  if (!is.null(model)) {
    m <- check_model_arg(model)
    if (m$name != own || length(m$slots)) {
      abort_arg(paste('`model` = "%s" does not fit method "%s", which estimates model "%s"; `model` chooses',
                      "the model of a user-defined algorithm."), m$name, spec$name, own)
    }
  }
  if (!is.null(objective)) {
    o <- check_objective(objective)
    if (is.function(objective) || o$label != spec$objective) {
      abort_arg(paste('`objective` does not apply to method "%s", which minimises its own objective (%s);',
                      "`objective` is the distance of a user-defined algorithm."), spec$name, spec$objective)
    }
  }
  invisible(spec)
}

# The extra arguments of a user-defined algorithm: named, and among its
# arguments after the data and the seed (any name when it takes `...`).
check_user_params <- function(spec, dots) {
  args <- names(formals(spec$fun))
  allowed <- setdiff(args[-(1:2)], "...")
  if (length(dots) && (is.null(names(dots)) || any(!nzchar(names(dots))))) {
    abort_arg("Extra arguments to nmf() must be named arguments of the algorithm \"%s\" (%s).", spec$name,
              if (length(allowed)) paste(allowed, collapse = ", ") else "it has none")
  }
  unknown <- setdiff(names(dots), allowed)
  if (length(unknown) && !"..." %in% args) {
    abort_arg('Unknown argument%s %s for the algorithm "%s"; its arguments are: %s.', plural(length(unknown)),
              paste0("`", unknown, "`", collapse = ", "), spec$name,
              if (length(allowed)) paste(allowed, collapse = ", ") else "none")
  }
  if (length(args) < 2L && !"..." %in% args) {
    abort_arg("The algorithm \"%s\" must be a function(x, seed, ...) of the data and the start.", spec$name)
  }
  dots
}

# The name of a user-defined algorithm: the symbol it was given as.
user_method_name <- function(expr) {
  if (is.symbol(expr)) as.character(expr) else "<function>"
}

# One fit by a user-defined algorithm: the starting model (random or from
# the seed, with the model class asked for) handed to the function with the
# data and the extra arguments, its result read back as a fit.
fit_user <- function(plan, rank, mask = NULL) {
  spec <- plan$spec
  rng <- get0(".Random.seed", envir = globalenv(), inherits = FALSE)
  start <- make_start(plan$seed, plan$x, rank, "hals", plan$x_max)
  seed <- start_fit(plan, start, rank)
  t0 <- proc.time()
  out <- do.call(spec$fun, c(list(plan$x, seed), plan$params))
  runtime <- proc.time() - t0
  model <- user_result_model(out, plan$x, rank, spec)
  res <- list(W = model$W, H = model$H, offset = model$offset, niter = user_niter(out), restarts = 0L,
              stop = "none", track = data.frame(iteration = integer(), objective = numeric()),
              runtime = runtime, rng = rng %||% integer())
  res$objective <- as.numeric(spec$objective_fun(model$model, plan$x))
  if (length(res$objective) != 1L) {
    abort_arg("The objective function of method \"%s\" must return one number, not %s.", spec$name,
              describe_value(res$objective))
  }
  res$model <- model
  res
}

# The start as the NMF package hands it to an algorithm: a fit of the
# requested model class with the start's factors.
start_fit <- function(plan, start, rank) {
  m <- plan$spec$model
  seed <- new_nmfkit_fit(
    W = start$W, H = start$H, method = plan$method, objective = plan$spec$objective, deviance = NA_real_,
    niter = 0L, stop = "none", runtime = proc.time() - proc.time(),
    track = data.frame(iteration = integer(), objective = numeric()), seed = plan$seed$label,
    parameters = plan$params, dimnames = dimnames(plan$x), call = plan$call, threads = plan$options$threads
  )
  fit(seed) <- new_nmfkit_model(basis(seed), coef(seed), model = m$name, theta = m$slots$theta,
                                offset = m$slots$offset %||% (if (m$name == "NMFOffset") numeric(nrow(plan$x))))
  seed
}

# The model a user-defined algorithm returned: a fit (its model), a model, or
# list(W =, H =); its factors must have the data's shape and the rank.
user_result_model <- function(out, x, rank, spec) {
  model <- if (inherits(out, "nmfkit_fit") || inherits(out, "nmfkit_fitset")) {
    fit(out)
  } else if (inherits(out, "nmfkit_model")) {
    out
  } else if (is.list(out) && all(c("W", "H") %in% names(out))) {
    new_nmfkit_model(as.matrix(out$W), as.matrix(out$H))
  } else {
    abort_arg(paste('The algorithm of method "%s" must return its updated seed (a fit or a model, see',
                    "nmfModel()) or list(W =, H =), not %s."), spec$name, describe_value(out))
  }
  w <- basis(model)
  h <- coef(model)
  check_user_factors(w, h, x, rank, spec)
  storage.mode(w) <- storage.mode(h) <- "double"
  list(W = w, H = h, offset = if (modelname(model) == "NMFOffset") model$offset,
       theta = if (modelname(model) == "NMFns") model$theta, model = model)
}

# The factors a user-defined algorithm returned: the data's shape and the
# rank, finite, and non-negative unless the algorithm is `mixed`.
check_user_factors <- function(w, h, x, rank, spec) {
  if (!identical(dim(w), c(nrow(x), rank)) || !identical(dim(h), c(rank, ncol(x)))) {
    abort_arg(paste('The algorithm of method "%s" returned factors of %d x %d and %d x %d; the data need',
                    "%d x %d and %d x %d."),
              spec$name, nrow(w), ncol(w), nrow(h), ncol(h), nrow(x), rank, rank, ncol(x))
  }
  finite <- all(is.finite(w)) && all(is.finite(h))
  if (!finite || (!spec$mixed && (any(w < 0) || any(h < 0)))) {
    abort_arg('The algorithm of method "%s" returned factors with %s values.', spec$name,
              if (!finite) "missing or infinite" else "negative")
  }
}

# The iterations a user-defined algorithm reports (a fit's niter), else 0.
user_niter <- function(out) {
  if (inherits(out, "nmfkit_fit")) return(as.integer(out$niter))
  0L
}

# A user-defined seeding method: seed(model, target, ...) from an empty
# model of the rank (NA factors), as the NMF package calls it; returns the
# start list(W, H, offset).
user_seed_start <- function(seed, x, rank) {
  empty <- new_nmfkit_model(matrix(NA_real_, nrow(x), rank, dimnames = list(rownames(x), NULL)),
                            matrix(NA_real_, rank, ncol(x), dimnames = list(NULL, colnames(x))))
  out <- do.call(seed$fun, c(list(empty, x), seed$params))
  model <- if (inherits(out, "nmfkit_fit") || inherits(out, "nmfkit_model")) fit(out) else out
  if (!inherits(model, "nmfkit_model")) {
    abort_arg("The seeding method given in `seed` must return the model it was given, filled (see nmfModel()), not %s.",
              describe_value(out))
  }
  start <- check_start(list(W = basis(model), H = coef(model)), nrow(x), ncol(x), rank)
  list(W = start$W, H = start$H, offset = if (modelname(model) == "NMFOffset") model$offset)
}

# A fit of a user-defined algorithm carries the model class the algorithm
# returned (NMFns with its theta, NMFOffset with its offset).
with_user_model <- function(fit, user) {
  w <- basis(fit)
  h <- coef(fit)
  offset <- if (!is.null(user$offset)) stats::setNames(as.numeric(user$offset), rownames(w))
  fit(fit) <- new_nmfkit_model(w, h, model = modelname(user$model), theta = user$theta, offset = offset)
  fit
}

# The methods and seeding methods registered by setNMFMethod() and
# setNMFSeed() for the session, beside the built-in registry.
user_registry <- local({
  env <- new.env(parent = emptyenv())
  env$methods <- new.env(parent = emptyenv())
  env$seeds <- new.env(parent = emptyenv())
  env
})

#' Register user-defined algorithms and seeding methods
#'
#' As the NMF package's functions of the same names: `setNMFMethod(name,
#' method)` registers a user-defined algorithm (a `function(x, seed, ...)`,
#' see [nmf()]) under a name, so that `nmf(x, rank, name)` runs it and
#' [nmf_methods()] and [nmfAlgorithm()] list it; `setNMFSeed(name, method)`
#' registers a seeding function (`function(model, target, ...)`) for
#' `nmf(x, rank, seed = name)`. Registrations last for the R session;
#' `removeNMFMethod()` and `removeNMFSeed()` undo them. Built-in names cannot
#' be replaced. The NMF package also derives methods from its own
#' (`setNMFMethod("KL", "brunet", Stop = "stationary")`); nmfkit's built-in
#' methods are registry entries, not objects to derive from, so `method`
#' must be a function here.
#'
#' @param name the name to register (a string).
#' @param method the algorithm or seeding function.
#' @param objective,model,mixed for an algorithm: its objective, model class
#'   and whether it takes data with negative values, as the arguments of
#'   [nmf()] of the same names.
#' @param overwrite replace an earlier registration of the same name.
#' @param ... not used (the NMF package's other arguments).
#' @return The name, invisibly.
#' @export
#' @examples
#' mean_model <- function(x, seed) {
#'   basis(seed) <- matrix(rowMeans(x), nrow(x), nbasis(seed))
#'   coef(seed) <- matrix(1 / nbasis(seed), nbasis(seed), ncol(x))
#'   seed
#' }
#' setNMFMethod("row-means", mean_model)
#' x <- t(as.matrix(iris[, 1:4]))
#' deviance(nmf(x, 2, "row-means"))
#' removeNMFMethod("row-means")
setNMFMethod <- function(name, method, ..., objective = NULL, model = NULL, mixed = FALSE, overwrite = FALSE) {
  name <- check_registration(name, method, names(method_registry()), user_registry$methods, overwrite, "method")
  spec <- user_method_spec(method, name, objective, model, check_flag(mixed, "mixed"))
  assign(name, spec, envir = user_registry$methods)
  invisible(name)
}

#' @rdname setNMFMethod
#' @export
removeNMFMethod <- function(name) unregister(name, user_registry$methods, "method")

#' @rdname setNMFMethod
#' @export
setNMFSeed <- function(name, method, ..., overwrite = FALSE) {
  builtin <- c("random", "nndsvd", "nndsvda", "nndsvdar", "ica")
  name <- check_registration(name, method, builtin, user_registry$seeds, overwrite, "seeding method")
  assign(name, method, envir = user_registry$seeds)
  invisible(name)
}

#' @rdname setNMFMethod
#' @export
removeNMFSeed <- function(name) unregister(name, user_registry$seeds, "seeding method")

# Removes `name` from a user registry (an environment) of `what`s.
unregister <- function(name, registry, what) {
  if (!is.character(name) || length(name) != 1L || !exists(name, envir = registry, inherits = FALSE)) {
    abort_arg("`name` must be the name of a registered user-defined %s, not %s.", what, describe_value(name))
  }
  rm(list = name, envir = registry)
  invisible(name)
}

check_registration <- function(name, method, builtin, registered, overwrite, what) {
  if (!is.character(name) || length(name) != 1L || is.na(name) || !nzchar(name)) {
    abort_arg("`name` must be a single non-empty string, not %s.", describe_value(name))
  }
  if (!is.function(method)) {
    abort_arg(paste("`method` must be a function (nmfkit registers user-defined %ss; its built-in methods are",
                    "not objects to derive from), not %s."), what, describe_value(method))
  }
  if (name %in% builtin) abort_arg('"%s" is a built-in %s of nmfkit and cannot be replaced.', name, what)
  if (exists(name, envir = registered, inherits = FALSE) && !isTRUE(overwrite)) {
    abort_arg('A user-defined %s "%s" is already registered; give `overwrite = TRUE` to replace it.', what, name)
  }
  name
}
