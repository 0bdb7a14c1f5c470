#!/usr/bin/env bash
# Benchmark (not a test) of --method sieve, ratios from one run: counting the primes in
# [10^18, 10^18 + COUNT) (default 10^9) with primesieve -t1, with one rank and with mpirun -n 3
# (2 workers); median of 3, interleaved. Goals: one rank <= 1.2x primesieve's time, 2 workers
# <= 0.6x. Each sieve job pays libprimesieve's set-up (about 0.5 s near 10^18).
# Usage: bench/sieve.sh [COUNT]   (installs primesieve through jobs/deps.sh bench)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_start "$0" "$@"
jobs/deps.sh bench
count=${1:-1000000000}
require_program
lo=1000000000000000000
hi=$((lo + count))
own() { field "$(cat "$json")" "$1"; }  # a field of the last run's summary JSON
out=$(mktemp) json=$(mktemp)
trap 'rm -f "$out" "$json"' EXIT
ps=() one=() one_own=() two=() two_own=()
for _ in 1 2 3; do
  ps+=("$(timed "$out" primesieve "$lo" "$((hi - 1))" --threads=1 -q)")
  want=$(cat "$out")
  one+=("$(timed "$out" "$bin" --range "$lo:$hi" --method sieve --quiet --progress never --summary-json "$json")")
  one_own+=("$(own wall)")
  [ "$(own primes)" = "$want" ] || { echo "MISMATCH: $(own primes) primes, primesieve $want" >&2; exit 1; }
  two+=("$(timed "$out" mpirun -n 3 --oversubscribe "$bin" --range "$lo:$hi" --method sieve --quiet --progress never --summary-json "$json")")
  two_own+=("$(own wall)")
done
m() { printf '%s\n' "$@" | median; }
PS=$(m "${ps[@]}") ONE=$(m "${one[@]}") ONE_OWN=$(m "${one_own[@]}") TWO=$(m "${two[@]}") TWO_OWN=$(m "${two_own[@]}")
echo "primes in [10^18, 10^18 + $count): $want (median of 3, process wall; own wall in brackets)"
echo "   primesieve -t1:               $(printf %.3f "$PS")s"
echo "   primepool --method sieve:     $(printf %.3f "$ONE")s (${ONE_OWN}s) -> $(ratio "$ONE" "$PS")x primesieve (goal <= 1.2x)"
echo "   mpirun -n 3, 2 workers:       $(printf %.3f "$TWO")s (${TWO_OWN}s) -> $(ratio "$TWO" "$PS")x, own wall $(ratio "$TWO_OWN" "$PS")x (goal <= 0.6x)"
