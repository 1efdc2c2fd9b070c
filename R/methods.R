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

method_table <- function() {
  conn <- list(stopconv = 40L, check.interval = 10L)
  list(
    hals = list(objective = "frobenius", maxit = 1000L, tol = 1e-6,
                params = list(inner = 10L, inner_tol = 0.01)),
    lee = list(objective = "frobenius", maxit = 2000L, tol = NA_real_,
               params = c(list(eps = 1e-9), conn)),
    brunet = list(objective = "kl", maxit = 2000L, tol = NA_real_,
                  params = c(list(eps = .Machine$double.eps), conn))
  )
}

#' @describeIn nmf_methods A data.frame of the methods with their objective
#'   and default parameters.
#' @export
nmf_methods <- function() {
  tab <- method_table()
  data.frame(
    method = names(tab),
    objective = vapply(tab, `[[`, "", "objective"),
    maxit = vapply(tab, `[[`, 0L, "maxit"),
    stopping = ifelse(is.na(vapply(tab, `[[`, 0, "tol")), "connectivity", "relative objective change"),
    parameters = vapply(tab, function(s) {
      paste(names(s$params), vapply(s$params, format, ""), sep = " = ", collapse = ", ")
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

# Validates the method-specific parameters given in `...`.
method_params <- function(method, dots) {
  spec <- method_table()[[method]]
  allowed <- names(spec$params)
  unknown <- setdiff(names(dots), allowed)
  if (length(dots) && (is.null(names(dots)) || any(!nzchar(names(dots))))) {
    abort_arg("Extra arguments to nmf() must be named parameters of method \"%s\" (%s).",
              method, paste(allowed, collapse = ", "))
  }
  if (length(unknown)) {
    abort_arg('Unknown parameter%s %s for method "%s"; its parameters are: %s.',
              if (length(unknown) > 1) "s" else "", paste0("`", unknown, "`", collapse = ", "), method,
              paste(allowed, collapse = ", "))
  }
  params <- utils::modifyList(spec$params, dots)
  for (p in names(params)) {
    params[[p]] <- switch(p,
      eps = check_positive_number(params[[p]], p),
      inner_tol = check_nonnegative_number(params[[p]], p),
      check_whole(params[[p]], p, lower = if (p == "stopconv") 0 else 1)
    )
  }
  names(params)[names(params) == "check.interval"] <- "check_interval"
  params
}
