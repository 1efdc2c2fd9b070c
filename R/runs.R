# Several runs (nrun > 1) and rank surveys: the runs are independent tasks
# dispatched through the future framework, each from its own random stream.

# Called by nmf() once its arguments are checked. `args` are the arguments of
# one run (method, seed, method parameters, maxit, tol, track) passed back to
# nmf() in the workers.
nmf_runs <- function(x, ranks, nrun, seed, args, threads, verbose, keep_all, parallel,
                     checkpoint, call) {
  if (is.list(seed)) {
    abort_arg("`seed` given as %s is a single starting point for one run of one rank, not for %s; give a numeric seed instead.",
              if (inherits(seed, "nmfkit_fit")) "a fit" else "a list of start matrices",
              if (length(ranks) > 1L) sprintf("a survey of %d ranks", length(ranks)) else sprintf("%d runs", nrun))
  }
  wall0 <- proc.time()
  if (is.character(seed)) {
    seed <- match_name(seed, seeding_methods(), "seed")
  } else if (!is.null(seed) && !is.list(seed) && !(is.numeric(seed) && length(seed) == 1L && is.finite(seed))) {
    make_start(seed, x, ranks[1L]) # refuses it with the usual message
  }
  run_seed <- if (is.character(seed) && !identical(seed, "random")) seed else NULL
  seed_label <- if (is.numeric(seed)) sprintf("random (seed = %s)", format(seed)) else
    if (is.null(run_seed)) "random" else run_seed
  args$seed <- run_seed
  args$call <- call
  base <- NULL
  if (!is.null(checkpoint)) {
    key <- run_key(x, args)
    base <- checkpoint_open(checkpoint, key, seed, verbose)
  }
  if (is.null(base)) base <- rng_base(if (is.numeric(seed)) seed else NULL)
  if (!is.null(checkpoint)) checkpoint_write_key(checkpoint, key, base)
  streams <- rng_streams(base, nrun)

  # ranks vary fastest, so that every chunk of work mixes cheap and costly ranks
  tasks <- expand.grid(rank = ranks, run = seq_len(nrun), KEEP.OUT.ATTRS = FALSE)
  tasks <- lapply(seq_len(nrow(tasks)), function(i) {
    list(run = tasks$run[i], rank = tasks$rank[i], stream = streams[[tasks$run[i]]],
         file = if (is.null(checkpoint)) NULL else checkpoint_file(checkpoint, tasks$rank[i], tasks$run[i]))
  })
  results <- vector("list", length(tasks))
  if (!is.null(checkpoint)) {
    results <- lapply(tasks, function(t) checkpoint_read(t$file))
    if (verbose) {
      message(sprintf("nmfkit: %d of %d runs read from checkpoint \"%s\".",
                      sum(!vapply(results, is.null, NA)), length(tasks), checkpoint))
    }
  }
  todo <- which(vapply(results, is.null, NA))

  workers <- if (parallel) n_workers() else 1L
  args$threads <- threads_per_worker(threads, workers, parallel)
  if (verbose && length(todo)) {
    message(sprintf("nmfkit: %d run%s of rank %s on %d worker%s x %d thread%s.", length(todo),
                    if (length(todo) == 1L) "" else "s", paste(ranks, collapse = ", "),
                    workers, if (workers == 1L) "" else "s", args$threads, if (args$threads == 1L) "" else "s"))
  }
  if (length(todo)) {
    results[todo] <- dispatch_runs(tasks[todo], x, args, parallel)
  }
  wall <- proc.time() - wall0

  sets <- lapply(ranks, function(r) {
    mine <- results[vapply(tasks, function(t) t$rank == r, NA)]
    new_nmfkit_fitset(mine, keep_all = keep_all, seed = seed_label, call = call,
                      workers = workers, threads = args$threads, wall = wall)
  })
  names(sets) <- as.character(ranks)
  if (length(ranks) == 1L) return(sets[[1L]])
  new_nmfkit_survey(sets, x, call = call, wall = wall)
}

# One run; evaluated in a worker. Returns the fit and the sample clusters.
run_task <- function(task, x, args, progress) {
  one <- args[intersect(c("method", "seed", "maxit", "tol", "threads", "track"), names(args))]
  one <- one[!vapply(one, is.null, NA)]
  fit <- with_rng_state(task$stream, do.call(nmf, c(list(x, task$rank), one, args$params)))
  fit$call <- args$call
  res <- list(run = task$run, rank = task$rank, fit = fit,
              cluster = as.integer(predict(fit, what = "samples")))
  if (!is.null(task$file)) checkpoint_save(res, task$file)
  progress(sprintf("rank %d, run %d", task$rank, task$run))
  res
}

# Runs the tasks through future.apply (or lapply when parallel = FALSE), with
# a progressr progress bar.
dispatch_runs <- function(tasks, x, args, parallel) {
  progress <- progressr::progressor(steps = length(tasks))
  if (!parallel) {
    return(lapply(tasks, run_task, x = x, args = args, progress = progress))
  }
  future.apply::future_lapply(tasks, run_task, x = x, args = args, progress = progress,
                              future.seed = FALSE, future.packages = "nmfkit",
                              future.scheduling = 4)
}

# Number of workers of the current future plan.
n_workers <- function() {
  w <- future::nbrOfWorkers()
  if (!is.finite(w)) return(.Machine$integer.max)
  max(1L, as.integer(w))
}

# C++ threads of each run: the requested number, capped so that workers x
# threads stays within the cores; one thread in forked (multicore) workers,
# where OpenMP must not be used after the fork.
threads_per_worker <- function(threads, workers, parallel) {
  if (!parallel || workers <= 1L) return(threads)
  if (inherits(future::plan(), "multicore")) return(1L)
  cores <- tryCatch(as.integer(future::availableCores()), error = function(e) 1L)
  as.integer(max(1L, min(threads, cores %/% workers)))
}

# What identifies a problem for resumption: the data, the method and its
# settings (not the ranks or the number of runs).
run_key <- function(x, args) {
  list(format = 1L, data = data_digest(x), dim = dim(x),
       method = args$method, params = args$params, maxit = args$maxit, tol = args$tol,
       seed = args$seed, track = args$track)
}

# MD5 of the serialised data (without the file system, no extra package).
data_digest <- function(x) {
  f <- tempfile(fileext = ".rds")
  on.exit(unlink(f), add = TRUE)
  saveRDS(x, f, compress = FALSE)
  unname(tools::md5sum(f))
}
