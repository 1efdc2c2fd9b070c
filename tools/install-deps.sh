#!/usr/bin/env bash
# Installs the R packages nmfkit needs that are missing: Debian's prebuilt
# r-cran-*/r-bioc-* packages where apt can install them (as root), CRAN
# (source) otherwise. Usage: tools/install-deps.sh [--all]
#   default: what installing and running the package needs (Imports, LinkingTo)
#   --all:   also what tests, checks and benchmarks use (Suggests and tools)
set -euo pipefail

core="Rcpp RcppEigen Matrix withr cluster future future.apply pheatmap progressr"
extra="testthat callr NMF Biobase RcppML SummarizedExperiment fastICA roxygen2"
pkgs="$core"
[ "${1:-}" = "--all" ] && pkgs="$core $extra"

missing() {
  Rscript --vanilla -e 'p <- commandArgs(TRUE); ok <- vapply(p, function(x) suppressWarnings(requireNamespace(x, quietly = TRUE)), NA); cat(p[!ok])' $pkgs
}

todo=$(missing)
[ -z "$todo" ] && { echo "install-deps: all of [$pkgs] present"; exit 0; }
echo "install-deps: missing: $todo"

debian_name() {
  case "$1" in
    Biobase|SummarizedExperiment) echo "r-bioc-$(echo "$1" | tr '[:upper:]' '[:lower:]')" ;;
    *) echo "r-cran-$(echo "$1" | tr '[:upper:]' '[:lower:]')" ;;
  esac
}

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null || echo "install-deps: apt-get update failed; trying CRAN"
  debs=""
  for p in $todo; do
    d=$(debian_name "$p")
    if apt-cache show "$d" >/dev/null 2>&1; then debs="$debs $d"; fi
  done
  if [ -n "$debs" ]; then
    echo "install-deps: apt-get install$debs"
    apt-get install -y -q --no-install-recommends $debs >/dev/null
  fi
fi

todo=$(missing)
if [ -n "$todo" ]; then
  echo "install-deps: from CRAN: $todo"
  Rscript --vanilla -e 'p <- commandArgs(TRUE); options(repos = c(CRAN = "https://cloud.r-project.org")); install.packages(p, Ncpus = 2L)' $todo
fi
todo=$(missing)
if [ -n "$todo" ]; then
  echo "install-deps: could not install: $todo" >&2
  exit 1
fi
echo "install-deps: done"
