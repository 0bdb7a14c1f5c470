#!/usr/bin/env bash
# Benchmark (not a test): fine-grained work (Miller-Rabin on a 10^18 range, about 70 ns a number)
# on one rank and with mpirun -n 3 (2 workers) in three output modes: --quiet, --primes-only
# csv to a file, full csv to a file. Prints the program's own wall times, the speedups, and what
# rank 0 absorbs: numbers per second of its CPU time, and csv rows per second of its CPU time.
# Usage: bench/fine_grained.sh [COUNT] [OUTDIR]   (COUNT numbers, default 10^8; files in OUTDIR,
#        default a scratch directory; full csv writes about 45 bytes a number)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_start "$0" "$@"
count=${1:-100000000}
[[ $count =~ ^[0-9]+$ ]] || { echo "bench/fine_grained.sh: COUNT '$count' is not a number" >&2; exit 2; }
out=${2:-$(mktemp -d)}
mkdir -p "$out"
require_program
range=1000000000000000000:$((1000000000000000000 + count))
field() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }

echo "machine: $(nproc) cores; mr on --range $range ($count numbers); files in $out"
printf '%-32s %9s %9s %8s %14s\n' mode "1 rank" "2 workers" speedup "rank 0 absorbs"
for mode in quiet primes csv; do
  case $mode in
    quiet) args=(--quiet) name="--quiet" ;;
    primes) args=(--primes-only --format csv -o "$out/primes.csv") name="--primes-only csv -o FILE" ;;
    csv) args=(--format csv -o "$out/all.csv") name="csv -o FILE" ;;
  esac
  "$bin" --method mr --range "$range" --progress never --summary-json "$out/one.json" "${args[@]}" >/dev/null
  one=$(field "$out/one.json" wall)
  mpirun -n 3 --oversubscribe "$bin" --method mr --range "$range" --progress never \
    --summary-json "$out/two.json" "${args[@]}" >/dev/null
  two=$(field "$out/two.json" wall)
  cpu=$(field "$out/two.json" rank0_cpu)
  unit=numbers/s
  [ "$mode" = csv ] && unit=rows/s
  printf '%-32s %8.2fs %8.2fs %7sx %10.1f M %s\n' "$name" "$one" "$two" "$(ratio "$one" "$two")" \
    "$(awk -v n="$count" -v c="$cpu" 'BEGIN {print (c > 0) ? n / c / 1e6 : 0}')" "$unit"
  rm -f "$out"/*.csv
done
