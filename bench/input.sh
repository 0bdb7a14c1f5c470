#!/usr/bin/env bash
# Benchmark (not a test) of number files, ratios from one run; the files are made here (seq) in
# a scratch directory and deleted after:
#  1. the reader alone on one core: 10^7 lines of 19 digits (goal >= 500 MB/s)
#  2. one rank, --method mr --quiet: that file against the same numbers as --range
#     (goal <= 1.2x the range's time)
#  3. mpirun -n 3 (2 workers) against one rank on a file of COUNT lines (default 10^8, 2 GB;
#     goal >= 1.7x): the workers reading their own slices (the default), and rank 0 reading
#     every number (--read-by rank0)
# Usage: bench/input.sh [COUNT] [DIR]   (DIR: where the files go, default a mktemp under /tmp)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_start "$0" "$@"
count=${1:-100000000}
work=$(mktemp -d "${2:-/tmp}/primepool-input.XXXXXX")
trap 'rm -rf "$work"' EXIT
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j "$(nproc)" --target primepool primepool_bench_input >/dev/null
lo=1000000000000000000

seq $lo $((lo + 10000000 - 1)) >"$work/small.txt"
echo "1. the reader alone, one core:"
echo "   $(taskset -c 0 build/primepool_bench_input "$work/small.txt")"
f=() r=()
for _ in 1 2 3; do
  f+=("$(field "$(run_summary "$bin" "$work/small.txt" --method mr --quiet --progress never)" wall)")
  r+=("$(field "$(run_summary "$bin" --range $lo:$((lo + 10000000)) --method mr --quiet --progress never)" wall)")
done
F=$(printf '%s\n' "${f[@]}" | median) R=$(printf '%s\n' "${r[@]}" | median)
echo "2. one rank, --method mr --quiet, 10^7 numbers (median of 3, own wall time):"
echo "   as a file: ${F}s, as --range: ${R}s -> $(ratio "$F" "$R")x (goal <= 1.2x)"
rm -f "$work/small.txt"

seq $lo $((lo + count - 1)) >"$work/big.txt"
one=$(field "$(run_summary "$bin" "$work/big.txt" --method mr --quiet --progress never)" wall)
two=$(field "$(run_summary mpirun -n 3 --oversubscribe "$bin" "$work/big.txt" --method mr --quiet --progress never)" wall)
by0=$(field "$(run_summary mpirun -n 3 --oversubscribe "$bin" "$work/big.txt" --method mr --quiet --progress never --read-by rank0)" wall)
echo "3. a file of $count lines ($(($(stat -c %s "$work/big.txt") / 1000000)) MB), --method mr --quiet:"
echo "   one rank ${one}s; mpirun -n 3, workers reading ${two}s -> speedup $(ratio "$one" "$two")x (goal >= 1.7x);"
echo "   mpirun -n 3, rank 0 reading ${by0}s -> $(ratio "$one" "$by0")x"
