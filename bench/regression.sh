#!/usr/bin/env bash
# Benchmark (not a test): this build against another revision's on the work below 2^64, to show
# that a change costs nothing there (goal <= 1.03x): the built-in sample (the default method,
# trial division) and 10^5 primes just below 2^64 from a file with --method mr, alone and under
# mpirun -n 3, ROUNDS times each (default 7), the two programs alternated; process wall time,
# medians and their ratio. REV is built (Release) in a git worktree under /tmp.
# Usage: bench/regression.sh REV [ROUNDS]   (build first: jobs/build.sh)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_start "$0" "$@"
rev=${1:?usage: bench/regression.sh REV [ROUNDS]}
rounds=${2:-7}
require_program
base=/tmp/primepool-base-$(git rev-parse --short "$rev")
if [ ! -x "$base/build/primepool" ]; then
  git worktree add -f "$base" "$rev" >/dev/null 2>&1 || true
  cmake -S "$base" -B "$base/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$base/build" -j "$(nproc)" --target primepool >/dev/null
fi
data=$(mktemp)
trap 'rm -f "$data" "$data.out"' EXIT
"$bin" --range "2^64-5000000:2^64" --method mr --primes-only --format csv -o "$data.out" >/dev/null 2>&1
sed -n '2,100001p' "$data.out" | cut -d, -f1 >"$data"
echo "machine: $(nproc) cores; this build ($(git rev-parse --short HEAD)) against $rev; $rounds rounds"
compare() {  # compare TITLE ARGS...: this build and the baseline, alternated
  local title=$1 new=() old=() a b
  shift
  for ((i = 1; i <= rounds; i++)); do
    new+=("$(timed "$data.out" "${@/#PRIMEPOOL/$bin}")")
    old+=("$(timed "$data.out" "${@/#PRIMEPOOL/$base/build/primepool}")")
  done
  a=$(printf '%s\n' "${new[@]}" | median)
  b=$(printf '%s\n' "${old[@]}" | median)
  printf '%-44s this %.3fs, %s %.3fs: %sx (goal <= 1.03x)\n' "$title" "$a" "$rev" "$b" "$(ratio "$a" "$b" %.3f)"
}
compare "the sample (trial division), one rank" PRIMEPOOL
compare "10^5 primes below 2^64, mr, one rank" PRIMEPOOL "$data" --method mr --quiet
compare "10^5 primes below 2^64, mr, mpirun -n 3" mpirun -n 3 --oversubscribe PRIMEPOOL "$data" --method mr --quiet
