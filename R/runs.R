# Several runs (nrun > 1) and rank surveys: the runs are independent tasks
# dispatched through the future framework, each from its own random stream.

# nmf_runs() fits every run of a plan with nrun > 1 or several ranks and
# gathers them in a fitset per rank (a survey for several ranks).
nmf_runs <- function(plan) {
  wall0 <- proc.time()
  local_backend(plan$backend)
  parallel <- !isFALSE(plan$backend) && !inherits(future::plan(), "sequential")
  # the NMF package's -R: the runs draw in turn from one generator (in this
  # session only; on workers each run has its stream)
  in_turn <- !plan$rng_stream && !parallel
  streams <- if (in_turn) vector("list", plan$nrun) else rng_streams(runs_base(plan), plan$nrun)
  tasks <- make_tasks(plan$ranks, plan$nrun, streams, plan$checkpoint)
  keeper <- best_keeper(length(tasks), plan$keep_all)
  if (!is.null(plan$checkpoint)) read_tasks(tasks, plan, keeper)
  todo <- which(vapply(keeper$get(), is.null, NA))

  workers <- if (parallel) n_workers() else 1L
  threads <- threads_per_worker(plan$options$threads, workers, parallel)
  plan$options$threads <- threads
  if (plan$verbose && length(todo)) {
    message(sprintf("nmfkit: %d run%s of rank %s on %d worker%s x %d thread%s.", length(todo),
                    plural(length(todo)), paste(plan$ranks, collapse = ", "), workers, plural(workers),
                    threads, plural(threads)))
  }
  if (length(todo)) {
    store <- function(r, k) keeper$add(r, todo[k])
    if (in_turn) {
      with_seed_of(plan$seed$number, dispatch_runs(tasks[todo], plan, FALSE, store))
    } else {
      dispatch_runs(tasks[todo], plan, parallel, store)
    }
  }
  results <- keeper$get()
  wall <- proc.time() - wall0

  sets <- lapply(plan$ranks, function(r) {
    mine <- results[vapply(tasks, function(t) t$rank == r, NA)]
    set <- new_nmfkit_fitset(mine, keep_all = plan$keep_all, seed = plan$seed$label, call = plan$call,
                             workers = workers, threads = threads, wall = wall)
    if (!is.null(plan$callback)) set$.callback <- callback_results(mine, plan)
    set
  })
  names(sets) <- as.character(plan$ranks)
  if (length(plan$ranks) == 1L) return(sets[[1L]])
  new_nmfkit_survey(sets, if (plan$n_out == 0) plan$x, call = plan$call, wall = wall)
}

# A temporary future plan for the runs of one call, restored when the caller
# returns: `backend` TRUE (every core, unless a parallel plan is already set),
# a number of workers or a cluster; NULL and FALSE leave the plan alone.
local_backend <- function(backend, envir = parent.frame()) {
  if (is.null(backend) || isFALSE(backend)) return(invisible(NULL))
  if (inherits(backend, "cluster")) {
    old <- future::plan(future::cluster, workers = backend)
  } else {
    if (isTRUE(backend)) {
      if (!inherits(future::plan(), "sequential")) return(invisible(NULL))
      backend <- default_cores()
    }
    cores <- as.integer(future::availableCores())
    if (backend > cores) {
      warning(sprintf("%d workers asked for on %d cores: the runs share them.", backend, cores), call. = FALSE)
    }
    if (backend <= 1L) return(invisible(NULL))
    strategy <- if (future::supportsMulticore()) future::multicore else future::multisession
    old <- future::plan(strategy, workers = backend)
  }
  withr::defer(future::plan(old), envir = envir)
  invisible(old)
}

# The number of cores of NMF's parallel runs: `getOption("nmfkit.cores")` or
# `nmf.options(cores =)`, else every core future::availableCores() sees.
default_cores <- function() {
  opt <- getOption("nmfkit.cores") %||% nmf.getOption("cores")
  if (!is.null(opt)) return(check_whole(opt, 'getOption("nmfkit.cores")', lower = 1))
  as.integer(future::availableCores())
}

# The callback's results of the runs, simplified as the NMF package does
# (sapply) unless `.options = "-S"` or a callback failed; failures warn.
callback_results <- function(results, plan) {
  out <- lapply(results[order(vapply(results, `[[`, 0L, "run"))], `[[`, "callback")
  failed <- vapply(out, inherits, NA, "error")
  if (any(failed)) {
    msgs <- vapply(out[failed], conditionMessage, "")
    warning(sprintf("All NMF fits were successful but %d/%d callback call(s) threw an error.\n# %s:\n%s",
                    sum(failed), length(out), if (sum(failed) > 10) "First 10 callback errors" else "Callback errors",
                    paste0("- ", utils::head(msgs, 10), collapse = "\n")), call. = FALSE)
  }
  if (plan$simplify_callback && !any(failed)) sapply(out, identity) else out
}

# The first random stream: from the seed, or the one saved in the checkpoint.
runs_base <- function(plan) {
  number <- plan$seed$number
  if (!is.null(plan$seed$state)) return(plan$seed$state)  # an L'Ecuyer-CMRG state given as seed
  if (is.null(plan$checkpoint)) return(rng_base(number))
  key <- run_key(plan)
  base <- checkpoint_open(plan$checkpoint, key, number, plan$verbose)
  if (is.null(base)) base <- rng_base(number)
  checkpoint_write_key(plan$checkpoint, key, base)
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

# The finished runs found in the checkpoint, handed to `keeper` one by one
# (NULL for the others).
read_tasks <- function(tasks, plan, keeper) {
  found <- 0L
  for (i in seq_along(tasks)) {
    r <- checkpoint_read(tasks[[i]]$file)
    found <- found + !is.null(r)
    keeper$add(r, i)
  }
  if (plan$verbose) {
    message(sprintf("nmfkit: %d of %d runs read from checkpoint \"%s\".", found, length(tasks), plan$checkpoint))
  }
  invisible(found)
}

# One run; evaluated in a worker. Returns the fit, the sample clusters and
# the callback's result (or the error it threw).
run_task <- function(task, plan, progress) {
  one <- run_plan_clusters(plan, task$rank, stream = task$stream, seed = NULL)
  fit <- one$fit
  res <- list(run = task$run, rank = task$rank, fit = fit, cluster = one$cluster)
  if (!is.null(plan$callback)) {
    res$callback <- tryCatch(call_callback(plan$callback, fit, task$run), error = function(e) e)
  }
  if (!is.null(task$file)) checkpoint_save(res, task$file)
  progress(sprintf("rank %d, run %d", task$rank, task$run))
  res
}

# The NMF package calls a callback with the fit, and with the run number too
# when it takes two named arguments.
call_callback <- function(callback, fit, run) {
  args <- names(formals(callback))
  if (length(args) < 2L || (length(args) == 2L && "..." %in% args)) callback(fit) else callback(fit, run)
}

# Runs the tasks through future.apply, or in this session in turn when
# `parallel` is FALSE (also on a sequential plan: the same runs without the
# framework's cost per task), with a progressr progress bar; hands each
# result to store(result, k) for the k-th task as it comes. Tasks without a
# stream (-R) draw in turn from R's generator as it stands. In parallel, the
# tasks go in chunks (about four per worker), each returning its runs with
# the coefficients of all but its best run per rank dropped.
dispatch_runs <- function(tasks, plan, parallel, store) {
  progress <- progressr::progressor(steps = length(tasks))
  if (!parallel) {
    if (!is.null(tasks[[1L]]$stream)) {
      # the user's random state is put back once, at the end; meanwhile a
      # .Random.seed exists, so that each run's own save and restore is cheap
      old <- rng_snapshot()
      on.exit(rng_restore(old), add = TRUE)
      assign(".Random.seed", tasks[[1L]]$stream, envir = globalenv())
    }
    for (k in seq_along(tasks)) store(run_task(tasks[[k]], plan, progress), k)
    return(invisible())
  }
  size <- ceiling(length(tasks) / (4 * min(n_workers(), length(tasks))))
  chunks <- split(seq_along(tasks), ceiling(seq_along(tasks) / size))
  out <- future.apply::future_lapply(lapply(chunks, function(i) tasks[i]), run_chunk, plan = plan,
                                     progress = progress, future.seed = FALSE, future.packages = "nmfkit",
                                     future.chunk.size = 1L)
  for (c in seq_along(chunks)) {
    for (j in seq_along(chunks[[c]])) store(out[[c]][[j]], chunks[[c]][j])
  }
  invisible()
}

# The runs of a chunk of tasks, in a worker; the coefficients of the runs
# that are not the best of their rank in the chunk are dropped.
run_chunk <- function(tasks, plan, progress) {
  keeper <- best_keeper(length(tasks), plan$keep_all)
  for (j in seq_along(tasks)) keeper$add(run_task(tasks[[j]], plan, progress), j)
  keeper$get()
}

# The runs' results, keeping the coefficients (H, k x samples) of the best
# run of each rank only, unless every fit is kept (keep_all): a survey of
# many runs on many samples would otherwise hold every run's H at once.
# add(r, i) stores result r at i and drops the coefficients of whichever of
# r and its rank's best so far loses (the larger deviance; on a tie, the
# later run, as which.min() picks in new_nmfkit_fitset()).
best_keeper <- function(n, keep_all) {
  results <- vector("list", n)
  best <- list()
  add <- function(r, i) {
    results[i] <<- list(r)
    if (keep_all || is.null(r)) return(invisible())
    key <- as.character(r$rank)
    j <- best[[key]]
    if (is.null(j)) {
      best[[key]] <<- i
    } else if (run_beats(r, results[[j]])) {
      results[[j]] <<- slim_result(results[[j]])
      best[[key]] <<- i
    } else {
      results[[i]] <<- slim_result(r)
    }
    invisible()
  }
  list(add = add, get = function() results)
}

run_beats <- function(a, b) {
  da <- deviance(a$fit)
  db <- deviance(b$fit)
  da < db || (da == db && a$run < b$run)
}

# A run's result without its coefficients: what a fitset keeps of a run that
# is not its best (the basis for consensus_components(), the run's summary
# and its random state).
slim_result <- function(r) {
  f <- r$fit
  r$fit <- structure(list(W = f$W, deviance = f$deviance, niter = f$niter, stop = f$stop, runtime = f$runtime),
                     rng = attr(f, "rng", exact = TRUE), class = "nmfkit_run")
  r
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

# What identifies a problem for resumption: the data as the core reads it and
# the cells left out, the method and its resolved settings, the kind of seed
# (not the ranks or the number of runs, nor the seed's number: checked apart).
run_key <- function(plan) {
  seed <- plan$seed
  list(format = 2L, data = data_digest(list(plan$x, plan$mask)), dim = dim(plan$x),
       method = plan$method, params = plan$params, maxit = plan$options$maxit, tol = plan$options$tol,
       seed = if (seed$type == "method" && seed$name != "random") seed$name, fixed = plan$fixed,
       track = plan$track)
}

# MD5 of the serialised data (without the file system, no extra package).
data_digest <- function(x) {
  f <- tempfile(fileext = ".rds")
  on.exit(unlink(f), add = TRUE)
  saveRDS(x, f, compress = FALSE)
  unname(tools::md5sum(f))
}
