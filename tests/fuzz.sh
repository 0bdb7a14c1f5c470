#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) into build-fuzz/ and runs each for
# FUZZ_SECONDS (default 20) on top of its seed corpus in tests/fuzz/corpus/. A crash fails.
# Usage: tests/fuzz.sh [SECONDS]
set -euo pipefail
case ${1:-} in -h | --help) sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;; esac
cd "$(dirname "$0")/.."
seconds=${1:-${FUZZ_SECONDS:-20}}
CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPRIMEPOOL_FUZZ=ON >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target fuzz_number_input fuzz_journal
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for target in number_input:number journal:journal; do
  name=${target%%:*} seeds=tests/fuzz/corpus/${target##*:}
  mkdir -p "$work/$name"
  echo "fuzz_$name: ${seconds}s on $(ls "$seeds" | wc -l) seeds"
  # New inputs go to a scratch corpus; the seeds in the repository are only read.
  build-fuzz/tests/fuzz/fuzz_$name "$work/$name" "$seeds" -max_total_time="$seconds" \
    -max_len=8192 -artifact_prefix="$work/$name-" -print_final_stats=1 2>"$work/$name.log" || {
    tail -n 60 "$work/$name.log"
    echo "fuzz_$name FAILED; the crashing input is kept in build-fuzz/crash-$name"
    cp "$work/$name"-* "build-fuzz/crash-$name" 2>/dev/null || true
    exit 1
  }
  grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$work/$name.log" | sed "s/^/  /"
done
