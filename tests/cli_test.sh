#!/usr/bin/env bash
# Command-line tests of build/primepool: help, version, usage errors (exit 2), the sample on one
# rank and under mpirun, --numbers. Usage: cli_test.sh PRIMEPOOL MPIEXEC
set -u
bin=$1
mpiexec=$2
fails=0
passes=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pass() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# expect_exit CODE NAME -- COMMAND...: run, keep stdout/stderr in $tmp, compare the exit code.
expect_exit() {
  local want=$1 name=$2; shift 3
  timeout 120 "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" = "$want" ]; then pass; else fail "$name: exit $got, wanted $want"; cat "$tmp/err"; fi
}
expect_in() {  # expect_in FILE PATTERN NAME
  if grep -Eq -- "$2" "$tmp/$1"; then pass; else fail "$3: /$2/ not in $1"; sed 's/^/  | /' "$tmp/$1"; fi
}

expect_exit 0 help -- "$bin" --help
expect_in out "--numbers" help
expect_exit 0 version -- "$bin" --version
expect_in out "^primepool [0-9]+\.[0-9]+\.[0-9]+$" version

expect_exit 2 unknown-option -- "$bin" --frobnicate
expect_in err "unrecognised option '--frobnicate'|unrecognized option '--frobnicate'" unknown-option
expect_exit 2 bad-number -- "$bin" --numbers 7,x1,13
expect_in err "item 2 'x1'" bad-number
expect_exit 2 too-large -- "$bin" --numbers 18446744073709551616
expect_in err "too large" too-large
expect_exit 2 negative -- "$bin" --numbers=-3
expect_in err "sign" negative
expect_exit 2 mpi-usage-error -- "$mpiexec" -n 3 --oversubscribe "$bin" --bogus

expect_exit 0 sequential -- "$bin" --numbers 7,11,12
expect_in out "^Checking 3 numbers sequentially:$" sequential
expect_in out "^               7 P  0\.[0-9]{6}s$" sequential
expect_in out "^              12    0\.[0-9]{6}s$" sequential
expect_in out "^Total time: [0-9]+\.[0-9]{2}s$" sequential

expect_exit 0 mpi-sample -- "$mpiexec" -n 3 --oversubscribe "$bin"
expect_in out "^Checking 20 numbers with 2 workers:$" mpi-sample
[ "$(grep -c ' P  ' "$tmp/out")" = 9 ] && pass || fail "mpi-sample: wanted 9 P lines"
[ "$(grep -cE '^ *[0-9]+ [P ]  ?[0-9]+\.[0-9]{6}s$' "$tmp/out")" = 20 ] && pass || fail "mpi-sample: wanted 20 rows"
expect_in out "^20 checks in [0-9]+\.[0-9]{2}s$" mpi-sample
expect_in out "^rank 0 CPU: " mpi-sample

expect_exit 0 mpi-five-ranks-two-numbers -- "$mpiexec" -n 5 --oversubscribe "$bin" --numbers 5,6
expect_in out "^2 checks in" mpi-five-ranks-two-numbers

echo "$passes passed, $fails failed"
[ "$fails" = 0 ]
