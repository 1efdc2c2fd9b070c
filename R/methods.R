# The registry of fitting methods: objective, defaults and parameters.

#' NMF algorithms available in nmfkit
#'
#' All methods fit `x ~ W %*% H` with `W >= 0` (features x rank) and
#' `H >= 0` (rank x samples), alternating an update of `H` and an update of
#' `W` at each iteration. Method names match partially and case-insensitively,
#' as in the NMF package (`"br"` is `"brunet"`).
#'
#' @section `"hals"` (the default):
#' Frobenius objective \deqn{\frac{1}{2}\|X - WH\|_F^2}{1/2 ||X - WH||_F^2}
#' minimised by hierarchical alternating least squares, i.e. exact coordinate
#' descent on the rows of `H` and the columns of `W` (Cichocki and Phan 2009),
#' with repeated inner sweeps on the k x k Gram matrices (Gillis and Glineur
#' 2012). Works on dense and sparse input without densifying it. Stops when
#' the relative decrease of the objective over one iteration falls below
#' `tol` (default `1e-6`) or after `maxit` (default 1000) iterations.
#' The columns of the returned `W` sum to one.
#' Parameters: `inner` (maximum inner sweeps per update, default 10) and
#' `inner_tol` (inner sweeps stop when a sweep changes the factor by less than
#' this fraction of the first sweep's change, default 0.01).
#'
#' @section `"lee"`:
#' Frobenius objective, multiplicative updates of Lee and Seung (2001) exactly
#' as the NMF package's `"lee"` performs them:
#' \deqn{H \leftarrow \max(H \circ W^T X, \epsilon) / (W^T W H + \epsilon)}{H <- max(H * (W'X), eps) / (W'W H + eps)}
#' \deqn{W \leftarrow \max(W \circ X H^T, \epsilon) / (W H H^T + \epsilon)}{W <- max(W * (X H'), eps) / (W H H' + eps)}
#' followed by the division of each column of `W` by its sum, with
#' `eps = 1e-9`. Stops by the NMF package's connectivity rule: every
#' `check.interval = 10` iterations the clustering of the samples
#' (`which.max` of each column of `H`) is compared with the previous one, and
#' the fit stops once it has not changed for more than `stopconv = 40` checks,
#' or after `maxit = 2000` iterations. `tol` is not used.
#' Parameters: `eps`, `stopconv`, `check.interval`.
#'
#' @section `"brunet"`:
#' Generalised Kullback-Leibler divergence
#' \deqn{\sum_{ij} X_{ij}\log\frac{X_{ij}}{(WH)_{ij}} - X_{ij} + (WH)_{ij}}{sum X log(X / WH) - X + WH}
#' minimised by the multiplicative updates of Lee and Seung (2001) as used by
#' Brunet et al. (2004), exactly as the NMF package's default method:
#' \deqn{H_{aj} \leftarrow H_{aj} \frac{\sum_i W_{ia} X_{ij}/(WH)_{ij}}{\sum_i W_{ia}}}{H <- H * (W' (X / WH)) / colSums(W)}
#' \deqn{W_{ia} \leftarrow W_{ia} \frac{\sum_j H_{aj} X_{ij}/(WH)_{ij}}{\sum_j H_{aj}}}{W <- W * ((X / WH) H') / rowSums(H)}
#' with entries below `eps = .Machine$double.eps` raised to `eps` every 10
#' iterations, and the same connectivity stopping rule and `maxit = 2000` as
#' `"lee"`. Cells where `X` is 0 and `WH` is 0 count as 0 (the NMF package
#' gives NaN there, which is why it refuses all-zero rows).
#' Parameters: `eps`, `stopconv`, `check.interval`.
#'
#' @references
#' Lee D. D. and Seung H. S. (2001). Algorithms for non-negative matrix
#' factorization. *Advances in Neural Information Processing Systems* 13.
#'
#' Brunet J.-P., Tamayo P., Golub T. R. and Mesirov J. P. (2004). Metagenes
#' and molecular pattern discovery using matrix factorization. *PNAS* 101(12).
#'
#' Cichocki A. and Phan A.-H. (2009). Fast local algorithms for large scale
#' nonnegative matrix and tensor factorizations. *IEICE Transactions on
#' Fundamentals* E92-A(3).
#'
#' Gillis N. and Glineur F. (2012). Accelerated multiplicative updates and
#' hierarchical ALS algorithms for nonnegative matrix factorization.
#' *Neural Computation* 24(4).
#'
#' Gaujoux R. and Seoighe C. (2010). A flexible R package for nonnegative
#' matrix factorization. *BMC Bioinformatics* 11:367.
#'
#' @name nmf_methods
#' @seealso [nmf()]
#' @examples
#' nmf_methods()
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
  list(
    hals = m("frobenius", "fast", "relative", 1000L, c(list(inner = param(10L, "whole"),
             inner_tol = param(0.01, "nonneg")), pen), tol = 1e-6),
    anls = m("frobenius", "fast", "relative", 1000L, pen, tol = 1e-6),
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
  if (length(dots) && (is.null(names(dots)) || any(!nzchar(names(dots))))) {
    abort_arg("Extra arguments to nmf() must be named parameters of method \"%s\" (%s).",
              method, if (length(allowed)) paste(allowed, collapse = ", ") else "it has none")
  }
  unknown <- setdiff(names(dots), allowed)
  if (length(unknown)) {
    abort_arg('Unknown parameter%s %s for method "%s"; its parameters are: %s.',
              if (length(unknown) > 1) "s" else "", paste0("`", unknown, "`", collapse = ", "), method,
              if (length(allowed)) paste(allowed, collapse = ", ") else "none")
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
    weight = {
      if (inherits(v, "Matrix")) v <- as.matrix(v)
      if (!is.matrix(v) || !is.numeric(v) || !identical(dim(v), dim(x))) {
        abort_arg("`weight` must be a numeric matrix of the same shape as x (%d x %d), not %s.",
                  nrow(x), ncol(x), describe_value(v))
      }
      storage.mode(v) <- "double"
      check_values(v, "weight")
      v
    }
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
      check.interval = if (stop_rule == "stationary") ctl$stationary_interval <- v else ctl$check_interval <- v,
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
