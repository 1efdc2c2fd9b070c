# The random state a fit started from: getRNG(), getRNG1(), showRNG().

#' The random state a fit started from
#'
#' As the NMF package (through rngtools), `getRNG(fit)` is the state of R's
#' random number generator (a `.Random.seed` vector) the fit drew its start
#' from: for one run with a numeric seed, R's generator seeded with it; for
#' several runs, the L'Ecuyer-CMRG stream of the best run (`getRNG1()`: of
#' the first run). `showRNG()` prints the generator's kind and state.
#' Without an argument both describe R's generator as it stands.
#'
#' A fit records its state when [nmf()] gives it one; otherwise the state is
#' found again from the fit's numeric seed. A fit whose start was drawn from
#' R's generator as it stood (`seed = NULL`) without a recorded state, or
#' that started from a seeding method or given matrices, has none: an error
#' says so.
#'
#' @param object a fit or fitset from [nmf()], or a `.Random.seed`-like
#'   integer vector; missing: R's generator as it stands.
#' @param indent the prefix of each line printed.
#' @param ... not used.
#' @return `getRNG()`, `getRNG1()`: an integer vector. `showRNG()`: the
#'   state, invisibly.
#' @export
#' @examples
#' x <- t(as.matrix(iris[, 1:4]))
#' fit <- nmf(x, 2, "lee", seed = 123456)
#' showRNG(fit)
#' res <- nmf(x, 2, "lee", seed = 123456, nrun = 3)
#' showRNG(res)
#' getRNG1(res)
getRNG <- function(object, ...) {
  if (missing(object)) return(current_rng())
  UseMethod("getRNG")
}

#' @export
getRNG.nmfkit_fit <- function(object, ...) {
  rng <- attr(object, "rng", exact = TRUE)
  if (length(rng)) return(rng)
  seed <- numeric_seed_of(object$seed, object)
  with_seed_of(seed, get(".Random.seed", envir = globalenv()))
}

#' @export
getRNG.nmfkit_fitset <- function(object, ...) fitset_stream(object, object$best)

#' @export
getRNG.default <- function(object, ...) {
  if (is.numeric(object) && length(object) > 0L && !anyNA(object)) return(as.integer(object))
  abort_arg("`object` must be a fit, a fitset or a .Random.seed-like integer vector, not %s.", describe_value(object))
}

#' @rdname getRNG
#' @export
getRNG1 <- function(object, ...) {
  if (inherits(object, "nmfkit_fitset")) return(fitset_stream(object, 1L))
  getRNG(object)
}

#' @rdname getRNG
#' @export
showRNG <- function(object, indent = "#", ...) {
  rng <- if (missing(object)) current_rng() else getRNG(object)
  cat(indent, "RNG kind: ", paste(rng_kind_names(rng[1L]), collapse = " / "), "\n")
  cat(indent, "RNG state:", rng_string(rng), "\n")
  invisible(rng)
}

current_rng <- function() {
  if (!exists(".Random.seed", envir = globalenv(), inherits = FALSE)) stats::runif(1L)
  get(".Random.seed", envir = globalenv())
}

# Run `run`'s stream of a fitset: a recorded one, or found again from its
# numeric seed exactly as nmf() derives the runs' streams.
fitset_stream <- function(object, run) {
  fits <- object$fits
  rng <- if (!is.null(fits)) {
    attr(fits[[run]], "rng", exact = TRUE)
  } else if (run == object$best) {
    attr(object$fit, "rng", exact = TRUE)
  }
  if (length(rng)) return(rng)
  seed <- numeric_seed_of(object$seed, object)
  rng_streams(rng_base(seed), run)[[run]]
}

# The numeric seed in a fit's seed label ("random (seed = 123)").
numeric_seed_of <- function(label, object) {
  num <- regmatches(label, regexec("^random \\(seed = (.+)\\)$", label))[[1L]]
  seed <- if (length(num) == 2L) suppressWarnings(as.numeric(num[2L])) else NA_real_
  if (is.na(seed)) {
    abort_arg(paste("This %s has no record of the random state it started from: its start was %s.",
                    "Refit with a numeric `seed` to have one."),
              if (inherits(object, "nmfkit_fitset")) "fitset" else "fit",
              if (label == "random") "drawn from R's generator as it stood (seed = NULL)" else sprintf("\"%s\"", label))
  }
  seed
}

# The kinds (generator, normal, sample) of a .Random.seed, from its first
# integer.
rng_kind_names <- function(code) {
  gen <- c("Wichmann-Hill", "Marsaglia-Multicarry", "Super-Duper", "Mersenne-Twister", "Knuth-TAOCP",
           "user-supplied", "Knuth-TAOCP-2002", "L'Ecuyer-CMRG")
  norm <- c("Buggy Kinderman-Ramage", "Ahrens-Dieter", "Box-Muller", "user-supplied", "Inversion",
            "Kinderman-Ramage")
  smp <- c("Rounding", "Rejection")
  c(gen[code %% 100L + 1L], norm[(code %/% 100L) %% 100L + 1L], smp[code %/% 10000L + 1L])
}

# The state as rngtools prints it: all of a short state, the ends of a long
# one.
rng_string <- function(rng) {
  s <- paste0(rng, "L")
  if (length(s) <= 7L) return(paste(s, collapse = ", "))
  paste(c(s[1:2], "...", s[length(s)]), collapse = ", ")
}
