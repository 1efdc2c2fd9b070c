# Help pages of the method families (documentation only).

#' Fast solvers: hals, anls and kl
#'
#' nmfkit's own solvers. They minimise a penalised objective,
#' \deqn{F(W, H) + L_{1,w}\sum W + L_{1,h}\sum H + \frac{L_{2,w}}{2}\|W\|_F^2 +
#'   \frac{L_{2,h}}{2}\|H\|_F^2,}{F(W, H) + L1w sum(W) + L1h sum(H) + L2w/2 ||W||^2 + L2h/2 ||H||^2,}
#' with `L1 = c(L1w, L1h)` and `L2 = c(L2w, L2h)` (one number applies to both;
#' default 0), on dense or sparse input (a `dgCMatrix` is never densified: the
#' products cost `O(nnz k)` and the Frobenius loss is computed from the k x k
#' Gram matrices). They stop when the objective decreases by less than `tol`
#' (default `1e-6`, relative) over one iteration, or after `maxit` (1000).
#' Without penalties the columns of the returned `W` sum to one. With a
#' penalty on one factor only, the other factor is kept at unit norm after each
#' iteration (otherwise the penalty could be avoided by rescaling).
#'
#' @section `"hals"` (the default on sparse data):
#' \eqn{F = \frac{1}{2}\|X - WH\|_F^2}{F = 1/2 ||X - WH||^2}, by hierarchical
#' alternating least squares: exact coordinate descent over the rows of `H`
#' and the columns of `W` (Cichocki and Phan 2009), repeated inner sweeps on
#' the Gram matrices until a sweep changes the factor by less than `inner_tol`
#' (0.01) of the first sweep's change, at most `inner` (10) sweeps (Gillis and
#' Glineur 2012). Columns of `W` are scaled to unit norm after each iteration.
#'
#' @section Extrapolation (`"hals"` and `"anls"`):
#' With `extrapolate = TRUE` (the default) each update of `H` is followed by a
#' momentum step \eqn{\hat H = \max(0, H + \beta (H - H_{prev}))}{H^ = max(0, H + beta (H - H_prev))},
#' and `W` is updated against \eqn{\hat H}{H^}, then extrapolated the same way
#' (Ang and Gillis 2019). A step that raises the objective is discarded and the
#' next one starts again from the last accepted factors without momentum, with
#' a smaller \eqn{\beta}{beta}; accepted steps let \eqn{\beta}{beta} grow (from
#' 0.5, up to 1). This keeps the objective decreasing and usually cuts the
#' iterations needed for a given loss several times. `extrapolate = FALSE`
#' gives the plain alternating updates.
#'
#' @section `"anls"` (the default on dense data):
#' The same \eqn{F}, by alternating non-negative least squares solved exactly
#' for every column: block principal pivoting (Kim and Park 2011) on the Gram
#' matrix, warm-started from the previous passive set, with the Cholesky
#' factors of the passive sets cached across columns.
#'
#' @section The default method:
#' `nmf()` without `method` uses the solver that the benchmarks (`bench/`,
#' quoted in the README) show fastest to a given loss on such data: `"anls"`
#' on dense data (as fast as `"hals"` when the factors are sparse, 6 times
#' faster when they are positive) and on data with missing values or a `mask`
#' (1.1 to 1.3 times faster); `"hals"` on a sparse matrix without missing values
#' (1.6 to 2.1 times faster at rank 20: its iterations are cheaper than exact NNLS).
#'
#' @section `"kl"`:
#' \eqn{F = \sum_{ij} X_{ij}\log\frac{X_{ij}}{(WH)_{ij}} - X_{ij} + (WH)_{ij}}{F = sum X log(X / WH) - X + WH}
#' (generalised Kullback-Leibler divergence, Poisson likelihood), by sequential
#' coordinate Newton descent (Hsieh and Dhillon 2011): each coordinate takes a
#' projected Newton step with `WH` kept up to date, `inner` (3) sweeps per
#' update. Only the non-zero cells enter the ratios, so sparse counts cost
#' `O(nnz k)` per sweep, and dense counts with many zeros cost less than their
#' size. A step never sets a cell's fitted value to 0 where
#' the data are positive. On x86-64 the sweeps are also built for AVX2 + FMA
#' and that build is used when the CPU has them; the two builds differ only in
#' rounding, so fits on machines with and without AVX2 agree to rounding, and
#' on one machine a fit is reproducible whatever the number of threads.
#'
#' @references
#' Ang A. M. S. and Gillis N. (2019). Accelerating nonnegative matrix
#' factorization algorithms using extrapolation. *Neural Computation* 31(2).
#'
#' Cichocki A. and Phan A.-H. (2009). Fast local algorithms for large scale
#' nonnegative matrix and tensor factorizations. *IEICE Transactions on
#' Fundamentals* E92-A(3).
#'
#' Gillis N. and Glineur F. (2012). Accelerated multiplicative updates and
#' hierarchical ALS algorithms for nonnegative matrix factorization.
#' *Neural Computation* 24(4).
#'
#' Kim J. and Park H. (2011). Fast nonnegative matrix factorization: an
#' active-set-like method and comparisons. *SIAM Journal on Scientific
#' Computing* 33(6).
#'
#' Hsieh C.-J. and Dhillon I. S. (2011). Fast coordinate descent methods with
#' variable selection for non-negative matrix factorization. *KDD 2011*.
#' @name methods_fast
#' @family method families
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' nmf(x, 3, "anls", seed = 1)
#' nmf(x, 3, "hals", seed = 1, L1 = c(0, 1))   # sparser H
#' counts <- matrix(rpois(200 * 50, 3), 200)
#' nmf(counts, 4, "kl", seed = 1)
NULL

#' Multiplicative updates for the Frobenius loss: lee, Frobenius, offset, ls-nmf, pe-nmf
#'
#' The NMF package's algorithms, computed in C++ with its exact updates,
#' epsilon handling, defaults and stopping rules, so that the same data and
#' numeric seed give the NMF package's iterations and factors. Default
#' `maxit` 2000 (the NMF package's `maxIter`); `tol` is not used.
#'
#' @section `"lee"`:
#' \eqn{\frac{1}{2}\|X - WH\|_F^2}{1/2 ||X - WH||^2} by the multiplicative
#' updates of Lee and Seung (2001),
#' \deqn{H \leftarrow \max(H \circ W^T X, \epsilon) / (W^T W H + \epsilon),\quad W \leftarrow \max(W \circ X H^T,
#'   \epsilon) / (W H H^T +
#'   \epsilon),}{H <- max(H * (W'X), eps) / (W'W H + eps),  W <- max(W * (X H'), eps) / (W H H' + eps),}
#' then each column of `W` divided by its sum (`H` is not compensated, as in
#' the NMF package); `eps = 1e-9`. Stops by the connectivity rule: every
#' `check.interval` (10) iterations the clustering of the samples (`which.max`
#' of each column of `H`) is compared with the previous one; the fit stops
#' once it has not changed for more than `stopconv` (40) checks.
#'
#' @section `"Frobenius"`:
#' `"lee"`'s updates with the NMF package's stationarity rule: the objective is
#' computed at iteration 0 and in windows of `check.niter` (10) iterations
#' starting every `check.interval` (50) iterations; the fit stops when the
#' range of a window's values divided by `check.niter` is at most
#' `stationary.th` (`.Machine$double.eps`).
#'
#' @section `"offset"`:
#' `X ~ WH + o 1'` with a non-negative offset `o` per feature (Badea 2008):
#' the `lee` updates with `W'o 1'` and `o rowSums(H)'` added to the
#' denominators of `H` and `W`, then
#' \eqn{o \leftarrow o \circ \max(rowSums(X), \epsilon) / (rowSums(WH) + n\,o +
#'   \epsilon)}{o <- o * max(rowSums(X), eps) / (rowSums(WH) + n o + eps)}.
#' A random start draws `o` after `W` and `H`; other starts use
#' `rowMeans(x)`. The offset is `fit$offset`, and [fitted()] includes it.
#' Connectivity rule.
#'
#' @section `"ls-nmf"`:
#' Least-squares NMF with cell weights `V` (Wang et al. 2006; parameter
#' `weight`, a matrix the shape of `x`, required):
#' \deqn{H \leftarrow \max(H \circ W^T (X \circ V), \epsilon) / (W^T (WH \circ V) +
#'   \epsilon)}{H <- max(H * W'(X * V), eps) / (W'(WH * V) + eps)}
#' and likewise for `W`, `eps = 1e-9`. Stationarity rule on the NMF package's
#' objective `sum(((X - WH) * V)^2) / 2` (squared weights, as it computes
#' it), which is also what [deviance()] reports. Dense only: sparse `x` is
#' converted.
#'
#' @section `"pe-nmf"`:
#' Pattern-expression NMF (Zhang et al. 2008), parameters `alpha` and `beta`
#' (required):
#' \deqn{H \leftarrow H \circ W^T X / (W^T W H + \beta),\quad W \leftarrow W \circ X H^T / (W H H^T + \alpha W M),\ M
#'   = 11^T - I,}{H <- H * (W'X) / (W'W H + beta),  W <- W * (X H') / (W H H' + alpha W M),  M = 11' - I,}
#' which descend
#' \eqn{\frac{1}{2}\|X - WH\|^2 + \frac{\alpha}{2}\sum_{i \ne j} w_i^T w_j + \beta \sum
#'   H}{1/2 ||X - WH||^2 + alpha/2 sum_{i != j} w_i'w_j + beta sum(H)}.
#' [deviance()] reports this full objective. The NMF package's objective
#' function for pe-nmf has a bug and returns only `beta * sum(H)`; its
#' stationarity rule watches that value, and so does nmfkit's, so that the
#' iterations agree.
#'
#' @references
#' Lee D. D. and Seung H. S. (2001). Algorithms for non-negative matrix
#' factorization. *Advances in Neural Information Processing Systems* 13.
#'
#' Badea L. (2008). Extracting gene expression profiles common to colon and
#' pancreatic adenocarcinoma using simultaneous nonnegative matrix
#' factorization. *Pacific Symposium on Biocomputing* 13.
#'
#' Wang G., Kossenkov A. V. and Ochs M. F. (2006). LS-NMF: a modified
#' non-negative matrix factorization algorithm utilizing uncertainty estimates.
#' *BMC Bioinformatics* 7:175.
#'
#' Zhang J., Wei L., Feng X., Ma Z. and Wang Y. (2008). Pattern expression
#' nonnegative matrix factorization: algorithm and applications to blind
#' source separation. *Computational Intelligence and Neuroscience*.
#'
#' Gaujoux R. and Seoighe C. (2010). A flexible R package for nonnegative
#' matrix factorization. *BMC Bioinformatics* 11:367.
#' @name methods_frobenius_mu
#' @family method families
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' fit <- nmf(x, 3, "lee", seed = 123)
#' c(niter(fit), deviance(fit))
#' off <- nmf(x, 2, "offset", seed = 1)
#' off$offset
#' nmf(x, 2, "pe-nmf", seed = 1, alpha = 0.1, beta = 0.01)
NULL

#' Multiplicative updates for the KL divergence: brunet, KL, nsNMF
#'
#' The NMF package's algorithms for the generalised Kullback-Leibler divergence
#' \eqn{\sum_{ij} X_{ij}\log\frac{X_{ij}}{(WH)_{ij}} - X_{ij} + (WH)_{ij}}{sum X log(X / WH) - X + WH},
#' computed in C++ with its exact updates and stopping rules (same iterations
#' and factors for the same seed). Default `maxit` 2000; `tol` is not used.
#' Cells where `X` and `WH` are both 0 count as 0 (the NMF package gives NaN
#' there and therefore refuses all-zero rows).
#'
#' @section `"brunet"` (the NMF package's default):
#' Lee and Seung's (2001) updates as used by Brunet et al. (2004):
#' \deqn{H_{aj} \leftarrow H_{aj} \frac{\sum_i W_{ia} X_{ij}/(WH)_{ij}}{\sum_i W_{ia}},\quad W_{ia} \leftarrow W_{ia}
#'   \frac{\sum_j H_{aj} X_{ij}/(WH)_{ij}}{\sum_j
#'   H_{aj}},}{H <- H * (W'(X / WH)) / colSums(W),  W <- W * ((X / WH) H') / rowSums(H),}
#' with entries below `eps` (`.Machine$double.eps`) raised to `eps` every 10
#' iterations; the connectivity stopping rule (`stopconv` 40,
#' `check.interval` 10; see [methods_frobenius_mu]).
#'
#' @section `"KL"`:
#' `"brunet"`'s updates with the stationarity stopping rule (see
#' [methods_frobenius_mu]).
#'
#' @section `"nsNMF"`:
#' Nonsmooth NMF (Pascual-Montano et al. 2006): `X ~ W S H` with the
#' smoothing matrix \eqn{S = (1 - \theta) I + \frac{\theta}{k} 11^T}{S = (1 - theta) I + theta/k 11'}
#' (`theta`, default 0.5): `brunet`'s update of `H` with `WS` in place of
#' `W`, of `W` with `SH` in place of `H`, then the columns of `W` divided by
#' their sums. [fitted()] is `W S H`. Connectivity rule.
#'
#' @references
#' Brunet J.-P., Tamayo P., Golub T. R. and Mesirov J. P. (2004). Metagenes
#' and molecular pattern discovery using matrix factorization. *PNAS* 101(12).
#'
#' Pascual-Montano A., Carazo J. M., Kochi K., Lehmann D. and Pascual-Marqui
#' R. D. (2006). Nonsmooth nonnegative matrix factorization (nsNMF). *IEEE
#' Transactions on Pattern Analysis and Machine Intelligence* 28(3).
#' @name methods_kl_mu
#' @family method families
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' nmf(x, 3, "brunet", seed = 123)
#' nmf(x, 3, "nsNMF", seed = 123, theta = 0.7)
NULL

#' Sparse NMF by alternating NNLS: snmf/r and snmf/l
#'
#' Kim and Park's (2007) sparse NMF, exactly as the NMF package's `"snmf/r"`
#' and `"snmf/l"` (same iterations and factors for the same seed), solved in
#' C++ with an exact NNLS solver (the NMF package runs it in R). `"snmf/r"`
#' makes `H` sparse:
#' \deqn{\min_{W, H \ge 0} \frac{1}{2}\left(\|X - WH\|_F^2 + \eta^2\|W\|_F^2 + \beta\sum_j
#'   \|h_j\|_1^2\right),}{min 1/2 (||X - WH||^2 + eta^2 ||W||^2 + beta sum_j (sum_a H_aj)^2),}
#' alternating `H = argmin ||[X; 0] - [W; sqrt(beta) 1'] H||` and
#' `W' = argmin ||[X'; 0] - [H'; eta I] W'||`; `"snmf/l"` does the same on
#' `t(x)` and so makes `W` sparse. Parameters: `eta` (default -1, meaning
#' `max(x)`), `beta` (0.01), `bi_conv = c(wminchange, iconv)` (`c(0, 10)`),
#' `eps_conv` (`1e-4`); `maxit` 20000. Every 5 iterations the cluster of each
#' row of `W` and column of `H` (R's `max.col`, near-ties broken at random
#' from R's generator as the NMF package does) is compared with the previous
#' check; the fit stops when at most `wminchange` rows of `W` and no column of
#' `H` changed for `iconv` checks and the mean KKT residual is below
#' `eps_conv` times the first one. When a row of `H` is all zero, `W` restarts
#' from `runif()`; after 10 restarts the fit stops with a warning (with
#' `verbose = TRUE` each restart is reported). A fit that restarts has reached
#' degenerate least-squares problems whose exact zeros the NMF package's
#' solver and nmfkit's may settle differently, so after a restart the
#' iterations can part from the NMF package's (seen on iris at rank 3 with the
#' default `beta`, where both stop after 10 restarts); without restarts they
#' agree to rounding.
#' [deviance()] is the NMF package's objective,
#' \eqn{\frac{1}{2}(\|X - WH\|^2 + \eta\|W\|^2 + \beta\sum_j
#'   \|h_j\|_1^2)}{1/2 (||X - WH||^2 + eta ||W||^2 + beta sum_j (sum_a H_aj)^2)}
#' (with \eqn{\eta}{eta}, not \eqn{\eta^2}{eta^2}, as it computes it).
#'
#' @references
#' Kim H. and Park H. (2007). Sparse non-negative matrix factorizations via
#' alternating non-negativity-constrained least squares for microarray data
#' analysis. *Bioinformatics* 23(12).
#' @name methods_snmf
#' @family method families
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' fit <- nmf(x, 2, "snmf/r", seed = 1)
#' mean(coef(fit) == 0)
NULL
