#!/usr/bin/env bash
# Stress: 16 ranks oversubscribed on this machine's cores, 10^5 trivial numbers, with --chunk 1
# and auto: every result exactly once (count, and a checksum over numbers and verdicts equal to
# one rank's), no deadlock, in bounded time (ctest's timeout).
# Usage: stress_test.sh PRIMEPOOL MPIEXEC
set -u
bin=$1
mpiexec=$2
. "$(dirname "$0")/../testlib.sh"

# digest FILE: count of rows, distinct indices, and a checksum over (index, n, verdict).
digest() {
  awk -F, 'NR > 1 {rows++; if (!seen[$6]++) distinct++; sum = (sum + ($1 % 1000003) * (1 + $2) * 7 + $6) % 1000000007}
           END {print rows + 0, distinct + 0, sum + 0}' "$1"
}

"$bin" --range 0:100000 --method mr --format csv --output "$tmp/one.csv" >/dev/null
want=$(digest "$tmp/one.csv")
[ "${want% *}" = "100000 100000" ] && pass || fail "one rank: rows/distinct/checksum $want"
for chunk in auto 1; do
  start=$SECONDS
  timeout 300 "$mpiexec" -n 16 --oversubscribe "$bin" --range 0:100000 --method mr --chunk $chunk \
    --format csv --output "$tmp/many.csv" >"$tmp/out" 2>&1
  rc=$?
  [ "$rc" = 0 ] && pass || fail "16 ranks, --chunk $chunk: exit $rc: $(tail -5 "$tmp/out")"
  got=$(digest "$tmp/many.csv")
  [ "$got" = "$want" ] && pass || fail "16 ranks, --chunk $chunk: rows/distinct/checksum $got, wanted $want"
  echo "16 ranks, --chunk $chunk: 100000 numbers in $((SECONDS - start))s ($got)"
done
finish
