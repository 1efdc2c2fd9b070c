# Memory policy: no dense object nmfkit builds may exceed `nmfkit.max_bytes`;
# the limit is checked before the allocation, with the size in the message.

# Memory: the most bytes one object nmfkit builds may take, from the option
# `nmfkit.max_bytes` (default: 16 GiB, or the machine's memory when smaller).
max_bytes <- function() {
  opt <- getOption("nmfkit.max_bytes")
  if (!is.null(opt)) return(check_positive_number(opt, "getOption(\"nmfkit.max_bytes\")"))
  limit <- 16 * 1024^3
  total <- physical_memory()
  if (is.finite(total) && total > 0) min(limit, total) else limit
}

# Total memory of the machine in bytes (Linux), NA elsewhere.
physical_memory <- function() {
  line <- tryCatch(grep("^MemTotal:", readLines("/proc/meminfo", n = 5L, warn = FALSE), value = TRUE),
                   error = function(e) character(), warning = function(w) character())
  if (!length(line)) return(NA_real_)
  as.numeric(gsub("[^0-9]", "", line[1L])) * 1024
}

format_bytes <- function(bytes) {
  units <- c("bytes", "KiB", "MiB", "GiB", "TiB", "PiB")
  p <- max(0, min(length(units) - 1, floor(log(max(bytes, 1), 1024))))
  if (p == 0) sprintf("%.0f bytes", bytes) else sprintf("%.1f %s", bytes / 1024^p, units[p + 1])
}

# Errors before allocating a dense `nr` x `nc` matrix of `size`-byte cells
# (8: doubles, 4: logicals) that would exceed max_bytes().
check_alloc <- function(nr, nc, what, size = 8, hint = NULL) {
  bytes <- as.numeric(nr) * as.numeric(nc) * size
  limit <- max_bytes()
  if (bytes > limit) {
    abort_arg("%s would need %s (%s x %s %s); the limit is %s (option `nmfkit.max_bytes`)%s.",
              what, format_bytes(bytes), format(nr, big.mark = ","), format(nc, big.mark = ","),
              if (size == 8) "doubles" else "cells", format_bytes(limit),
              if (is.null(hint)) "" else paste0("; ", hint))
  }
  invisible(bytes)
}
