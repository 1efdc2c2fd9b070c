# Consensus of the runs' components (cNMF, Kotliar et al. 2019): the runs'
# basis columns pooled, outliers dropped by local density, the rest clustered
# by k-means, each cluster's median the consensus component; the coefficients
# refitted on the consensus basis. Nothing here is n x n in the samples: the
# pooled components are k x nrun, and the data is read only by the projection.

#' Consensus of the components of several runs (cNMF)
#'
#' Combines the components found by the runs of a fitset into one stable set
#' of components, as cNMF does (Kotliar et al. 2019), without any samples x
#' samples object: with a million samples it costs a projection of the data
#' on the consensus basis, next to the runs themselves.
#'
#' The steps, with `k` the rank and `nrun` the runs:
#' 1. **Pool.** Every run's basis `W` (kept by every fitset, `object$bases`)
#'    gives `k` components; each is scaled to unit Euclidean (L2) norm, and
#'    the `k x nrun` unit components are pooled. A component that is zero in
#'    its run is left out (counted in `dropped`).
#' 2. **Drop outliers by local density.** The local density of a component is
#'    its mean Euclidean distance to its `L` nearest other components, with
#'    `L = max(1, floor(neighbourhood * nrun))` (cNMF's
#'    `local_neighborhood_size`, 30% of the runs by default). A component
#'    found by most runs has `L` close neighbours; one found by a single run
#'    has none. Components whose density is not below `density_threshold` are
#'    dropped. Distances between non-negative unit vectors lie in
#'    \eqn{[0, \sqrt 2]}{[0, sqrt(2)]}, so `density_threshold = 2` keeps every
#'    component; cNMF's default is 0.5, and 0.1 filters harder.
#' 3. **Cluster.** The components kept are clustered into `k` clusters by
#'    [stats::kmeans()] (Hartigan-Wong, `nstart` random starts among the
#'    distinct components, up to 100 iterations each), drawing from R's random
#'    number generator: seeded by `seed` when it is a number, the caller's
#'    random state then restored as it was.
#' 4. **Consensus basis.** Each consensus component is the feature-wise median
#'    of its cluster's unit components, rescaled to sum to 1 (as cNMF), so
#'    that the coefficients carry the scale of the data. The consensus
#'    components are numbered to match the components of the best run (a
#'    greedy matching on cosine similarity), so `basis(res)[, 1]` is the
#'    consensus counterpart of `basis(object)[, 1]`.
#' 5. **Stability.** The silhouette widths (Rousseeuw 1987) of the k-means
#'    clustering of the kept components under the Euclidean distance between
#'    unit components: their mean is the `stability` (near 1 when every run
#'    finds the same components, cNMF's stability score), their mean within a
#'    cluster the stability of that component (`summary(res)`).
#' 6. **Coefficients.** With the data `x`, `H` is fitted by non-negative least
#'    squares of `x` on the consensus basis ([nmf_project()], exact and
#'    column by column; a sparse `x` is never densified), and the deviance of
#'    the consensus fit is half its residual sum of squares (the Frobenius
#'    objective whatever the runs' method). For the Frobenius methods it is
#'    close to the best run's: a little above it when the runs disagree, and
#'    it can be below it when the runs stopped short of their optimum (the
#'    coefficients here are exact for their basis).
#'
#' @param object a fitset ([nmf()] with `nrun >= 2`), or a rank survey ([nmf()]
#'   with several ranks, see [nmfkit_survey]).
#' @param x the data the runs were fitted to (features x samples; a matrix, a
#'   `dgCMatrix` or anything [nmf()] takes), to refit the coefficients; `NULL`
#'   gives the consensus basis alone.
#' @param rank for a survey: the rank to combine (`NULL`: every rank).
#' @param density_threshold the largest local density (mean distance to the
#'   nearest components) of a component kept, in (0, 2]; 2 keeps all.
#' @param neighbourhood the number of neighbours of the local density, as a
#'   fraction of the runs, in (0, 1].
#' @param nstart the number of random starts of k-means.
#' @param seed `NULL` (R's random numbers as they stand, which advances them)
#'   or a number (reproducible; R's random state is left as it was).
#' @param threads C++ threads of the projection (default [default_threads()]).
#' @param verbose report the components dropped and the stability.
#' @return With `x`, an object of class `c("nmfkit_components", "nmfkit_fit")`:
#'   a fit (method `"components"`) whose [basis()] is the consensus basis and
#'   [coef()] the refitted coefficients, so that [fitted()], [deviance()],
#'   [predict()] (clusters, or `newdata` projected), [summary()],
#'   [silhouette()][nmfkit_silhouette], [basismap()] and the other functions
#'   of fits apply. Without `x`, an object of class `"nmfkit_components"` with
#'   [basis()] (and `predict(res, newdata)`) only. Both also hold
#'   * `stability`: the mean silhouette width of the component clustering;
#'   * `clusters`: a data.frame with one row per consensus component:
#'     `component`, `size` (the unit components in its cluster), `runs` (the
#'     runs contributing to it; `nrun` when every run found it once) and
#'     `silhouette` (its members' mean silhouette width); `summary(res)`
#'     returns it;
#'   * `pooled`: a data.frame with one row per pooled component: `run`,
#'     `component` (its column in that run), `density` (`NA` for a zero
#'     component), `kept` and `cluster` (the consensus component; `NA` when
#'     dropped), `silhouette` (`NA` when dropped);
#'   * `dropped`: the number of components dropped (zero or by density);
#'   * `settings`: `rank`, `nrun`, `neighbours` (`L`), `density_threshold`,
#'     `nstart`, `seed`, `runs_method` (the runs' method) and
#'     `best_deviance` (the best run's deviance, in the runs' objective).
#'
#'   For a survey without `rank`, a list of these, named by rank.
#' @references Kotliar D., Veres A., Nagy M. A., Tabrizi S., Hodis E., Melton
#'   D. A. and Sabeti P. C. (2019). Identifying gene expression programs of
#'   cell-type identity and cellular activity with single-cell RNA-seq.
#'   *eLife* 8:e43803.
#'
#'   Rousseeuw P. J. (1987). Silhouettes: a graphical aid to the
#'   interpretation and validation of cluster analysis. *Journal of
#'   Computational and Applied Mathematics* 20, 53-65.
#' @seealso [nmf()], [nmf_project()], [nmfkit_fitset]
#' @export
#' @examples
#' # 3 programs in 30 features x 300 samples, 10 runs
#' set.seed(1)
#' w <- matrix(runif(30 * 3), 30, 3) * kronecker(diag(3), matrix(1, 10, 1))
#' h <- matrix(rexp(3 * 300), 3, 300)
#' x <- w %*% h + matrix(runif(30 * 300, 0, 0.05), 30, 300)
#' res <- nmf(x, 3, nrun = 10, seed = 1)
#' cc <- consensus_components(res, x, seed = 1)
#' cc
#' summary(cc)
#' # the consensus components against the planted ones (cosine similarity)
#' round(crossprod(scale(w, FALSE, sqrt(colSums(w^2))),
#'                 scale(basis(cc), FALSE, sqrt(colSums(basis(cc)^2)))), 2)
consensus_components <- function(object, x = NULL, rank = NULL, density_threshold = 0.5, neighbourhood = 0.3,
                                 nstart = 10, seed = NULL, threads = NULL, verbose = FALSE) {
  sets <- check_components_object(object, rank)
  x <- check_components_data(x, sets[[1L]])
  density_threshold <- check_density_threshold(density_threshold)
  neighbourhood <- check_neighbourhood(neighbourhood)
  nstart <- check_whole(nstart, "nstart", lower = 1)
  seed <- check_seed(seed, NULL, NULL, allow = "number")$number
  threads <- check_threads(threads)
  verbose <- check_flag(verbose, "verbose")
  call <- match.call()
  out <- lapply(sets, function(set) {
    one_consensus(set, x, density_threshold, neighbourhood, nstart, seed, threads, verbose, call)
  })
  if (inherits(object, "nmfkit_survey") && is.null(rank)) out else out[[1L]]
}

# The consensus of one fitset's runs.
one_consensus <- function(set, x, density_threshold, neighbourhood, nstart, seed, threads, verbose, call) {
  t0 <- proc.time()
  k <- nbasis(set)
  nrun <- set$nrun
  pool <- pool_components(run_bases(set), k)
  L <- max(1L, min(as.integer(floor(neighbourhood * nrun)), ncol(pool$units) - 1L))
  density <- local_density(pool$units, L)
  kept <- density < density_threshold
  if (sum(kept) < k) {
    abort_arg(paste("Only %d of the %d pooled components have a local density below `density_threshold` = %g:",
                    "k-means needs at least %d (the rank); raise `density_threshold` (2 keeps them all)."),
              sum(kept), length(kept), density_threshold, k)
  }
  units <- pool$units[, kept, drop = FALSE]
  cluster <- kmeans_components(units, k, nstart, seed)
  w <- cluster_medians(units, cluster, k)
  # number the consensus components as the best run's
  perm <- match_components(w, set$fit$W)
  w <- w[, perm, drop = FALSE]
  cluster <- match(cluster, perm)
  sil <- component_silhouette(units, cluster, k)
  dimnames(w) <- list(rownames(set$fit$W), colnames(set$fit$W))

  pooled <- pool$info
  pooled$density <- NA_real_
  pooled$density[pool$nonzero] <- density
  pooled$kept <- FALSE
  pooled$kept[pool$nonzero] <- kept
  pooled$cluster <- NA_integer_
  pooled$cluster[pooled$kept] <- cluster
  pooled$silhouette <- NA_real_
  pooled$silhouette[pooled$kept] <- sil
  clusters <- data.frame(
    component = seq_len(k),
    size = tabulate(cluster, k),
    runs = vapply(seq_len(k), function(j) length(unique(pooled$run[which(pooled$cluster == j)])), 0L),
    silhouette = vapply(seq_len(k), function(j) mean(sil[cluster == j]), 0)
  )
  settings <- list(rank = k, nrun = nrun, neighbours = L, density_threshold = density_threshold, nstart = nstart,
                   seed = seed, runs_method = set$fit$method, runs_objective = set$fit$objective,
                   best_deviance = deviance(set))
  res <- list(stability = mean(sil), clusters = clusters, pooled = pooled, dropped = sum(!pooled$kept),
              settings = settings)
  if (verbose) {
    message(sprintf(paste("nmfkit: rank %d, %d of %d components dropped (local density >= %g over %d neighbours);",
                          "stability %.4f."), k, res$dropped, nrow(pooled), density_threshold, L, res$stability))
  }
  if (is.null(x)) return(structure(c(list(W = w), res), class = "nmfkit_components"))
  components_fit(w, x, res, threads, t0, call)
}

# The consensus fit: H by NNLS of x on w, as an nmfkit_fit.
components_fit <- function(w, x, res, threads, t0, call) {
  h <- nmf_project(w, x, threads = threads)
  dev <- 0.5 * nmf_rss_cpp(x, w, h, threads)
  fit <- new_nmfkit_fit(
    W = w, H = h, method = "components", objective = "frobenius", deviance = dev, niter = 0L, stop = "none",
    runtime = proc.time() - t0, track = data.frame(iteration = integer(), objective = numeric()),
    seed = "consensus of runs", parameters = list(), dimnames = list(rownames(w), colnames(x)), call = call,
    threads = threads, extra = res
  )
  class(fit) <- c("nmfkit_components", class(fit))
  fit
}

# The runs' components as unit columns (features x pooled), without the zero
# ones; `info` has the run and column of every pooled component, `nonzero`
# which of them are in `units`.
pool_components <- function(bases, k) {
  units <- do.call(cbind, bases)
  norms <- sqrt(colSums(units^2))
  nonzero <- is.finite(norms) & norms > 0
  units <- units[, nonzero, drop = FALSE]
  units <- units * rep(1 / norms[nonzero], each = nrow(units))
  info <- data.frame(run = rep(seq_along(bases), each = k), component = rep(seq_len(k), length(bases)))
  list(units = units, nonzero = nonzero, info = info)
}

# Euclidean distances between unit columns `a` (features x p) and `b`, from
# their inner products.
unit_distances <- function(a, b) sqrt(pmax(2 - 2 * crossprod(a, b), 0))

# Column blocks of at most ~32 MiB of distances against `n` columns.
distance_blocks <- function(n) {
  size <- max(1L, as.integer(4e6 %/% n))
  split(seq_len(n), ceiling(seq_len(n) / size))
}

# The local density of each unit column: its mean distance to its `L`
# nearest other columns (computed in blocks: never all p x p distances).
local_density <- function(units, L) {
  p <- ncol(units)
  out <- numeric(p)
  for (b in distance_blocks(p)) {
    d <- unit_distances(units[, b, drop = FALSE], units)
    d[cbind(seq_along(b), b)] <- Inf
    out[b] <- apply(d, 1L, function(r) mean(sort(r, partial = seq_len(L))[seq_len(L)]))
  }
  out
}

# k-means of the unit columns into k clusters; the cluster of each column.
kmeans_components <- function(units, k, nstart, seed) {
  distinct <- sum(!duplicated(t(units)))
  if (distinct < k) {
    abort_arg(paste("k-means cannot cluster the components kept into %d clusters (the rank): only %d of them are",
                    "distinct; the runs found fewer than %d different components."), k, distinct, k)
  }
  km <- tryCatch(
    withCallingHandlers(
      with_seed_of(seed, stats::kmeans(t(units), centers = k, nstart = nstart, iter.max = 100L)),
      warning = function(w) {
        warning(sprintf("k-means of the components: %s", conditionMessage(w)), call. = FALSE)
        invokeRestart("muffleWarning")
      }
    ),
    error = function(e) {
      abort_arg("k-means of the %d components kept into %d clusters failed: %s", ncol(units), k,
                conditionMessage(e))
    }
  )
  as.integer(km$cluster)
}

# The feature-wise median of each cluster's unit columns, each rescaled to sum
# to 1 (the mean where the median is zero everywhere).
cluster_medians <- function(units, cluster, k) {
  w <- vapply(seq_len(k), function(j) {
    members <- units[, cluster == j, drop = FALSE]
    m <- if (ncol(members) == 1L) members[, 1L] else apply(members, 1L, stats::median)
    if (sum(m) <= 0) m <- rowMeans(members)
    m / sum(m)
  }, numeric(nrow(units)))
  matrix(w, nrow(units), k)
}

# The order of the columns of `w` that best matches the columns of `ref`
# (greedy on cosine similarity): column j of w[, order] matches ref[, j].
match_components <- function(w, ref) {
  unit <- function(m) m * rep(1 / pmax(sqrt(colSums(m^2)), .Machine$double.xmin), each = nrow(m))
  sim <- crossprod(unit(ref), unit(w))
  k <- ncol(w)
  perm <- integer(k)
  for (step in seq_len(k)) {
    at <- which(sim == max(sim), arr.ind = TRUE)[1L, ]
    perm[at[1L]] <- at[2L]
    sim[at[1L], ] <- -Inf
    sim[, at[2L]] <- -Inf
  }
  perm
}

# Silhouette width of each unit column in its cluster (Euclidean distance;
# 0 in a cluster of one, as cluster::silhouette()), computed in blocks.
component_silhouette <- function(units, cluster, k) {
  p <- ncol(units)
  size <- tabulate(cluster, k)
  member <- matrix(0, p, k)
  member[cbind(seq_len(p), cluster)] <- 1
  out <- numeric(p)
  for (b in distance_blocks(p)) {
    d <- unit_distances(units[, b, drop = FALSE], units)
    d[cbind(seq_along(b), b)] <- 0
    sums <- d %*% member
    own <- cluster[b]
    a <- sums[cbind(seq_along(b), own)] / pmax(size[own] - 1, 1)
    mean_d <- sums / rep(size, each = length(b))
    mean_d[cbind(seq_along(b), own)] <- Inf
    nb <- apply(mean_d, 1L, min)
    s <- (nb - a) / pmax(a, nb)
    s[size[own] == 1L | !is.finite(s)] <- 0
    out[b] <- s
  }
  out
}

#' @rdname consensus_components
#' @param ... not used.
#' @export
print.nmfkit_components <- function(x, ...) {
  s <- x$settings
  fitted <- inherits(x, "nmfkit_fit")
  w <- basis(x)
  cat(sprintf("<nmfkit_components> consensus of %d %s runs at rank %d%s\n", s$nrun, s$runs_method, s$rank,
              if (fitted) sprintf(", a %d x %d matrix", nrow(w), ncol(coef(x))) else sprintf(", %d features", nrow(w))))
  cat(sprintf("  components: %d pooled, %d dropped (local density >= %g over %d neighbours), %d clustered\n",
              nrow(x$pooled), x$dropped, s$density_threshold, s$neighbours, sum(x$pooled$kept)))
  seed <- if (is.null(s$seed)) "none (R's random numbers as they stood)" else format(s$seed)
  cat(sprintf("  k-means:    %d starts, seed %s\n", s$nstart, seed))
  cat(sprintf("  stability:  %.4f mean silhouette; per component %s\n", x$stability,
              paste(format(x$clusters$silhouette, digits = 3), collapse = ", ")))
  if (fitted) {
    best <- if (s$runs_objective == "frobenius") sprintf(" (best run %s)", format(s$best_deviance, digits = 7)) else ""
    cat(sprintf("  deviance:   1/2 residual sum of squares = %s%s\n", format(deviance(x), digits = 7), best))
  } else {
    cat("  no coefficients: give the data `x` to refit them\n")
  }
  invisible(x)
}

#' @rdname consensus_components
#' @return `summary()`: the `clusters` data.frame.
#' @export
summary.nmfkit_components <- function(object, ...) object$clusters

#' @rdname consensus_components
#' @export
basis.nmfkit_components <- function(object, ...) {
  if (inherits(object, "nmfkit_fit")) NextMethod() else .subset2(object, "W")
}

#' @rdname consensus_components
#' @export
nbasis.nmfkit_components <- function(x, ...) ncol(basis(x))

#' @rdname consensus_components
#' @export
coef.nmfkit_components <- function(object, ...) {
  if (!inherits(object, "nmfkit_fit")) no_coefficients("coef()")
  NextMethod()
}

#' @rdname consensus_components
#' @export
fitted.nmfkit_components <- function(object, ...) {
  if (!inherits(object, "nmfkit_fit")) no_coefficients("fitted()")
  NextMethod()
}

#' @rdname consensus_components
#' @export
deviance.nmfkit_components <- function(object, ...) {
  if (!inherits(object, "nmfkit_fit")) no_coefficients("deviance()")
  NextMethod()
}

#' @rdname consensus_components
#' @export
predict.nmfkit_components <- function(object, ...) {
  if (inherits(object, "nmfkit_fit")) return(NextMethod())
  args <- list(...)
  newdata <- if (!is.null(args$newdata)) args$newdata else if (length(args) && !is.character(args[[1L]])) args[[1L]]
  if (is.null(newdata)) no_coefficients("predict() without `newdata`")
  do.call(nmf_project, c(list(.subset2(object, "W"), newdata), args[intersect(names(args), c("L1", "L2", "threads"))]))
}

no_coefficients <- function(what) {
  abort_arg("%s needs coefficients: this consensus has none; call consensus_components(object, x) with the data `x`.",
            what)
}
