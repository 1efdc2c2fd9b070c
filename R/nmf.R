#' Non-negative matrix factorization
#'
#' Factorizes a non-negative matrix `x` (features x samples) as
#' `x ~ W %*% H` with `W` (features x `rank`) and `H` (`rank` x samples)
#' non-negative. The call follows the NMF package's `nmf()`: code written for
#' it runs unchanged, and the methods it shares (`"lee"`, `"brunet"`) give its
#' answer for the same numeric seed.
#'
#' @param x the data, features in rows and samples in columns: a numeric
#'   matrix (double, integer or logical), a data.frame of numeric columns, a
#'   sparse `Matrix` (converted to `dgCMatrix`, never densified), a
#'   `Biobase::ExpressionSet` (its `exprs`) or a
#'   `SummarizedExperiment` (its first assay, or the one named by `assay`
#'   in `...`). All values must be finite and non-negative; all-zero rows
#'   and columns are allowed. A `DelayedArray::DelayedMatrix` (for example an
#'   `HDF5Array` on disk, or such an assay) is fitted block by block by
#'   `"hals"` and `"anls"`, never held whole: see "Matrices larger than
#'   memory" below.
#' @param rank factorization rank, a whole number between 1 and
#'   `min(dim(x))`; several ranks give a rank survey ([nmfkit_survey]). As in
#'   the NMF package, `rank` may also be the start itself: a model
#'   ([nmfModel()], [rnmf()]) or fit, or a matrix that is the starting basis
#'   (as many rows as `x`) or coefficients (as many columns); a numeric `seed`
#'   beside it still seeds R's generator.
#' @param method the algorithm, matched partially and case-insensitively (see
#'   [nmf_methods]): `"anls"`, `"hals"`, `"kl"`, or the NMF
#'   package's `"brunet"`, `"KL"`, `"lee"`, `"Frobenius"`, `"offset"`,
#'   `"nsNMF"`, `"ls-nmf"`, `"pe-nmf"`, `"snmf/r"`, `"snmf/l"`. Several names
#'   (a character vector or a list) fit each from the same seed and return an
#'   `nmfkit_list` for [compare()]. `NULL` (the default) picks the Frobenius
#'   solver that the benchmarks (`bench/`, quoted in the README) show fastest
#'   to a given loss on such data: `"hals"` for a sparse matrix (`dgCMatrix`)
#'   without missing values or `mask`, `"anls"` for anything else. The fit
#'   records the method it used (`fit$method`). The NMF package's default is
#'   `"brunet"` (KL divergence), which answers a different question more
#'   slowly: measured on its own examples (`bench/bench-default.R`), the
#'   default is 10 to 60 times faster, and its clusters agree with brunet's
#'   on 55% to 87% of the samples. `nmf.options(default.algorithm =
#'   "brunet")` or `options(nmfkit.default_method = "brunet")` makes
#'   `nmf(x, rank, seed = s)` give the NMF package's default answer exactly
#'   (`nmf.options()` also sets the defaults of `seed`, `track` and
#'   `verbose`). A function
#'   `function(x, seed, ...)` is a user-defined algorithm, as in the NMF
#'   package: it receives the data and the start (a fit whose model, `fit(seed)`,
#'   has the class `model` asks for; read and set it with [basis()], [coef()],
#'   `basis<-`, `coef<-`) and the extra arguments of `...`, and returns the
#'   updated seed, a model or `list(W =, H =)`; it runs under `nrun`, `seed`,
#'   `.callback`, consensus and surveys like the built-in methods.
#' @param seed the starting point: `NULL` (draw from R's random number
#'   generator as it stands), a number (reproducible: R's generator is seeded
#'   with it, as `set.seed()` does, for the draw and the fit, and the user's
#'   random state is restored afterwards), a seeding method (`"random"`,
#'   `"nndsvd"`, `"nndsvda"`, `"nndsvdar"`, `"ica"`; see [nmf_seed()]), a
#'   `list(W =, H =)` of start matrices, a model ([nmfModel()], [rnmf()]) or
#'   an earlier fit (warm start). As in the NMF package also: a seeding
#'   function `function(model, target, ...)` that fills the empty model of
#'   the rank it is given and returns it (drawing from R's generator as it
#'   stands), `list(method, ...)` of a seeding method and its arguments, and
#'   a random state (6 integers: an L'Ecuyer-CMRG seed, or a whole
#'   L'Ecuyer-CMRG `.Random.seed`). Random starts draw `W` then `H` exactly as
#'   the NMF package's `"random"` seeding.
#' @param nrun number of runs (default 1, 30 for a rank survey). With
#'   `nrun > 1` the runs start from independent random starts, run `i`
#'   drawing from the `i`-th L'Ecuyer-CMRG stream derived from `seed`
#'   exactly as the NMF package derives them (so `"lee"` and `"brunet"` give
#'   the NMF package's runs), and the result does not depend on where the
#'   runs are computed. They are dispatched through the future framework:
#'   `future::plan()` decides where (sequentially by default; `multisession`,
#'   `cluster`, HPC schedulers through future.batchtools), with a progress
#'   bar from progressr (`progressr::handlers(global = TRUE)` or
#'   `progressr::with_progress()`). Each run uses `threads` C++ threads, fewer
#'   when needed so that workers x threads stays within the cores (one thread
#'   in forked `multicore` workers). See [nmfkit_fitset].
#' @param ... parameters of the method (see [nmf_methods]), or of a
#'   user-defined algorithm (passed to it); `maxIter` (the NMF package's name
#'   for `maxit`); for a `SummarizedExperiment`, `assay`; and, as in the NMF
#'   package, `objective` (for a user-defined algorithm: the distance that is
#'   its deviance, `"euclidean"` by default (half the residual sum of
#'   squares), `"KL"`, or a `function(model, target, ...)`) and `mixed`
#'   (`TRUE`: a user-defined algorithm may take data with negative values).
#' @param maxit maximum number of iterations (default: the method's; 1000 for
#'   the fast methods, the NMF package's defaults for its methods).
#' @param tol stopping tolerance on the relative decrease of the objective
#'   per iteration, for the methods that stop on it (`"hals"`, `"anls"`,
#'   `"kl"`; default `1e-6`).
#' @param threads number of C++ threads (default [default_threads()]). The
#'   result does not depend on it.
#' @param verbose print progress every 100 iterations.
#' @param track keep the objective value along the iterations (every
#'   iteration for `"hals"`, every 10 for `"lee"` and `"brunet"`); see
#'   [plot.nmfkit_fit()].
#' @param keep_all keep every run's fit when `nrun > 1` (otherwise only the
#'   best fit, the consensus matrix and the runs' summary are kept).
#' @param model for a user-defined algorithm (`method` a function), the NMF
#'   package's model class of its start and result: `"NMFstd"` (default),
#'   `"NMFns"` or `"NMFOffset"`, or a list of it and its slots
#'   (`list("NMFns", theta = 0.1)`). A built-in method estimates its own model
#'   (`"NMFns"` for `"nsNMF"`, `"NMFOffset"` for `"offset"`) and takes only
#'   that name.
#' @param .options the NMF package's options, as a string of letters or a
#'   list (R matches `.opt` too): `"t"` (`track`), `"v"` (`verbose`; `"v2"`
#'   and up: a level, verbose all the same), `"d"` (`debug`: verbose), `"k"`
#'   (`keep.all`), `"p"` (`parallel`: the runs on the future plan, or when
#'   it is sequential, on a temporary plan of every core (option
#'   `nmfkit.cores`); `"p4"`: on 4 workers; `"-p"` or `"p1"`: in this R
#'   session; more workers than cores warn), `"P"` (`parallel.required`: as
#'   `"p"`, an error when `.pbackend` says the runs are sequential), `"f"` (`dry.run`: return the start, no iteration),
#'   `"S"` (`simplifyCB`, default on: `"-S"` keeps the `.callback` results
#'   as a list), `"R"` (`RNGstream`, default on: `"-R"` makes runs in this
#'   session draw their starts in turn from one generator, as the NMF package
#'   does then), and `"r"`, `"g"`, `"c"`, `"m"`, which change nothing here
#'   (`restore.seed` warns as in the NMF package: the user's random state is
#'   always kept). In a string, `"-"` turns the letters after it off until
#'   a `"+"`, as in the NMF package (`"v-p"`: verbose, not parallel). An
#'   option given here overrides the argument of the same meaning.
#' @param .pbackend where several runs go, as the NMF package's argument:
#'   `NA` or `"seq"` (in this R session), `"par"` or `"mc"` (every core), a
#'   number of workers, or a cluster from [parallel::makeCluster()]; `NULL`
#'   (the default) follows `.options` and the future plan. nmfkit maps these
#'   onto temporary `future` plans (multicore where R can fork, else
#'   multisession; a cluster plan for a cluster), so the runs and their
#'   result are the same on every backend.
#' @param .callback with several runs: a function called on each run's fit
#'   (with its run number too when it has two arguments), as in the NMF
#'   package; its results are in `res$.callback`, simplified by
#'   [sapply()] unless `.options = "-S"` or a call failed (then the errors are
#'   in the list and a warning says how many). Discarded, with a warning, for
#'   one run or with `keep_all`.
#' @param checkpoint for several runs: a directory where every finished run is
#'   saved as soon as it ends; calling again with the same data, method,
#'   settings and seed reads the runs found there instead of recomputing them,
#'   so a killed survey resumes where it stopped. With a cluster of machines
#'   the directory must be shared.
#'
#' @section Matrices larger than memory:
#' A `DelayedMatrix` `x` is read in blocks of columns of at most
#' `DelayedArray::getAutoBlockSize()` bytes, once per iteration: each block's
#' columns of `H` are updated from `W'A` and `W'W`, and `A H'` and `H H'` are
#' summed for the update of `W`; the objective comes from those sums. The
#' updates are `"hals"`'s and `"anls"`'s, without extrapolation: the fit
#' equals `nmf(as.matrix(x), rank, method, extrapolate = FALSE)` for the same
#' seed. Only `W`, `H` and one block are in memory. Missing values, `mask`,
#' `weights`, `fixed`, penalties and the SVD or ICA seeds need the data in
#' memory and are refused; seeds may be a number, `"random"`, factors or a
#' fit. Several runs and surveys work as for data in memory.
#' @return An object of class `nmfkit_fit` for one run: see [basis()],
#'   [coef()], [fitted()], [predict()], [summary()]; of class
#'   [nmfkit_fitset] for several runs of one rank; of class
#'   [nmfkit_survey] for several ranks; for several methods, an
#'   `nmfkit_list` of fits (see [compare()]).
#' @seealso [nmf_methods], [nmfkit_fit], [nmfkit_fitset], [nmfkit_survey]
#' @export
#' @examples
#' # iris: 4 measurements (features) x 150 flowers (samples)
#' x <- t(as.matrix(iris[, 1:4]))
#' fit <- nmf(x, 3, seed = 42)
#' fit
#' table(cluster = predict(fit), species = iris$Species)
#'
#' # the NMF package's algorithms, same answer as NMF::nmf for the same seed
#' fit_lee <- nmf(x, 3, "lee", seed = 123)
#' c(niter = niter(fit_lee), deviance = deviance(fit_lee))
#'
#' # sparse input is never densified
#' s <- Matrix::rsparsematrix(200, 100, density = 0.05, rand.x = runif)
#' nmf(s, 5, seed = 1)
#'
#' # several runs: the best fit and the consensus of the runs
#' res <- nmf(x, 3, "lee", nrun = 4, seed = 12345)
#' purity(res, iris$Species)
#' cophcor(res)
nmf <- function(x, rank, method = NULL, seed = NULL,
                nrun = if (is.null(dim(rank)) && is.numeric(rank) && length(rank) > 1L) 30L else 1L, model = NULL,
                .options = NULL, .pbackend = NULL, .callback = NULL, ..., maxit = NULL, tol = NULL, threads = NULL,
                verbose = FALSE, track = FALSE, keep_all = FALSE, checkpoint = NULL) {
  call <- match.call()
  # the NMF package's options (nmf.options()) where the call leaves them open
  if (missing(verbose)) verbose <- isTRUE(nmf.getOption("verbose"))
  if (missing(track)) track <- isTRUE(nmf.getOption("track"))
  if (is.null(seed) && !identical(nmf.getOption("default.seed"), "random")) seed <- nmf.getOption("default.seed")
  args <- check_nmf_args(x, rank, seed, nrun, list(...), maxit, tol, threads, verbose, track, keep_all,
                         .options, checkpoint, .pbackend, .callback, model)
  specs <- check_methods(method, args, substitute(method))
  # every method's arguments are checked before any data is densified or fitted
  checked <- lapply(specs, check_plan, args = args)
  if (length(specs) == 1L) return(fit_plan(build_plan(args, checked[[1L]], call)))
  # several methods: one fit each from the same start, compared by compare();
  # with seed = NULL each starts from the same random state, as in the NMF
  # package
  state <- NULL
  if (is.null(args$seed)) {
    if (!exists(".Random.seed", envir = globalenv(), inherits = FALSE)) stats::runif(1L)
    state <- get(".Random.seed", envir = globalenv())
  }
  fits <- lapply(checked, function(ch) {
    if (!is.null(state)) assign(".Random.seed", state, envir = globalenv())
    fit_plan(build_plan(args, ch, call))
  })
  structure(stats::setNames(fits, names(specs)), class = "nmfkit_list")
}
