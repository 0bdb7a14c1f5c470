#!/usr/bin/env bash
# The scaling command on a small sweep (1-2 workers, 1 thread, 2 repeats): its CSV holds one row
# a run, its points and report the analysis, and the plots exist as PNG and SVG.
# Usage: scaling_test.sh REPO_DIR
set -u
repo=$(cd "$1" && pwd)
. "$(dirname "$0")/../testlib.sh"
start=$SECONDS
"$repo/jobs/scaling.sh" --workers 2 --threads 1 --repeats 2 --weak-per-worker 5 --out "$tmp/s" >"$tmp/log" 2>&1 \
  && pass || fail "jobs/scaling.sh failed: $(tail -20 "$tmp/log")"
# 2 kinds x 2 worker counts x 2 repeats, plus the header
[ "$(wc -l <"$tmp/s/runs.csv")" = 9 ] && pass || fail "runs.csv: $(cat "$tmp/s/runs.csv")"
for kind in strong weak; do
  for w in 1 2; do
    [ "$(grep -c "^$kind,$w,1," "$tmp/s/runs.csv")" = 2 ] && pass || fail "runs.csv: no 2 rows for $kind $w"
  done
done
awk -F, 'NR > 1 && ($5 <= 0 || $7 == 0) {bad = 1} END {exit bad}' "$tmp/s/runs.csv" && pass || fail "runs.csv: empty wall or checked"
grep -q '^strong,1,1,1,[0-9.]*,[0-9.]*,20,9,' "$tmp/s/runs.csv" && pass || fail "strong rows are not the sample"
[ "$(wc -l <"$tmp/s/points.csv")" = 5 ] && pass || fail "points.csv: $(cat "$tmp/s/points.csv")"
grep -q "baseline = median wall of 1 worker rank(s) x 1 thread(s)" "$tmp/s/report.txt" && pass || fail "report.txt names no baseline"
for plot in wall speedup efficiency; do
  for ext in png svg; do
    [ -s "$tmp/s/$plot.$ext" ] && pass || fail "no $plot.$ext"
  done
done
head -c 8 "$tmp/s/wall.png" | od -c | grep -q "P   N   G" && pass || fail "wall.png is not a PNG"
echo "scaling sweep took $((SECONDS - start))s"
finish
