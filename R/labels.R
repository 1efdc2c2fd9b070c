# Consensus from the runs' labels. A fitset keeps each run's cluster labels
# (n integers per run), not an n x n matrix. What the consensus matrix gives
# is computed from them:
# * dispersion, exactly, from the runs' contingency tables (O(runs^2 n));
# * the consensus tree, cophenetic correlation, consensus clusters and
#   silhouette on the distinct label patterns: samples with the same labels
#   in every run have identical consensus rows, and average linkage on the
#   patterns, each weighted by its count (hclust's `members`), gives the tree
#   of the samples;
# * above `nmfkit.consensus_patterns` patterns, on a stratified random
#   sample of the samples (seeded, `nmfkit.consensus_sample` of them), which
#   the result and its print say.
# Up to `nmfkit.consensus_dense` samples, the dense n x n matrix is formed
# and the NMF package's own formulas are used.

# The sizes that choose the path (options, with their defaults).
consensus_limits <- function() {
  opt <- function(name, default) {
    v <- getOption(name)
    if (is.null(v)) default else check_whole(v, sprintf('getOption("%s")', name), lower = 1)
  }
  list(dense = opt("nmfkit.consensus_dense", 2000L), patterns = opt("nmfkit.consensus_patterns", 5000L),
       sample = opt("nmfkit.consensus_sample", 4000L), seed = opt("nmfkit.consensus_seed", 20261202L))
}

# The distinct rows of an n x R integer matrix of labels: `key` (the pattern
# of each sample, in order of first appearance), `counts` and `first` (a
# sample of each pattern). Combined column by column, O(n R).
label_patterns <- function(labels) {
  key <- rep(1L, nrow(labels))
  for (r in seq_len(ncol(labels))) {
    combined <- (as.numeric(key) - 1) * (max(labels[, r]) + 1) + labels[, r]
    key <- match(combined, unique(combined))
  }
  list(key = key, counts = tabulate(key, max(key, 0L)), first = match(seq_len(max(key, 0L)), key))
}

# The consensus between rows of a label matrix (rows x R): the share of runs
# with equal labels, a rows x rows matrix.
labels_consensus <- function(labels, names = NULL) {
  n <- nrow(labels)
  check_alloc(n, n, "The consensus matrix")
  z <- do.call(cbind, lapply(seq_len(ncol(labels)), function(r) {
    cl <- labels[, r]
    m <- matrix(0, n, max(cl, 1L))
    m[cbind(seq_len(n), cl)] <- 1
    m
  }))
  out <- tcrossprod(z) / ncol(labels)
  dimnames(out) <- if (is.null(names)) NULL else list(names, names)
  out
}

# Dispersion sum(4 (C - 1/2)^2) / n^2 of the consensus of `labels` without
# forming it: sum C^2 = sum_{r,s} sum_ab N_rs(a, b)^2 / R^2 with N_rs the
# contingency table of runs r and s, and sum C = sum_r sum_a n_ra^2 / R.
labels_dispersion <- function(labels) {
  n <- nrow(labels)
  runs <- ncol(labels)
  k <- max(labels)
  sq <- 0
  lin <- 0
  for (r in seq_len(runs)) {
    lin <- lin + sum(as.numeric(tabulate(labels[, r], k))^2)
    for (s in r:runs) {
      t <- sum(as.numeric(tabulate((labels[, r] - 1L) * k + labels[, s], k * k))^2)
      sq <- sq + if (s == r) t else 2 * t
    }
  }
  (4 * sq / runs^2 - 4 * lin / runs + as.numeric(n)^2) / as.numeric(n)^2
}

# How the consensus of a fitset is represented for the measures:
#   mode "dense": C (n x n) over the samples, the NMF package's formulas;
#   mode "patterns": C over the distinct label patterns, `counts` their
#     sizes, `key` the pattern of each sample;
#   mode "sample": C over a stratified random sample of the samples
#     (`index`), an approximation.
consensus_view <- function(labels, names = NULL, limits = consensus_limits()) {
  n <- nrow(labels)
  if (n <= limits$dense) {
    return(list(mode = "dense", C = labels_consensus(labels, names), counts = rep(1, n), key = seq_len(n), n = n))
  }
  pat <- label_patterns(labels)
  if (length(pat$counts) <= limits$patterns) {
    return(list(mode = "patterns", C = labels_consensus(labels[pat$first, , drop = FALSE]), counts = pat$counts,
                key = pat$key, n = n))
  }
  index <- stratified_sample(pat$key, labels[, 1L], min(limits$sample, n), limits$seed)
  list(mode = "sample", C = labels_consensus(labels[index, , drop = FALSE], names[index]),
       counts = rep(1, length(index)), key = NULL, index = index, n = n, seed = limits$seed,
       patterns = length(pat$counts))
}

# `size` samples drawn without replacement, in proportion to the clusters of
# `strata` (each cluster at least one), from R's generator seeded with `seed`
# (the user's random state is left alone).
stratified_sample <- function(key, strata, size, seed) {
  with_seed_of(seed, {
    groups <- split(seq_along(strata), strata)
    share <- pmax(1L, round(size * lengths(groups) / length(strata)))
    sort(unlist(Map(function(g, s) g[sample.int(length(g), min(s, length(g)))], groups, share), use.names = FALSE))
  })
}

# The average-linkage tree of 1 - C. On patterns, each weighted by its count
# (hclust's `members`), from the distances that hclust on the samples holds
# once it has merged each pattern's samples at height 0 (replay_zero_merges()),
# so that ties are broken as on the samples.
consensus_tree <- function(view, linkage = "average") {
  if (view$mode == "patterns") {
    d <- 1 - view$C
    if (linkage == "average") d <- replay_zero_merges(d, view$counts)
    return(stats::hclust(stats::as.dist(d), method = linkage, members = view$counts))
  }
  stats::hclust(stats::as.dist(1 - view$C), method = linkage)
}

# hclust on the samples first merges every pattern's samples at height 0,
# patterns in the order of their first sample, each absorbing its samples in
# turn; average linkage then holds between patterns p (the earlier) and q the
# distance x averaged c_p times with itself in turn (m v + x) / (m + 1), then
# that value averaged c_q times: h(h(x, c_p), c_q), equal to x but for
# rounding. That rounding decides ties, so it is replayed here (vectorised
# over the distinct values); above `budget` steps it is left out, and ties
# may then be broken otherwise than on the samples.
replay_zero_merges <- function(d, counts, budget = 2e8) {
  upper <- upper.tri(d)
  p <- row(d)[upper]
  q <- col(d)[upper]
  x <- d[upper]
  first <- seq_average(x, counts[p], budget)
  if (is.null(first)) return(d)
  second <- seq_average(first, counts[q], budget)
  if (is.null(second)) return(d)
  d[upper] <- second
  d[lower.tri(d)] <- t(d)[lower.tri(d)]
  d
}

# h(v, c) for each pair (v[i], c[i]): v averaged with itself in turn, c - 1
# times; NULL when the work exceeds `budget`.
seq_average <- function(v, c, budget) {
  values <- unique(v)
  steps <- sort(unique(c))
  if (as.numeric(length(values)) * max(steps) > budget) return(NULL)
  table <- matrix(0, length(values), length(steps))
  r <- values
  m <- 1
  for (s in seq_along(steps)) {
    while (m < steps[s]) {
      r <- (m * r + values) / (m + 1)
      m <- m + 1
    }
    table[, s] <- r
  }
  table[cbind(match(v, values), match(c, steps))]
}

# The approximation a result rests on, for its attribute and print.
view_note <- function(view) {
  if (view$mode != "sample") return(NULL)
  sprintf(paste("approximate: computed on a stratified random sample of %d of the %d samples",
                "(%d label patterns; seed %d, option nmfkit.consensus_seed)"),
          length(view$index), view$n, view$patterns, view$seed)
}

with_view_note <- function(value, view) {
  note <- view_note(view)
  if (!is.null(note)) attr(value, "approximation") <- note
  value
}

# The cophenetic correlation of a consensus view: the Pearson correlation of
# 1 - C and the tree's cophenetic distance over all pairs of samples; on
# patterns, each pair of patterns stands for count_p count_q pairs and each
# pattern for its count_p (count_p - 1) / 2 pairs at distance 0.
view_cophcor <- function(view, linkage = "average") {
  if (view$mode != "patterns") return(with_view_note(cophcor(view$C, linkage = linkage), view))
  C <- view$C
  if (nrow(C) == 1L) return(NA_real_)
  d <- stats::as.dist(1 - C)
  if (all(d == d[1L]) && all(view$counts == 1)) return(NA_real_)
  coph <- stats::cophenetic(consensus_tree(view, linkage))
  cnt <- view$counts
  w <- stats::as.dist(outer(cnt, cnt))
  w0 <- sum(cnt * (cnt - 1) / 2)
  weighted_cor(c(as.numeric(d), 0), c(as.numeric(coph), 0), c(as.numeric(w), w0))
}

weighted_cor <- function(x, y, w) {
  w <- w / sum(w)
  mx <- sum(w * x)
  my <- sum(w * y)
  sxy <- sum(w * (x - mx) * (y - my))
  sxx <- sum(w * (x - mx)^2)
  syy <- sum(w * (y - my)^2)
  if (sxx == 0 || syy == 0) return(NA_real_)
  sxy / sqrt(sxx * syy)
}

# Consensus clusters of a view, numbered as the NMF package numbers them: cut
# into k, renumbered along the tree reordered by each sample's mean
# consensus. Returns the cluster of every sample; `iOrd` (the order of the
# samples along the tree) where it is defined (dense mode).
view_clusters <- function(view, k, labels, reorder = TRUE) {
  if (view$mode == "dense") return(consensus_clusters(view$C, k, reorder = reorder))
  h <- consensus_tree(view)
  cl <- stats::cutree(h, k = k)
  if (reorder) {
    # a pattern's mean consensus over all samples, summed over its samples
    means <- as.numeric(view$C %*% view$counts) / view$n
    o <- stats::order.dendrogram(stats::reorder(stats::as.dendrogram(h), means * view$counts))
    cl <- match(cl, unique(cl[o]))
  }
  out <- if (view$mode == "patterns") cl[view$key] else assign_to_clusters(labels, view$index, cl)
  with_view_note(as.factor(out), view)
}

# The consensus cluster of every sample from those of a sample of them: the
# cluster with the largest mean consensus with the sampled members, which is
# mean over runs of the share of the members that share the sample's label.
assign_to_clusters <- function(labels, index, cl) {
  k <- max(cl)
  score <- matrix(0, nrow(labels), k)
  for (r in seq_len(ncol(labels))) {
    share <- prop.table(table(factor(labels[index, r], seq_len(max(labels[, r]))), factor(cl, seq_len(k))), 2L)
    score <- score + share[labels[, r], , drop = FALSE]
  }
  out <- max.col(score, ties.method = "first")
  out[index] <- cl
  out
}

# The silhouette of the consensus clusters off the dense path: on patterns,
# each pattern's widths (a sample's mean distance to a cluster sums over the
# cluster's patterns weighted by their counts, its own pattern at distance
# 0) given to all its samples, exactly; on a sample of the samples, that
# sample's silhouette (an approximation, as its attribute says).
view_silhouette <- function(view, clusters) {
  if (view$mode == "sample") {
    si <- cluster::silhouette(as.integer(clusters)[view$index], dmatrix = 1 - view$C)
    if (is_na_scalar(si)) return(NA)
    rownames(si) <- names(clusters)[view$index] %||% view$index
    return(with_view_note(si, view))
  }
  first <- match(seq_along(view$counts), view$key)
  pcl <- as.integer(clusters)[first]
  k <- max(pcl)
  if (k < 2L || k >= view$n) return(NA)
  member <- outer(pcl, seq_len(k), "==") * view$counts  # patterns x clusters, in samples
  sums <- (1 - view$C) %*% member
  size <- colSums(member)
  own <- size[pcl] - 1
  a <- ifelse(own > 0, sums[cbind(seq_along(pcl), pcl)] / pmax(own, 1), 0)
  other <- sweep(sums, 2L, size, "/")
  other[cbind(seq_along(pcl), pcl)] <- Inf
  neighbor <- max.col(-other, ties.method = "first")
  b <- other[cbind(seq_along(pcl), neighbor)]
  s <- ifelse(own > 0, (b - a) / pmax(a, b), 0)
  si <- cbind(cluster = pcl, neighbor = neighbor, sil_width = s)[view$key, , drop = FALSE]
  rownames(si) <- names(clusters) %||% seq_len(view$n)
  structure(si, class = "silhouette")
}
