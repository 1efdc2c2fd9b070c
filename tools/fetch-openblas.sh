#!/usr/bin/env bash
# Unpacks Debian's OpenBLAS (pthreads) into a directory WITHOUT installing it,
# so that bench/bench-guards.R can time fits in child R processes linked to a
# multithreaded BLAS while the system BLAS stays as it is (installing
# libopenblas0-pthread with apt would switch every R on the machine to it).
# Usage: tools/fetch-openblas.sh [DIR]   (default /tmp/nmfkit-openblas)
# Prints the library directory to pass as NMFKIT_BENCH_OPENBLAS. Best effort:
# exits 0 and prints nothing if apt-get or dpkg is not available.
set -uo pipefail
dir=${1:-/tmp/nmfkit-openblas}
lib="$dir/root/usr/lib/x86_64-linux-gnu/openblas-pthread"
if [ -e "$lib/libblas.so.3" ]; then echo "$lib"; exit 0; fi
command -v apt-get >/dev/null 2>&1 && command -v dpkg >/dev/null 2>&1 || exit 0
mkdir -p "$dir" && cd "$dir" || exit 0
apt-get download libopenblas0-pthread >/dev/null 2>&1 || { echo "fetch-openblas: apt-get download failed" >&2; exit 0; }
dpkg -x libopenblas0-pthread_*.deb root >/dev/null 2>&1 || exit 0
[ -e "$lib/libblas.so.3" ] && echo "$lib"
exit 0
