# Reproducible random number streams for multiple runs.
#
# Run i of a multi-run fit starts from the i-th of a sequence of L'Ecuyer-CMRG
# streams derived from the user's seed exactly as the NMF package derives them
# (rngtools::RNGseq): the first stream is R's L'Ecuyer-CMRG state after
# seeding with `seed`, each next one is parallel::nextRNGStream() of the
# previous. Run i then draws its random start from stream i, so results do not
# depend on where the runs are computed, and the NMF package's algorithms give
# the NMF package's runs for the same numeric seed. Package code never calls
# set.seed(): the seeding happens inside withr::with_seed() within a scope that
# restores the user's random state and generator kind.

# The state of R's generator: .Random.seed, or (when there is none yet) the
# generator kinds, which .Random.seed encodes otherwise.
rng_snapshot <- function() {
  seed <- get0(".Random.seed", envir = globalenv(), inherits = FALSE)
  list(seed = seed, kind = if (is.null(seed)) RNGkind())
}

# Puts back a snapshot taken by rng_snapshot(), kinds included.
rng_restore <- function(snapshot) {
  if (is.null(snapshot$seed)) {
    suppressWarnings(RNGkind(snapshot$kind[1L], snapshot$kind[2L], snapshot$kind[3L]))
    if (exists(".Random.seed", envir = globalenv(), inherits = FALSE)) {
      rm(".Random.seed", envir = globalenv())
    }
  } else {
    current <- get0(".Random.seed", envir = globalenv(), inherits = FALSE)
    assign(".Random.seed", snapshot$seed, envir = globalenv())
    # R takes the generator kind from .Random.seed only when it next draws;
    # until then set.seed() (after rm(.Random.seed), say) would use the kind
    # of the runs' streams: RNGkind() makes R read the user's kind now
    if (is.null(current) || current[1L] != snapshot$seed[1L]) RNGkind()
  }
  invisible(NULL)
}

# Evaluates `code` with R's generator set to `state` (a .Random.seed vector),
# then restores the caller's generator exactly.
with_rng_state <- function(state, code) {
  old <- rng_snapshot()
  on.exit(rng_restore(old), add = TRUE)
  assign(".Random.seed", state, envir = globalenv())
  code
}

is_cmrg <- function() RNGkind()[1L] == "L'Ecuyer-CMRG"

# The first stream (a 7-integer L'Ecuyer-CMRG .Random.seed), as
# rngtools::RNGseq_seed: a number seeds R's generator and switches it to
# L'Ecuyer-CMRG; NULL draws from the user's generator as it stands.
rng_base <- function(seed) {
  if (is.null(seed)) {
    if (!exists(".Random.seed", envir = globalenv(), inherits = FALSE)) stats::runif(1L)
    if (is_cmrg()) {
      # the user's current stream; the user's generator moves on to the next one
      base <- get(".Random.seed", envir = globalenv())
      assign(".Random.seed", c(base[1L], parallel::nextRNGStream(base)[2:7]), envir = globalenv())
      return(base)
    }
    stats::runif(1L) # advances the user's stream, as the NMF package does
    old <- rng_snapshot()
    on.exit(rng_restore(old), add = TRUE)
    RNGkind("L'Ecuyer-CMRG")
    return(get(".Random.seed", envir = globalenv()))
  }
  old <- rng_snapshot()
  on.exit(rng_restore(old), add = TRUE)
  if (is_cmrg()) {
    withr::with_seed(seed, get(".Random.seed", envir = globalenv()))
  } else {
    withr::with_seed(seed, {
      RNGkind("L'Ecuyer-CMRG")
      get(".Random.seed", envir = globalenv())
    })
  }
}

# n streams following `base`: base itself, then successive nextRNGStream().
rng_streams <- function(base, n) {
  out <- vector("list", n)
  s <- base
  for (i in seq_len(n)) {
    if (i > 1L) s <- parallel::nextRNGStream(s)
    out[[i]] <- s
  }
  out
}
