# Checks of the arguments of a fit (nmf(), nmf_cv(), nmf_seed(),
# nmf_project()): the rank, the method and its parameters, the seed, the
# extras of the fast methods (mask, weights, fixed), the runs and options.
# Each message says which argument is wrong, what was expected and what was
# given.

# One rank, or several (a rank survey: sorted, duplicates dropped).
check_rank <- function(rank, x) {
  upper <- min(dim(x))
  if (length(rank) == 1L) {
    return(check_whole(rank, "rank", lower = 1, upper = upper, upper_why = "min(dim(x))"))
  }
  if (!is.numeric(rank) || length(rank) == 0L) {
    abort_arg(paste("`rank` must be a whole number, or whole numbers for a rank survey, between 1 and %d",
                    "(min(dim(x))), not %s."),
              upper, describe_value(rank))
  }
  bad <- is.na(rank) | !is.finite(rank) | abs(rank - round(rank)) > 1e-8 | rank < 1 | rank > upper
  if (any(bad)) {
    abort_arg("`rank` values must be whole numbers between 1 and %d (min(dim(x))); %s %s not.",
              upper, paste(format(rank[bad]), collapse = ", "), if (sum(bad) > 1) "are" else "is")
  }
  sort(unique(as.integer(round(rank))))
}

check_threads <- function(threads) {
  if (is.null(threads)) return(default_threads())
  check_whole(threads, "threads", lower = 1)
  min(as.integer(threads), thread_limit())
}

# `maxit` (or the NMF package's alias `maxIter`, given in `...`).
check_maxit <- function(maxit, maxIter = NULL) {
  if (!is.null(maxIter)) {
    if (!is.null(maxit)) abort_arg("Give either `maxit` or its alias `maxIter`, not both.")
    maxit <- maxIter
  }
  if (is.null(maxit)) NULL else check_whole(maxit, "maxit", lower = 1)
}

check_tol <- function(tol) if (is.null(tol)) NULL else check_nonnegative_number(tol, "tol")

# Exact, then case-insensitive, then unique partial matching of a name.
match_name <- function(name, choices, arg) {
  known <- paste0('"', choices, '"', collapse = ", ")
  if (!is.character(name) || length(name) != 1L || is.na(name) || !nzchar(name)) {
    abort_arg("`%s` must be a single name, one of %s; not %s.", arg, known, describe_value(name))
  }
  if (name %in% choices) return(name)
  hit <- choices[tolower(choices) == tolower(name)]
  if (length(hit) == 1L) return(hit)
  hit <- choices[startsWith(tolower(choices), tolower(name))]
  if (length(hit) == 1L) return(hit)
  # "nn": nndsvd, of which the others (nndsvda, nndsvdar) are variants
  base <- hit[which.min(nchar(hit))]
  if (length(hit) > 1L && all(startsWith(tolower(hit), tolower(base)))) return(base)
  if (length(hit) > 1L) {
    abort_arg('`%s` = "%s" is ambiguous: it matches %s.', arg, name, paste0('"', hit, '"', collapse = ", "))
  }
  abort_arg('`%s` = "%s" is not a known %s; known: %s.', arg, name,
            if (arg == "method") "method" else "seeding method", known)
}

# The extras of `...` that are not method parameters: what a fit leaves out
# or keeps fixed.
fit_extras <- c("mask", "weights", "fixed")

# The method's parameters given in `...`, checked against its registry entry;
# returns them with the defaults filled in, in R form.
check_method_params <- function(spec, dots, x) {
  allowed <- names(spec$params)
  allowed_msg <- c(allowed, fit_extras[spec$supports[c("mask", "weights", "fixed")]])
  if (length(dots) && (is.null(names(dots)) || any(!nzchar(names(dots))))) {
    abort_arg("Extra arguments to nmf() must be named parameters of method \"%s\" (%s).",
              spec$name, if (length(allowed_msg)) paste(allowed_msg, collapse = ", ") else "it has none")
  }
  unknown <- setdiff(names(dots), allowed)
  if (length(unknown)) {
    abort_arg('Unknown parameter%s %s for method "%s"; its parameters are: %s.',
              if (length(unknown) > 1) "s" else "", paste0("`", unknown, "`", collapse = ", "), spec$name,
              if (length(allowed_msg)) paste(allowed_msg, collapse = ", ") else "none")
  }
  out <- list()
  for (p in allowed) {
    v <- if (p %in% names(dots)) dots[[p]] else spec$params[[p]]$default
    if (is.null(v)) abort_arg('Method "%s" needs parameter `%s`.', spec$name, p)
    out[[p]] <- check_param(v, p, spec$params[[p]]$kind, x)
  }
  if (!is.null(spec$check)) spec$check(out)
  out
}

# Checks one method parameter by its kind; returns it in R form.
check_param <- function(v, name, kind, x) {
  switch(kind,
    pos = check_positive_number(v, name),
    nonneg = check_nonnegative_number(v, name),
    whole = check_whole(v, name, lower = 1),
    whole0 = check_whole(v, name, lower = 0),
    flag = check_flag(v, name),
    theta = check_theta(v),
    eta = check_eta(v),
    penalty = check_penalty(v, name),
    bi_conv = check_bi_conv(v),
    weight = check_cell_weights(v, x, "weight")
  )
}

check_theta <- function(v) {
  if (!is.numeric(v) || length(v) != 1L || is.na(v) || v < 0 || v > 1) {
    abort_arg("`theta` must be a single number between 0 and 1, not %s.", describe_value(v))
  }
  as.numeric(v)
}

check_eta <- function(v) {
  if (!is.numeric(v) || length(v) != 1L || !is.finite(v) || (v <= 0 && v != -1)) {
    abort_arg("`eta` must be a positive number, or -1 for max(x), not %s.", describe_value(v))
  }
  as.numeric(v)
}

# L1 or L2: one penalty for both factors, or one for W and one for H.
check_penalty <- function(v, name) {
  if (!is.numeric(v) || !length(v) %in% 1:2 || any(!is.finite(v)) || any(v < 0)) {
    abort_arg("`%s` must be one or two non-negative numbers (for W and H), not %s.", name, describe_value(v))
  }
  rep_len(as.numeric(v), 2L)
}

check_bi_conv <- function(v) {
  if (!is.numeric(v) || length(v) != 2L || any(!is.finite(v)) || any(v < 0)) {
    abort_arg("`bi_conv` must be two non-negative whole numbers (wminchange, iconv), not %s.", describe_value(v))
  }
  as.integer(round(v))
}

# `tol` is for the methods that stop on it; the others say so once.
check_tol_used <- function(tol, spec) {
  if (!is.null(tol) && is.na(spec$tol)) {
    warning(sprintf('`tol` is not used by method "%s", which stops by its own rule (see ?nmf_methods).',
                    spec$name), call. = FALSE)
  }
  invisible(tol)
}

# What the method cannot fit: missing values, a mask or weights.
check_method_supports <- function(spec, x, mask, weights, stats = NULL) {
  method <- spec$name
  n_na <- count_missing(x, stats)
  if (n_na > 0 && !spec$supports[["missing"]]) {
    abort_arg(paste('`x` has %d missing value%s (NA), which method "%s" cannot fit; use "hals", "anls" or "kl"',
                    '(missing cells are left out of the fit), or "ls-nmf" with zero weights.'),
              n_na, if (n_na > 1) "s" else "", method)
  }
  if (!is.null(mask) && !spec$supports[["mask"]]) {
    abort_arg('`mask` is not available for method "%s"; the methods that fit masked cells are %s.',
              method, quoted(methods_supporting("mask")))
  }
  if (!is.null(weights) && !spec$supports[["weights"]]) {
    abort_arg(paste('`weights` is not available for method "%s"; the methods that take cell weights are %s (and',
                    '"ls-nmf" its `weight`).'),
              method, quoted(methods_supporting("weights")))
  }
  invisible(spec)
}

# `mask`: NULL, "zeros" (a dgCMatrix's zeros are missing), or a logical or
# numeric matrix or sparse Matrix of the shape of x (TRUE or non-zero: leave
# out). Only checked here; prepare_mask() builds the pattern.
check_mask <- function(mask, x) {
  if (is.null(mask)) return(NULL)
  if (identical(mask, "zeros")) {
    if (!inherits(x, "dgCMatrix")) {
      abort_arg(paste('`mask = "zeros"` treats the zeros of a sparse matrix as missing; `x` must be a dgCMatrix (or',
                      "another sparse Matrix), not a dense matrix."))
    }
    return(mask)
  }
  if (!inherits(mask, "Matrix") && !(is.matrix(mask) && (is.logical(mask) || is.numeric(mask)))) {
    abort_arg(paste('`mask` must be a logical matrix or a sparse Matrix of the cells to leave out (TRUE), or "zeros"',
                    "for a sparse x, not %s."),
              describe_value(mask))
  }
  if (!identical(as.integer(dim(mask)), as.integer(dim(x)))) {
    abort_arg("`mask` must have the shape of x (%d x %d), not %d x %d.", nrow(x), ncol(x), nrow(mask), ncol(mask))
  }
  if (is.matrix(mask) && anyNA(mask)) abort_arg("`mask` must not contain NA.")
  mask
}

# A non-negative numeric matrix of the shape of x (cell weights).
check_cell_weights <- function(weights, x, arg = "weights") {
  if (inherits(weights, "Matrix")) weights <- as.matrix(weights)
  if (!is.matrix(weights) || !is.numeric(weights) || !identical(dim(weights), dim(x))) {
    abort_arg("`%s` must be a numeric matrix of the shape of x (%d x %d), not %s.",
              arg, nrow(x), ncol(x), describe_value(weights))
  }
  storage.mode(weights) <- "double"
  check_values(weights, arg)
  weights
}

# Checks a list(W =, H =) start (or the factors named in `need`) against the
# data's dimensions.
check_start <- function(seed, m, n, rank, need = c("W", "H")) {
  if (!all(need %in% names(seed))) {
    abort_arg("`seed` given as a list must have elements `W` (%d x %d) and `H` (%d x %d); it has names: %s.",
              m, rank, rank, n, if (is.null(names(seed))) "none" else paste(names(seed), collapse = ", "))
  }
  want <- list(W = c(m, rank), H = c(rank, n))
  out <- list()
  for (nm in intersect(c("W", "H"), names(seed))) {
    v <- seed[[nm]]
    if (inherits(v, "Matrix")) v <- as.matrix(v)
    if (!is.matrix(v) || !is.numeric(v)) {
      abort_arg("`seed$%s` must be a numeric matrix of %d x %d, not %s.", nm, want[[nm]][1], want[[nm]][2],
                describe_value(v))
    }
    if (!identical(as.integer(dim(v)), as.integer(want[[nm]]))) {
      abort_arg("`seed$%s` must be %d x %d (%s), not %d x %d.", nm, want[[nm]][1], want[[nm]][2],
                if (nm == "W") "nrow(x) x rank" else "rank x ncol(x)", nrow(v), ncol(v))
    }
    storage.mode(v) <- "double"
    check_values(v, sprintf("seed$%s", nm))
    out[[nm]] <- v
  }
  out
}

is_number_seed <- function(seed) is.numeric(seed) && length(seed) == 1L && is.finite(seed)

# The one check of `seed`. Returns what it asks for:
#   list(type = "random", number = NULL or the number)   draw W then H at random
#   list(type = "method", name =)                         a seeding method
#   list(type = "start", W =, H =)                        given start matrices
# with the label a fit reports. `runs` describes several runs or ranks ("3
# runs", "a survey of 2 ranks"; NULL: one run), which take only NULL, a number
# or a seeding method; `fixed` ("W" or "H") lets a list give only that
# factor. `allow = "number"` (nmf_cv) takes only NULL or a number.
check_seed <- function(seed, x, rank, runs = NULL, fixed = "none", allow = "any") {
  if (identical(allow, "number")) {
    if (!is.null(seed) && !is_number_seed(seed)) {
      abort_arg("`seed` must be a single number or NULL, not %s.", describe_value(seed))
    }
  }
  if (is.null(seed)) return(list(type = "random", number = NULL, label = "random"))
  if (is_number_seed(seed)) {
    return(list(type = "random", number = seed, label = sprintf("random (seed = %s)", format(seed))))
  }
  if (is_rng_seed(seed)) {
    return(list(type = "random", number = NULL, state = cmrg_state(seed), label = "random (RNG state)"))
  }
  if (is.character(seed) && length(seed) == 1L && !is.na(seed)) return(check_seeding_method(seed))
  if (is.function(seed)) return(list(type = "function", fun = seed, params = list(), label = "user seeding"))
  if (is_seeding_list(seed)) return(check_seeding_list(seed))
  if (is.list(seed)) return(check_seed_start(seed, x, rank, fixed, runs))
  abort_arg(paste("`seed` must be NULL, a single number, a seeding method name (%s) or function, a list(W =, H =)",
                  "of start matrices, a model or an earlier fit, not %s."),
            quoted(seeding_methods()), describe_value(seed))
}

describe_start <- function(seed) {
  if (inherits(seed, "nmfkit_fit")) "a fit" else if (inherits(seed, "nmfkit_model")) "a model" else
    "a list of start matrices"
}

check_seeding_method <- function(seed, params = list()) {
  name <- match_name(seed, seeding_methods(), "seed")
  user <- get0(name, envir = user_registry$seeds, inherits = FALSE)
  if (!is.null(user)) return(list(type = "function", fun = user, params = params, label = name))
  if (name == "ica" && !requireNamespace("fastICA", quietly = TRUE)) {
    abort_arg('Seeding method "ica" needs the fastICA package; install it or choose another `seed`.')
  }
  list(type = "method", name = name, params = params, label = name)
}

# The NMF package's list(method, ...) (or list(method =, ...)) of a seeding
# method and its arguments.
is_seeding_list <- function(seed) {
  if (!is.list(seed) || is.object(seed) || !length(seed)) return(FALSE)
  nm <- names(seed) %||% rep("", length(seed))
  "method" %in% nm || !nzchar(nm[1L])
}

check_seeding_list <- function(seed) {
  nm <- names(seed) %||% rep("", length(seed))
  at <- if ("method" %in% nm) which(nm == "method") else 1L
  method <- seed[[at]]
  params <- seed[-at]
  if (is.function(method)) return(list(type = "function", fun = method, params = params, label = "user seeding"))
  if (length(params)) {
    abort_arg("Seeding method \"%s\" takes no arguments; `seed` gives %s.", as.character(method)[1L],
              quoted(names(params)))
  }
  check_seeding_method(method)
}

# A random state rather than a seed: the NMF package's 6 integers of an
# L'Ecuyer-CMRG seed, or a whole L'Ecuyer-CMRG .Random.seed (7 integers).
is_rng_seed <- function(seed) {
  is.numeric(seed) && length(seed) %in% 6:7 && all(is.finite(seed)) && all(seed == round(seed))
}

cmrg_state <- function(seed) {
  if (length(seed) == 7L) {
    if (seed[1L] %% 100 != 7) {
      abort_arg(paste("`seed` given as a random state of 7 integers must be an L'Ecuyer-CMRG .Random.seed (kind 7),",
                      "not kind %d."), as.integer(seed[1L] %% 100))
    }
    return(as.integer(seed))
  }
  # as rngtools::RNGseq_seed(): the current normal and sample kinds with L'Ecuyer-CMRG
  old <- rng_snapshot()
  on.exit(rng_restore(old), add = TRUE)
  RNGkind("L'Ecuyer-CMRG")
  c(get(".Random.seed", envir = globalenv())[1L], as.integer(seed))
}

# A start given as list(W =, H =) or an earlier fit; with a fixed factor, the
# list may give that factor only.
check_seed_start <- function(seed, x, rank, fixed, runs = NULL) {
  if (!is.null(runs)) {
    abort_arg(paste("`seed` given as %s is a single starting point for one run of one rank, not for %s;",
                    "give a numeric seed instead."), describe_start(seed), runs)
  }
  fit <- inherits(seed, "nmfkit_fit") || inherits(seed, "nmfkit_model")
  given <- if (fit) model_start(seed) else seed
  if (fit && !is.null(given$partial)) return(check_partial_start(given, x, rank, fixed))
  if (fixed != "none") {
    given <- check_start(given[intersect(c("W", "H"), names(given))], nrow(x), ncol(x), rank, need = fixed)
    return(c(list(type = "fixed"), given, label = sprintf("list(%s) fixed", fixed)))
  }
  c(list(type = "start"), check_start(given, nrow(x), ncol(x), rank),
    list(offset = given$offset, label = if (fit) "fit" else "list(W, H)"))
}

# The factors of a model or fit given as a start; a model with an empty
# factor (nmfModel(W = w)) is partial: `partial` names the factor it has.
model_start <- function(seed) {
  w <- basis(seed)
  h <- coef(seed)
  partial <- if (!length(h)) "W" else if (!length(w)) "H"
  out <- list(W = if (length(w)) w, H = if (length(h)) h, partial = partial)
  if (identical(modelname(seed), "NMFOffset") && length(seed$offset)) out$offset <- seed$offset
  out
}

# A partial start (one factor), as the NMF package's nmf(x, rmatrix(...)):
# snmf/r starts from W alone and snmf/l from H alone; the other factor is
# drawn at random for the methods that read it.
check_partial_start <- function(given, x, rank, fixed) {
  need <- given$partial
  start <- check_start(given[need], nrow(x), ncol(x), rank, need = need)
  c(list(type = "fixed"), start, list(label = sprintf("model(%s)", need)))
}

# `fixed`: "none", "W" or "H" (a factor kept as given in `seed`).
check_fixed <- function(fixed, spec, seed) {
  if (is.null(fixed)) return("none")
  if (!is.character(fixed) || length(fixed) != 1L || !fixed %in% c("W", "H")) {
    abort_arg('`fixed` must be "W" or "H" (the factor to keep as given in `seed`), not %s.', describe_value(fixed))
  }
  if (!spec$supports[["fixed"]]) {
    abort_arg('`fixed` is available for methods %s, not "%s".', quoted(methods_supporting("fixed")), spec$name)
  }
  if (!is.list(seed) || is.null(seed[[fixed]])) {
    abort_arg('`fixed = "%s"` needs `seed = list(%s = <the known factor>)`.', fixed, fixed)
  }
  fixed
}

# What several runs or ranks are, for messages (NULL: one run of one rank).
describe_runs <- function(ranks, nrun) {
  if (length(ranks) > 1L) return(sprintf("a survey of %d ranks", length(ranks)))
  if (nrun > 1L) return(sprintf("%d runs", nrun))
  NULL
}

# `checkpoint`: NULL or a directory name, for several runs or ranks.
check_checkpoint <- function(checkpoint, ranks, nrun) {
  if (is.null(checkpoint)) return(NULL)
  if (!is.character(checkpoint) || length(checkpoint) != 1L || is.na(checkpoint) || !nzchar(checkpoint)) {
    abort_arg("`checkpoint` must be the name of a directory (a single string), not %s.", describe_value(checkpoint))
  }
  if (nrun == 1L && length(ranks) == 1L) {
    abort_arg(paste("`checkpoint` keeps the finished runs of several runs or of a rank survey; with nrun = 1 and one",
                    "rank there is nothing to resume."))
  }
  checkpoint
}

# The NMF package's option letters and the options they set.
option_letters <- c(t = "track", v = "verbose", d = "debug", p = "parallel", P = "parallel.required",
                    k = "keep.all", r = "restore.seed", f = "dry.run", g = "garbage.collect", c = "cleanup",
                    S = "simplifyCB", R = "RNGstream", m = "shared.memory")

# NMF-style `.options`: a string of letters or a list. In a string, as in the
# NMF package, a letter sets its option to TRUE, or to the number that
# follows it ("v2", "p4"); "-" sets the letters after it to FALSE until a "+".
# Returns a list named by the NMF package's option names (those given).
check_options <- function(.options) {
  if (is.null(.options)) return(list())
  if (is.list(.options)) {
    nm <- names(.options)
    if (!is.null(nm)) nm[nm == "keep_all"] <- "keep.all"
    unknown <- setdiff(nm, option_letters)
    if (is.null(nm) || any(!nzchar(nm)) || length(unknown)) {
      abort_arg("`.options` given as a list must have names among %s; not %s.", quoted(option_letters),
                if (is.null(nm) || !length(unknown)) "unnamed elements" else quoted(unknown))
    }
    names(.options) <- nm
    return(.options)
  }
  if (!is.character(.options) || length(.options) != 1L || is.na(.options)) {
    abort_arg("`.options` must be a string of option letters (such as \"tv\") or a list, not %s.",
              describe_value(.options))
  }
  parse_option_letters(.options)
}

parse_option_letters <- function(string) {
  chars <- strsplit(string, "")[[1L]]
  out <- list()
  value <- TRUE
  last <- NULL
  digits <- ""
  flush <- function() {
    if (nzchar(digits) && !is.null(last)) out[[option_letters[[last]]]] <<- as.numeric(digits)
    digits <<- ""
  }
  for (ch in chars) {
    if (ch %in% c("-", "+")) {
      value <- ch == "+"
    } else if (grepl("[0-9]", ch)) {
      if (is.null(last)) abort_arg('`.options` = "%s" has a number before any option letter.', string)
      if (value) digits <- paste0(digits, ch)  # as the NMF package: "-p2" is p = FALSE
    } else if (ch %in% names(option_letters)) {
      flush()
      out[[option_letters[[ch]]]] <- value
      last <- ch
    } else {
      abort_arg(paste('`.options` letter "%s" is not known; known: t (track), v (verbose), d (debug), p and P',
                      "(parallel, optionally with the number of workers), k (keep all), r, f (dry run), g, c,",
                      "S (simplify the callback results), R (random streams), m."), ch)
    }
  }
  flush()
  out
}

# Where several runs go, from `.options`'s p / P and `.pbackend`: NULL (the
# future plan as it stands), FALSE (this R session, in turn), a number of
# workers (a temporary future plan of that many on this machine), or a
# cluster object. `required` (P): refuse when it cannot be done.
check_backend <- function(opts, .pbackend) {
  required <- opts$parallel.required
  spec <- if (!is.null(required) && !isFALSE(required)) required else opts$parallel
  backend <- NULL
  if (!is.null(.pbackend)) backend <- check_pbackend(.pbackend)
  if (!is.null(spec)) {
    if (isFALSE(spec) || identical(spec, 1)) backend <- FALSE
    else if (is.numeric(spec)) backend <- check_whole(spec, "the number of workers of `.options`", lower = 1)
    else if (is.null(backend)) backend <- TRUE  # p alone: the plan, or every core
  }
  if (!is.null(required) && !isFALSE(required) && isFALSE(backend)) {
    abort_arg("`.options` asks for parallel runs (P) but `.pbackend` is sequential.")
  }
  list(backend = backend, required = !is.null(required) && !isFALSE(required))
}

# `.pbackend`: NA, "seq" (in turn), "par" or "mc" (every core), a number of
# workers, or a cluster (parallel::makeCluster()).
check_pbackend <- function(.pbackend) {
  if (inherits(.pbackend, "cluster")) return(.pbackend)
  if (length(.pbackend) == 1L && is.na(.pbackend)) return(FALSE)
  if (is.character(.pbackend) && length(.pbackend) == 1L) {
    key <- tolower(.pbackend)
    if (key %in% c("seq", "sequential")) return(FALSE)
    if (key %in% c("par", "mc", "multicore", "multisession")) return(TRUE)
  }
  if (is.numeric(.pbackend) && length(.pbackend) == 1L) {
    n <- check_whole(.pbackend, ".pbackend", lower = 1)
    return(if (n == 1L) FALSE else n)
  }
  abort_arg(paste('`.pbackend` must be NA or "seq" (runs in turn), "par" or "mc" (every core), a number of',
                  "workers or a cluster from parallel::makeCluster(), not %s."), describe_value(.pbackend))
}

# `.callback`: NULL or a function of a run's fit (and its run number). As the
# NMF package, it is discarded with a warning where there is nothing to call
# it on: one run, or every run kept.
check_callback <- function(.callback, nrun, ranks, keep_all) {
  if (is.null(.callback)) return(NULL)
  if (!is.function(.callback)) {
    abort_arg("`.callback` must be a function of a run's fit (and optionally its run number), not %s.",
              describe_value(.callback))
  }
  why <- if (nrun == 1L) "`nrun = 1`" else if (keep_all) "option `keep.all = TRUE` (every run is kept)"
  if (!is.null(why)) {
    warning(sprintf("Discarding argument `.callback`: not used with %s.", why), call. = FALSE)
    return(NULL)
  }
  .callback
}

# The ranks of nmf_cv(): whole numbers, each a valid rank.
check_cv_ranks <- function(ranks, x) {
  if (!is.numeric(ranks) || !length(ranks) || anyNA(ranks)) {
    abort_arg("`ranks` must be whole numbers between 1 and %d, not %s.", min(dim(x)), describe_value(ranks))
  }
  vapply(ranks, function(r) check_rank(r, x), 0L)
}

check_holdout <- function(holdout) {
  if (!is.numeric(holdout) || length(holdout) != 1L || is.na(holdout) || holdout <= 0 || holdout >= 1) {
    abort_arg("`holdout` must be a fraction strictly between 0 and 1, not %s.", describe_value(holdout))
  }
  as.numeric(holdout)
}

# A basis matrix for projection: numeric, one row per feature of x.
check_projection_basis <- function(w, x) {
  if (inherits(w, "Matrix")) w <- as.matrix(w)
  if (!is.matrix(w) || !is.numeric(w)) {
    abort_arg("`w` must be a numeric basis matrix (features x rank) or a fit, not %s.", describe_value(w))
  }
  if (nrow(w) != nrow(x)) {
    abort_arg("`w` must have one row per row of `x` (%d), not %d.", nrow(x), nrow(w))
  }
  storage.mode(w) <- "double"
  check_values(w, "w")
  w
}
