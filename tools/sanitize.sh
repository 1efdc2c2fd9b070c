#!/usr/bin/env bash
# Builds nmfkit with AddressSanitizer and UndefinedBehaviorSanitizer (the
# checks CRAN runs) into a temporary library, runs the testthat suite with the
# sanitizer runtime preloaded into R, and fails on any sanitizer report.
#
#   tools/sanitize.sh [test directory]      (default: tests/testthat)
#
# R itself is not instrumented, so libasan is preloaded (LD_PRELOAD) and leak
# detection is off (R keeps memory until exit on purpose). Reports go to log
# files (ASAN_OPTIONS/UBSAN_OPTIONS log_path), so that reports from child R
# processes (callr, future workers) are caught too. NMFKIT_SANITIZE=1 is set
# for tests that could not run under the sanitizers (none needs it today).
set -euo pipefail
cd "$(dirname "$0")/.."
tests=${1:-tests/testthat}
start=$(date +%s)

asan=$(gcc -print-file-name=libasan.so)
if [ ! -e "$asan" ] || [ "$asan" = "libasan.so" ]; then
  echo "sanitize: libasan.so not found (gcc -print-file-name=libasan.so); install gcc's sanitizer runtime" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nmfkit-sanitize.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
lib="$tmp/lib"
logs="$tmp/logs"
mkdir -p "$lib" "$logs"

flags="-g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer"
cat > "$tmp/Makevars" <<EOF
CXXFLAGS = $flags
CXX11FLAGS = $flags
CXX14FLAGS = $flags
CXX17FLAGS = $flags
LDFLAGS = -fsanitize=address,undefined
EOF

echo "== sanitize: building with $flags"
rm -f src/*.o src/*.so
# the instrumented library cannot be loaded by a plain R: no test load here
R_MAKEVARS_USER="$tmp/Makevars" R CMD INSTALL --preclean --no-test-load -l "$lib" . \
  > "$tmp/install.log" 2>&1 || { cat "$tmp/install.log" >&2; exit 1; }
rm -f src/*.o src/*.so
grep -q -- "-fsanitize=address" "$tmp/install.log" || {
  echo "sanitize: the build did not use the sanitizer flags" >&2
  exit 1
}

echo "== sanitize: running $tests under ASan + UBSan"
set +e
LD_PRELOAD="$asan" \
  ASAN_OPTIONS="detect_leaks=0:log_path=$logs/asan:allocator_may_return_null=1" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:log_path=$logs/ubsan" \
  NMFKIT_SANITIZE=1 \
  R_LIBS="$lib${R_LIBS:+:$R_LIBS}" \
  Rscript tools/run-tests.R "$tests" > "$tmp/tests.log" 2>&1
status=$?
set -e
tail -n 5 "$tmp/tests.log"

reports=$(cat "$logs"/* 2>/dev/null | grep -cE "runtime error|ERROR: AddressSanitizer" || true)
reports_out=$(grep -cE "runtime error|ERROR: AddressSanitizer" "$tmp/tests.log" || true)
elapsed=$(( $(date +%s) - start ))
if [ "$reports" -gt 0 ] || [ "$reports_out" -gt 0 ]; then
  echo "sanitize: FAILED, $((reports + reports_out)) sanitizer report(s):" >&2
  cat "$logs"/* 2>/dev/null | head -n 200 >&2
  grep -E -A30 "runtime error|ERROR: AddressSanitizer" "$tmp/tests.log" | head -n 100 >&2
  exit 1
fi
if [ "$status" -ne 0 ]; then
  grep -E -A25 "^(Failure|Error) \(" "$tmp/tests.log" | head -n 150 >&2 || true
  echo "sanitize: FAILED, the test suite failed under the sanitizers (status $status, ${elapsed} s)" >&2
  exit 1
fi
echo "sanitize: no sanitizer report (${elapsed} s)"
