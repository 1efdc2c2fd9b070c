# The acceptance harness of the NMF package's surface: the NMF package's own
# documents (its vignettes' code and its demos, as installed with NMF 0.25)
# evaluated expression by expression, once with NMF attached (recorded by
# tools/nmf-docs-reference.R into fixtures/nmf-docs.rds) and once with nmfkit
# attached instead (test-nmf-docs.R). Both runs use run_nmf_docs(), each in a
# fresh R process (callr), so that the two packages, which export many of the
# same names, never meet.

# The documents: where they are in the NMF installation, and the line from
# which they are taken (the NMF vignette from its esGolub chunk on: what comes
# before is knitr set-up and a timing table of NMF's own implementations).
nmf_docs <- function() {
  list(
    vignette = list(dir = "doc", file = "NMF-vignette.R", from = "## ----esGolub"),
    heatmaps = list(dir = "doc", file = "heatmaps.R", from = NULL),
    demo_nmf = list(dir = "demo", file = "nmf.R", from = NULL),
    demo_heatmaps = list(dir = "demo", file = "heatmaps.R", from = NULL),
    demo_aheatmap = list(dir = "demo", file = "aheatmap.R", from = NULL)
  )
}

# The top-level expressions of a document. The vignette wraps most chunks in
# `if (requireNamespace("Biobase", quietly = TRUE)) { ... }`; such a block
# counts as its statements, one by one, as a reader would run them.
nmf_doc_exprs <- function(doc, nmf_path = find.package("NMF")) {
  path <- file.path(nmf_path, doc$dir, doc$file)
  exprs <- parse(path, keep.source = TRUE)
  if (!is.null(doc$from)) {
    start <- grep(doc$from, readLines(path), fixed = TRUE)[1L]
    lines <- vapply(attr(exprs, "srcref"), function(s) s[1L], 0L)
    exprs <- exprs[lines > start]
  }
  out <- list()
  for (e in as.list(exprs)) {
    guarded <- is.call(e) && identical(e[[1L]], as.name("if")) && length(e) == 3L &&
      grepl("requireNamespace", paste(deparse(e[[2L]]), collapse = " ")) &&
      is.call(e[[3L]]) && identical(e[[3L]][[1L]], as.name("{"))
    out <- c(out, if (guarded) as.list(e[[3L]])[-1L] else list(e))
  }
  out
}

# Computations on the documents' objects whose numbers the NMF package and
# nmfkit must share (to 1e-6), where the document itself prints none or
# prints them through a fit whose method or seed nmfkit chooses otherwise.
# Each probe runs right after the expression of document `doc` whose text
# starts with `after`; `nmf` and `nmfkit` are what each package evaluates,
# and give named numbers (see probe_numbers() in the child process).
nmf_docs_probes <- function() {
  list(
    # the document's first fit is NMF's default, brunet, drawn from the state
    # set.seed(123456) left (nothing before it draws): nmfkit's brunet with
    # seed 123456 starts from the same draw
    list(doc = "vignette", after = "res <- nmf(esGolub, 3)", name = "default fit, brunet",
         nmf = quote(summary(res, target = esGolub, class = esGolub$Cell)),
         nmfkit = quote(summary(nmf(esGolub, 3, "brunet", seed = 123456), target = esGolub, class = esGolub$Cell))),
    list(doc = "vignette", after = "res <- nmf(esGolub, 3, seed = 123456)", name = "random state of a numeric seed",
         nmf = quote(rng_numbers(getRNG(res))), nmfkit = quote(rng_numbers(getRNG(res)))),
    # nmf(x, 2:6, nrun = 10, seed = 123456) is nmfEstimateRank() with the
    # default method, brunet
    list(doc = "vignette", after = "estim.r <- nmf(esGolub, 2:6", name = "rank survey, brunet",
         nmf = quote(survey_numbers(estim.r)),
         nmfkit = quote(survey_numbers(nmfEstimateRank(esGolub, 2:6, method = "brunet", nrun = 10, seed = 123456)))),
    list(doc = "demo_nmf", after = "x <- syntheticNMF(n, counts)", name = "synthetic data",
         nmf = quote(c(sum = sum(x), first = x[1, 1], last = x[nrow(x), ncol(x)])),
         nmfkit = quote(c(sum = sum(x), first = x[1, 1], last = x[nrow(x), ncol(x)]))),
    list(doc = "demo_nmf", after = "res <- nmf(x, 3, \"nsNMF\", seed = 123)", name = "nsNMF, seed 123",
         nmf = quote(summary(res, class = groups, target = x)),
         nmfkit = quote(summary(res, class = groups, target = x))),
    list(doc = "demo_nmf", after = "res <- nmf(x, 3, \"nsNMF\", seed = 123456)", name = "nsNMF, seed 123456",
         nmf = quote(summary(res, class = groups, target = x)),
         nmfkit = quote(summary(res, class = groups, target = x))),
    list(doc = "heatmaps", after = "X <- syntheticNMF(100, 3, 20", name = "synthetic data with factors",
         nmf = quote(c(sum = sum(X[[1]]), W = sum(X$W), H = sum(X$H))),
         nmfkit = quote(c(sum = sum(X[[1]]), W = sum(X$W), H = sum(X$H))))
  )
}

# The printed numbers the two packages must share, by document: the
# expressions (their text) whose fits use the same method and seed in both.
nmf_docs_printed_checks <- function() {
  list(
    # brunet, lee and nsNMF from seed 123456 on esGolub[1:200, ]
    list(doc = "vignette", text = "compare(res.multi.method)"),
    list(doc = "vignette", text = "compare(res.multi.method, class = esGolub$Cell)")
  )
}

# The measures compared (not the timings).
nmf_docs_measures <- function() {
  c("rank", "sparseness.basis", "sparseness.coef", "purity", "entropy", "rss", "evar", "silhouette.coef",
    "silhouette.basis", "residuals", "niter", "nrun", "cophenetic", "dispersion", "silhouette.consensus",
    "consensus", "rng", "sum", "first", "last", "W", "H")
}

# The compared entries of two named vectors of numbers: the measures (not
# the timings) present in both.
shared_measures <- function(a, b) {
  keys <- intersect(names(a), names(b))
  keys[sub("\\[.*$", "", keys) %in% nmf_docs_measures()]
}

# Runs the documents with package `pkg` attached, in a fresh R process.
# Returns, per document, a data.frame of the expressions (index, text, ok,
# error, seconds) and lists of the numbers each expression printed and each
# probe computed.
run_nmf_docs <- function(pkg, probes = nmf_docs_probes(), timeout = 1800) {
  docs <- lapply(nmf_docs(), nmf_doc_exprs)
  for (i in seq_along(probes)) {
    texts <- vapply(docs[[probes[[i]]$doc]], function(e) paste(deparse(e), collapse = "\n"), "")
    at <- which(startsWith(texts, probes[[i]]$after))
    if (length(at) != 1L) {
      stop(sprintf("probe \"%s\": no single expression starts with `%s`", probes[[i]]$name, probes[[i]]$after))
    }
    probes[[i]]$index <- at
    probes[[i]]$expr <- if (pkg == "NMF") probes[[i]]$nmf else probes[[i]]$nmfkit
  }
  callr::r(function(child, pkg, docs, probes) child$nmf_docs_child(pkg, docs, probes),
           args = list(child = nmf_docs_child_env(), pkg = pkg, docs = docs, probes = probes),
           libpath = .libPaths(), timeout = timeout, env = c(callr::rcmd_safe_env(), R_TESTS = ""))
}

# The functions the child process runs, in an environment of their own whose
# parent is the global environment: callr sends it whole, so the child needs
# nothing else from this file.
nmf_docs_child_env <- function() {
  env <- new.env(parent = globalenv())
  for (nm in c("nmf_docs_child", "nmf_docs_run_doc", "nmf_docs_eval", "nmf_docs_probe", "nmf_docs_swap",
               "nmf_docs_numbers_of", "nmf_docs_survey_numbers", "nmf_docs_rng_numbers")) {
    f <- get(nm)
    environment(f) <- env
    assign(nm, f, envir = env)
  }
  env
}

# The body of the child process: attaches `pkg` and runs each document in a
# directory of its own.
nmf_docs_child <- function(pkg, docs, probes) {
  library(pkg, character.only = TRUE)
  home <- getwd()
  on.exit(setwd(home), add = TRUE)
  res <- list()
  for (d in names(docs)) {
    dir <- file.path(tempdir(), d)
    dir.create(dir, showWarnings = FALSE)
    setwd(dir)
    res[[d]] <- nmf_docs_run_doc(docs[[d]], probes[vapply(probes, function(p) p$doc == d, NA)], pkg)
  }
  res
}

# One document, from seed 123456, in an environment of its own: its
# expressions (a data.frame), the numbers each printed and those of its
# probes.
nmf_docs_run_doc <- function(exprs, probes, pkg) {
  grDevices::pdf(NULL)
  env <- new.env(parent = globalenv())
  set.seed(123456)
  n <- length(exprs)
  tab <- data.frame(index = seq_len(n), text = vapply(exprs, function(e) paste(deparse(e), collapse = "\n"), ""),
                    ok = NA, error = NA_character_, seconds = NA_real_, stringsAsFactors = FALSE)
  printed <- vector("list", n)
  probed <- list()
  for (i in seq_len(n)) {
    t0 <- proc.time()[["elapsed"]]
    out <- nmf_docs_eval(exprs[[i]], env, pkg)
    tab$seconds[i] <- proc.time()[["elapsed"]] - t0
    tab$ok[i] <- out$ok
    if (!out$ok) tab$error[i] <- out$error
    printed[i] <- list(out$numbers)
    for (p in probes) {
      if (p$index == i) probed[[p$name]] <- nmf_docs_probe(p$expr, env)
    }
  }
  grDevices::graphics.off()
  list(expressions = tab, printed = printed, probes = probed)
}

# One expression of a document, evaluated in `env` with `pkg` for NMF and
# printed when visible (as knitr and the console show it): list(ok, numbers)
# or list(ok = FALSE, error).
nmf_docs_eval <- function(expr, env, pkg) {
  tryCatch({
    utils::capture.output(suppressMessages({
      vis <- withVisible(eval(nmf_docs_swap(expr, pkg), env))
      if (vis$visible) print(vis$value)
    }))
    list(ok = TRUE, numbers = if (vis$visible) nmf_docs_numbers_of(vis$value))
  }, error = function(e) list(ok = FALSE, error = conditionMessage(e)))
}

# The numbers of a probe, evaluated on the document's objects, or its error.
nmf_docs_probe <- function(expr, env) {
  penv <- list2env(list(survey_numbers = nmf_docs_survey_numbers, rng_numbers = nmf_docs_rng_numbers), parent = env)
  tryCatch(nmf_docs_numbers_of(suppressMessages(suppressWarnings(eval(expr, penv)))),
           error = function(e) structure(conditionMessage(e), class = "probe_error"))
}

# The documents' library(NMF) attaches `pkg` instead.
nmf_docs_swap <- function(e, pkg) {
  if (is.call(e) && identical(e[[1L]], as.name("library")) && identical(e[[2L]], as.name("NMF"))) {
    e[[2L]] <- as.name(pkg)
  }
  e
}

# The numbers in a printed value: a named numeric vector (summary()) or a
# factor, or the numeric columns of a data.frame (compare()), keyed by method
# when the rows are methods; NULL for anything else.
nmf_docs_numbers_of <- function(v) {
  if (is.data.frame(v)) {
    key <- if ("method" %in% names(v)) as.character(v$method) else as.character(seq_len(nrow(v)))
    num <- names(v)[vapply(v, is.numeric, NA)]
    out <- unlist(lapply(num, function(col) stats::setNames(as.numeric(v[[col]]), paste0(col, "[", key, "]"))))
    return(if (length(out)) out else NULL)
  }
  if (is.numeric(v) && is.null(dim(v)) && !is.null(names(v))) return(stats::setNames(as.numeric(v), names(v)))
  if (is.factor(v)) return(stats::setNames(as.numeric(v), names(v)))
  NULL
}

# The numbers of a rank survey: its measures by rank, and the consensus
# clusters of each rank.
nmf_docs_survey_numbers <- function(est) {
  m <- est$measures
  cols <- setdiff(names(m)[vapply(m, is.numeric, NA)], c("rank", "cpu", "cpu.all", "time"))
  out <- unlist(lapply(cols, function(col) stats::setNames(m[[col]], paste0(col, "[", m$rank, "]"))))
  cl <- unlist(lapply(names(est$fit), function(r) {
    p <- predict(est$fit[[r]], what = "consensus")
    stats::setNames(as.numeric(p), paste0("consensus[", r, "][", seq_along(p), "]"))
  }))
  c(out, cl)
}

nmf_docs_rng_numbers <- function(s) stats::setNames(as.numeric(s), paste0("rng[", seq_along(s), "]"))
