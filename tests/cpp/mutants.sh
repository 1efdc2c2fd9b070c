#!/usr/bin/env bash
# Shows that the C++ tests can fail: each mutant below breaks one thing in a
# copy of the core (inst/include), the tests are built against that copy, and
# the named test must fail. Slow (a full build per mutant); not part of
# make test-cpp (about half a minute per mutant).
#   tests/cpp/mutants.sh [EIGEN_INC]    (MUTANT=text: only the mutants of tests whose name holds it)
set -euo pipefail
cd "$(dirname "$0")/../.."
eigen=${1:-$(Rscript -e 'cat(system.file("include", package = "RcppEigen"))')}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nmfkit-mutants.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
status=0
# file ~ text ~ replacement ~ test that must fail
while IFS='~' read -r file old new test; do
  [ -z "$file" ] && continue
  case "$test" in *"${MUTANT:-}"*) ;; *) continue ;; esac
  rm -rf "$tmp/include" && mkdir -p "$tmp/include" && cp -r inst/include/nmfkit "$tmp/include/"
  python3 - "$tmp/include/nmfkit/$file" "$old" "$new" <<'PY' || { echo "mutant: text not found in $file: $old"; status=1; continue; }
import sys
p, old, new = sys.argv[1:]
s = open(p).read()
if old not in s: sys.exit(1)
open(p, "w").write(s.replace(old, new, 1))
PY
  objs=()
  built=1
  for f in tests/cpp/*.cpp tests/cpp/*/*.cpp; do
    o="$tmp/$(echo "$f" | tr / _).o"
    g++ -std=gnu++14 -O2 -fopenmp -DNDEBUG -I "$tmp/include" -isystem "$eigen" -c "$f" -o "$o" || built=0
    objs+=("$o")
  done
  [ "$built" = 1 ] && g++ -fopenmp "${objs[@]}" -o "$tmp/tests" || built=0
  if [ "$built" = 0 ]; then
    echo "MISSED  $file: $old -> $new  (the mutant does not build)"
    status=1
    continue
  fi
  out=$(OMP_WAIT_POLICY=passive "$tmp/tests" "$test" 2>/dev/null || true)
  if echo "$out" | grep -q "^FAIL $test"; then
    echo "caught  $file: $old -> $new  ($test)"
  else
    echo "MISSED  $file: $old -> $new  ($test)"
    status=1
  fi
done <<'MUTANTS'
nnls/bpp.h~w.y[i] < -tol;~w.y[i] < -1e-3 * tol - 1e-3;~nnls_bpp_matches_exhaustive_search
nnls/bpp.h~          v += l3 * c3[i];~          v += l3 * c2[i];~cholesky_kernels_solve_as_eigen
nnls/bpp.h~factor = w.store.data() + it->second;~factor = w.store.data();~nnls_factor_store_gives_the_same_bits
nnls/small.h~is_bad = y < -tol;~is_bad = y < -tol - 1e-3;~small_nnls_matches_exhaustive_search
nnls/columns.h~b[l] = bj[l] - l1;~b[l] = bj[l];~nnls_columns_with_penalties_match_exhaustive_search
nnls/columns.h~Gp.diagonal().array() += pen.l2;~Gp.diagonal().array() += 0.5 * pen.l2;~nnls_columns_with_penalties_match_exhaustive_search
nnls/bpp.h~for (int iter = 0; iter < 10 * k + 10; ++iter) {~for (int iter = 0; iter < 1; ++iter) {~nnls_larger_ranks_satisfy_kkt
data/values.h~    if (odd > 0) {~    if (odd > 1) {~value_stats_by_blocks_match_the_value_by_value_scan
core/governor.h~      strikes_ = kSlowStrikes - 1;~      strikes_ = 0;~governor_switches_to_one_thread_after_three_slow_regions_and_tries_again
stop.h~std::abs(previous_ - value) <= tol_ * std::abs(previous_)~std::abs(previous_ - value) < tol_ * std::abs(previous_)~relative_rule_fires_at_the_first_small_relative_decrease
stop.h~return unchanged_ > stopconv_;~return unchanged_ >= stopconv_;~connectivity_rule_fires_after_stopconv_unchanged_checks
stop.h~if (out[j] < 0 || v > best) {~if (out[j] < 0 || v >= best) {~column_argmax_and_same_partition
stop.h~if (stored_ == niter_ + 1) {~if (stored_ == niter_) {~stationary_rule_fires_at_the_end_of_a_flat_window
stop.h~(changed_w <= wminchange_ && changed_h == 0)~(changed_w <= wminchange_ && changed_h <= 1)~snmf_rule_fires_after_iconv_quiet_checks_with_a_small_residual
mask.h~return transposed ? held_out(col, row, seed, holdout) : held_out(row, col, seed, holdout);~return held_out(row, col, seed, holdout);~held_out_cells_are_the_same_from_both_sides
mask.h~std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL~std::uint64_t z = (seed > 0) + 0x9E3779B97F4A7C15ULL~held_out_cells_differ_between_seeds
mask.h~return (z >> 11) * (1.0 / 9007199254740992.0) < fraction;~return (z >> 11) * (1.0 / 9007199254740992.0) < 0.8 * fraction;~held_out_is_deterministic_and_near_its_fraction
mask.h~if (w != 0.0) fn(row, value, w);~if (w != 0.0 && row != 3) fn(row, value, w);~observed_cells_agree_between_sides_and_storage
core/threads.h~if (error) std::rethrow_exception(error);~if (error) return;~parallel_for_rethrows_a_workers_exception_on_the_calling_thread
core/threads.h~    if (interrupt_requested()) {  // asks the host on the host's thread only~    if (false) {~an_interrupt_poll_stops_parallel_for_with_interrupted
core/threads.h~return st.poll && std::this_thread::get_id() == st.host && st.poll();~return st.poll && st.poll();~the_interrupt_poll_is_asked_on_the_installing_thread_only
core/threads.h~    for (int i = 0; i < n; ++i) {~    for (int i = 1; i < n; ++i) {~parallel_for_runs_every_item_once
core/rank.h~    if (k == K) return f(std::integral_constant<int, K>());~    if (k == K && K < Max) return f(std::integral_constant<int, K>());~with_rank_gives_the_rank_at_compile_time_up_to_max
fast/kl.h~    parts[blk] = total;~    parts[thread_index()] += total;~every_method_fits_the_same_with_1_and_2_threads
data/dense.h~      parts[c0 / block_] = s;~      parts[thread_index()] += s;~every_method_fits_the_same_with_1_and_2_threads
fast/masked_ls.h~    parts[blk] = total;~    parts[thread_index()] += total;~fast_method_variants_fit_the_same_with_1_and_2_threads
names.h~{"l1_w", &Options::l1_w},~{"l1_w", &Options::l1_h},~every_option_name_sets_its_field_only
names.h~{"kl_mu", Method::kl_mu}~{"kl_mu", Method::brunet}~every_method_name_gives_its_method
names.h~else if (name == "stationary") out = StopRule::stationary;~else if (name == "stationary") out = StopRule::connectivity;~every_stop_name_gives_its_rule
run.h~  if (snmf != (opt.stop == StopRule::snmf))~  if (false)~run_refuses_what_it_cannot_fit
MUTANTS
exit $status
