#!/usr/bin/env bash
# Runs the core tests (the input battery, the solvers, missing values) under
# valgrind's memcheck against the installed nmfkit; fails on any memcheck
# error. Slow (valgrind runs R 20 to 50 times slower): minutes, not seconds.
#
#   tools/valgrind.sh [test files...]   (default: the core tests)
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind: not installed. On Debian/Ubuntu: apt-get install valgrind (as root); then rerun make valgrind." >&2
  exit 1
fi
files=("$@")
[ ${#files[@]} -eq 0 ] && files=(tests/testthat/test-battery.R tests/testthat/test-hals.R tests/testthat/test-safety.R)
log=$(mktemp "${TMPDIR:-/tmp}/nmfkit-valgrind.XXXXXX")
trap 'rm -f "$log"' EXIT
start=$(date +%s)
echo "== valgrind: ${files[*]}"
# one thread: OpenMP's thread pool only adds noise to memcheck
set +e
NMFKIT_VALGRIND=1 OMP_THREAD_LIMIT=1 R --vanilla --quiet \
  -d "valgrind --tool=memcheck --error-exitcode=42 --leak-check=no --track-origins=yes --log-file=$log" \
  -e 'library(testthat); library(nmfkit); options(nmfkit.threads = 1)
      res <- lapply(commandArgs(TRUE), function(f) as.data.frame(test_file(f, package = "nmfkit", load_package = "installed", reporter = "summary")))
      df <- do.call(rbind, res)
      cat(sprintf("testthat: %d passed, %d failed\n", sum(df$passed), sum(df$failed) + sum(df$error)))
      quit(status = if (sum(df$failed) + sum(df$error) > 0) 1L else 0L)' \
  --args "${files[@]}"
status=$?
set -e
elapsed=$(( $(date +%s) - start ))
summary=$(grep -E "ERROR SUMMARY" "$log" | tail -n 1)
echo "valgrind: ${summary#==*== } (${elapsed} s)"
if [ "$status" -eq 42 ] || ! echo "$summary" | grep -q "ERROR SUMMARY: 0 errors"; then
  grep -E -B2 -A25 "Invalid (read|write)|uninitialised|Mismatched|Invalid free" "$log" | head -n 150 >&2
  echo "valgrind: FAILED (memcheck errors)" >&2
  exit 1
fi
[ "$status" -eq 0 ] || { echo "valgrind: FAILED (tests failed, status $status)" >&2; exit 1; }
echo "valgrind: no memcheck error"
