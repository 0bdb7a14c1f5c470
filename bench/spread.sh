#!/usr/bin/env bash
# Benchmark (not a test): one hard number spread over the whole pool (run/spread.hpp). A prime of
# BITS bits (default 72) checked by trial division (--force) with one worker (mpirun -n 2) and
# with two (mpirun -n 3), ROUNDS times each, alternated; prints median wall times and the speedup
# (goal >= 1.9x with two workers). Ranks unbound (--bind-to none) in both: with fewer ranks than
# cores Open MPI binds each to one core. At 72 bits one worker searches about 2 minutes here.
# Usage: bench/spread.sh [BITS] [ROUNDS]   (build first: jobs/build.sh)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_start "$0" "$@"
bits=${1:-72}
rounds=${2:-3}
require_program
# The largest prime below 2^BITS, found by Baillie-PSW (mr) on the last 200 numbers below it.
prime=$("$bin" --range "2^$bits-200:2^$bits" --method mr --primes-only --format csv --order input \
        2>/dev/null | tail -1 | cut -d, -f1)
[ -n "$prime" ] || { echo "no prime found below 2^$bits" >&2; exit 1; }
one=() two=()
for ((i = 1; i <= rounds; i++)); do
  one+=("$(field "$(run_summary mpirun -n 2 --oversubscribe --bind-to none "$bin" --numbers "$prime" --method trial --force)" wall)")
  two+=("$(field "$(run_summary mpirun -n 3 --oversubscribe --bind-to none "$bin" --numbers "$prime" --method trial --force)" wall)")
done
a=$(printf '%s\n' "${one[@]}" | median)
b=$(printf '%s\n' "${two[@]}" | median)
echo "machine: $(nproc) cores; trial division of $prime ($bits bits, prime); $rounds runs each"
echo "one worker  (mpirun -n 2): ${a}s   (runs: ${one[*]})"
echo "two workers (mpirun -n 3): ${b}s   (runs: ${two[*]})"
echo "speedup: $(ratio "$a" "$b")x (goal >= 1.9x)"
