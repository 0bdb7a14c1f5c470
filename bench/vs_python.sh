#!/usr/bin/env bash
# Benchmark (not a test): the sample end to end, `mpirun -n 3 --oversubscribe build/primepool`
# (2 workers) against the same design in plain Python with 2 worker processes
# (bench/python_pool.py: queues, a stop value, trial division), process wall times measured in
# this one run, REPEATS times each, interleaved (goal: primepool >= 12x faster).
# Usage: bench/vs_python.sh [REPEATS]   (build first: jobs/build.sh)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_start "$0" "$@"
repeats=${1:-3}
require_program
py=() pp=()
for _ in $(seq "$repeats"); do
  py+=("$(timed /dev/null python3 bench/python_pool.py 2)")
  pp+=("$(timed /dev/null mpirun -n 3 --oversubscribe "$bin" --quiet --progress never)")
done
PY=$(printf '%s\n' "${py[@]}" | median) PP=$(printf '%s\n' "${pp[@]}" | median)
echo "the 20-number sample, 2 workers, process wall time (median of $repeats)"
echo "   python3 bench/python_pool.py 2:            $(printf %.3f "$PY")s"
echo "   mpirun -n 3 --oversubscribe build/primepool: $(printf %.3f "$PP")s"
echo "   ratio: $(ratio "$PY" "$PP")x (goal >= 12x)"
