# Time to a target loss (the measure of issue 7). For each implementation:
#  1. a ladder of runs with maxit = 1, 2, 4, 8, ... from the same start, each
#     timed (short runs best of 3 or 5) and scored in R with the problem's loss,
#     until the loss is flat (relative change < 1e-7 over a doubling), maxit
#     reaches 4096, or the implementation's time budget would be exceeded;
#  2. the best loss is the least any implementation reached, the target
#     best * (1 + tol) for tol = 1e-4 (and 1e-3);
#  3. between the last ladder run above the target and the first below it, a
#     bisection on maxit finds the first iteration count whose loss is within
#     the target, and its run time is the time to target.
# Per-iteration time is the slope of run time against maxit over the ladder
# (a least-squares line; its intercept is the set-up cost).

ladder <- function(im, loss, max_iter = 4096L, flat = 1e-7) {
  pts <- list()
  spent <- 0
  it <- 1L
  prev <- Inf
  repeat {
    r <- timed_run(im$run, it)
    l <- loss(r$W, r$H)
    spent <- spent + r$spent
    pts[[length(pts) + 1L]] <- data.frame(maxit = it, iterations = r$iterations, seconds = r$seconds, loss = l)
    if (it >= max_iter || !is.finite(l)) break
    if (abs(prev - l) <= flat * abs(l)) break
    if (spent + 2.2 * r$seconds > im$budget) break
    prev <- l
    it <- 2L * it
  }
  pts <- do.call(rbind, pts)
  pts$phase <- "ladder"
  pts
}

# First maxit whose loss is <= target, by bisection between the ladder runs
# around it; returns the updated points and that maxit (NA if never reached).
bisect_target <- function(im, loss, pts, target) {
  lad <- pts[pts$phase == "ladder", ]
  hit <- which(lad$loss <= target)
  if (!length(hit)) return(list(pts = pts, maxit = NA_integer_))
  hi <- lad$maxit[hit[1]]
  lo <- if (hit[1] > 1) lad$maxit[hit[1] - 1L] else 0L
  known <- function(m) pts[pts$maxit == m, , drop = FALSE]
  while (hi - lo > 1L) {
    mid <- (lo + hi) %/% 2L
    kp <- known(mid)
    if (!nrow(kp)) {
      r <- timed_run(im$run, mid)
      kp <- data.frame(maxit = mid, iterations = r$iterations, seconds = r$seconds, loss = loss(r$W, r$H),
                       phase = "bisection")
      pts <- rbind(pts, kp)
    }
    if (kp$loss[1] <= target) hi <- mid else lo <- mid
  }
  list(pts = pts, maxit = hi)
}

per_iteration <- function(pts) {
  lad <- pts[pts$phase == "ladder" & pts$maxit >= 2, ]
  if (nrow(lad) < 2) return(c(ms = NA, setup = NA))
  cf <- stats::coef(stats::lm(seconds ~ maxit, data = lad))
  c(ms = 1000 * cf[["maxit"]], setup = 1000 * cf[["(Intercept)"]])
}

# Runs every implementation of problem `p` and returns list(summary, curves).
run_problem <- function(p, impls, tols = c(1e-4, 1e-3)) {
  loss <- p$loss_fun
  curves <- list()
  for (nm in names(impls)) {
    im <- impls[[nm]]
    cat(sprintf("  %-34s ", nm))
    pts <- tryCatch(ladder(im, loss), error = function(e) {
      cat("failed:", conditionMessage(e), "\n")
      NULL
    })
    if (is.null(pts)) {
      impls[[nm]] <- NULL
      next
    }
    cat(sprintf("ladder to maxit %d, %.2f s, loss %.6g\n", max(pts$maxit), max(pts$seconds), min(pts$loss)))
    curves[[nm]] <- pts
  }
  best <- min(vapply(curves, function(d) min(d$loss), 0))
  ref <- if (!is.null(p$reference)) grep(p$reference, names(curves), value = TRUE)[1] else NA
  # (within 1e-9: the same iterates computed by another implementation differ in the last digits)
  ref_loss <- if (!is.na(ref)) min(curves[[ref]]$loss) * (1 + 1e-9) else NA
  rows <- list()
  for (nm in names(curves)) {
    im <- impls[[nm]]
    pts <- curves[[nm]]
    at <- list()
    for (tol in tols) {
      b <- bisect_target(im, loss, pts, best * (1 + tol))
      pts <- b$pts
      at[[as.character(tol)]] <- if (is.na(b$maxit)) c(NA, NA) else c(b$maxit, pts$seconds[pts$maxit == b$maxit][1])
    }
    if (!is.na(ref_loss)) {
      b <- bisect_target(im, loss, pts, ref_loss)
      pts <- b$pts
      at[["ref"]] <- if (is.na(b$maxit)) c(NA, NA) else c(b$maxit, pts$seconds[pts$maxit == b$maxit][1])
    }
    # reaching 1e-4 at time t means 1e-3 was reached by t (runs are timed separately)
    t34 <- c(at[["0.001"]][2], at[["1e-04"]][2])
    if (any(!is.na(t34))) at[["0.001"]][2] <- min(t34, na.rm = TRUE)
    curves[[nm]] <- pts[order(pts$maxit), ]
    pi <- per_iteration(pts)
    last <- pts[which.max(pts$maxit), ]
    rows[[nm]] <- data.frame(
      problem = p$name, implementation = im$implementation, method = im$method, threads = as.character(im$threads),
      setting = if (is.null(im$setting)) NA_character_ else im$setting, start = im$start,
      ms_per_iter = pi[["ms"]], setup_ms = pi[["setup"]],
      iters_1e3 = at[["0.001"]][1], secs_1e3 = at[["0.001"]][2],
      iters_1e4 = at[["1e-04"]][1], secs_1e4 = at[["1e-04"]][2],
      last_maxit = last$maxit, last_secs = last$seconds, last_excess = last$loss / best - 1,
      best_loss = best, stringsAsFactors = FALSE)
    if (!is.na(ref_loss)) {
      rows[[nm]]$reference <- ref
      rows[[nm]]$iters_ref <- at[["ref"]][1]
      rows[[nm]]$secs_ref <- at[["ref"]][2]
    }
  }
  list(summary = do.call(rbind, rows), curves = curves, best = best)
}

print_summary <- function(s) {
  show <- s[intersect(c("implementation", "method", "threads", if (any(!is.na(s$setting))) "setting", "start",
                        "ms_per_iter", "iters_1e3", "secs_1e3", "iters_1e4", "secs_1e4", "iters_ref", "secs_ref",
                        "last_maxit", "last_excess"), names(s))]
  show$ms_per_iter <- signif(show$ms_per_iter, 3)
  show$secs_1e3 <- signif(show$secs_1e3, 3)
  show$secs_1e4 <- signif(show$secs_1e4, 3)
  show$last_excess <- signif(show$last_excess, 2)
  op <- options(width = 200)
  on.exit(options(op))
  print(show, row.names = FALSE)
}

# The time for each implementation of `impls` whose name matches `pattern` to
# reach a reference loss `own` = list(implementation, method, iterations,
# seconds, loss), e.g. where a peer stops by its own rule, by bisection on the
# ladder of `res` (run_problem's result). Prints a line each; returns a data.frame.
time_to_loss <- function(p, impls, res, own, pattern = "^nmfkit", label = "") {
  cat(sprintf("\n%s %s%s: %d iterations, %.3g s, loss %.10g\n", own$implementation, own$method, label,
              own$iterations, own$seconds, own$loss))
  rows <- list()
  for (nm in intersect(grep(pattern, names(impls), value = TRUE), names(res$curves))) {
    b <- bisect_target(impls[[nm]], p$loss_fun, res$curves[[nm]], own$loss)
    secs <- if (is.na(b$maxit)) NA else b$pts$seconds[b$pts$maxit == b$maxit][1]
    cat(sprintf("  %-40s reaches it in %s iterations, %s s: %s\n", nm, b$maxit, format(secs, digits = 3),
                if (is.na(secs)) "not reached" else sprintf("%.1fx faster", own$seconds / secs)))
    rows[[nm]] <- data.frame(problem = p$name, reference = paste(own$implementation, own$method),
                             ref_iterations = own$iterations, ref_seconds = own$seconds, ref_loss = own$loss,
                             implementation = impls[[nm]]$implementation, method = impls[[nm]]$method,
                             threads = as.character(impls[[nm]]$threads), iterations = b$maxit, seconds = secs,
                             speedup = own$seconds / secs, stringsAsFactors = FALSE)
  }
  do.call(rbind, rows)
}

# The wide bench's ratios (issue 16) from run_problem's summary: nmfkit at its
# default call against each RcppML at their defaults ("default": each
# package's own thread count) and at equal threads ("equal": bench_threads).
# The ratio is nmfkit's time to within 1e-4 of the best loss over the peer's
# (at 1e-3 when either does not reach 1e-4; NA when either does not reach
# 1e-3), with the ratio of ms per iteration beside it; rows whose `setting` is
# "default=equal" stand for both.
wide_ratios <- function(s, peers = c("RcppML 0.3", "RcppML 1")) {
  pick <- function(rows, setting) {
    r <- rows[!is.na(rows$setting) & (rows$setting == setting | rows$setting == "default=equal" |
                                        (setting == "default" & grepl("^masked", rows$setting))), ]
    if (nrow(r)) r[1, ] else NULL
  }
  kit_rows <- s[grepl("^nmfkit", s$implementation) & grepl("^default", s$method), ]
  out <- list()
  for (peer in peers) {
    pr <- s[startsWith(s$implementation, peer), ]
    for (setting in c("default", "equal")) {
      kit <- pick(kit_rows, setting)
      if (is.null(kit)) next
      out[[length(out) + 1L]] <- ratio_row(kit, pick(pr, setting), setting,
                                           if (nrow(pr)) pr$implementation[1] else peer, nrow(pr) > 0)
    }
  }
  do.call(rbind, out)
}

# One row of wide_ratios(): nmfkit's summary row `kit` against the peer's `ml`
# (NULL: the peer has no run at this setting, or was left out).
ratio_row <- function(kit, ml, setting, peer, peer_ran) {
  row <- data.frame(problem = kit$problem, setting = setting, nmfkit_threads = kit$threads, peer = peer,
                    peer_threads = NA_character_, at = NA_character_, nmfkit_secs = NA_real_, peer_secs = NA_real_,
                    ratio = NA_real_, ms_ratio = NA_real_, note = "", stringsAsFactors = FALSE)
  if (is.null(ml)) {
    row$note <- if (peer_ran) "no run of the peer at this setting" else "peer left out"
    return(row)
  }
  row$peer <- ml$implementation
  row$peer_threads <- ml$threads
  both <- function(v) !is.na(kit[[v]]) && !is.na(ml[[v]])
  col <- if (both("secs_1e4")) "secs_1e4" else if (both("secs_1e3")) "secs_1e3" else NA
  if (!is.na(col)) {
    row$at <- if (col == "secs_1e4") "1e-4" else "1e-3"
    row$nmfkit_secs <- kit[[col]]
    row$peer_secs <- ml[[col]]
    row$ratio <- kit[[col]] / ml[[col]]
  }
  row$ms_ratio <- kit$ms_per_iter / ml$ms_per_iter
  row$note <- paste(c(if (is.na(ml$secs_1e4)) sprintf("%s does not reach 1e-4", ml$implementation),
                      if (is.na(ml$secs_1e3)) sprintf("%s does not reach 1e-3", ml$implementation),
                      if (is.na(kit$secs_1e4)) "nmfkit does not reach 1e-4"), collapse = "; ")
  row
}

# <file>-curves.csv (every run: maxit, seconds, loss, its excess over the best)
# and <file>.png (plot_curves).
write_curves <- function(res, p, file) {
  curves <- do.call(rbind, lapply(names(res$curves), function(nm) cbind(implementation = nm, res$curves[[nm]])))
  curves$excess <- curves$loss / res$best - 1
  write_results(curves, paste0(file, "-curves"))
  plot_curves(res, p, file)
}

# Loss (relative excess over the best, log scale) against seconds (log scale).
plot_curves <- function(res, p, file) {
  open_png(file)
  on.exit(grDevices::dev.off())
  cols <- grDevices::hcl.colors(max(3, length(res$curves)), "Dark 3")
  floor_ <- 1e-7  # the best run itself has excess 0: drawn at the floor
  xr <- range(unlist(lapply(res$curves, function(d) d$seconds)))
  yr <- range(pmax(unlist(lapply(res$curves, function(d) d$loss / res$best - 1)), floor_))
  graphics::par(mar = c(6, 5, 4, 1))
  graphics::plot(NA, xlim = pmax(xr, 1e-4), ylim = c(floor_, max(yr[2], 1)), log = "xy",
                 xlab = "seconds (a run of maxit iterations from the start; dots: maxit = 1, 2, 4, ...; circles: bisection)",
                 ylab = "loss / best loss - 1", main = p$title)
  graphics::abline(h = c(1e-4, 1e-3), lty = 2, col = "grey50")
  for (i in seq_along(res$curves)) {
    d <- res$curves[[i]]
    lad <- d[d$phase == "ladder", ]
    bis <- d[d$phase != "ladder", ]
    graphics::lines(pmax(lad$seconds, 1e-4), pmax(lad$loss / res$best - 1, floor_), type = "o", pch = 16,
                    cex = 0.7, col = cols[i], lwd = 2)
    graphics::points(pmax(bis$seconds, 1e-4), pmax(bis$loss / res$best - 1, floor_), pch = 1, cex = 0.8,
                     col = cols[i])
  }
  graphics::legend("bottomleft", legend = names(res$curves), col = cols[seq_along(res$curves)], lwd = 2,
                   cex = 0.8, bg = "white")
  graphics::mtext(footer_text(), side = 1, line = 4.5, cex = 0.7)
}
