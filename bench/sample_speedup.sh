#!/usr/bin/env bash
# Benchmark (not a test): the sample on one rank vs `mpirun -n 3 --oversubscribe`, REPEATS times
# each, interleaved. Prints median wall times, the speedup, and rank 0's CPU seconds over wall.
# Usage: bench/sample_speedup.sh [REPEATS] [primepool options...]   (build first: jobs/build.sh)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_start "$0" "$@"
repeats=${1:-5}
[ $# -gt 0 ] && shift
require_program

seq_walls=() par_walls=() cpu_ratios=()
for ((i = 1; i <= repeats; i++)); do
  json=$(run_summary "$bin" "$@")
  seq_walls+=("$(field "$json" wall)")
  json=$(run_summary mpirun -n 3 --oversubscribe "$bin" "$@")
  par_walls+=("$(field "$json" wall)")
  cpu_ratios+=("$(ratio "$(field "$json" rank0_cpu)" "$(field "$json" wall)" %.4f)")
done
seq=$(printf '%s\n' "${seq_walls[@]}" | median)
par=$(printf '%s\n' "${par_walls[@]}" | median)
cpu=$(printf '%s\n' "${cpu_ratios[@]}" | median)
echo "machine: $(nproc) cores; $repeats runs each; median of the program's own wall time"
echo "one rank (sequential):          ${seq}s   (runs: ${seq_walls[*]})"
echo "mpirun -n 3 (2 workers):         ${par}s   (runs: ${par_walls[*]})"
echo "speedup: $(ratio "$seq" "$par")x (ideal with 2 workers: 2.00x)"
awk -v c="$cpu" 'BEGIN {printf "rank 0 CPU / wall (median): %.2f%% of one core (goal <= 2%%)\n", 100 * c}'
