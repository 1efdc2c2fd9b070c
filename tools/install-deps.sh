#!/usr/bin/env bash
# Installs the R packages nmfkit needs that are missing: Debian's prebuilt
# r-cran-*/r-bioc-* packages where apt can install them (as root), CRAN
# (source) otherwise. Usage: tools/install-deps.sh [--all | --bench]
#   default: what installing and running the package needs (Imports, LinkingTo)
#   --all:   also what tests, checks, vignettes and benchmarks use (Suggests
#            and tools); then tries the optional packages too (best effort:
#            a warning, not a failure, when they cannot be installed)
#   --bench: --all, then the benchmarks' optional peers, best effort (never
#            failing): scikit-learn for python3 (Debian's python3-sklearn),
#            RcppPlanc from CRAN (needs Debian's libhdf5-dev and libhwloc-dev),
#            fastTopics from CRAN, and RcppML 1.0 from ../shared/peers (its
#            tarball; CRAN serves only 0.3.7) into the separate library
#            $NMFKIT_PEER_LIB (default bench/peerlib), never over the RcppML
#            0.3.7 the tests use
set -euo pipefail

core="Rcpp RcppEigen Matrix withr cluster future future.apply pheatmap progressr"
extra="testthat callr processx future.batchtools NMF Biobase DelayedArray HDF5Array RColorBrewer rngtools RcppML SummarizedExperiment fastICA roxygen2 pkgbuild lintr knitr rmarkdown wordcloud topicmodels dslabs RnavGraphImageData fastglmpca"
# Packages tried on a best-effort basis (none at present).
optional=""
pkgs="$core"
all=false
mode="${1:-}"
{ [ "$mode" = "--all" ] || [ "$mode" = "--bench" ]; } && { pkgs="$core $extra"; all=true; }
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

# The benchmarks' optional peers, best effort: nothing here makes the script fail.
bench_peers() {
  local apt_ok=0
  command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && apt_ok=1
  if ! /usr/bin/python3 -c 'import numpy, scipy, sklearn' >/dev/null 2>&1; then
    if [ $apt_ok = 1 ]; then
      echo "install-deps: apt-get install python3-sklearn (benchmark peer)"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3-sklearn >/dev/null 2>&1 ||
        echo "install-deps: python3-sklearn not installed; scikit-learn is left out of the benchmarks"
    else
      echo "install-deps: no scikit-learn for /usr/bin/python3; it is left out of the benchmarks"
    fi
  fi
  if ! Rscript --vanilla -e 'quit(status = !requireNamespace("RcppPlanc", quietly = TRUE))' >/dev/null 2>&1; then
    if [ $apt_ok = 1 ]; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends libhdf5-dev libhwloc-dev \
        >/dev/null 2>&1 || true
    fi
    echo "install-deps: RcppPlanc from CRAN (benchmark peer, best effort)"
    # RcppPlanc 2.0.16 misses an #include <memory> that g++ 12 needs: add it to
    # the source before building.
    tools/install-rcppplanc.sh || echo "install-deps: RcppPlanc not installed; it is left out of the benchmarks"
  fi
  if ! Rscript --vanilla -e 'quit(status = !requireNamespace("fastTopics", quietly = TRUE))' >/dev/null 2>&1; then
    echo "install-deps: fastTopics from CRAN (benchmark peer, best effort)"
    Rscript --vanilla -e 'options(repos = c(CRAN = "https://cloud.r-project.org")); install.packages("fastTopics", Ncpus = 2L)' \
      >/dev/null 2>&1 || true
    Rscript --vanilla -e 'quit(status = !requireNamespace("fastTopics", quietly = TRUE))' >/dev/null 2>&1 ||
      echo "install-deps: fastTopics not installed; it is left out of the benchmarks"
  fi
  # RcppML 1.0 cannot share a library (or an R session) with the 0.3.7 the
  # tests use: bench/bench-wide.R runs it from $NMFKIT_PEER_LIB in a child R process
  local peer_lib="${NMFKIT_PEER_LIB:-bench/peerlib}" tarball="../shared/peers/RcppML_1.0.0.tar.gz"
  if [ -f "$peer_lib/RcppML/DESCRIPTION" ] && grep -q '^Version: 1\.' "$peer_lib/RcppML/DESCRIPTION"; then
    echo "install-deps: RcppML $(sed -n 's/^Version: //p' "$peer_lib/RcppML/DESCRIPTION") present in $peer_lib"
  elif [ -f "$tarball" ]; then
    echo "install-deps: RcppML 1.0 into $peer_lib (benchmark peer, best effort; about 4 minutes)"
    { mkdir -p "$peer_lib" && R CMD INSTALL --library="$peer_lib" "$tarball" >"$peer_lib/install.log" 2>&1; } ||
      echo "install-deps: RcppML 1.0 not installed (see $peer_lib/install.log); it is left out of the benchmarks"
  else
    echo "install-deps: no $tarball: RcppML 1.0 is left out of the benchmarks"
  fi
  echo "install-deps: NNLM is archived on CRAN: not installed, left out of the benchmarks"
}

todo=$(missing)
if [ -z "$todo" ]; then
  echo "install-deps: all of [$pkgs] present"
  install_optional
  [ "$mode" = "--bench" ] && bench_peers
  exit 0
fi
echo "install-deps: missing: $todo"

debian_name() {
  case "$1" in
    Biobase|SummarizedExperiment|DelayedArray|HDF5Array) echo "r-bioc-$(echo "$1" | tr '[:upper:]' '[:lower:]')" ;;
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
  # fastglmpca (the single-cell vignette's data) builds against RcppParallel;
  # Debian's RcppParallel uses the system TBB and its RcppParallelLibs() gives
  # no flags, so the TBB allocator is added to the link line
  makevars_user=""
  if echo " $todo " | grep -q " fastglmpca "; then
    if is_root_apt; then
      apt-get install -y -q --no-install-recommends r-cran-distr r-cran-rcppparallel r-cran-rcpparmadillo \
        >/dev/null 2>&1 || true
    fi
    if [ -z "$(Rscript --vanilla -e 'cat(tryCatch(RcppParallel::RcppParallelLibs(), error = function(e) ""))' 2>/dev/null)" ] &&
      ls /usr/lib/*/libtbbmalloc.so >/dev/null 2>&1; then
      makevars_user=$(mktemp)
      echo "SHLIB_LIBADD = -ltbbmalloc -ltbb" > "$makevars_user"
    fi
  fi
  echo "install-deps: from CRAN: $todo"
  R_MAKEVARS_USER="${makevars_user:-${R_MAKEVARS_USER:-}}" Rscript --vanilla -e 'p <- commandArgs(TRUE); options(repos = c(CRAN = "https://cloud.r-project.org")); install.packages(p, Ncpus = 2L)' $todo
  [ -n "$makevars_user" ] && rm -f "$makevars_user"
fi
todo=$(missing)
if [ -n "$todo" ]; then
  echo "install-deps: could not install: $todo" >&2
  exit 1
fi
install_optional
[ "$mode" = "--bench" ] && bench_peers
echo "install-deps: done"
