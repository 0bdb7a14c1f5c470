#!/usr/bin/env bash
# Benchmark (not a test): what --verify 0.01 costs (goal <= 1.05x the same run without it): mr
# over 10^7 numbers near 10^15, alone and under mpirun -n 3, with --quiet (where --verify makes
# the workers send the primes' verdicts, as a journal does) and with the primes as csv (the same
# detail either way: the cost of the checks alone), ROUNDS times each (default 3), with and
# without --verify alternated; process wall time, medians and their ratio. The sampled 1 % is
# checked again with Miller-Rabin to fixed bases (mr-bases), as jobs of the pool.
# Usage: bench/verify.sh [ROUNDS]   (build first: jobs/build.sh)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_start "$0" "$@"
rounds=${1:-3}
require_program
out=$(mktemp)
trap 'rm -f "$out"' EXIT
work=(--range 1000000000000000:1000000010000000 --method mr)
echo "machine: $(nproc) cores; build $(git rev-parse --short HEAD); $rounds rounds"
compare() {  # compare TITLE OUTPUT LAUNCH...: the run with --verify 0.01 and without, alternated
  local title=$1 output=$2 with=() without=() a b
  shift 2
  for ((i = 1; i <= rounds; i++)); do
    with+=("$(timed "$out" "$@" "$bin" "${work[@]}" $output --verify 0.01)")
    without+=("$(timed "$out" "$@" "$bin" "${work[@]}" $output)")
  done
  a=$(printf '%s\n' "${with[@]}" | median)
  b=$(printf '%s\n' "${without[@]}" | median)
  printf '%-48s --verify 0.01 %.3fs, without %.3fs: %sx (goal <= 1.05x)\n' "$title" "$a" "$b" "$(ratio "$a" "$b" %.3f)"
}
compare "10^7 numbers, mr, --quiet, one rank" --quiet env
compare "10^7 numbers, mr, --quiet, mpirun -n 3" --quiet mpirun -n 3 --oversubscribe
compare "10^7 numbers, mr, primes as csv, mpirun -n 3" "--primes-only --format csv" mpirun -n 3 --oversubscribe
