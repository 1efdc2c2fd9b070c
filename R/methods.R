# The method registry: everything nmfkit knows about a fitting method, in one
# entry per method, built once per session. nmf()'s checks, the table of
# nmf_methods(), the help page ?nmf_methods, the options handed to the C++ core
# (by the core's own names) and the core's stopping rule all come from it.
# Adding a method is one entry here plus its update in the core.

# A parameter: its default (NULL: required), its check (a kind of
# check_param()) and the name(s) of the core option(s) it sets (NULL: none;
# two names for a pair of values, such as L1's penalty on W and on H).
param <- function(default, kind, core = NULL) list(default = default, kind = kind, core = core)

# A method: its objective, help family, the core's method and stopping rule,
# default maxit and tol (NA: the method stops by its own rule, not by tol),
# its parameters and what it supports.
method_entry <- function(name, core, objective, family, stop, maxit, params, tol = NA_real_, aliases = character(),
                         sparse = TRUE, missing = FALSE, mask = FALSE, weights = FALSE, penalties = FALSE,
                         blocks = FALSE, check = NULL) {
  list(name = name, core = core, objective = objective, family = family, stop = stop, maxit = as.integer(maxit),
       tol = tol, params = params, aliases = aliases,
       supports = c(sparse = sparse, missing = missing, mask = mask, weights = weights, penalties = penalties,
                    fixed = mask, blocks = blocks),
       check = check)
}

# The NMF package's stopping rules and their parameters.
connectivity_params <- function() {
  list(stopconv = param(40L, "whole0", "stopconv"), check.interval = param(10L, "whole", "check_every"))
}
stationary_params <- function() {
  list(stationary.th = param(.Machine$double.eps, "nonneg", "stationary_th"),
       check.interval = param(50L, "whole", "stationary_interval"),
       check.niter = param(10L, "whole", "stationary_niter"))
}
# The stationarity rule needs its window inside its interval.
check_stationary <- function(p) {
  if (p$check.interval < p$check.niter) {
    abort_arg("`check.interval` (%d) must be at least `check.niter` (%d).", p$check.interval, p$check.niter)
  }
}
penalty_params <- function() {
  list(L1 = param(c(0, 0), "penalty", c("l1_w", "l1_h")), L2 = param(c(0, 0), "penalty", c("l2_w", "l2_h")))
}

build_registry <- function() {
  eps <- function(v) list(eps = param(v, "pos", "eps"))
  extrapolate <- list(extrapolate = param(TRUE, "flag", "extrapolate"))
  fast <- function(name, objective, params, weights = TRUE, blocks = TRUE) {
    method_entry(name, name, objective, "fast", "relative", 1000L, c(params, penalty_params()), tol = 1e-6,
                 missing = TRUE, mask = TRUE, weights = weights, penalties = TRUE, blocks = blocks)
  }
  mu <- function(name, core, objective, family, stop, params, ...) {
    rule <- if (stop == "connectivity") connectivity_params() else stationary_params()
    method_entry(name, core, objective, family, stop, 2000L, c(params, rule),
                 check = if (stop == "stationary") check_stationary, ...)
  }
  snmf <- function(name, core) {
    method_entry(name, core, "snmf", "snmf", "snmf", 20000L,
                 list(eta = param(-1, "eta", "eta"), beta = param(0.01, "pos", "beta"),
                      bi_conv = param(c(0L, 10L), "bi_conv", c("wminchange", "iconv")),
                      eps_conv = param(1e-4, "pos", "eps_conv")))
  }
  entries <- list(
    fast("hals", "frobenius", c(list(inner = param(10L, "whole", "inner"),
                                     inner_tol = param(0.01, "nonneg", "inner_tol")), extrapolate)),
    fast("anls", "frobenius", extrapolate),
    fast("kl", "kl", list(inner = param(3L, "whole", "inner")), weights = FALSE, blocks = FALSE),
    mu("lee", "lee", "frobenius", "frobenius_mu", "connectivity", eps(1e-9), aliases = ".R#lee"),
    mu("Frobenius", "frobenius", "frobenius", "frobenius_mu", "stationary", eps(1e-9)),
    mu("offset", "offset", "frobenius", "frobenius_mu", "connectivity", eps(1e-9), aliases = ".R#offset"),
    # ls-nmf's own `weight` leaves its missing cells out (weight 0): no mask
    mu("ls-nmf", "ls_nmf", "weighted frobenius", "frobenius_mu", "stationary",
       c(list(weight = param(NULL, "weight", "weight")), eps(1e-9)), sparse = FALSE, missing = TRUE),
    mu("pe-nmf", "pe_nmf", "pe-nmf", "frobenius_mu", "stationary",
       list(alpha = param(NULL, "nonneg", "alpha"), beta = param(NULL, "nonneg", "beta"))),
    mu("brunet", "brunet", "kl", "kl_mu", "connectivity", eps(.Machine$double.eps), aliases = ".R#brunet"),
    mu("KL", "kl_mu", "kl", "kl_mu", "stationary", eps(.Machine$double.eps)),
    mu("nsNMF", "nsnmf", "kl", "kl_mu", "connectivity", list(theta = param(0.5, "theta", "theta")),
       aliases = ".R#nsNMF"),
    snmf("snmf/r", "snmf_r"),
    snmf("snmf/l", "snmf_l")
  )
  stats::setNames(entries, vapply(entries, `[[`, "", "name"))
}

# The registry, built on first use and kept for the session.
method_registry <- local({
  registry <- NULL
  function() {
    if (is.null(registry)) registry <<- build_registry()
    registry
  }
})

# The entry of a method name (matched as match_name() does, aliases
# included).
method_spec <- function(name, arg = "method") {
  reg <- c(method_registry(), as.list(user_registry$methods))
  aliases <- unlist(lapply(unname(reg), function(e) stats::setNames(rep(e$name, length(e$aliases)), e$aliases)))
  if (is.character(name) && length(name) == 1L && !is.na(name) && name %in% names(aliases)) {
    return(reg[[aliases[[name]]]])
  }
  reg[[match_name(name, names(reg), arg)]]
}

# Names of the methods that support a feature ("mask", "weights", ...).
methods_supporting <- function(feature) {
  names(Filter(function(e) isTRUE(unname(e$supports[feature])), method_registry()))
}

# The default method, by measurement (bench/bench-target.R, 2 threads, quiet
# machine, 2026-11-23): on dense data anls reaches 1e-4 of the best loss as
# fast as hals when the factors are sparse and 6x faster when they are
# positive; on sparse data (20000 x 10000, rank 20) hals is 1.6-2.1x faster (its
# iterations are cheaper than exact NNLS); with missing values (masked sparse
# data, bench/bench-missing.R) anls is again faster (1.1x on one thread, 1.3x
# on two). At ranks 30 and 50 (bench/bench-method-rank.R, 2026-12-03) hals
# is 1.6-3x faster than anls on dense data with 70%-zero factors but does not
# reach 1e-3 of the best loss in 15 s with positive factors, which anls
# reaches to 1e-4 in about 4 s: the rank alone does not decide, so dense data
# keep anls.
default_method <- function(x, mask = NULL, stats = NULL) {
  chosen <- getOption("nmfkit.default_method") %||% nmf.getOption("default.algorithm")
  if (!is.null(chosen)) return(chosen)
  if (is_block_data(x)) return(if (x$sparse) "hals" else "anls")
  if (inherits(x, "dgCMatrix") && is.null(mask) && count_missing(x, stats) == 0) "hals" else "anls"
}

# The core's options from validated parameters: each parameter under its core
# name(s); snmf's eta = -1 stands for max(x).
core_options <- function(spec, params, x, stats = NULL) {
  out <- list()
  for (p in names(params)) {
    core <- spec$params[[p]]$core
    v <- params[[p]]
    if (p == "eta" && v < 0) v <- max_value(x, stats)
    if (length(core) == 2L) {
      out[[core[1L]]] <- v[1L]
      out[[core[2L]]] <- v[2L]
    } else {
      out[[core]] <- v
    }
  }
  out
}

# Largest value of a dense or sparse matrix as the core reads it (missing
# cells are 0 in its copy); `stats`: its value_stats() when known.
max_value <- function(x, stats = NULL) {
  if (is_block_data(x)) return(x$stats$max)
  st <- stats %||% value_stats(x)
  zeros <- st[["n_missing"]] > 0 || (inherits(x, "dgCMatrix") && length(x@x) < prod(dim(x)))
  if (zeros) max(st[["max"]], 0) else st[["max"]]
}

#' NMF algorithms available in nmfkit
#'
#' All methods fit `x ~ W %*% H` with `W >= 0` (features x rank) and
#' `H >= 0` (rank x samples), alternating an update of `H` and an update of
#' `W`. Method names match exactly, then case-insensitively, then by a unique
#' prefix, as in the NMF package (`"br"` is `"brunet"`); the NMF package's
#' names of its pure-R versions (`".R#brunet"`, `".R#lee"`, `".R#offset"`,
#' `".R#nsNMF"`) are aliases of the same methods. Parameters of a method are
#' passed to [nmf()] by name; an unknown one is an error that lists the
#' method's parameters. `nmf_methods()` lists them all with their defaults.
#'
#' The families, each with its objective, updates, defaults and references:
#' * [methods_fast]: `"anls"` (the default on dense data), `"hals"` (the
#'   default on sparse data), `"kl"`: nmfkit's own
#'   fast solvers, with `L1` / `L2` penalties, dense or sparse input.
#' * [methods_frobenius_mu]: the NMF package's multiplicative updates for the
#'   Frobenius loss: `"lee"`, `"Frobenius"`, `"offset"`, `"ls-nmf"`,
#'   `"pe-nmf"`.
#' * [methods_kl_mu]: the NMF package's multiplicative updates for the KL
#'   divergence: `"brunet"`, `"KL"`, `"nsNMF"`.
#' * [methods_snmf]: the NMF package's sparse NMF by alternating NNLS:
#'   `"snmf/r"`, `"snmf/l"`.
#'
#' The NMF package's methods give its answer (same iterations, same factors
#' to rounding) for the same data and numeric seed.
#'
#' @eval registry_rd()
#' @name nmf_methods
#' @seealso [nmf()], [nmf_seed()]
#' @examples
#' nmf_methods()[, c("method", "objective", "stopping")]
#' x <- t(as.matrix(iris[, 1:4]))
#' fit <- nmf(x, 3, "brunet", seed = 1)
#' niter(fit)
NULL

#' @describeIn nmf_methods A data.frame of the methods: objective, family
#'   (help page), stopping rule, default `maxit`, what each supports (sparse
#'   input without densifying, missing values, `mask`, `weights`, `L1`/`L2`
#'   penalties) and parameters with their defaults (`<required>` when there
#'   is none).
#' @export
nmf_methods <- function() {
  reg <- c(method_registry(), as.list(user_registry$methods))
  fmt <- function(p) if (is.null(p$default)) "<required>" else paste(format(p$default), collapse = ", ")
  supports <- function(what) vapply(reg, function(s) isTRUE(unname(s$supports[what])), NA)
  data.frame(
    method = names(reg),
    objective = vapply(reg, `[[`, "", "objective"),
    help = paste0("?", vapply(reg, function(s) if (s$family == "user") "setNMFMethod" else paste0("methods_", s$family),
                              "")),
    stopping = vapply(reg, `[[`, "", "stop"),
    maxit = vapply(reg, `[[`, 0L, "maxit"),
    sparse = supports("sparse"),
    missing = supports("missing"),
    mask = supports("mask"),
    weights = supports("weights"),
    penalties = supports("penalties"),
    blocks = supports("blocks"),
    parameters = vapply(reg, function(s) {
      paste(names(s$params), vapply(s$params, fmt, ""), sep = " = ", collapse = "; ")
    }, ""),
    row.names = NULL, stringsAsFactors = FALSE
  )
}

# The section of ?nmf_methods listing every method of the registry (roxygen
# evaluates it when the documentation is built).
registry_rd <- function() {
  tab <- nmf_methods()
  yes <- function(v) ifelse(v, "yes", "no")
  rows <- sprintf("\\code{\"%s\"} \\tab %s \\tab %s \\tab %d \\tab %s \\tab %s \\tab %s \\tab %s\\cr",
                  tab$method, tab$objective, tab$stopping, tab$maxit, yes(tab$sparse), yes(tab$missing),
                  yes(tab$mask), gsub("_", "\\\\_", tab$parameters))
  c("@section The methods:",
    "Generated from the method registry (what `nmf_methods()` returns):",
    "",
    "\\tabular{llllllll}{",
    paste0(paste0("\\strong{", c("method", "objective", "stopping", "maxit", "sparse", "missing", "mask",
                                  "parameters"), "}", collapse = " \\tab "), "\\cr"),
    rows, "}")
}
