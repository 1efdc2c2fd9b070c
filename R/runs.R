# Several runs (nrun > 1) and rank surveys: the runs are independent tasks
# dispatched through the future framework, each from its own random stream.

# Called by nmf() once its arguments are checked. `args` are the arguments of
# one run (method, method parameters, maxit, tol, track) passed back to nmf()
# in the workers.
nmf_runs <- function(x, ranks, nrun, seed, args, threads, verbose, keep_all, parallel,
                     checkpoint, call) {
  wall0 <- proc.time()
  check_alloc(ncol(x), ncol(x), "The consensus matrix of the runs",
              hint = "several runs need one; fit a subset of the samples, or one run")
  seed <- check_runs_seed(seed, x, ranks, nrun)
  args$seed <- if (is.character(seed) && seed != "random") seed else NULL
  args$call <- call
  streams <- rng_streams(runs_base(x, args, seed, checkpoint, verbose), nrun)
  tasks <- make_tasks(ranks, nrun, streams, checkpoint)
  results <- if (is.null(checkpoint)) vector("list", length(tasks)) else read_tasks(tasks, checkpoint, verbose)
  todo <- which(vapply(results, is.null, NA))

  workers <- if (parallel) n_workers() else 1L
  args$threads <- threads_per_worker(threads, workers, parallel)
  if (verbose && length(todo)) {
    message(sprintf("nmfkit: %d run%s of rank %s on %d worker%s x %d thread%s.", length(todo),
                    plural(length(todo)), paste(ranks, collapse = ", "), workers, plural(workers),
                    args$threads, plural(args$threads)))
  }
  if (length(todo)) results[todo] <- dispatch_runs(tasks[todo], x, args, parallel)
  wall <- proc.time() - wall0

  label <- if (is.numeric(seed)) sprintf("random (seed = %s)", format(seed)) else if (is.null(seed)) "random" else seed
  sets <- lapply(ranks, function(r) {
    mine <- results[vapply(tasks, function(t) t$rank == r, NA)]
    new_nmfkit_fitset(mine, keep_all = keep_all, seed = label, call = call,
                      workers = workers, threads = args$threads, wall = wall)
  })
  names(sets) <- as.character(ranks)
  if (length(ranks) == 1L) return(sets[[1L]])
  new_nmfkit_survey(sets, x, call = call, wall = wall)
}

plural <- function(n) if (n == 1L) "" else "s"

# The seed of several runs: NULL, a number or a seeding method name.
check_runs_seed <- function(seed, x, ranks, nrun) {
  if (is.list(seed)) {
    abort_arg(paste("`seed` given as %s is a single starting point for one run of one rank, not for %s;",
                    "give a numeric seed instead."),
              if (inherits(seed, "nmfkit_fit")) "a fit" else "a list of start matrices",
              if (length(ranks) > 1L) sprintf("a survey of %d ranks", length(ranks)) else sprintf("%d runs", nrun))
  }
  if (is.character(seed)) return(match_name(seed, seeding_methods(), "seed"))
  if (!is.null(seed) && !(is.numeric(seed) && length(seed) == 1L && is.finite(seed))) {
    make_start(seed, x, ranks[1L]) # refuses it with the usual message
  }
  seed
}

# The first random stream: from the seed, or the one saved in the checkpoint.
runs_base <- function(x, args, seed, checkpoint, verbose) {
  numeric_seed <- if (is.numeric(seed)) seed else NULL
  if (is.null(checkpoint)) return(rng_base(numeric_seed))
  key <- run_key(x, args)
  base <- checkpoint_open(checkpoint, key, numeric_seed, verbose)
  if (is.null(base)) base <- rng_base(numeric_seed)
  checkpoint_write_key(checkpoint, key, base)
  base
}

# One task per run and rank; ranks vary fastest, so that every chunk of work
# mixes cheap and costly ranks.
make_tasks <- function(ranks, nrun, streams, checkpoint) {
  grid <- expand.grid(rank = ranks, run = seq_len(nrun), KEEP.OUT.ATTRS = FALSE)
  lapply(seq_len(nrow(grid)), function(i) {
    list(run = grid$run[i], rank = grid$rank[i], stream = streams[[grid$run[i]]],
         file = if (is.null(checkpoint)) NULL else checkpoint_file(checkpoint, grid$rank[i], grid$run[i]))
  })
}

# The finished runs found in the checkpoint (NULL for the others).
read_tasks <- function(tasks, checkpoint, verbose) {
  results <- lapply(tasks, function(t) checkpoint_read(t$file))
  if (verbose) {
    message(sprintf("nmfkit: %d of %d runs read from checkpoint \"%s\".",
                    sum(!vapply(results, is.null, NA)), length(tasks), checkpoint))
  }
  results
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
