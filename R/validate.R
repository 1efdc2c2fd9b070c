# Argument checks shared by every function: what a value is, the error, and
# the checks of single values. The checks of each family of arguments are in
# the other R/validate-*.R files: data (validate-data.R), fits (validate-fit.R),
# measures (validate-measures.R), plots (validate-plots.R) and component
# consensus (validate-components.R). Each message says which argument is
# wrong, what was expected and what was given.

# A short description of what a value is, for error messages.
describe_value <- function(x) {
  if (is.null(x)) return("NULL")
  if (is.function(x)) return("a function")
  cls <- class(x)[1L]
  if (is.atomic(x) && length(x) == 1L) {
    return(if (is.character(x)) sprintf('"%s"', x) else format(x))
  }
  if (is.matrix(x) || inherits(x, "Matrix")) {
    return(sprintf("a %d x %d %s", nrow(x), ncol(x), cls))
  }
  if (is.array(x)) {
    return(sprintf("a %s array", paste(dim(x), collapse = " x ")))
  }
  if (is.atomic(x)) {
    article <- if (substr(typeof(x), 1L, 1L) %in% c("a", "e", "i", "o", "u")) "an" else "a"
    return(sprintf("%s %s vector of length %d", article, typeof(x), length(x)))
  }
  sprintf("an object of class %s", cls)
}

abort_arg <- function(...) stop(sprintf(...), call. = FALSE)

# A whole number in [lower, upper] (an R integer: at most 2^31 - 1).
check_whole <- function(x, arg, lower = 1, upper = .Machine$integer.max, upper_why = NULL) {
  ok <- is.numeric(x) && length(x) == 1L && !is.na(x) && is.finite(x) &&
    abs(x - round(x)) < 1e-8 && x >= lower && x <= upper
  if (!ok) {
    abort_arg("`%s` must be a whole number %s, not %s.", arg, whole_range(x, lower, upper, upper_why),
              describe_value(x))
  }
  as.integer(round(x))
}

# The range of check_whole()'s message: "between 1 and 5 (why)", or "of at
# least 1" (and its R integer bound when `x` is beyond it).
whole_range <- function(x, lower, upper, upper_why) {
  if (upper < .Machine$integer.max) {
    return(sprintf("between %s and %s%s", format(lower), format(upper),
                   if (is.null(upper_why)) "" else sprintf(" (%s)", upper_why)))
  }
  too_big <- is.numeric(x) && length(x) == 1L && !is.na(x) && x > upper
  sprintf("of at least %s%s", format(lower), if (too_big) sprintf(" and at most %d", .Machine$integer.max) else "")
}

check_positive_number <- function(x, arg) {
  if (!is.numeric(x) || length(x) != 1L || is.na(x) || !is.finite(x) || x <= 0) {
    abort_arg("`%s` must be a single positive number, not %s.", arg, describe_value(x))
  }
  as.numeric(x)
}

check_nonnegative_number <- function(x, arg) {
  if (!is.numeric(x) || length(x) != 1L || is.na(x) || !is.finite(x) || x < 0) {
    abort_arg("`%s` must be a single non-negative number, not %s.", arg, describe_value(x))
  }
  as.numeric(x)
}

check_flag <- function(x, arg) {
  if (!is.logical(x) || length(x) != 1L || is.na(x)) {
    abort_arg("`%s` must be TRUE or FALSE, not %s.", arg, describe_value(x))
  }
  x
}

# One of a few fixed choices (several with `several = TRUE`), matched
# partially as match.arg() does; the whole vector of choices (an argument
# left at its default) gives the first.
check_choice <- function(x, choices, arg, several = FALSE) {
  if (identical(x, choices)) return(choices[1L])
  hit <- if (is.character(x) && length(x) >= 1L && (several || length(x) == 1L)) pmatch(x, choices) else NA
  if (anyNA(hit)) {
    abort_arg("`%s` must be %s %s, not %s.", arg, if (several) "some of" else "one of",
              paste0('"', choices, '"', collapse = ", "), describe_value(x))
  }
  choices[hit]
}

# Names in quotes, for messages: "a", "b".
quoted <- function(x) paste0('"', x, '"', collapse = ", ")

# "s" for a count other than one.
plural <- function(n) if (n == 1L) "" else "s"
