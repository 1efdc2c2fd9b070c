# Starting points of a fit.

# The NMF package's "random" seeding (rnmf on a target matrix): W then H drawn
# from runif(0, max(max(x), 1)) and clipped at max(abs(x)).
random_start <- function(x, rank) {
  m <- nrow(x)
  n <- ncol(x)
  vmax <- if (inherits(x, "dgCMatrix")) {
    max(c(x@x, if (length(x@x) < prod(dim(x))) 0))
  } else {
    max(x)
  }
  hi <- max(vmax, 1)
  w <- matrix(stats::runif(m * rank, min = 0, max = hi), m, rank)
  h <- matrix(stats::runif(rank * n, min = 0, max = hi), rank, n)
  list(W = pmin(w, vmax), H = pmin(h, vmax))
}

# Resolves `seed` into list(W, H, label).
make_start <- function(seed, x, rank) {
  if (is.null(seed)) {
    return(c(random_start(x, rank), label = "random"))
  }
  if (inherits(seed, "nmfkit_fit")) {
    return(c(check_start(list(W = seed$W, H = seed$H), nrow(x), ncol(x), rank), label = "fit"))
  }
  if (is.list(seed)) {
    return(c(check_start(seed, nrow(x), ncol(x), rank), label = "list(W, H)"))
  }
  if (is.character(seed) && length(seed) == 1L && !is.na(seed)) {
    name <- match_name(seed, seeding_methods(), "seed")
    return(c(random_start(x, rank), label = name))
  }
  if (is.numeric(seed) && length(seed) == 1L && is.finite(seed)) {
    withr::local_seed(seed)
    return(c(random_start(x, rank), label = sprintf("random (seed = %s)", format(seed))))
  }
  abort_arg("`seed` must be NULL, a single number, a seeding method name (%s), a list(W =, H =) of start matrices or an earlier fit, not %s.",
            paste0('"', seeding_methods(), '"', collapse = ", "), describe_value(seed))
}

seeding_methods <- function() "random"
