# Malformed-input battery: every exported function called with what users get
# wrong. Each case gives an R error whose message names the argument and what
# was expected (`error` is a regular expression on it), or a documented valid
# result without NaN (`check` returns TRUE). Every call here was first run in
# a child process: none crashes R.

sp_matrix <- function(i, p, x, dim) new("dgCMatrix", i = as.integer(i), p = as.integer(p), x = as.numeric(x), Dim = as.integer(dim))

# A dgCMatrix whose slots were edited by hand after construction (new() itself
# refuses unsorted indices, so a user gets there by editing slots).
hand_edited <- function(slot, value) {
  s <- sp_matrix(c(0, 2, 1), c(0, 2, 3, 3), c(1, 2, 3), c(4, 3))
  methods::slot(s, slot, check = FALSE) <- value
  s
}

finite_fit <- function(f) {
  if (inherits(f, "nmfkit_fitset")) f <- f$fit
  inherits(f, "nmfkit_fit") && all(is.finite(f$W)) && all(is.finite(f$H)) && is.finite(f$deviance) &&
    all(f$W >= 0) && all(f$H >= 0)
}
no_nan <- function(v) is.numeric(v) && !any(is.nan(v))

battery_cases <- function() {
  set.seed(1)
  x <- matrix(stats::runif(60), 10, 6)
  fit <- nmf(x, 2, seed = 1)
  fs <- nmf(x, 2, nrun = 2, seed = 1)
  zero <- matrix(0, 5, 4)
  single <- zero
  single[2, 3] <- 7
  dup <- x
  rownames(dup) <- rep("g", 10)
  colnames(dup) <- rep("s", 6)
  must_x <- "`x` must be a numeric matrix, a data.frame of numeric columns, a dgCMatrix"
  rank_msg <- function(upper = 6) sprintf("`rank` must be a whole number between 1 and %d \\(min\\(dim\\(x\\)\\)\\)", upper)
  fit_msg <- "`object` must be a fit or a fitset from nmf\\(\\), not"
  list(
    # --- nmf(): wrong types and shapes
    list("x string", function() nmf("a", 2), error = paste0(must_x, ".*not \"a\"")),
    list("x NULL", function() nmf(NULL, 2), error = paste0(must_x, ".*not NULL")),
    list("x list", function() nmf(list(1, 2), 1), error = "not an object of class list"),
    list("x function", function() nmf(mean, 1), error = "not a function"),
    list("x vector", function() nmf(1:5, 1), error = "not an integer vector of length 5"),
    list("x 3-d array", function() nmf(array(1, c(2, 2, 2)), 1), error = "not a 2 x 2 x 2 array"),
    list("x character matrix", function() nmf(matrix("a", 3, 3), 1), error = "`x` must be numeric, not a character matrix"),
    list("x complex matrix", function() nmf(matrix(1i, 3, 3), 1), error = "`x` must be numeric, not a complex matrix"),
    list("x 0 x 3", function() nmf(matrix(numeric(0), 0, 3), 1), error = "`x` must have at least one row and one column, not 0 x 3"),
    list("x 3 x 0", function() nmf(matrix(numeric(0), 3, 0), 1), error = "`x` must have at least one row and one column, not 3 x 0"),
    list("x empty sparse", function() nmf(Matrix::Matrix(0, 0, 4, sparse = TRUE), 1), error = "at least one row and one column, not 0 x 4"),
    list("x data.frame with a factor", function() nmf(data.frame(a = 1:3, b = factor(c("u", "v", "w"))), 1),
         error = "`x` is a data.frame with non-numeric column `b`; every column must be numeric"),
    list("x data.frame with characters", function() nmf(data.frame(a = 1:3, b = c("u", "v", "w"), c = letters[1:3]), 1),
         error = "non-numeric columns `b`, `c`"),
    # --- values
    list("x NA, method without missing values", function() nmf(replace(x, 3, NA), 2, "lee"),
         error = "`x` has 1 missing value \\(NA\\), which method \"lee\" cannot fit"),
    list("x NA, hals leaves it out", function() nmf(replace(x, 3, NA), 2, seed = 1), check = finite_fit),
    list("x NaN, brunet", function() nmf(replace(x, 3, NaN), 2, "brunet"), error = "which method \"brunet\" cannot fit"),
    list("x Inf", function() nmf(replace(x, 3, Inf), 2), error = "`x` must not contain infinite values: it has 1 \\(Inf\\), the first at x\\[3, 1\\]"),
    list("x -Inf in sparse", function() nmf(sp_matrix(c(0, 1), c(0, 1, 2), c(1, -Inf), c(3, 2)), 1),
         error = "`x` must not contain infinite values: it has 1 \\(Inf\\), the first at x\\[2, 2\\]"),
    list("x negative", function() nmf(replace(x, 13, -1), 2), error = "`x` must be non-negative: it has 1 negative value, the first is x\\[3, 2\\] = -1"),
    list("x negative in sparse", function() nmf(sp_matrix(c(0, 1), c(0, 1, 2), c(1, -2), c(3, 2)), 1),
         error = "`x` must be non-negative.*x\\[2, 2\\] = -2"),
    list("x huge values", function() nmf(x * 1e300, 2), error = "`x` has values up to [0-9.]+e\\+299: the squared errors of a fit would overflow"),
    list("x tiny values", function() nmf(x * 1e-300, 2), error = "`x`'s largest value is [0-9.]+e-301: the products of the factors would underflow"),
    # --- rank
    list("rank 0", function() nmf(x, 0), error = paste0(rank_msg(), ", not 0\\.")),
    list("rank negative", function() nmf(x, -1), error = paste0(rank_msg(), ", not -1\\.")),
    list("rank > min(dim)", function() nmf(x, 7), error = paste0(rank_msg(), ", not 7\\.")),
    list("rank huge", function() nmf(x, 1e10), error = paste0(rank_msg(), ", not 1e\\+10\\.")),
    list("rank non-integer", function() nmf(x, 2.5), error = paste0(rank_msg(), ", not 2.5\\.")),
    list("rank NA", function() nmf(x, NA), error = paste0(rank_msg(), ", not NA\\.")),
    list("rank Inf", function() nmf(x, Inf), error = paste0(rank_msg(), ", not Inf\\.")),
    list("rank string", function() nmf(x, "2"), error = paste0(rank_msg(), ", not \"2\"\\.")),
    list("rank TRUE", function() nmf(x, TRUE), error = paste0(rank_msg(), ", not TRUE\\.")),
    list("rank empty", function() nmf(x, integer(0)), error = "`rank` must be a whole number, or whole numbers for a rank survey"),
    list("rank survey with NA", function() nmf(x, c(2, NA)), error = "`rank` values must be whole numbers between 1 and 6 \\(min\\(dim\\(x\\)\\)\\); NA is not"),
    list("rank survey too large", function() nmf(x, c(2, 9)), error = "; 9 is not"),
    # --- other arguments of nmf()
    list("maxit beyond an integer", function() nmf(x, 2, maxit = 1e12),
         error = "`maxit` must be a whole number of at least 1 and at most 2147483647, not 1e\\+12"),
    list("nrun beyond an integer", function() nmf(x, 2, nrun = 1e12), error = "`nrun` must be a whole number of at least 1 and at most"),
    list("threads a million (capped)", function() nmf(x, 2, seed = 1, threads = 1e6),
         check = function(f) finite_fit(f) && f$threads <= max(64L, parallel::detectCores())),
    list("threads 2.5", function() nmf(x, 2, threads = 2.5), error = "`threads` must be a whole number of at least 1, not 2.5"),
    list("unnamed extra arguments", function() nmf(x, 2, "hals", 1, 2, NULL, NULL, NULL, NULL, 3),
         error = "Extra arguments to nmf\\(\\) must be named parameters of method \"hals\""),
    list("seed NA", function() nmf(x, 2, seed = NA), error = "`seed` must be NULL, a single number, a seeding method name"),
    list("seed list of wrong shape", function() nmf(x, 2, seed = list(W = matrix(1, 3, 2), H = matrix(1, 2, 6))),
         error = "`seed\\$W` must be 10 x 2 \\(nrow\\(x\\) x rank\\), not 3 x 2"),
    list("checkpoint is a file", function() {
      f <- withr::local_tempfile(lines = "a")
      nmf(x, 2, nrun = 2, checkpoint = f)
    }, error = "`checkpoint` \".*\" is a file, not a directory"),
    list("mask of wrong shape", function() nmf(x, 2, mask = matrix(TRUE, 2, 2)), error = "`mask` must have the shape of x \\(10 x 6\\), not 2 x 2"),
    list("mask with NA", function() nmf(x, 2, mask = matrix(NA, 10, 6)), error = "`mask` must not contain NA"),
    # --- odd but valid data: documented results, no NaN
    list("1 x 1 matrix", function() nmf(matrix(3, 1, 1), 1, seed = 1), check = finite_fit),
    list("1 x 1 zero", function() nmf(matrix(0, 1, 1), 1, seed = 1), check = finite_fit),
    list("one row", function() nmf(matrix(stats::runif(6), 1), 1, "brunet", seed = 1), check = finite_fit),
    list("one column", function() nmf(matrix(stats::runif(6), 6), 1, "lee", seed = 1), check = finite_fit),
    list("all-zero input", function() nmf(zero, 2, seed = 1), check = function(f) finite_fit(f) && all(fitted(f) == 0)),
    list("all-zero input, KL", function() nmf(zero, 2, "brunet", seed = 1), check = finite_fit),
    list("all-zero sparse input", function() nmf(Matrix::Matrix(0, 5, 4, sparse = TRUE), 2, "kl", seed = 1), check = finite_fit),
    list("a single non-zero cell", function() nmf(single, 1, seed = 1), check = function(f) finite_fit(f) && max(abs(fitted(f) - single)) < 1e-6),
    list("a single non-zero cell, rank too high: zero components reported",
         function() {
           expect_warning(f <- nmf(single, 3, "anls", seed = 1), "[12] of 3 components of the anls fit are zero")
           f
         }, check = finite_fit),
    list("duplicated dimnames", function() nmf(dup, 2, seed = 1),
         check = function(f) finite_fit(f) && identical(rownames(basis(f)), rownames(dup)) && identical(colnames(coef(f)), colnames(dup))),
    list("integer matrix", function() nmf(matrix(1:20, 5), 2, seed = 1), check = finite_fit),
    list("logical matrix", function() nmf(matrix(c(TRUE, FALSE), 5, 4), 2, "brunet", seed = 1), check = finite_fit),
    list("data.frame of numbers", function() nmf(as.data.frame(x), 2, seed = 1), check = finite_fit),
    list("dgCMatrix with explicit zeros", function() nmf(sp_matrix(c(0, 2, 1, 3), c(0, 2, 3, 4), c(0, 0, 3, 1), c(4, 3)), 1, "kl", seed = 1),
         check = finite_fit),
    list("dgCMatrix with unsorted row indices", function() nmf(hand_edited("i", c(2L, 0L, 1L)), 1),
         error = "`x` is not a valid dgCMatrix: 'i' slot is not increasing within columns\\. Build sparse matrices with Matrix::sparseMatrix\\(\\)"),
    list("dgCMatrix with duplicated row indices", function() nmf(hand_edited("i", c(0L, 0L, 1L)), 1),
         error = "`x` is not a valid dgCMatrix"),
    list("dgCMatrix with a row index out of range", function() nmf(hand_edited("i", c(0L, 9L, 1L)), 1),
         error = "`x` is not a valid dgCMatrix: 'i' slot has elements not in"),
    list("dgCMatrix with a decreasing p", function() nmf(hand_edited("p", c(0L, 2L, 5L, 3L)), 1), error = "`x` is not a valid dgCMatrix: 'p' slot"),
    list("dgCMatrix with a short x", function() nmf(hand_edited("x", 1), 1), error = "`x` is not a valid dgCMatrix: 'i' and 'x' slots"),
    list("dgTMatrix", function() nmf(methods::as(Matrix::Matrix(x, sparse = TRUE), "TsparseMatrix"), 2, seed = 1), check = finite_fit),
    list("lgCMatrix", function() nmf(Matrix::Matrix(x > 0.5, sparse = TRUE), 2, seed = 1), check = finite_fit),
    list("zero start, every method keeps finite", function() {
      starts <- list(W = matrix(0, 10, 2), H = matrix(0, 2, 6))
      all(vapply(c("hals", "anls", "lee", "brunet", "KL", "Frobenius", "offset"), function(m) {
        finite_fit(suppressWarnings(nmf(x, 2, m, seed = starts, maxit = 30)))
      }, NA))
    }, check = isTRUE),
    # KL methods without flooring keep a zero start at zero: an infinite
    # divergence, refused with an explanation
    list("zero start, nsNMF: infinite objective refused", function() {
      nmf(x, 2, "nsNMF", seed = list(W = matrix(0, 10, 2), H = matrix(0, 2, 6)), maxit = 5)
    }, error = "Method \"nsNMF\" ended with an infinite objective after 5 iterations"),
    list("zero start, KL solver: infinite objective refused", function() {
      nmf(x, 2, "kl", seed = list(W = matrix(0, 10, 2), H = matrix(0, 2, 6)), maxit = 5)
    }, error = "Method \"kl\" ended with an infinite objective after 5 iterations: the fit is 0 at cells where x > 0"),
    # --- accessors given something else than a fit
    list("basis of a number", function() basis(1), error = paste(fit_msg, "1\\.")),
    list("nbasis of a matrix", function() nbasis(matrix(1, 2, 2)), error = "`x` must be a fit or a fitset from nmf\\(\\), not a 2 x 2 matrix"),
    list("niter of NULL", function() niter(NULL), error = paste(fit_msg, "NULL")),
    list("runtime of a list", function() runtime(list()), error = paste(fit_msg, "an object of class list")),
    list("rss of a string", function() rss("a", x), error = paste(fit_msg, "\"a\"")),
    list("evar of a data.frame", function() evar(data.frame(a = 1), x), error = paste(fit_msg, "an object of class data.frame")),
    list("basismap of a matrix", function() basismap(x), error = paste(fit_msg, "a 10 x 6 matrix")),
    list("coefmap of a factor", function() coefmap(factor("a")), error = fit_msg),
    list("compare of a number", function() compare(1), error = "`object` must be a fit, or a list of fits from nmf\\(\\), not 1"),
    list("compare of an empty list", function() compare(list()), error = "`object` must be a list of nmfkit fits, not an empty list"),
    list("compare of a list of numbers", function() compare(list(1, fit)), error = "element 1 is not"),
    list("consensus of a matrix", function() consensus(matrix(1, 2, 2)), error = "`object` must be a fit, a fitset or a rank survey from nmf\\(\\), not a 2 x 2 matrix"),
    list("sparseness of a string", function() sparseness("a"), error = "`x` must be a numeric vector or matrix, or a fit, not \"a\""),
    list("sparseness with NA", function() sparseness(c(1, NA)), error = "`x` must not contain missing values \\(NA\\) for sparseness\\(\\); it has 1"),
    list("sparseness of a matrix without columns", function() sparseness(matrix(0, 3, 0)), check = function(v) identical(v, NA_real_)),
    list("sparseness of zeros", function() sparseness(c(0, 0)), check = function(v) identical(v, NA_real_)),
    list("featureScore of NULL", function() featureScore(NULL), error = "`object` must be a fit, a fitset or a numeric basis matrix"),
    list("featureScore of one component", function() featureScore(matrix(c(1, 2, 0), 3)), check = function(v) identical(v, c(1, 1, NA))),
    list("extractFeatures with a zero threshold (NMF's: every feature)", function() extractFeatures(fit, method = 0),
         check = function(f) all(lengths(f) == 10L)),
    list("extractFeatures with a negative threshold", function() extractFeatures(fit, method = -1), error = "`method` must be \"kim\", \"max\" or positive numbers"),
    list("predict with an unknown what", function() predict(fit, what = "consensus"),
         error = "`what` must be one of \"samples\", \"columns\", \"features\", \"rows\", not \"consensus\""),
    list("predict newdata of the wrong shape", function() predict(fit, matrix(1, 3, 3)), error = "`w` must have one row per row of `x` \\(3\\), not 10"),
    list("rss against the wrong shape", function() rss(fit, matrix(1, 3, 3)), error = "`target` must be 10 x 6 like the fitted data, not 3 x 3"),
    list("evar of an all-zero target", function() evar(fit, matrix(0, 10, 6)), check = function(v) identical(v, NA_real_)),
    # --- consensus measures
    list("dispersion of a non-square matrix", function() dispersion(matrix(1, 2, 3)), error = "square consensus matrix \\(samples x samples\\), not a 2 x 3 matrix"),
    list("cophcor of NA", function() cophcor(matrix(NA_real_, 3, 3)), error = "must hold shares of runs between 0 and 1 without NA; it has only NA"),
    list("cophcor of counts", function() cophcor(matrix(1:4, 2)), error = "it has values from 1 to 4"),
    list("dispersion of 1 x 1", function() dispersion(matrix(1, 1, 1)), check = function(v) identical(v, 1)),
    list("consensus of one run (its connectivity)", function() consensus(nmf(x, 2, nrun = 1, seed = 1)),
         check = function(C) all(C %in% 0:1) && identical(dim(C), c(6L, 6L))),
    list("cophcor and dispersion of one run", function() c(cophcor(fit), dispersion(fit)), check = function(v) isTRUE(all.equal(v, c(1, 1)))),
    # --- purity and entropy
    list("purity with a short class", function() purity(fit, 1:3),
         error = "`y` must give the known class of each of the 6 samples \\(a factor or vector of length 6\\), not an integer vector of length 3"),
    list("entropy with a long class", function() entropy(fs, 1:7), error = "each of the 6 samples .*not an integer vector of length 7"),
    list("purity without class", function() purity(fit), error = "`y` must give the known class of each of the 6 samples .* not NULL"),
    list("purity of clusters with a list", function() purity(factor(1:3), list(1, 2, 3)), error = "not an object of class list"),
    list("purity with all classes NA", function() purity(fit, rep(NA, 6)), error = "The clusters and classes have no sample in common"),
    list("entropy of an empty table", function() entropy(table(factor(character()), factor(character()))), error = "no sample in common"),
    list("entropy of a single class", function() entropy(fit, rep("a", 6)), check = function(v) identical(v, 0)),
    list("purity of a single class", function() purity(fit, rep("a", 6)), check = function(v) identical(v, 1)),
    # --- other exported functions
    list("nmf_project with a string basis", function() nmf_project("a", x), error = "`w` must be a numeric basis matrix \\(features x rank\\) or a fit, not \"a\""),
    list("nmf_project with NA in w", function() nmf_project(matrix(NA_real_, 10, 2), x), error = "`w` must not contain missing or infinite values"),
    list("nmf_project on a zero basis", function() nmf_project(matrix(0, 10, 2), x), check = function(h) all(h == 0)),
    list("consensus_components of a string", function() consensus_components("a"), error = "`object` must be a fitset"),
    list("consensus_components of a fit", function() consensus_components(fit), error = "`object` is a single run"),
    list("consensus_components of a 2-run fitset", function() consensus_components(fs, x, seed = 1), check = function(cc) inherits(cc, "nmfkit_components") && all(is.finite(coef(cc)))),
    list("consensus_components on a zero matrix", function() consensus_components(fs, zero), error = "`x` must be the data of the fit, 10 x 6"),
    list("nmf_seed rank too high", function() nmf_seed(x, 99), error = paste0(rank_msg(), ", not 99")),
    list("nmf_seed nndsvd of zeros", function() nmf_seed(zero, 2, "nndsvd"), check = function(s) all(is.finite(s$W)) && all(is.finite(s$H))),
    list("nmf_model of mismatched factors", function() nmf_model(matrix(1, 3, 2), matrix(1, 3, 4)),
         error = "`W` and `H` must share the rank: `W` has 2 columns and `H` 3 rows"),
    list("nmf_model of strings", function() nmf_model("a", "b"), error = "`W` must be a non-empty numeric matrix, not \"a\""),
    list("nmf_cv with a string rank", function() nmf_cv(x, "a"), error = "`ranks` must be whole numbers between 1 and 6, not \"a\""),
    list("nmf_cv with holdout 1", function() nmf_cv(x, 2, holdout = 1), error = "`holdout` must be a fraction strictly between 0 and 1, not 1"),
    list("nmf_cv of all zeros", function() nmf_cv(zero, 1:2, seed = 1, reps = 1), check = function(cv) inherits(cv, "nmfkit_cv")),
    list("randomize of a 1 x 1", function() randomize(matrix(1, 1, 1)), check = function(r) identical(r, matrix(1, 1, 1))),
    list("randomize of NULL", function() randomize(NULL), error = "`x` must be a numeric matrix"),
    list("complete of a number", function() complete(1, x), error = "`fit` must be an nmfkit fit, not 1"),
    list("complete with the wrong shape", function() complete(fit, matrix(1, 3, 3)), error = "`x` must be 10 x 6 like the fitted data, not 3 x 3"),
    list("consensusmap with a short annotation", function() consensusmap(fs, annCol = 1:3),
         error = "`annCol` must be a vector or factor of length 6, or a data.frame of 6 rows"),
    list("summary with a short class", function() summary(fit, class = 1:2), error = "`class` must give the known class of each of the 6 samples"),
    list("default_threads with a bad option", function() withr::with_options(list(nmfkit.threads = -1), default_threads()),
         error = "`getOption\\(\"nmfkit.threads\"\\)` must be a whole number"),
    list("nmf_methods", function() nmf_methods(), check = function(d) is.data.frame(d) && nrow(d) == 13L),
    # --- the NMF package's surface (R/compat.R, R/models.R, R/rnmf.R, R/options.R, R/aheatmap.R, ...)
    list("fit of a number", function() fit(1), error = fit_msg),
    list("minfit of a string", function() minfit("a"), error = fit_msg),
    list("algorithm of NULL", function() algorithm(NULL), error = fit_msg),
    list("seeding of a list", function() seeding(list()), error = fit_msg),
    list("nrun of a matrix", function() nrun(x), error = fit_msg),
    list("modelname of a number", function() modelname(1), error = fit_msg),
    list("runtime.all of a number", function() runtime.all(1), error = fit_msg),
    list("isNMFfit of a number", function() isNMFfit(1), check = isFALSE),
    list("is.nmf of a matrix", function() is.nmf(x), check = isFALSE),
    list("nmf.equal with a number", function() nmf.equal(fit, 1), error = "`y` must be a fit, a fitset or an NMF model, not 1"),
    list("getRNG of a string", function() getRNG("a"), error = "`object` must be a fit, a fitset or a .Random.seed-like integer vector"),
    list("getRNG1 of a fit made elsewhere", function() getRNG1(nmf_model(matrix(1, 3, 2), matrix(1, 2, 4))), error = "no record of the random state"),
    list("showRNG of a string", function() showRNG("a"), error = "`object` must be a fit, a fitset or a .Random.seed-like"),
    list("nmfModel with an unknown model", function() nmfModel(2, 4, 3, model = "x"), error = "`model` = \"x\" is not a known"),
    list("nmfModels", function() nmfModels(), check = function(m) length(m) == 3L),
    list("rnmf without target", function() rnmf(2), error = "`target` must be given"),
    list("rnmf with a negative rank", function() rnmf(-1, x), error = "`x \\(the rank\\)` must be a whole number"),
    list("rmatrix of a string", function() rmatrix("a"), error = "`x` must be a number of rows"),
    list("syntheticNMF with NA rank", function() syntheticNMF(10, NA, 5), error = "`r` must be a whole number"),
    list("scoef with a zero scale", function() scoef(fit, scale = 0), error = "`scale` must be a single positive number"),
    list("featureNames of a number", function() featureNames(1), error = "must be an NMF model, a fit, a fitset or an ExpressionSet"),
    list("sampleNames of a fit without names", function() sampleNames(fit), check = is.null),
    list("nmf.options with a bad method", function() nmf.options(default.algorithm = "zz"), error = "Option `default.algorithm` = \"zz\""),
    list("nmf.getOption of a number", function() nmf.getOption(2), error = "`x` must be the name of an option"),
    list("nmf.resetOptions", function() nmf.resetOptions(), check = function(o) "default.algorithm" %in% names(o) && is.null(o$default.algorithm)),
    list("nmf.printOptions", function() utils::capture.output(nmf.printOptions()), check = function(o) length(o) > 5L),
    list("nmfAlgorithm of an unknown name", function() nmfAlgorithm("zz"), error = "`method` = \"zz\" is not a known method"),
    list("nmfSeed of an unknown name", function() nmfSeed("svd"), error = "is not a known seeding method"),
    list("setNMFMethod of a name", function() setNMFMethod("m", "brunet"), error = "`method` must be a function"),
    list("removeNMFMethod of an unknown name", function() removeNMFMethod("zz"), error = "must be the name of a registered user-defined method"),
    list("setNMFSeed over a built-in", function() setNMFSeed("random", function(model, target) model), error = "is a built-in seeding method"),
    list("removeNMFSeed of a number", function() removeNMFSeed(1), error = "must be the name of a registered user-defined seeding method"),
    list("existsNMFMethod of a number", function() existsNMFMethod(1), check = isFALSE),
    list("existsNMFSeed of NA", function() existsNMFSeed(NA), check = isFALSE),
    list("nmfEstimateRank with one rank", function() nmfEstimateRank(x, 2), error = "`range` must be at least two ranks"),
    list("profplot of a string", function() profplot("a"), error = "`x` must be a fit, a model or a numeric matrix of profiles"),
    list("aheatmap of a string", function() aheatmap("a"), error = "`x` must be a non-empty numeric matrix"),
    list("aheatmap with a bad colour", function() aheatmap(x, color = "nope"), error = "`color` = \"nope\" is not a colour or a palette"),
    list("aheatmap of all-zero data", function() aheatmap(zero), check = function(h) inherits(h, "pheatmap"))
  )
}

test_that("the malformed-input battery: clear errors or valid results, never NaN", {
  withr::local_options(nmfkit.threads = 1)
  grDevices::pdf(NULL)
  on.exit(grDevices::dev.off(), add = TRUE)
  for (case in battery_cases()) {
    label <- case[[1]]
    if (!is.null(case$error)) {
      expect_error(case[[2]](), case$error, label = label)
    } else {
      value <- case[[2]]()
      expect_true(isTRUE(case$check(value)), label = label)
      if (is.numeric(value)) expect_false(any(is.nan(value)), label = label)
    }
  }
})

test_that("every exported function is in the battery", {
  exported <- getNamespaceExports("nmfkit")
  src <- paste(deparse(battery_cases), collapse = "\n")
  called <- exported[vapply(exported, function(f) grepl(paste0("\\b", f, "\\("), src), NA)]
  # silhouette and connectivity are covered by test-silhouette.R / test-consensus.R; the
  # replacement functions (not called as f(...)) by test-models.R / test-compat.R
  covered <- c("silhouette", "connectivity", "basis<-", "coef<-", "fit<-")
  expect_setequal(setdiff(exported, c(called, covered)), character())
})
