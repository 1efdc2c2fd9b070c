#!/usr/bin/env bash
# Installs the R packages nmfkit needs that are missing: Debian's prebuilt
# r-cran-*/r-bioc-* packages where apt can install them (as root), CRAN
# (source) otherwise. Usage: tools/install-deps.sh [--all]
#   default: what installing and running the package needs (Imports, LinkingTo)
#   --all:   also what tests, checks, vignettes and benchmarks use (Suggests
#            and tools); then tries the optional packages too (best effort:
#            a warning, not a failure, when they cannot be installed)
set -euo pipefail

core="Rcpp RcppEigen Matrix withr cluster future future.apply pheatmap progressr"
extra="testthat callr NMF Biobase RcppML SummarizedExperiment fastICA roxygen2 knitr rmarkdown wordcloud topicmodels dslabs"
# Packages tried on a best-effort basis (none at present).
optional=""
pkgs="$core"
all=false
[ "${1:-}" = "--all" ] && { pkgs="$core $extra"; all=true; }
is_root_apt() { command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; }

install_optional() {
  $all || return 0
  local p
  for p in $optional; do
    if ! Rscript --vanilla -e "quit(status = !requireNamespace('$p', quietly = TRUE))" >/dev/null 2>&1; then
      echo "install-deps: optional $p: trying CRAN (best effort)"
      Rscript --vanilla -e 'options(repos = c(CRAN = "https://cloud.r-project.org")); suppressWarnings(install.packages(commandArgs(TRUE), Ncpus = 2L))' "$p" >/dev/null 2>&1 || true
      Rscript --vanilla -e "quit(status = !requireNamespace('$p', quietly = TRUE))" >/dev/null 2>&1 ||
        echo "install-deps: warning: optional package $p could not be installed; the vignette that uses it will show a note" >&2
    fi
  done
}

missing() {
  Rscript --vanilla -e 'p <- commandArgs(TRUE); ok <- vapply(p, function(x) suppressWarnings(requireNamespace(x, quietly = TRUE)), NA); cat(p[!ok])' $pkgs
}

todo=$(missing)
[ -z "$todo" ] && { echo "install-deps: all of [$pkgs] present"; install_optional; exit 0; }
echo "install-deps: missing: $todo"

debian_name() {
  case "$1" in
    Biobase|SummarizedExperiment) echo "r-bioc-$(echo "$1" | tr '[:upper:]' '[:lower:]')" ;;
    *) echo "r-cran-$(echo "$1" | tr '[:upper:]' '[:lower:]')" ;;
  esac
}

if is_root_apt; then
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
  # topicmodels compiles against the GNU Scientific Library
  if echo " $todo " | grep -q " topicmodels " && is_root_apt; then
    echo "install-deps: apt-get install libgsl-dev (for topicmodels)"
    apt-get install -y -q --no-install-recommends libgsl-dev >/dev/null ||
      echo "install-deps: could not install libgsl-dev" >&2
  fi
  echo "install-deps: from CRAN: $todo"
  Rscript --vanilla -e 'p <- commandArgs(TRUE); options(repos = c(CRAN = "https://cloud.r-project.org")); install.packages(p, Ncpus = 2L)' $todo
fi
todo=$(missing)
if [ -n "$todo" ]; then
  echo "install-deps: could not install: $todo" >&2
  exit 1
fi
install_optional
echo "install-deps: done"
