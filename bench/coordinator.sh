#!/usr/bin/env bash
# Benchmark (not a test): one coordinator against many simulated workers. Each worker rank runs
# the synthetic method sleep:COST (Miller-Rabin's verdict, then a CPU-free wait of COST), so 128
# ranks oversubscribed on a few cores look to rank 0 like 128 busy cores. For every worker count,
# cost and chunk policy it prints rank 0's jobs/s and results/s, its CPU share, and the
# efficiency against the ideal time (numbers x cost / workers), and against the time the workers
# were there (each worker from its greeting to the end: 128 ranks starting on 2 cores greet rank
# 0 up to a second apart, which no coordinator can help).
# Usage: bench/coordinator.sh [--workers "8 32 64 128"] [--costs "1ms 100us"] [--chunks "1 auto"]
#        [--seconds S]   (S: the ideal run time each point aims at, default 2; build first)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_start "$0" "$@"
workers_list="8 32 64 128" costs="1ms 100us" chunks="1 auto" seconds=2
while [ $# -gt 0 ]; do
  case $1 in
    --workers) workers_list=$2 ;;
    --costs) costs=$2 ;;
    --chunks) chunks=$2 ;;
    --seconds) seconds=$2 ;;
    *) echo "bench/coordinator.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift 2
done
for w in $workers_list; do [[ $w =~ ^[0-9]+$ ]] && [ "$w" -ge 1 ] || { echo "bench/coordinator.sh: --workers: '$w' is not a count" >&2; exit 2; }; done
[[ $seconds =~ ^[0-9]+$ ]] || { echo "bench/coordinator.sh: --seconds: '$seconds' is not whole seconds" >&2; exit 2; }
require_program
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ns_of() {  # 1ms -> 1000000
  local v=${1%%[a-z]*} u=${1##*[0-9]}
  case $u in ns) echo "$v" ;; us) echo $((v * 1000)) ;; ms) echo $((v * 1000000)) ;; s) echo $((v * 1000000000)) ;;
    *) echo "bench/coordinator.sh: cost '$1': expected e.g. 1ms or 100us" >&2; exit 2 ;; esac
}
echo "machine: $(nproc) cores; each point aims at ${seconds} s of ideal time (numbers x cost / workers)"
printf '%-8s %-6s %-6s %10s %9s %9s %10s %9s %11s %10s\n' workers cost chunk numbers wall jobs/s results/s rank0_cpu efficiency "of present"
start=1000000000000000000
for cost in $costs; do
  ns=$(ns_of "$cost")
  for w in $workers_list; do
    n=$((w * seconds * 1000000000 / ns))
    for chunk in $chunks; do
      json=$tmp/s.json
      rm -f "$json"
      # --bind-to none: 129 ranks on 2 cores must not be pinned one to a core.
      if ! timeout 600 mpirun -n $((w + 1)) --oversubscribe --bind-to none "$bin" --method "sleep:$cost" \
          --range "$start:$((start + n))" --chunk "$chunk" --quiet --progress never \
          --summary-json "$json" >"$tmp/out" 2>"$tmp/err"; then
        printf '%-8s %-6s %-6s %10s  failed: %s\n' "$w" "$cost" "$chunk" "$n" "$(head -c 200 "$tmp/err")"
        continue
      fi
      python3 - "$json" "$w" "$cost" "$chunk" "$n" "$ns" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
w, cost, chunk, n, ns = int(sys.argv[2]), sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
wall = s["wall"]
ideal = n * ns / 1e9 / w
present = sum(wall - p["joined"] for p in s["per_worker"])  # worker-seconds after greeting
print(f"{w:<8} {cost:<6} {chunk:<6} {n:>10} {wall:>8.2f}s {s['jobs'] / wall:>9.0f} {n / wall:>10.0f} "
      f"{100 * s['rank0_cpu'] / wall:>8.1f}% {100 * ideal / wall:>10.1f}% {100 * n * ns / 1e9 / present:>9.1f}%")
PY
    done
  done
done
