# The NMF package's options: nmf.options(), nmf.getOption(),
# nmf.resetOptions(), nmf.printOptions().

# The options and their defaults, as in the NMF package 0.25. `error.track`
# and `parallel.backend` are NMF's aliases of `track` and `pbackend`.
nmf_option_defaults <- function() {
  list(default.algorithm = NULL, default.seed = "random", track = FALSE, track.interval = 30,
       gc = 50, pbackend = "par", verbose = FALSE, debug = FALSE, grid.patch = FALSE,
       shared.memory = TRUE)
}

nmf_option_aliases <- c(error.track = "track", parallel.backend = "pbackend")

# The store of the options' values, holding the defaults when the package is
# loaded.
nmf_option_store <- list2env(nmf_option_defaults(), envir = new.env(parent = emptyenv()))

#' The NMF package's options
#'
#' `nmf.options()` reads and sets the options of the NMF package's functions,
#' with its names and defaults:
#' \describe{
#'   \item{`default.algorithm`}{the method [nmf()] uses when none is given.
#'     The NMF package's default is `"brunet"`; nmfkit's is `NULL`: the
#'     fastest Frobenius solver for the data (`"anls"` for dense data,
#'     `"hals"` for sparse; see [nmf()]). `nmf.options(default.algorithm =
#'     "brunet")` (or `options(nmfkit.default_method = "brunet")`) gives the
#'     NMF package's default answer exactly.}
#'   \item{`default.seed`}{the seeding method of [nmf()] when no seed is
#'     given (`"random"`).}
#'   \item{`track`}{keep the objective track of every fit (`FALSE`);
#'     `error.track` is another name for it.}
#'   \item{`track.interval`}{iterations between two values of the track
#'     (30).}
#'   \item{`verbose`}{print progress (`FALSE`); `debug` (`FALSE`) more.}
#'   \item{`cores`}{the number of cores for several runs (not set: `NULL`).}
#'   \item{`pbackend`}{the parallel backend (`"par"`); `parallel.backend` is
#'     another name for it. nmfkit runs go through [future::plan()].}
#'   \item{`gc`, `grid.patch`, `shared.memory`}{kept for scripts that set them
#'     (50, `FALSE`, `TRUE`).}
#' }
#' nmfkit's [nmf()] reads `default.algorithm`, `default.seed`, `track` and
#' `verbose` from these options (its own arguments, when given, come first).
#'
#' `nmf.options()` without argument returns all the options; with names
#' (strings) it returns those options; with `name = value` pairs (or a list
#' of them) it sets them and returns their former values invisibly, as
#' [options()] does. Setting an option to `NULL` removes it. `nmf.getOption()`
#' returns one option (or `default` when it is not set),
#' `nmf.resetOptions()` puts back the defaults (of the options named, or of
#' all), and `nmf.printOptions()` prints them all.
#'
#' @param ... option names, `name = value` pairs or a list of them.
#' @param x the name of an option.
#' @param default the value returned when the option is not set.
#' @param ALL for `nmf.resetOptions()` without names: also remove the
#'   options that have no default (such as `cores`).
#' @return `nmf.options()`: a list of options (invisibly when setting);
#'   `nmf.getOption()`: the value; `nmf.resetOptions()`,
#'   `nmf.printOptions()`: the options, invisibly.
#' @export
#' @examples
#' nmf.options("default.algorithm", "default.seed")
#' nmf.getOption("default.seed")
#' old <- nmf.options(cores = 2, track = TRUE)
#' nmf.getOption("cores")
#' nmf.options(old)
#' nmf.printOptions()
nmf.options <- function(...) {
  args <- list(...)
  if (length(args) == 1L && is.list(args[[1L]]) && is.null(names(args))) args <- args[[1L]]
  if (!length(args)) return(nmf_options_all())
  named <- !is.null(names(args)) & nzchar(names(args) %||% rep("", length(args)))
  if (!any(named)) {
    keys <- unlist(args)
    if (!is.character(keys)) {
      abort_arg("`nmf.options()` takes option names (strings) or `name = value` pairs, not %s.",
                describe_value(args[[1L]]))
    }
    return(stats::setNames(lapply(keys, nmf.getOption), keys))
  }
  if (!all(named)) abort_arg("`nmf.options()` takes either option names or `name = value` pairs, not both.")
  old <- stats::setNames(lapply(names(args), nmf.getOption), names(args))
  for (nm in names(args)) {
    key <- option_key(nm)
    value <- check_nmf_option(key, args[[nm]])
    if (is.null(value)) {
      if (exists(key, envir = nmf_option_store, inherits = FALSE)) rm(list = key, envir = nmf_option_store)
    } else {
      assign(key, value, envir = nmf_option_store)
    }
  }
  invisible(old)
}

#' @rdname nmf.options
#' @export
nmf.getOption <- function(x, default = NULL) {
  if (!is.character(x) || length(x) != 1L || is.na(x)) {
    abort_arg("`x` must be the name of an option (a string), not %s.", describe_value(x))
  }
  key <- option_key(x)
  if (exists(key, envir = nmf_option_store, inherits = FALSE)) get(key, envir = nmf_option_store) else default
}

#' @rdname nmf.options
#' @export
nmf.resetOptions <- function(..., ALL = FALSE) {
  keys <- unlist(list(...))
  defaults <- nmf_option_defaults()
  if (is.null(keys)) {
    if (isTRUE(ALL)) rm(list = ls(nmf_option_store, all.names = TRUE), envir = nmf_option_store)
    for (nm in names(defaults)) assign(nm, defaults[[nm]], envir = nmf_option_store)
  } else {
    for (key in vapply(keys, option_key, "")) {
      if (key %in% names(defaults)) {
        assign(key, defaults[[key]], envir = nmf_option_store)
      } else if (exists(key, envir = nmf_option_store, inherits = FALSE)) {
        rm(list = key, envir = nmf_option_store)
      }
    }
  }
  invisible(nmf_options_all())
}

#' @rdname nmf.options
#' @export
nmf.printOptions <- function() {
  opts <- nmf_options_all()
  cat("<nmfkit: the NMF package's options>\n")
  for (nm in names(opts)) {
    alias <- names(nmf_option_aliases)[nmf_option_aliases == nm]
    cat(sprintf("  %-18s %s%s\n", nm, if (is.null(opts[[nm]])) "NULL" else paste(format(opts[[nm]]), collapse = ", "),
                if (length(alias)) sprintf("   (alias: %s)", alias) else ""))
  }
  invisible(opts)
}

# All the options, in NMF's order, then the others by name.
nmf_options_all <- function() {
  defaults <- names(nmf_option_defaults())
  ord <- c(defaults, sort(setdiff(ls(nmf_option_store, all.names = TRUE), defaults)))
  stats::setNames(lapply(ord, get0, envir = nmf_option_store, inherits = FALSE), ord)
}

option_key <- function(name) if (name %in% names(nmf_option_aliases)) nmf_option_aliases[[name]] else name

# The value of a known option, checked (other options are kept as given).
check_nmf_option <- function(key, value) {
  if (is.null(value)) return(NULL)
  switch(key,
    default.algorithm = option_choice(value, nmf_methods()$method, key, "method"),
    default.seed = option_choice(value, seeding_methods(), key, "seeding method"),
    track = , verbose = , debug = , grid.patch = , shared.memory = check_flag(value, key),
    track.interval = check_whole(value, key, lower = 1),
    gc = check_whole(value, key, lower = 0),
    cores = check_whole(value, key, lower = 1),
    value
  )
}

# A method (seeding method) name, matched as nmf() matches it.
option_choice <- function(value, choices, key, what) {
  known <- paste0('"', choices, '"', collapse = ", ")
  if (!is.character(value) || length(value) != 1L || is.na(value)) {
    abort_arg("Option `%s` must be the name of a %s (one of %s), not %s.", key, what, known, describe_value(value))
  }
  hit <- c(choices[choices == value], choices[tolower(choices) == tolower(value)],
           choices[startsWith(tolower(choices), tolower(value))])
  if (!length(hit) || (!value %in% choices && !tolower(value) %in% tolower(choices) && length(hit) > 1L)) {
    abort_arg('Option `%s` = "%s" is not a known %s (or is ambiguous); known: %s.', key, value, what, known)
  }
  hit[[1L]]
}

`%||%` <- function(a, b) if (is.null(a)) b else a
