# Are two builds of nmfkit's core bitwise the same? Fits every method on the
# same data and starts with each of two installed copies of nmfkit and compares
# W, H, the deviance, the iterations, the stop, the offset and the objective
# track with identical(), plus nmf_project(), nmf_cv()'s held-out errors and
# nmf_model()'s residual. For a refactor that must not change a single bit.
#
#   Rscript bench/check-identical.R LIB_A LIB_B
#
# LIB_A and LIB_B are library folders, each holding an installed nmfkit (for
# example R CMD INSTALL -l /tmp/lib-old <old checkout>). Each library runs in
# its own Rscript process (so the two builds never share a session) and saves
# its results to an RDS file; this process compares them, prints one line per
# case that differs and a summary, and exits 1 when anything differs.
# About a minute per library on one core.
#
#   Rscript bench/check-identical.R --run LIB OUT.rds    (one side only)

run_cases <- function(lib, out) {
  library(nmfkit, lib.loc = lib)
  where <- dirname(getNamespaceInfo("nmfkit", "path"))
  if (normalizePath(where) != normalizePath(lib)) stop("nmfkit was loaded from ", where, ", not ", lib)
  cases <- make_cases()
  res <- lapply(cases, function(cs) {
    warn <- character()
    value <- withCallingHandlers(
      tryCatch(cs$run(), error = function(e) list(failure = conditionMessage(e))),
      warning = function(w) {
        warn <<- c(warn, conditionMessage(w))
        invokeRestart("muffleWarning")
      })
    c(value, list(warnings = warn))
  })
  names(res) <- vapply(cases, `[[`, "", "id")
  saveRDS(list(lib = lib, results = res), out)
  cat(sprintf("%s: %d cases\n", lib, length(res)))
}

# The fields of a fit that must agree.
fit_fields <- function(fit) {
  list(W = fit$W, H = fit$H, deviance = fit$deviance, niter = fit$niter, stop = fit$stop,
       restarts = fit$restarts, offset = fit$offset, track = fit$track)
}

make_data <- function() {
  set.seed(20261202)
  m <- 150
  n <- 90
  dense <- matrix(stats::runif(m * 6), m) %*% matrix(stats::runif(6 * n), 6) + matrix(stats::runif(m * n, 0, 0.2), m)
  dense[sample(length(dense), 0.15 * length(dense))] <- 0
  sp <- dense
  sp[sample(length(sp), 0.65 * length(sp))] <- 0
  sparse <- methods::as(methods::as(Matrix::Matrix(sp, sparse = TRUE), "generalMatrix"), "dMatrix")
  # tall and skinny: the dense side's row chunks and the short-rank product kernels
  tall <- matrix(stats::runif(2100 * 4), 2100) %*% matrix(stats::runif(4 * 30), 4) + matrix(stats::runif(2100 * 30), 2100)
  dense_na <- dense
  dense_na[sample(length(dense_na), 0.05 * length(dense_na))] <- NA
  sparse_na <- sparse
  sparse_na@x[sample(length(sparse_na@x), 0.05 * length(sparse_na@x))] <- NA
  mask <- matrix(stats::runif(m * n) < 0.05, m)
  weights <- matrix(stats::runif(m * n, 0.2, 2), m)
  starts <- lapply(c(r1 = 1, r3 = 3, r7 = 7, r20 = 20), function(k) {
    list(W = matrix(stats::runif(m * k), m), H = matrix(stats::runif(k * n), k))
  })
  list(dense = dense, sparse = sparse, tall = tall, dense_na = dense_na, sparse_na = sparse_na, mask = mask,
       weights = weights, starts = starts)
}

make_cases <- function() {
  d <- make_data()
  cases <- list()
  add <- function(id, run) cases[[length(cases) + 1L]] <<- list(id = id, run = run)
  fit_case <- function(id, data, rank, method, ...) {
    args <- c(list(d[[data]], rank, method), list(...))  # evaluated now, not when the case runs
    add(id, function() fit_fields(do.call(nmfkit::nmf, args)))
  }
  fast <- c("hals", "anls", "kl")
  mu <- c("lee", "Frobenius", "brunet", "KL", "offset", "nsNMF", "pe-nmf")
  snmf <- c("snmf/r", "snmf/l")
  extra <- function(method) {
    switch(method, "pe-nmf" = list(alpha = 0.1, beta = 0.01),
           "ls-nmf" = list(weight = d$weights), list())
  }
  # every method, dense and sparse, every rank (1, 3, 7 and 20 cover the
  # compile-time-rank kernels and the run-time one), 1 and 2 threads
  for (method in c(fast, mu, "ls-nmf", snmf)) {
    for (data in if (method == "ls-nmf") "dense" else c("dense", "sparse")) {
      for (rank in c(1, 3, 7, 20)) {
        for (threads in 1:2) {
          maxit <- if (method %in% snmf) 300 else 150
          do.call(fit_case, c(list(sprintf("%s/%s/k%d/t%d", method, data, rank, threads), data, rank, method,
                                   seed = 100 + rank, maxit = maxit, threads = threads, track = TRUE),
                              extra(method)))
        }
      }
    }
  }
  # the stopping rules firing: defaults (or eased ones) and no iteration cap
  for (method in c(fast, mu, "ls-nmf", snmf)) {
    for (data in if (method == "ls-nmf") "dense" else c("dense", "sparse")) {
      stop_args <- switch(method,
        hals = , anls = , kl = list(tol = 1e-5),
        lee = , brunet = , offset = , nsNMF = list(stopconv = 3),
        Frobenius = , KL = , "ls-nmf" = , "pe-nmf" = list(stationary.th = 1e-3, check.interval = 20),
        list())
      do.call(fit_case, c(list(sprintf("%s/%s/k3/stop", method, data), data, 3, method, seed = 7, track = TRUE,
                               threads = 2), stop_args, extra(method)))
    }
  }
  # snmf's restarts (a row of H all zero: a few, or the 10 that stop it) and
  # its other parameters
  for (method in snmf) {
    for (data in c("dense", "sparse")) {
      for (beta in c(0.5, 10)) {
        fit_case(sprintf("%s/%s/k7/beta%g", method, data, beta), data, 7, method, seed = 9, beta = beta,
                 maxit = 300, threads = 2)
      }
      fit_case(sprintf("%s/%s/k3/eta-bi_conv", method, data), data, 3, method, seed = 9, eta = 0.5,
               bi_conv = c(2, 5), eps_conv = 1e-3, maxit = 300)
    }
  }
  # the fast solvers' options
  for (method in fast) {
    for (data in c("dense", "sparse")) {
      for (rank in c(1, 3, 7, 20)) {
        id <- function(what) sprintf("%s/%s/k%d/%s", method, data, rank, what)
        common <- list(seed = 200 + rank, maxit = 60, track = TRUE)
        if (method != "kl") {
          do.call(fit_case, c(list(id("no-extrapolation"), data, rank, method, extrapolate = FALSE), common))
        }
        do.call(fit_case, c(list(id("L1"), data, rank, method, L1 = c(0.05, 0.2)), common))
        do.call(fit_case, c(list(id("L2"), data, rank, method, L2 = c(0.5, 0.1)), common))
        do.call(fit_case, c(list(id("L1-W"), data, rank, method, L1 = c(0.1, 0)), common))
        do.call(fit_case, c(list(id("L2-H"), data, rank, method, L2 = c(0, 0.3), threads = 2), common))
        do.call(fit_case, c(list(id("NA"), paste0(data, "_na"), rank, method), common))
        do.call(fit_case, c(list(id("NA-t2"), paste0(data, "_na"), rank, method, threads = 2, L1 = c(0.01, 0.01)),
                            common))
        do.call(fit_case, c(list(id("mask"), data, rank, method, mask = d$mask), common))
        if (data == "sparse") {
          do.call(fit_case, c(list(id("mask-zeros"), data, rank, method, mask = "zeros", threads = 2), common))
        }
        if (method != "kl") {
          do.call(fit_case, c(list(id("weights"), data, rank, method, weights = d$weights), common))
          do.call(fit_case, c(list(id("weights-t2-noext"), data, rank, method, weights = d$weights, threads = 2,
                                   extrapolate = FALSE), common))
          do.call(fit_case, c(list(id("mask-noext"), data, rank, method, mask = d$mask, extrapolate = FALSE),
                              common))
        }
        st <- d$starts[[paste0("r", rank)]]
        for (fx in c("W", "H")) {
          for (threads in 1:2) {
            do.call(fit_case, c(list(id(sprintf("fixed-%s-t%d", fx, threads)), data, rank, method,
                                     seed = st, fixed = fx, maxit = 40, track = TRUE, threads = threads)))
          }
          do.call(fit_case, list(id(sprintf("fixed-%s-NA", fx)), paste0(data, "_na"), rank, method,
                                 seed = st, fixed = fx, maxit = 40))
        }
      }
    }
  }
  # the KL sweeps in their baseline build too (simd.h)
  for (data in c("dense", "sparse", "dense_na")) {
    for (rank in c(3, 20)) local({
      data <- data
      rank <- rank
      add(sprintf("kl/%s/k%d/simd-baseline", data, rank), function() {
        old <- nmfkit:::simd_level()[["used"]]
        nmfkit:::simd_level("baseline")
        on.exit(nmfkit:::simd_level(old))
        fit_fields(nmfkit::nmf(d[[data]], rank, "kl", seed = 5, maxit = 40, track = TRUE))
      })
    })
  }
  # tall data: the dense side's row chunks and short-rank products
  for (method in c("hals", "anls", "kl", "lee", "brunet")) {
    for (rank in c(1, 3, 5, 7)) {
      for (threads in 1:2) {
        fit_case(sprintf("%s/tall/k%d/t%d", method, rank, threads), "tall", rank, method, seed = 3, maxit = 15,
                 threads = threads, track = TRUE)
      }
    }
  }
  # projection on a basis
  for (data in c("dense", "sparse", "tall")) {
    for (rank in c(1, 3, 7, 20)) {
      if (data == "tall" && rank == 20) next
      x <- d[[data]]
      for (threads in 1:2) {
        local({
          x <- x
          threads <- threads
          w <- matrix(stats::runif(nrow(x) * rank), nrow(x))
          add(sprintf("project/%s/k%d/t%d", data, rank, threads), function() {
            list(plain = nmfkit::nmf_project(w, x, threads = threads),
                 L1 = nmfkit::nmf_project(w, x, L1 = 0.3, threads = threads),
                 L2 = nmfkit::nmf_project(w, x, L2 = 2, threads = threads),
                 both = nmfkit::nmf_project(w, x, L1 = 0.1, L2 = 0.5, threads = threads))
          })
        })
      }
    }
  }
  # cross-validation: hold-out by hash, its fits and test errors
  for (method in fast) {
    for (data in c("dense", "sparse", "dense_na")) local({
      method <- method
      data <- data
      add(sprintf("cv/%s/%s", method, data), function() {
        cv <- nmfkit::nmf_cv(d[[data]], c(1, 3, 7), reps = 2, seed = 11, method = method, maxit = 30, threads = 2)
        list(errors = cv$errors, summary = cv$summary, best_rank = cv$best_rank)
      })
    })
  }
  add("cv/anls/dense/mask-L1", function() {
    cv <- nmfkit::nmf_cv(d$dense, c(2, 20), reps = 2, seed = 12, method = "anls", mask = d$mask, L1 = c(0.1, 0.1),
                         maxit = 30, threads = 1)
    list(errors = cv$errors, summary = cv$summary, best_rank = cv$best_rank)
  })
  # the residual of given factors (nmf_rss_cpp)
  for (data in c("dense", "sparse")) local({
    data <- data
    add(sprintf("model/%s", data), function() {
      st <- d$starts$r7
      list(deviance = nmfkit::nmf_model(st$W, st$H, target = d[[data]])$deviance)
    })
  })
  cases
}

compare_results <- function(a, b) {
  ra <- a$results
  rb <- b$results
  ids <- union(names(ra), names(rb))
  n_same <- 0L
  n_fields <- 0L
  bad <- character()
  for (id in ids) {
    x <- ra[[id]]
    y <- rb[[id]]
    if (is.null(x) || is.null(y)) {
      bad <- c(bad, sprintf("%s: only in %s", id, if (is.null(x)) b$lib else a$lib))
      next
    }
    fields <- union(names(x), names(y))
    differ <- fields[!vapply(fields, function(f) identical(x[[f]], y[[f]]), NA)]
    n_fields <- n_fields + length(fields)
    if (length(differ)) {
      bad <- c(bad, sprintf("%s: differs in %s", id, paste(differ, collapse = ", ")))
    } else {
      n_same <- n_same + 1L
    }
  }
  errors <- sum(vapply(ra, function(r) !is.null(r[["failure"]]), NA))
  for (line in bad) cat("DIFFERENT ", line, "\n", sep = "")
  cat(sprintf("check-identical: %d of %d cases identical (%d fields compared with identical()); %d different; %d cases ended in an error (the same in both)\n",
              n_same, length(ids), n_fields, length(bad), errors))
  length(bad) == 0L
}

main <- function(args) {
  if (length(args) == 3L && args[1] == "--run") return(invisible(run_cases(args[2], args[3])))
  if (length(args) != 2L) {
    cat("usage: Rscript bench/check-identical.R LIB_A LIB_B\n       Rscript bench/check-identical.R --run LIB OUT.rds\n")
    quit(status = 2L)
  }
  self <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)[1])
  rscript <- file.path(R.home("bin"), "Rscript")
  outs <- character(2)
  for (s in 1:2) {
    lib <- normalizePath(args[s], mustWork = TRUE)
    outs[s] <- tempfile(sprintf("check-identical-%d-", s), fileext = ".rds")
    status <- system2(rscript, c(shQuote(self), "--run", shQuote(lib), shQuote(outs[s])))
    if (status != 0L) stop("the run with ", lib, " failed (status ", status, ")")
  }
  same <- compare_results(readRDS(outs[1]), readRDS(outs[2]))
  unlink(outs)
  quit(status = if (same) 0L else 1L)
}

main(commandArgs(TRUE))
