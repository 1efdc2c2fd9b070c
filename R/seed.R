# Starting points of a fit: random (NMF-compatible), NNDSVD, ICA, given
# matrices or an earlier fit.

# The NMF package's "random" seeding (rnmf on a target matrix): W then H drawn
# from runif(0, max(max(x), 1)) and clipped at max(x) (`vmax`); the offset
# method also draws its offset, from runif(0, max(W, H)) before the clipping.
random_start <- function(x, rank, method = "hals", vmax = max_value(x)) {
  m <- nrow(x)
  n <- ncol(x)
  hi <- max(vmax, 1)
  w <- matrix(stats::runif(m * rank, min = 0, max = hi), m, rank)
  h <- matrix(stats::runif(rank * n, min = 0, max = hi), rank, n)
  off <- if (identical(method, "offset")) stats::runif(m, min = 0, max = max(w, h))
  if (hi > vmax) {
    w[w > vmax] <- vmax
    h[h > vmax] <- vmax
  }
  list(W = w, H = h, offset = off)
}

#' Seeding methods
#'
#' How [nmf()] chooses its starting point (argument `seed`):
#'
#' * `NULL` or `"random"`: `W` then `H` drawn from R's random number generator
#'   as it stands, uniform on `[0, max(max(x), 1)]` and clipped at `max(x)`,
#'   exactly as the NMF package's `"random"` seeding.
#' * a number: the same draw after seeding R's generator with it (as
#'   `set.seed()`); the fit runs on that stream (the NMF package's `snmf`
#'   restarts draw from it) and your own random state is restored afterwards.
#' * `"nndsvd"`: non-negative double singular value decomposition (Boutsidis
#'   and Gallopoulos 2008): the leading singular pair gives the first factor,
#'   and each further pair `(u, v)` contributes the positive or the negative
#'   parts of `u` and `v`, whichever has the larger product of norms, scaled by
#'   the square root of the singular value times that product; entries below
#'   `1e-10` are set to 0 (the NMF package's choice; scikit-learn uses `1e-6`).
#'   `"nndsvda"` fills those zeros with the mean of `x`, `"nndsvdar"` with
#'   `mean(x) * runif() / 100` (scikit-learn draws `abs(normal)` instead). The
#'   SVD is exact for dense `x`; for a `dgCMatrix` it is a randomized
#'   truncated SVD (Halko et al. 2011) that never densifies `x`.
#' * `"ica"`: independent component analysis with package fastICA, negative
#'   entries raised to machine epsilon, as the NMF package does.
#' * `list(W =, H =)`: given start matrices; an earlier fit: its factors
#'   (warm start).
#'
#' @param x a non-negative matrix (as for [nmf()]).
#' @param rank factorization rank.
#' @param method a seeding method name: `"random"`, `"nndsvd"`,
#'   `"nndsvda"`, `"nndsvdar"` or `"ica"`.
#' @return `nmf_seed()` returns `list(W =, H =)`, the start [nmf()] would use.
#' @references Boutsidis C. and Gallopoulos E. (2008). SVD based
#'   initialization: a head start for nonnegative matrix factorization.
#'   *Pattern Recognition* 41(4).
#'
#'   Halko N., Martinsson P. G. and Tropp J. A. (2011). Finding structure with
#'   randomness. *SIAM Review* 53(2).
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' s <- nmf_seed(x, 2, "nndsvd")
#' s$W
#' fit <- nmf(x, 2, seed = "nndsvd")
#' niter(fit)
nmf_seed <- function(x, rank, method = "random") {
  x <- as_nmf_input(x)
  rank <- check_rank(rank, x)
  seed <- check_seed(match_name(method, seeding_methods(), "seed"), x, rank)
  make_start(seed, x, rank)[c("W", "H")]
}

seeding_methods <- function() c("random", "nndsvd", "nndsvda", "nndsvdar", "ica", sort(ls(user_registry$seeds)))

# The start of one fit of rank `rank` from a checked seed (check_seed()):
# list(W, H, offset). Random draws come from R's generator as it stands (the
# caller has put the seed's or the run's stream in force).
make_start <- function(seed, x, rank, method = "hals", vmax = max_value(x)) {
  switch(seed$type,
    random = random_start(x, rank, method, vmax),
    method = switch(seed$name,
      random = random_start(x, rank, method, vmax),
      ica = ica_start(x, rank),
      nndsvd_start(x, rank, densify = sub("^nndsvd", "", seed$name))
    ),
    start = list(W = seed$W, H = seed$H, offset = seed$offset),
    "function" = user_seed_start(seed, x, rank),
    # a fixed factor: the given one(s), the other drawn at random
    fixed = utils::modifyList(random_start(x, rank, vmax = vmax)[c("W", "H")],
                              seed[intersect(c("W", "H"), names(seed))])
  )
}

# Runs `code` with R's generator seeded by a numeric `seed` (NULL: as it
# stands). The user's state is put back exactly as rng_snapshot() found it
# (no .Random.seed is left behind where there was none).
with_seed_of <- function(seed, code) {
  if (is.null(seed)) return(code)
  old <- rng_snapshot()
  on.exit(rng_restore(old), add = TRUE)
  withr::with_seed(seed, code)
}

nndsvd_start <- function(x, rank, densify = "") {
  s <- truncated_svd(x, rank)
  m <- nrow(x)
  n <- ncol(x)
  W <- matrix(0, m, rank)
  H <- matrix(0, rank, n)
  W[, 1] <- sqrt(s$d[1]) * abs(s$u[, 1])
  H[1, ] <- sqrt(s$d[1]) * abs(s$v[, 1])
  for (i in seq_len(rank)[-1]) {
    u <- s$u[, i]
    v <- s$v[, i]
    up <- pmax(u, 0)
    un <- pmax(-u, 0)
    vp <- pmax(v, 0)
    vn <- pmax(-v, 0)
    np <- sqrt(sum(up^2)) * sqrt(sum(vp^2))
    nn <- sqrt(sum(un^2)) * sqrt(sum(vn^2))
    if (np >= nn) {
      W[, i] <- sqrt(s$d[i] * np) * up / sqrt(sum(up^2))
      H[i, ] <- sqrt(s$d[i] * np) * vp / sqrt(sum(vp^2))
    } else {
      W[, i] <- sqrt(s$d[i] * nn) * un / sqrt(sum(un^2))
      H[i, ] <- sqrt(s$d[i] * nn) * vn / sqrt(sum(vn^2))
    }
  }
  W[!is.finite(W) | W < 1e-10] <- 0
  H[!is.finite(H) | H < 1e-10] <- 0
  if (densify != "") {
    avg <- if (inherits(x, "dgCMatrix")) sum(x@x) / prod(dim(x)) else mean(x)
    zw <- W == 0
    zh <- H == 0
    if (densify == "a") {
      W[zw] <- avg
      H[zh] <- avg
    } else {
      W[zw] <- avg * stats::runif(sum(zw)) / 100
      H[zh] <- avg * stats::runif(sum(zh)) / 100
    }
  }
  list(W = W, H = H, offset = NULL)
}

# The leading `rank` singular triplets: exact (LAPACK) for dense input, a
# randomized range finder with power iterations for sparse input.
truncated_svd <- function(x, rank) {
  if (!inherits(x, "dgCMatrix")) {
    s <- svd(x, nu = rank, nv = rank)
    return(list(d = s$d[seq_len(rank)], u = s$u, v = s$v))
  }
  p <- min(rank + 10L, min(dim(x)))
  omega <- withr::with_seed(20081, matrix(stats::rnorm(ncol(x) * p), ncol(x), p))
  y <- as.matrix(x %*% omega)
  for (it in 1:4) {
    q <- qr.Q(qr(y))
    z <- qr.Q(qr(as.matrix(Matrix::crossprod(x, q))))
    y <- as.matrix(x %*% z)
  }
  q <- qr.Q(qr(y))
  b <- as.matrix(Matrix::crossprod(x, q))  # n x p, i.e. t(Q'x)
  s <- svd(b, nu = rank, nv = rank)
  list(d = s$d[seq_len(rank)], u = q %*% s$v, v = s$u)
}

ica_start <- function(x, rank) {
  res <- fastICA::fastICA(as.matrix(x), rank, method = "C")
  list(W = pmax(res$S, .Machine$double.eps), H = pmax(res$A, .Machine$double.eps), offset = NULL)
}
