# Resumable runs: with `checkpoint = dir`, every finished run is saved in
# `dir` as soon as it ends, and a later call with the same data, method,
# settings and seed reads the runs it finds there instead of recomputing them.
#
# Layout: `nmfkit-checkpoint.rds` holds what identifies the problem (a digest
# of the data, the method and its settings) and the first random stream; each
# run is `rank<r>-run<i>.rds`, written to a temporary name and renamed, so a
# killed job leaves no partial file.

checkpoint_manifest <- function(dir) file.path(dir, "nmfkit-checkpoint.rds")

checkpoint_file <- function(dir, rank, run) file.path(dir, sprintf("rank%d-run%d.rds", rank, run))

# Checks the directory against `key`; returns the first random stream of the
# runs already there (NULL for a new directory).
checkpoint_open <- function(dir, key, seed, verbose) {
  if (file.exists(dir) && !dir.exists(dir)) {
    abort_arg("`checkpoint` \"%s\" is a file, not a directory; give the name of a directory.", dir)
  }
  if (!dir.exists(dir) && !dir.create(dir, recursive = TRUE, showWarnings = FALSE)) {
    abort_arg("`checkpoint` directory \"%s\" does not exist and cannot be created.", dir)
  }
  manifest <- checkpoint_manifest(dir)
  if (!file.exists(manifest)) return(NULL)
  old <- tryCatch(readRDS(manifest), error = function(e) NULL)
  if (!is.list(old) || !is.list(old$key) || is.null(old$base)) {
    abort_arg("`checkpoint` directory \"%s\" has an unreadable %s; delete it or use another directory.",
              dir, basename(manifest))
  }
  fields <- union(names(key), names(old$key))
  differ <- fields[!vapply(fields, function(f) identical(key[[f]], old$key[[f]]), NA)]
  if (length(differ)) {
    abort_arg(paste("`checkpoint` directory \"%s\" holds runs of another problem (different %s);",
                    "use another directory or empty it."), dir, paste(differ, collapse = ", "))
  }
  if (is.numeric(seed)) {
    base <- rng_base(seed)
    if (!identical(base, old$base)) {
      abort_arg(paste("`checkpoint` directory \"%s\" holds runs made with another seed than %s;",
                      "use another directory or empty it."), dir, format(seed))
    }
    return(base)
  }
  if (verbose) message(sprintf("nmfkit: resuming with the random streams saved in \"%s\".", dir))
  old$base
}

checkpoint_write_key <- function(dir, key, base) {
  manifest <- checkpoint_manifest(dir)
  if (!file.exists(manifest)) checkpoint_save(list(key = key, base = base), manifest)
  invisible(manifest)
}

# A finished run saved by an earlier call, or NULL.
checkpoint_read <- function(file) {
  if (!file.exists(file)) return(NULL)
  res <- tryCatch(readRDS(file), error = function(e) NULL)
  if (!is.list(res) || !inherits(res$fit, "nmfkit_fit")) return(NULL)
  res
}

# Saves atomically: a temporary file renamed into place.
checkpoint_save <- function(object, file) {
  tmp <- sprintf("%s.%d.tmp", file, Sys.getpid())
  saveRDS(object, tmp)
  if (!file.rename(tmp, file)) {
    unlink(tmp)
    stop(sprintf("could not write the checkpoint file \"%s\".", file), call. = FALSE)
  }
  invisible(file)
}
