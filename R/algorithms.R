# The NMF package's lists of algorithms and seeding methods: nmfAlgorithm(),
# nmfSeed(), existsNMFMethod(), existsNMFSeed().

#' The algorithms and seeding methods nmfkit knows
#'
#' `nmfAlgorithm()` lists the names of the methods [nmf()] knows (see
#' [nmf_methods]); `nmfAlgorithm(name)` describes one (its objective,
#' stopping rule, default iterations, parameters and the NMF model it fits),
#' matching the name as [nmf()] does (`"br"` is `"brunet"`). nmfkit has no
#' separate R versions of its algorithms: `nmfAlgorithm(version = "R")` is
#' empty. `nmfSeed()` lists the seeding methods ([nmf_seed()]) and
#' `nmfSeed(name)` describes one. `existsNMFMethod()` and `existsNMFSeed()`
#' tell whether a name is known (exactly).
#'
#' @param name a method (seeding method) name, or `NULL` for all.
#' @param version `NULL`, or `"R"` for the methods with a separate R version
#'   (none in nmfkit).
#' @param all in the NMF package, also list hidden methods; nmfkit has none.
#' @param ... not used.
#' @return A character vector of names, or an object of class
#'   `nmfkit_method` (`nmfkit_seeding`) with a print method.
#' @export
#' @examples
#' nmfAlgorithm()
#' nmfAlgorithm("br")
#' nmfSeed()
#' nmfSeed("nndsvd")
#' existsNMFMethod("lee")
nmfAlgorithm <- function(name = NULL, version = NULL, all = FALSE, ...) {
  tab <- nmf_methods()
  if (!is.null(version)) {
    version <- check_choice(version, "R", "version")
    return(stats::setNames(character(), character()))
  }
  if (is.null(name)) return(tab$method)
  method <- match_name(name, tab$method, "method")
  row <- tab[tab$method == method, , drop = FALSE]
  structure(c(as.list(row), list(model = model_of_method(method))), class = "nmfkit_method")
}

#' @export
print.nmfkit_method <- function(x, ...) {
  cat(sprintf("<nmfkit_method> %s\n", x$method))
  cat(sprintf("  objective:  %s\n", x$objective))
  cat(sprintf("  model:      %s\n", x$model))
  cat(sprintf("  stopping:   %s (at most %d iterations by default)\n", x$stopping, x$maxit))
  cat(sprintf("  parameters: %s\n", if (nzchar(x$parameters)) x$parameters else "none"))
  cat(sprintf("  help:       %s\n", x$help))
  invisible(x)
}

#' @rdname nmfAlgorithm
#' @export
nmfSeed <- function(name = NULL, ...) {
  if (is.null(name)) return(seeding_methods())
  method <- match_name(name, seeding_methods(), "seed")
  structure(list(name = method, description = seeding_description(method)), class = "nmfkit_seeding")
}

seeding_description <- function(method) {
  switch(method,
    random = "W then H drawn from runif(0, max(x)), clipped at max(x), as the NMF package's \"random\"",
    nndsvd = "non-negative double SVD (Boutsidis and Gallopoulos 2008), zeros kept",
    nndsvda = "non-negative double SVD, zeros filled with mean(x)",
    nndsvdar = "non-negative double SVD, zeros filled with mean(x) * runif() / 100",
    ica = "independent component analysis (fastICA), negative entries raised to machine epsilon"
  )
}

#' @export
print.nmfkit_seeding <- function(x, ...) {
  cat(sprintf("<nmfkit_seeding> %s: %s\n", x$name, x$description))
  invisible(x)
}

#' @rdname nmfAlgorithm
#' @export
existsNMFMethod <- function(name, ...) is.character(name) && length(name) == 1L && name %in% nmf_methods()$method

#' @rdname nmfAlgorithm
#' @export
existsNMFSeed <- function(name, ...) is.character(name) && length(name) == 1L && name %in% seeding_methods()
