# The NMF package's colour specifications, for heatmaps and their tracks:
# a palette name ("YlOrRd", "RdYlBu2", "heat", ...), optionally reversed by a
# leading "-" and with a number of colours after ":" ("-RdYlBu2:200"), a
# colour ("blue", "#FF0000"), R's basic colours by number (1L to 8L, as
# integers), a hue (a non-integer-typed number, for a light-to-hue ramp), or
# a vector of colours.

# Splits a specification into palette, number of colours and reversal (NMF's
# ccSpec()).
colour_spec <- function(x) {
  n <- NA_integer_
  rev <- FALSE
  if (length(x) == 1L && !is.na(x)) {
    if (is.character(x)) {
      if (startsWith(x, "-")) {
        x <- substring(x, 2L)
        rev <- TRUE
      }
      parts <- regmatches(x, regexec("^([^:]+):([0-9]+)", x))[[1L]]
      if (length(parts) == 3L) {
        n <- as.integer(parts[3L])
        x <- parts[2L]
      }
      if (is.na(n) && x %in% brewer_palettes()) {
        n <- brewer_info()[x, "maxcolors"]
      } else if (grepl("^[1-8]$", x)) {
        x <- grDevices::palette()[as.integer(x)]
      } else if (grepl("^[0-9.]+$", x)) {
        x <- as.numeric(x)
      }
    } else if (is.numeric(x)) {
      if (x < 0) {
        x <- -x
        rev <- TRUE
      }
      if (is.integer(x)) x <- if (x <= 8L) grDevices::palette()[x] else grDevices::colours()[x]
    }
  }
  list(palette = x, n = n, rev = rev)
}

# The colours of a specification (NMF's ccPalette()): `n` colours of a
# palette, or the palette's own colours when `n` is NA.
colour_palette <- function(x, n = NA_integer_, arg = "color") {
  rev <- FALSE
  if (length(x) == 1L) {
    sp <- colour_spec(x)
    x <- sp$palette
    rev <- sp$rev
    if (is.na(n)) n <- sp$n
    if (is.integer(x)) {
      x <- c("#F1F1F1", grDevices::palette()[x])
    } else if (is.numeric(x)) {
      x <- grDevices::hcl(x, c(0, 80), c(95, 50))
    } else if (is.character(x)) {
      x <- named_palette(x, n, arg)
    } else {
      abort_arg("`%s` must be a palette name, a colour or a vector of colours, not %s.", arg, describe_value(x))
    }
  } else if (!is.character(x) && !is.numeric(x)) {
    abort_arg("`%s` must be a palette name, a colour or a vector of colours, not %s.", arg, describe_value(x))
  } else if (is.numeric(x)) {
    x <- grDevices::palette()[(as.integer(x) - 1L) %% length(grDevices::palette()) + 1L]
  }
  if (rev) x <- rev(x)
  if (!is.na(n) && n < length(x)) x <- x[seq_len(n)]
  x
}

# A palette given by name: RColorBrewer's, NMF's own, or a single colour
# (then a ramp from light grey to it).
named_palette <- function(x, n, arg) {
  if (x %in% brewer_palettes()) return(RColorBrewer::brewer.pal(brewer_info()[x, "maxcolors"], x))
  own <- c("RdYlBu2", "rainbow", "heat", "topo", "terrain", "cm", "gray", "grey")
  i <- pmatch(x, own)
  if (is.na(i)) {
    if (x %in% grDevices::colours() || grepl("^#[0-9a-fA-F]+$", x)) return(c("#F1F1F1", x))
    abort_arg(paste("`%s` = \"%s\" is not a colour or a palette: give an RColorBrewer palette (%s), one of %s,",
                    "a colour name or \"#RRGGBB\", optionally as \"-name:n\"."),
              arg, x, paste(utils::head(brewer_palettes(), 6L), collapse = ", "),
              paste0('"', own, '"', collapse = ", "))
  }
  np <- if (is.na(n)) 10L else n
  switch(own[i],
    RdYlBu2 = c("#D73027", "#FC8D59", "#FEE090", "#FFFFBF", "#E0F3F8", "#91BFDB", "#4575B4"),
    rainbow = grDevices::rainbow(np), gray = rev(grDevices::gray.colors(np)),
    grey = rev(grDevices::grey.colors(np)), heat = grDevices::heat.colors(np),
    topo = grDevices::topo.colors(np), terrain = grDevices::terrain.colors(np), cm = grDevices::cm.colors(np))
}

# The colours of a heatmap (NMF's ccRamp()): n + 1 colours interpolated in
# the palette, n from the specification (default 50).
colour_ramp <- function(x, arg = "color") {
  if (is.null(x) || (length(x) == 1L && is.na(x))) {
    abort_arg("`%s` must be a colour specification, not %s.", arg, describe_value(x))
  }
  if (length(x) > 1L) return(grDevices::colorRampPalette(colour_palette(x, NA_integer_, arg))(51L))
  # as NMF's ccRamp(): the number of colours is the ramp's, the palette is
  # the named one whole
  sp <- colour_spec(x)
  pal <- colour_palette(sp$palette, NA_integer_, arg)
  if (sp$rev) pal <- rev(pal)
  grDevices::colorRampPalette(pal)(if (is.na(sp$n)) 51L else sp$n + 1L)
}

# RColorBrewer ships with pheatmap (which imports it).
brewer_info <- function() {
  if (!requireNamespace("RColorBrewer", quietly = TRUE)) {
    abort_arg("Palette names need the RColorBrewer package (installed with pheatmap); install it.")
  }
  RColorBrewer::brewer.pal.info
}

brewer_palettes <- function() rownames(brewer_info())
