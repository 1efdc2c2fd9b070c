# The registry of fitting methods: objective, defaults and parameters.

#' NMF algorithms available in nmfkit
#'
#' All methods fit `x ~ W %*% H` with `W >= 0` (features x rank) and
#' `H >= 0` (rank x samples), alternating an update of `H` and an update of
#' `W`. Method names match exactly, then case-insensitively, then by a unique
#' prefix, as in the NMF package (`"br"` is `"brunet"`). Parameters of a
#' method are passed to [nmf()] by name; an unknown one is an error that lists
#' the method's parameters. `nmf_methods()` lists them all with their defaults.
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
#' @name nmf_methods
#' @seealso [nmf()], [nmf_seed()]
#' @examples
#' nmf_methods()[, c("method", "objective", "stopping")]
#' x <- t(as.matrix(iris[, 1:4]))
#' fit <- nmf(x, 3, "brunet", seed = 1)
#' niter(fit)
NULL

# Parameter specifications: default (NULL = required) and kind of check.
param <- function(default, kind) list(default = default, kind = kind)

method_table <- function() {
  conn <- list(stopconv = param(40L, "whole0"), check.interval = param(10L, "whole"))
  stat <- list(stationary.th = param(.Machine$double.eps, "nonneg"),
               check.interval = param(50L, "whole"), check.niter = param(10L, "whole"))
  pen <- list(L1 = param(c(0, 0), "penalty"), L2 = param(c(0, 0), "penalty"))
  snmf <- list(eta = param(-1, "eta"), beta = param(0.01, "pos"),
               bi_conv = param(c(0L, 10L), "bi_conv"), eps_conv = param(1e-4, "pos"))
  m <- function(objective, family, stop, maxit, params, tol = NA_real_, sparse = TRUE) {
    list(objective = objective, family = family, stop = stop, maxit = maxit, tol = tol,
         params = params, sparse = sparse)
  }
  tab <- 
  list(
    hals = m("frobenius", "fast", "relative", 1000L, c(list(inner = param(10L, "whole"),
             inner_tol = param(0.01, "nonneg"), extrapolate = param(TRUE, "flag")), pen), tol = 1e-6),
    anls = m("frobenius", "fast", "relative", 1000L, c(list(extrapolate = param(TRUE, "flag")), pen), tol = 1e-6),
    kl = m("kl", "fast", "relative", 1000L, c(list(inner = param(3L, "whole")), pen), tol = 1e-6),
    lee = m("frobenius", "frobenius_mu", "connectivity", 2000L, c(list(eps = param(1e-9, "pos")), conn)),
    Frobenius = m("frobenius", "frobenius_mu", "stationary", 2000L, c(list(eps = param(1e-9, "pos")), stat)),
    offset = m("frobenius", "frobenius_mu", "connectivity", 2000L, c(list(eps = param(1e-9, "pos")), conn)),
    "ls-nmf" = m("weighted frobenius", "frobenius_mu", "stationary", 2000L,
                 c(list(weight = param(NULL, "weight"), eps = param(1e-9, "pos")), stat), sparse = FALSE),
    "pe-nmf" = m("pe-nmf", "frobenius_mu", "stationary", 2000L,
                 c(list(alpha = param(NULL, "nonneg"), beta = param(NULL, "nonneg")), stat)),
    brunet = m("kl", "kl_mu", "connectivity", 2000L, c(list(eps = param(.Machine$double.eps, "pos")), conn)),
    KL = m("kl", "kl_mu", "stationary", 2000L, c(list(eps = param(.Machine$double.eps, "pos")), stat)),
    nsNMF = m("kl", "kl_mu", "connectivity", 2000L, c(list(theta = param(0.5, "theta")), conn)),
    "snmf/r" = m("snmf", "snmf", "snmf", 20000L, snmf),
    "snmf/l" = m("snmf", "snmf", "snmf", 20000L, snmf)
  )
  core <- c(hals = "hals", anls = "anls", kl = "kl", lee = "lee", Frobenius = "frobenius", offset = "offset",
            "ls-nmf" = "ls_nmf", "pe-nmf" = "pe_nmf", brunet = "brunet", KL = "kl_mu", nsNMF = "nsnmf",
            "snmf/r" = "snmf_r", "snmf/l" = "snmf_l")
  for (nm in names(tab)) tab[[nm]]$core <- core[[nm]]
  tab
}

#' @describeIn nmf_methods A data.frame of the methods: objective, family
#'   (help page), stopping rule, default `maxit` and parameters with their
#'   defaults (`<required>` when there is none).
#' @export
nmf_methods <- function() {
  tab <- method_table()
  fmt <- function(p) if (is.null(p$default)) "<required>" else paste(format(p$default), collapse = ", ")
  data.frame(
    method = names(tab),
    objective = vapply(tab, `[[`, "", "objective"),
    help = paste0("?", vapply(tab, function(s) paste0("methods_", s$family), "")),
    stopping = vapply(tab, `[[`, "", "stop"),
    maxit = vapply(tab, `[[`, 0L, "maxit"),
    sparse = vapply(tab, `[[`, NA, "sparse"),
    parameters = vapply(tab, function(s) {
      paste(names(s$params), vapply(s$params, fmt, ""), sep = " = ", collapse = "; ")
    }, ""),
    row.names = NULL, stringsAsFactors = FALSE
  )
}

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
  if (length(hit) > 1L) {
    abort_arg('`%s` = "%s" is ambiguous: it matches %s.', arg, name, paste0('"', hit, '"', collapse = ", "))
  }
  abort_arg('`%s` = "%s" is not a known %s; known: %s.', arg, name,
            if (arg == "method") "method" else "seeding method", known)
}

# Validates the method-specific parameters given in `...` against the
# method's specification; returns them with defaults filled in, in R form.
method_params <- function(method, dots, x) {
  spec <- method_table()[[method]]$params
  allowed <- names(spec)
  allowed_msg <- c(allowed, if (method %in% mask_methods) "mask", if (method %in% weight_methods) "weights",
                   if (method %in% mask_methods) "fixed")
  if (length(dots) && (is.null(names(dots)) || any(!nzchar(names(dots))))) {
    abort_arg("Extra arguments to nmf() must be named parameters of method \"%s\" (%s).",
              method, if (length(allowed_msg)) paste(allowed_msg, collapse = ", ") else "it has none")
  }
  unknown <- setdiff(names(dots), allowed)
  if (length(unknown)) {
    abort_arg('Unknown parameter%s %s for method "%s"; its parameters are: %s.',
              if (length(unknown) > 1) "s" else "", paste0("`", unknown, "`", collapse = ", "), method,
              if (length(allowed_msg)) paste(allowed_msg, collapse = ", ") else "none")
  }
  out <- list()
  for (p in allowed) {
    v <- if (p %in% names(dots)) dots[[p]] else spec[[p]]$default
    if (is.null(v)) abort_arg('Method "%s" needs parameter `%s`.', method, p)
    out[[p]] <- check_param(v, p, spec[[p]]$kind, x)
  }
  out
}

# Checks one method parameter by its kind.
check_param <- function(v, name, kind, x) {
  switch(kind,
    pos = check_positive_number(v, name),
    nonneg = check_nonnegative_number(v, name),
    whole = check_whole(v, name, lower = 1),
    whole0 = check_whole(v, name, lower = 0),
    flag = check_flag(v, name),
    theta = {
      if (!is.numeric(v) || length(v) != 1L || is.na(v) || v < 0 || v > 1) {
        abort_arg("`theta` must be a single number between 0 and 1, not %s.", describe_value(v))
      }
      as.numeric(v)
    },
    eta = {
      if (!is.numeric(v) || length(v) != 1L || !is.finite(v) || (v <= 0 && v != -1)) {
        abort_arg("`eta` must be a positive number, or -1 for max(x), not %s.", describe_value(v))
      }
      as.numeric(v)
    },
    penalty = {
      if (!is.numeric(v) || !length(v) %in% 1:2 || any(!is.finite(v)) || any(v < 0)) {
        abort_arg("`%s` must be one or two non-negative numbers (for W and H), not %s.", name, describe_value(v))
      }
      rep_len(as.numeric(v), 2L)
    },
    bi_conv = {
      if (!is.numeric(v) || length(v) != 2L || any(!is.finite(v)) || any(v < 0)) {
        abort_arg("`bi_conv` must be two non-negative whole numbers (wminchange, iconv), not %s.", describe_value(v))
      }
      as.integer(round(v))
    },
    weight = check_cell_weights(v, x, "weight")
  )
}

# The control list the C++ core reads, from validated parameters.
core_control <- function(method, params, x) {
  stop_rule <- method_table()[[method]]$stop
  ctl <- list()
  for (p in names(params)) {
    v <- params[[p]]
    switch(p,
      L1 = { ctl$l1_w <- v[1]; ctl$l1_h <- v[2] },
      L2 = { ctl$l2_w <- v[1]; ctl$l2_h <- v[2] },
      check.interval = if (stop_rule == "stationary") ctl$stationary_interval <- v else ctl$check_every <- v,
      check.niter = ctl$stationary_niter <- v,
      stationary.th = ctl$stationary_th <- v,
      bi_conv = { ctl$wminchange <- v[1]; ctl$iconv <- v[2] },
      eps_conv = ctl$eps_conv <- v,
      eta = ctl$eta <- if (v < 0) max_value(x) else v,
      ctl[[p]] <- v
    )
  }
  if (!is.null(ctl$stationary_interval) && !is.null(ctl$stationary_niter) &&
      ctl$stationary_interval < ctl$stationary_niter) {
    abort_arg("`check.interval` (%d) must be at least `check.niter` (%d).",
              ctl$stationary_interval, ctl$stationary_niter)
  }
  ctl
}

# Largest value of a dense or sparse matrix.
max_value <- function(x) {
  if (inherits(x, "dgCMatrix")) max(c(x@x, if (length(x@x) < prod(dim(x))) 0)) else max(x)
}
