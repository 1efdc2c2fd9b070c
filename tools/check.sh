#!/usr/bin/env bash
# R CMD check --no-manual of a built tarball; fails on any ERROR or WARNING and
# prints the NOTEs.
set -uo pipefail
tarball=$1
_R_CHECK_FORCE_SUGGESTS_=false R CMD check --no-manual "$tarball" 2>&1 | tee check.log
status=$(grep -E '^Status:' check.log | tail -n 1)
if [ -z "$status" ] || echo "$status" | grep -qE 'ERROR|WARNING'; then
  echo "check: failed ($status)" >&2
  grep -B2 -A20 -E '\.\.\. (ERROR|WARNING)' check.log >&2 || true
  exit 1
fi
echo "check: $status"
