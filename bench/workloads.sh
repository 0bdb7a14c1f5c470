#!/usr/bin/env bash
# Benchmark (not a test) for real workloads; ratios come from runs in this one invocation.
#  1. --method mr on 10^18 .. 10^18 + 10^7 on one core vs primesieve on the same range
#     (241295 primes; goal <= 3x primesieve's time)
#  2. throughput of trivial tasks, --method mr, 3 ranks oversubscribed: --chunk 1 vs auto
#     (goal >= 1,000,000 numbers per second with auto)
#  3. rank 0's resident memory on a 10^9 range (--method mr, stopped after SECONDS, default 30)
# Usage: bench/workloads.sh [SECONDS]   (needs the Debian package primesieve: jobs/deps.sh bench)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_start "$0" "$@"
seconds=${1:-30}
require_program
command -v primesieve >/dev/null || { echo "needs primesieve: jobs/deps.sh bench" >&2; exit 1; }
lo=1000000000000000000 hi=1000000000010000000

# 1. Process wall times (both include start-up; primepool's includes MPI's) and the program's
#    own wall time, median of 3, interleaved.
ps=() pp=() own=()
for i in 1 2 3; do
  s=$(date +%s.%N); count=$(primesieve "$lo" "$hi" --threads=1 -q); e=$(date +%s.%N)
  ps+=("$(awk -v a="$s" -v b="$e" 'BEGIN {print b - a}')")
  s=$(date +%s.%N); json=$(run_summary "$bin" --method mr --range "$lo:$hi" --quiet -t 1 --progress never); e=$(date +%s.%N)
  pp+=("$(awk -v a="$s" -v b="$e" 'BEGIN {print b - a}')")
  own+=("$(field "$json" wall)")
  primes=$(field "$json" primes)
  [ "$primes" = "$count" ] || { echo "MISMATCH: primepool $primes primes, primesieve $count" >&2; exit 1; }
done
PS=$(printf '%s\n' "${ps[@]}" | median) PP=$(printf '%s\n' "${pp[@]}" | median)
OWN=$(printf '%s\n' "${own[@]}" | median)
echo "1. primes in [10^18, 10^18 + 10^7): both count $count"
echo "   primesieve (1 thread):          $(printf %.3f "$PS")s"
echo "   primepool --method mr, 1 rank:  $(printf %.3f "$PP")s process, ${OWN}s own wall"
echo "   ratio: $(ratio "$PP" "$PS")x process to process, $(ratio "$OWN" "$PS")x own wall (goal <= 3x)"

# 2. Throughput: numbers per second from the program's own wall time.
small_hi=$((lo + 100000))
out1=$(run_summary mpirun -n 3 --oversubscribe "$bin" --method mr --range "$lo:$small_hi" --quiet --chunk 1 --progress never)
outa=$(run_summary mpirun -n 3 --oversubscribe "$bin" --method mr --range "$lo:$hi" --quiet --chunk auto --progress never)
rate() { ratio "$(field "$1" checked)" "$(field "$1" wall)" %.0f; }
echo "2. mpirun -n 3 --oversubscribe, --method mr, trivial tasks:"
echo "   --chunk 1    (10^5 numbers): $(rate "$out1") numbers/s"
echo "   --chunk auto (10^7 numbers): $(rate "$outa") numbers/s (goal >= 1000000)"

# 3. Rank 0's resident set, sampled every 0.2 s from /proc while a 10^9 range runs.
mpirun -n 3 --oversubscribe "$bin" --method mr --range "$lo:$((lo + 1000000000))" --quiet \
  --progress never >/dev/null 2>&1 &
job=$!
peak=0 rank0=""
end=$((SECONDS + seconds))
while [ $SECONDS -lt $end ] && kill -0 $job 2>/dev/null; do
  if [ -z "$rank0" ]; then
    for p in $(pgrep -f "^$bin --method mr" || true); do
      tr '\0' '\n' </proc/$p/environ 2>/dev/null | grep -qx 'OMPI_COMM_WORLD_RANK=0' && rank0=$p
    done
  fi
  if [ -n "$rank0" ]; then
    rss=$(awk '/^VmRSS/ {print $2}' /proc/$rank0/status 2>/dev/null || echo 0)
    [ "${rss:-0}" -gt "$peak" ] && peak=$rss
  fi
  sleep 0.2
done
kill -INT $job 2>/dev/null || true
wait $job 2>/dev/null || true
echo "3. 10^9 range, --method mr, 3 ranks, stopped after ${seconds}s:"
echo "   rank 0 peak resident set: $((peak / 1024)) MiB (goal <= 64 MiB)"
