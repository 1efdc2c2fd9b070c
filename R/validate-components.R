# Checks of the arguments of consensus_components() (R/components.R).

# The fitsets whose runs' components are to be combined, named by rank: the
# fitset given, or the survey's fitset of `rank` (every rank's when `rank` is
# NULL). Each must have at least two runs and keep every run's basis.
check_components_object <- function(object, rank) {
  if (inherits(object, "nmfkit_fit")) {
    abort_arg(paste("`object` is a single run: consensus_components() combines the components of several runs;",
                    "fit with nmf(x, rank, nrun = 20)."))
  }
  if (inherits(object, "nmfkit_survey")) {
    ranks <- as.integer(names(object$fit))
    if (!is.null(rank)) {
      if (!is.numeric(rank) || length(rank) != 1L || is.na(rank) || !rank %in% ranks) {
        abort_arg("`rank` must be one of the survey's ranks (%s), not %s.", paste(ranks, collapse = ", "),
                  describe_value(rank))
      }
      ranks <- as.integer(rank)
    }
    sets <- object$fit[as.character(ranks)]
  } else if (inherits(object, "nmfkit_fitset")) {
    if (!is.null(rank) && !identical(as.numeric(rank), as.numeric(nbasis(object)))) {
      abort_arg("`rank` must be NULL or the fitset's rank (%d), not %s.", nbasis(object), describe_value(rank))
    }
    sets <- stats::setNames(list(object), nbasis(object))
  } else {
    abort_arg(paste("`object` must be a fitset (nmf(x, rank, nrun = 20)) or a rank survey (nmf(x, ranks,",
                    "nrun = 20)), not %s."),
              describe_value(object))
  }
  for (r in names(sets)) {
    set <- sets[[r]]
    if (set$nrun < 2L) {
      abort_arg(paste("`object` has %d run at rank %s: consensus_components() needs at least 2 (cNMF uses 20 or more);",
                      "refit with a larger `nrun`."), set$nrun, r)
    }
    if (is.null(run_bases(set))) {
      abort_arg(paste("`object` keeps no basis of its runs at rank %s (a fitset from an older nmfkit, or one subset by",
                      "components); refit it with nmf()."), r)
    }
  }
  sets
}

# Every run's basis: the fitset's `bases`, or those of the runs it keeps
# (keep_all = TRUE) when it has no `bases`; NULL when it has neither.
run_bases <- function(set) {
  bases <- set$bases
  if (is.null(bases) && !is.null(set$fits)) bases <- lapply(set$fits, function(f) unname(basis(f)))
  bases
}

# The data whose coefficients are refitted on the consensus basis (NULL: none),
# checked as nmf() checks it, with the dimensions of the fit.
check_components_data <- function(x, set) {
  if (is.null(x)) return(NULL)
  x <- as_nmf_input(x)
  d <- dim(set)[1:2]
  if (!identical(dim(x), d)) {
    abort_arg("`x` must be the data of the fit, %d x %d (features x samples), not %d x %d.", d[1], d[2],
              nrow(x), ncol(x))
  }
  x
}

check_density_threshold <- function(x) {
  if (!is.numeric(x) || length(x) != 1L || is.na(x) || x <= 0 || x > 2) {
    abort_arg(paste("`density_threshold` must be a single number in (0, 2] (a distance between unit components;",
                    "2 keeps them all), not %s."), describe_value(x))
  }
  as.numeric(x)
}

check_neighbourhood <- function(x) {
  if (!is.numeric(x) || length(x) != 1L || is.na(x) || x <= 0 || x > 1) {
    abort_arg("`neighbourhood` must be a single number in (0, 1] (a fraction of the runs), not %s.",
              describe_value(x))
  }
  as.numeric(x)
}
