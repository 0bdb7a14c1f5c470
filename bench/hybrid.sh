#!/usr/bin/env bash
# Benchmark (not a test) for hybrid mode; every ratio comes from runs in this one invocation,
# interleaved, median of REPEATS (default 3). Usage: bench/hybrid.sh [REPEATS]
#  1. sample on one rank: 2 threads vs 1 thread                     (goal >= 1.9x)
#  2. the prime 18446744073709551557 alone: 2 threads vs 1 thread   (goal <= 0.55x the time)
#  3. >= 10 s workloads, the sample 13 times and the range 10^15 .. 10^15 + 11000 (many
#     numbers, no tail): mpirun -n 3 pure MPI, and mpirun -n 2 with 2 threads per worker, each
#     vs one rank                                                    (goal >= 1.95x both)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_start "$0" "$@"
repeats=${1:-3}
require_program

sample=$("$bin" -t 1 | awk 'NR > 1 && NF >= 2 && $1 ~ /^[0-9]+$/ {print $1}' | paste -sd,)
big=$sample
for _ in $(seq 12); do big="$big,$sample"; done

# measure NAME COMMAND...: appends the run's own wall time (its summary JSON) to the array NAME.
measure() { local name=$1 json; shift; json=$(run_summary "$@" --progress never); eval "$name+=($(field "$json" wall))"; }

range=1000000000000000:1000000000011000
s1=() s2=() p1=() p2=() w1=() wm=() wh=() r1=() rm=() rh=()
for ((i = 1; i <= repeats; i++)); do
  measure s1 "$bin" -t 1
  measure s2 "$bin" -t 2
  measure p1 "$bin" -t 1 --numbers 18446744073709551557
  measure p2 "$bin" -t 2 --numbers 18446744073709551557
  measure w1 "$bin" -t 1 --numbers "$big"
  measure wm mpirun -n 3 --oversubscribe "$bin" -t 1 --numbers "$big"
  measure wh mpirun -n 2 --oversubscribe --bind-to none "$bin" -t 2 --numbers "$big"
  measure r1 "$bin" -t 1 --range "$range"
  measure rm mpirun -n 3 --oversubscribe "$bin" -t 1 --range "$range"
  measure rh mpirun -n 2 --oversubscribe --bind-to none "$bin" -t 2 --range "$range"
done
m() { printf '%s\n' "$@" | median; }
S1=$(m "${s1[@]}") S2=$(m "${s2[@]}") P1=$(m "${p1[@]}") P2=$(m "${p2[@]}")
W1=$(m "${w1[@]}") WM=$(m "${wm[@]}") WH=$(m "${wh[@]}")
R1=$(m "${r1[@]}") RM=$(m "${rm[@]}") RH=$(m "${rh[@]}")
echo "machine: $(nproc) cores; median of $repeats runs each (program's own wall time)"
echo "1. sample, one rank:   1 thread ${S1}s, 2 threads ${S2}s -> speedup $(ratio "$S1" "$S2")x (goal >= 1.9x)"
echo "2. 2^64-59 alone:      1 thread ${P1}s, 2 threads ${P2}s -> time ratio $(ratio "$P2" "$P1")x (goal <= 0.55x)"
echo "3. sample x13 (260 numbers): one rank ${W1}s"
echo "   mpirun -n 3, 1 thread each:           ${WM}s -> speedup $(ratio "$W1" "$WM")x (goal >= 1.95x)"
echo "   mpirun -n 2 --bind-to none, 2 threads: ${WH}s -> speedup $(ratio "$W1" "$WH")x (goal >= 1.95x)"
echo "4. range $range (11000 numbers): one rank ${R1}s"
echo "   mpirun -n 3, 1 thread each:           ${RM}s -> speedup $(ratio "$R1" "$RM")x (goal >= 1.95x)"
echo "   mpirun -n 2 --bind-to none, 2 threads: ${RH}s -> speedup $(ratio "$R1" "$RH")x (goal >= 1.95x)"
