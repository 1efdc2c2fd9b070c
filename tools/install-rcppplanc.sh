#!/usr/bin/env bash
# Installs RcppPlanc (a benchmark peer) from CRAN's source, adding the
# `#include <memory>` that its 2.0.16 sources miss for g++ 12. Needs the hdf5
# and hwloc development files (Debian: libhdf5-dev libhwloc-dev). Its
# dependencies (RcppArmadillo, RcppProgress, hdf5r.Extra, ...) come from CRAN.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
Rscript --vanilla -e 'options(repos = c(CRAN = "https://cloud.r-project.org"))
  db <- tools::package_dependencies("RcppPlanc", db = available.packages(), which = c("Depends", "Imports", "LinkingTo"))[[1]]
  need <- setdiff(db, c(rownames(installed.packages()), "methods", "stats", "utils"))
  if (length(need)) install.packages(need, Ncpus = 2L)
  download.packages("RcppPlanc", commandArgs(TRUE)[1])' "$work" >/dev/null
tar -xzf "$work"/RcppPlanc_*.tar.gz -C "$work"
f="$work/RcppPlanc/src/planc/nmf/bppnmf.hpp"
if [ -f "$f" ] && ! grep -q '#include <memory>' "$f"; then sed -i '1i #include <memory>' "$f"; fi
R CMD INSTALL "$work/RcppPlanc" >"$work/install.log" 2>&1 || { tail -20 "$work/install.log" >&2; exit 1; }
Rscript --vanilla -e 'quit(status = !requireNamespace("RcppPlanc", quietly = TRUE))'
