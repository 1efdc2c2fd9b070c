# Plan, then run. nmf() checks every argument once and builds a plan: the
# data in the form the core reads, the method's registry entry and resolved
# parameters, the core's options, the mask, the fixed factor, the seed and the
# runs. run_plan() fits one run of it; several runs (runs.R), rank surveys,
# cross-validation (cv.R) and checkpoints all call run_plan() and never check
# an argument again.

# nmf()'s arguments that do not depend on the method, checked: the data (with
# missing values, of a magnitude a fit can work with), the ranks, the runs,
# the options, and the extra arguments in `dots`.
check_nmf_args <- function(x, rank, seed, nrun, dots, maxit, tol, threads, verbose, track, keep_all,
                           .options, checkpoint, .pbackend = NULL, .callback = NULL, model = NULL) {
  opts <- check_options(.options)
  mixed <- if (is.null(dots$mixed)) FALSE else check_flag(dots$mixed, "mixed")
  data <- as_nmf_data(x, dots$assay, allow_na = TRUE, scale = TRUE, allow_negative = mixed, blocks = TRUE)
  x <- data$x
  maxit <- check_maxit(maxit, dots$maxIter)
  objective <- dots$objective
  dots$maxIter <- dots$assay <- dots$mixed <- dots$objective <- NULL
  seed_number <- NULL
  if (is_start_object(rank)) {
    # the NMF package's nmf(x, model) and nmf(x, matrix): the start gives the rank
    from <- start_from_rank(rank, x, seed)
    seed <- from$start
    seed_number <- from$number
    rank <- from$rank
  }
  ranks <- check_rank(rank, x)
  nrun <- check_whole(nrun, "nrun", lower = 1)
  if (!is.null(opts$restore.seed)) {
    warning("Option 'restore.seed' is deprecated and discarded (as in the NMF package): a numeric seed never ",
            "changes your random state.", call. = FALSE)
  }
  keep_all <- option_or(opts$keep.all, check_flag(keep_all, "keep_all"))
  if (isFALSE(opts$RNGstream) && !is.null(checkpoint)) {
    abort_arg(paste("`checkpoint` needs one random stream per run: it cannot resume runs that draw in turn",
                    "(`.options` \"-R\")."))
  }
  c(list(
    x = x, x_stats = data$stats, ranks = ranks, nrun = nrun, seed = seed, maxit = maxit, tol = check_tol(tol),
    threads = check_threads(threads),
    verbose = option_or(opts$verbose, check_flag(verbose, "verbose")) || option_on(opts$debug),
    track = option_or(opts$track, check_flag(track, "track")),
    keep_all = keep_all,
    dry_run = option_on(opts$dry.run), simplify_callback = !isFALSE(opts$simplifyCB),
    rng_stream = !isFALSE(opts$RNGstream), callback = check_callback(.callback, nrun, ranks, keep_all),
    checkpoint = check_checkpoint(checkpoint, ranks, nrun), dots = dots,
    mixed = mixed, objective = objective, model = model, seed_number = seed_number
  ), check_backend(opts, .pbackend))
}

# An NMF option given as TRUE or a positive number (a level, an interval);
# option_or(): the option where it is given, else the argument.
option_on <- function(v) isTRUE(v) || (is.numeric(v) && length(v) == 1L && !is.na(v) && v > 0)
option_or <- function(v, otherwise) if (is.null(v)) otherwise else option_on(v)

`%||%` <- function(a, b) if (is.null(a)) b else a

# `rank` given as the start itself, as in the NMF package: a model or fit, or
# a matrix that is the basis (as many rows as x) or the coefficients (as many
# columns).
is_start_object <- function(rank) {
  inherits(rank, "nmfkit_model") || inherits(rank, "nmfkit_fit") || is.matrix(rank) || is.data.frame(rank)
}

# The seed a start given as `rank` stands for; a numeric seed given beside it
# still seeds R's generator (for the methods that draw), as in the NMF
# package; another seed is discarded with a warning.
start_from_rank <- function(rank, x, seed) {
  if (is.matrix(rank) || is.data.frame(rank)) {
    m <- check_factor_matrix(rank, "rank")
    rank <- if (nrow(m) == nrow(x)) {
      new_nmfkit_model(m, matrix(numeric(), ncol(m), 0L))
    } else if (ncol(m) == ncol(x)) {
      new_nmfkit_model(matrix(numeric(), 0L, nrow(m)), m)
    } else {
      abort_arg(paste("`rank` given as a matrix (%d x %d) must be the basis (%d rows, as x) or the coefficients",
                      "(%d columns, as x)."), nrow(m), ncol(m), nrow(x), ncol(x))
    }
  }
  if (!is.null(seed) && !is_number_seed(seed)) {
    warning("Discarding `seed`: the start is the model given in `rank`.", call. = FALSE)
    seed <- NULL
  }
  list(start = rank, number = seed, rank = if (length(basis(rank))) ncol(basis(rank)) else nrow(coef(rank)))
}

# The registry entries of `method`: one, or several (a character vector or a
# list) to fit and compare; NULL is the default method for the data; a
# function is a user-defined algorithm (`name` is what the call gave).
check_methods <- function(method, args, name = NULL) {
  if (is.null(method)) method <- default_method(args$x, args$dots$mask, args$x_stats)
  several <- (is.list(method) || is.character(method)) && length(method) > 1L
  methods <- if (several) method else list(if (is.list(method)) method[[1L]] else method)
  names_given <- if (several && is.call(name)) as.list(name)[-1L] else list(name)
  specs <- lapply(seq_along(methods), function(i) {
    m <- methods[[i]]
    if (is.function(m)) {
      return(user_method_spec(m, user_method_name(names_given[[min(i, length(names_given))]]), args$objective,
                              args$model, args$mixed))
    }
    spec <- method_spec(m)
    if (isTRUE(spec$user)) {
      # a registered algorithm (setNMFMethod()): the call's model, objective and mixed come first
      if (is.null(args$model) && is.null(args$objective) && !args$mixed) return(spec)
      return(user_method_spec(spec$fun, spec$name, args$objective %||% spec$objective_fun, args$model %||%
                                c(list(spec$model$name), spec$model$slots), args$mixed || spec$mixed))
    }
    check_builtin_model(spec, args$model, args$objective)
    if (args$mixed) {
      abort_arg(paste('`mixed = TRUE` (data with negative values) needs a user-defined algorithm; method "%s"',
                      "fits non-negative data."), spec$name)
    }
    spec
  })
  stats::setNames(specs, vapply(specs, `[[`, "", "name"))
}

# Everything about one method checked, nothing computed: the registry entry,
# its parameters, the seed, the fixed factor, the mask and the weights.
check_plan <- function(args, spec) {
  x <- args$x
  if (is.character(spec)) spec <- method_spec(spec)
  dots <- args$dots
  dot_names <- names(dots) %||% rep("", length(dots))
  extras <- dots[dot_names %in% fit_extras]
  params <- if (isTRUE(spec$user)) {
    check_user_params(spec, dots[!dot_names %in% fit_extras])
  } else {
    check_method_params(spec, dots[!dot_names %in% fit_extras], x)
  }
  check_method_supports(spec, x, extras$mask, extras$weights, args$x_stats)
  check_block_method(spec, x, extras, params, args$dry_run)
  fixed <- check_fixed(extras$fixed, spec, args$seed)
  runs <- describe_runs(args$ranks, args$nrun)
  seed <- check_block_seed(check_seed(args$seed, x, args$ranks[1L], runs = runs, fixed = fixed), x)
  if (!is.null(args$seed_number)) seed$number <- args$seed_number
  check_tol_used(args$tol, spec)
  list(spec = spec, params = params, fixed = fixed, seed = seed,
       mask = check_mask(extras$mask, x),
       weights = if (!is.null(extras$weights)) check_cell_weights(extras$weights, x))
}

# The plan of one method from its checks: the data densified when the method
# needs it, missing values and mask turned into the core's mask, and the
# core's options under their core names.
build_plan <- function(args, checked, call) {
  spec <- checked$spec
  x <- args$x
  if (!spec$supports[["sparse"]] && inherits(x, "dgCMatrix")) {
    check_alloc(nrow(x), ncol(x), sprintf('Method "%s" works on dense data: densifying `x`', spec$name))
    x <- as.matrix(x)
  }
  params <- checked$params
  prep <- prepare_mask(x, checked$mask, checked$weights, args$x_stats)
  if (spec$name == "ls-nmf") {
    # ls-nmf leaves its missing cells out through zero weights, not a mask
    # (a mask would make the core report the masked solvers' objective)
    params$weight[is.na(x)] <- 0
    prep$spec <- list(mode = "none")
  }
  maxit <- args$maxit %||% spec$maxit
  tol <- if (is.na(spec$tol)) 0 else args$tol %||% spec$tol
  options <- c(if (!isTRUE(spec$user)) core_options(spec, params, args$x, args$x_stats),
               list(maxit = maxit, tol = tol, threads = args$threads, track = args$track,
                    fixed_w = checked$fixed == "W", fixed_h = checked$fixed == "H"))
  structure(list(
    x = prep$x, x_max = max_value(args$x, args$x_stats), mask = prep$spec, n_out = prep$n_out,
    method = spec$name, spec = spec, params = params, options = options,
    parameters = c(list(maxit = maxit, tol = tol), params),
    penalised = any(unlist(params[intersect(c("L1", "L2"), names(params))]) > 0),
    row_means = if (spec$name == "offset") row_means(prep$x),
    fixed = checked$fixed, seed = checked$seed,
    ranks = args$ranks, nrun = args$nrun, keep_all = args$keep_all, backend = args$backend,
    callback = args$callback, simplify_callback = args$simplify_callback,
    rng_stream = args$rng_stream, dry_run = args$dry_run,
    checkpoint = args$checkpoint, verbose = args$verbose, track = args$track, call = call
  ), class = "nmfkit_plan")
}

# One run of the plan at rank `rank`: the start drawn from `stream` (a
# L'Ecuyer-CMRG state: one of several runs) or from R's generator seeded with
# `seed` (NULL: as it stands), the core's fit, and the fit object. `holdout`
# (list(holdout =, seed =)) holds cells out by hash, for cross-validation.
run_plan <- function(plan, rank, stream = NULL, seed = plan$seed$number, holdout = NULL) {
  run_plan_clusters(plan, rank, stream, seed, holdout)$fit
}

# run_plan(), with the fit's sample clusters (as predict(fit) gives them up to
# the names of the clusters), which the core computes beside the fit.
run_plan_clusters <- function(plan, rank, stream = NULL, seed = plan$seed$number, holdout = NULL) {
  mask <- if (is.null(holdout)) plan$mask else c(plan$mask, holdout)
  fit_run <- if (isTRUE(plan$spec$user)) fit_user else fit_core
  if (is.null(stream) && !is.null(plan$seed$state)) stream <- plan$seed$state  # a random state given as seed
  res <- if (is.null(stream)) {
    with_seed_of(seed, fit_run(plan, rank, mask))
  } else {
    with_rng_state(stream, fit_run(plan, rank, mask))
  }
  check_fit_values(res, plan$method)
  if (res$stop == "restarts") {
    warning(sprintf(paste("%s: too many restarts (a row of H was all zero 10 times; `beta` may be too large); the fit",
                          "stopped after the 9th restart, as the NMF package does."),
                    plan$method), call. = FALSE)
  }
  label <- plan$seed$label
  if (!is.null(stream)) label <- if (plan$seed$type == "method") plan$seed$name else "random"
  fit <- new_nmfkit_fit(
    W = res$W, H = res$H, method = plan$method, objective = plan$spec$objective,
    deviance = res$objective, niter = res$niter, stop = res$stop,
    runtime = res$runtime, track = res$track, seed = label,
    parameters = plan$parameters, dimnames = dimnames(plan$x), call = plan$call,
    threads = plan$options$threads,
    offset = if (plan$method == "offset") res$offset,
    smoothing = if (plan$method == "nsNMF") smoothing_matrix(rank, plan$params$theta),
    restarts = res$restarts, rng = res$rng, extra = list(n_left_out = plan$n_out, fixed = plan$fixed)
  )
  if (!is.null(res$model)) fit <- with_user_model(fit, res$model)
  if (res$stop != "restarts" && !plan$penalised) {
    warn_zero_components(res, plan$method, plan$x_max)  # penalties make zero components on purpose
  }
  list(fit = fit, cluster = res$cluster %||% max.col(t(res$H), ties.method = "first"))
}

# The start and the core's fit of one run, on R's generator as it stands.
fit_core <- function(plan, rank, mask) {
  rng <- get0(".Random.seed", envir = globalenv(), inherits = FALSE) %||% integer()
  start <- make_start(plan$seed, plan$x, rank, plan$method, plan$x_max)
  offset <- if (plan$method == "offset") start$offset %||% plan$row_means else numeric()
  if (plan$dry_run) return(dry_run(plan, start, offset, mask))
  t0 <- proc.time()
  res <- if (is_block_data(plan$x)) {
    fit_blocks(plan, start)
  } else {
    nmf_fit_cpp(plan$x, start$W, start$H, offset, plan$spec$core, plan$spec$stop, plan$options, mask,
                plan$verbose)
  }
  res$runtime <- proc.time() - t0
  res$rng <- rng
  res
}

# The NMF package's dry run (`.options = "f"`): the start itself, with the
# method's objective of it and no iteration.
dry_run <- function(plan, start, offset, mask) {
  t0 <- proc.time()
  if (plan$spec$stop == "snmf") {
    eta <- plan$options$eta
    res <- list(objective = 0.5 * (nmf_rss_cpp(plan$x, start$W, start$H, plan$options$threads) +
                                     eta * sum(start$W^2) + plan$options$beta * sum(colSums(start$H)^2)))
  } else {
    # the core's objective of the start: no iteration at all
    res <- nmf_fit_cpp(plan$x, start$W, start$H, offset, plan$spec$core, plan$spec$stop,
                       utils::modifyList(plan$options, list(maxit = 0L)), mask, FALSE)
  }
  c(list(W = start$W, H = start$H, offset = offset, niter = 0L, restarts = 0L, stop = "none",
         track = data.frame(iteration = integer(), objective = numeric()), runtime = proc.time() - t0),
    res["objective"])
}

# Fits a plan: one run, or several runs and ranks (a fitset or a survey).
fit_plan <- function(plan) {
  if (plan$nrun > 1L || length(plan$ranks) > 1L) return(nmf_runs(plan))
  run_plan(plan, plan$ranks)
}

# A safety net behind the core's guards: a fit never returns NaN or Inf
# silently.
check_fit_values <- function(res, method) {
  bad <- c(W = !all(is.finite(res$W)), H = !all(is.finite(res$H)), objective = !is.finite(res$objective))
  if (identical(unname(bad), c(FALSE, FALSE, TRUE)) && identical(res$objective, Inf)) {
    stop(sprintf(paste('Method "%s" ended with an infinite objective after %d iterations: the fit is 0 at',
                       "cells where x > 0 (a start with zeros there, such as seed \"nndsvd\", keeps them under",
                       "multiplicative updates); use seed \"nndsvda\" or a random seed, or more iterations."),
                 method, res$niter), call. = FALSE)
  }
  if (any(bad)) {
    stop(sprintf(paste('Method "%s" produced non-finite values (NaN or Inf) in %s after %d iterations;',
                       "this is a numerical breakdown: try another seed or method, or rescale `x`."),
                 method, paste(names(bad)[bad], collapse = ", "), res$niter), call. = FALSE)
  }
  invisible(res)
}

# Components whose column of W or row of H is entirely 0 carry nothing: the
# rank is higher than the data support (or the start had zero columns).
# `x_max` is the largest value of the data (all-zero data: W = H = 0 is the
# answer).
warn_zero_components <- function(res, method, x_max) {
  zero <- res$zero %||% which(colSums(res$W) == 0 | rowSums(res$H) == 0)
  if (!length(zero) || x_max == 0) return(invisible(res))
  k <- ncol(res$W)
  why <- if (length(zero) == k) {
    "every component is zero"
  } else {
    "the data support fewer components, or the start had zero columns; a lower rank may suit them better"
  }
  warning(sprintf("%d of %d components of the %s fit are zero (component%s %s: W[, l] or H[l, ] is all 0): %s.",
                  length(zero), k, method, plural(length(zero)),
                  paste(zero, collapse = ", "), why), call. = FALSE)
  invisible(res)
}

replace_na0 <- function(x) {
  if (inherits(x, "dgCMatrix")) x@x[is.na(x@x)] <- 0 else x[is.na(x)] <- 0
  x
}

row_means <- function(x) if (inherits(x, "dgCMatrix")) Matrix::rowMeans(x) else rowMeans(x)

# The nsNMF smoothing matrix S = (1 - theta) I + theta / k 11'.
smoothing_matrix <- function(k, theta) diag(1 - theta, k) + theta / k
