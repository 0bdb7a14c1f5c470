#!/usr/bin/env bash
# Command-line tests of build/primepool: help, version, usage errors (exit 2), the sample on one
# rank and under mpirun, --numbers. Usage: cli_test.sh PRIMEPOOL MPIEXEC
set -u
bin=$1
mpiexec=$2
. "$(dirname "$0")/../testlib.sh"

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
expect_in out "^  rank 0 CPU: " mpi-sample

expect_exit 0 mpi-five-ranks-two-numbers -- "$mpiexec" -n 5 --oversubscribe "$bin" --numbers 5,6
expect_in out "^2 checks in" mpi-five-ranks-two-numbers

# --- inputs -----------------------------------------------------------------------------------
printf '7\n  11 \r\n# a comment\n\n\t13\t# trailing comment\n4\n' >"$tmp/good.txt"
expect_exit 0 file -- "$bin" --format csv --order input "$tmp/good.txt"
[ "$(cut -d, -f1,2 "$tmp/out" | paste -sd' ')" = "n,prime 7,1 11,1 13,1 4,0" ] && pass || fail "file: $(cat "$tmp/out")"
expect_exit 0 stdin -- bash -c "printf '5\n6\n' | '$bin' --format csv -"
[ "$(grep -c '^[56],' "$tmp/out")" = 2 ] && pass || fail "stdin: $(cat "$tmp/out")"
expect_exit 2 missing-file -- "$bin" "$tmp/nope.txt"
expect_in err "nope.txt: cannot open the file" missing-file

# The corpus of malformed inputs (tests/e2e/corpus/bad, expected.tsv): each is refused with the file,
# the line number and its reason, exit 2, and the number before the bad line is still reported.
corpus=$(dirname "$0")/corpus/bad
while IFS=$'\t' read -r file line message; do
  case $file in "#"*|"") continue ;; esac
  expect_exit 2 "bad-$file" -- "$bin" --format csv --order input --progress never "$corpus/$file"
  expect_in err "$file:$line: $message" "bad-$file"
  if [ "$line" -gt 1 ]; then
    [ "$(grep -c '^3,1,' "$tmp/out")" = 1 ] && pass || fail "bad-$file: the result before the bad line was lost"
  fi
done <"$corpus/expected.tsv"
expect_exit 2 bad-in-mpi -- "$mpiexec" -n 3 --oversubscribe "$bin" --format csv --order input "$corpus/long-line.txt"
expect_in out "^3,1," bad-in-mpi
expect_in err "long-line.txt:2: line longer" bad-in-mpi
# The same corpus read by the workers (each its own slices, the default under mpirun), and by
# rank 0: the same message and the same results before it.
while IFS=$'\t' read -r file line message; do
  case $file in "#"*|"") continue ;; esac
  for reader in workers rank0; do
    expect_exit 2 "bad-$file-mpi-$reader" -- "$mpiexec" -n 3 --oversubscribe "$bin" --format csv \
      --order input --progress never --read-by $reader "$corpus/$file"
    expect_in err "$file:$line: $message" "bad-$file-mpi-$reader"
    cut -d, -f1,2,6 "$tmp/out" >"$tmp/bad-$reader.csv"
  done
  cmp -s "$tmp/bad-workers.csv" "$tmp/bad-rank0.csv" && pass || fail "bad-$file: workers and rank 0 differ"
done <"$corpus/expected.tsv"
# A file of 10^5 lines with comments, blanks and CR LF: workers and rank 0 give the same rows in
# input order (n, verdict, index), and a reader that is not known is refused.
awk 'BEGIN {print "# header"; for (i = 1; i <= 100000; i++) {printf "%s%d%s\n", (i % 7 ? "" : "  "), 1000000 + i, (i % 11 ? "" : " # c\r"); if (i % 13 == 0) print ""}}' >"$tmp/mixed.txt"
for reader in workers rank0; do
  expect_exit 0 "mixed-$reader" -- "$mpiexec" -n 3 --oversubscribe "$bin" --format csv --order input \
    --method mr --read-by $reader "$tmp/mixed.txt"
  cut -d, -f1,2,6 "$tmp/out" >"$tmp/mixed-$reader.csv"
done
[ "$(wc -l <"$tmp/mixed-workers.csv")" = 100001 ] && cmp -s "$tmp/mixed-workers.csv" "$tmp/mixed-rank0.csv" &&
  pass || fail "mixed: workers and rank 0 give different rows"
expect_exit 2 bad-reader -- "$bin" --read-by nodes --numbers 7
expect_in err "read-by" bad-reader

expect_exit 0 range -- "$bin" --format csv --order input --range 10:20:3
[ "$(cut -d, -f1 "$tmp/out" | paste -sd' ')" = "n 10 13 16 19" ] && pass || fail "range: $(cat "$tmp/out")"
expect_exit 0 range-empty -- "$bin" --range 5:5
expect_in out "^Checking 0 numbers" range-empty
expect_exit 2 range-backwards -- "$bin" --range 9:3
expect_in err "A is larger than B" range-backwards
expect_exit 2 range-step-zero -- "$bin" --range 1:9:0
expect_in err "STEP must be at least 1" range-step-zero
expect_exit 2 range-bad-number -- "$bin" --range 1:18446744073709551616
expect_in err "B: too large" range-bad-number
expect_exit 2 range-shape -- "$bin" --range 12
expect_in err "expected A:B or A:B:STEP" range-shape

expect_exit 0 random -- "$bin" --format csv --order input --random 5 --bits 40 --seed 9
cp "$tmp/out" "$tmp/random1"
expect_exit 0 random-again -- "$mpiexec" -n 3 --oversubscribe "$bin" --format csv --order input --random 5 --bits 40 --seed 9
cmp -s <(cut -d, -f1,2 "$tmp/random1") <(cut -d, -f1,2 "$tmp/out") && pass || fail "random: not reproducible"
awk -F, 'NR > 1 && ($1 < 549755813888 || $1 >= 1099511627776) {bad = 1} END {exit bad}' "$tmp/out" && pass || fail "random: not 40 bits"
expect_exit 2 random-bits -- "$bin" --random 5 --bits 65
expect_exit 2 two-inputs -- "$bin" --range 1:5 --numbers 3
expect_in err "give one input" two-inputs
expect_exit 2 seed-alone -- "$bin" --seed 3

# --- methods, chunks, output -------------------------------------------------------------------
for m in trial wheel mr sieve; do
  expect_exit 0 "method-$m" -- "$mpiexec" -n 3 --oversubscribe "$bin" --method $m --quiet --range 1:100000 --summary-json "$tmp/s-$m.json"
  grep -q '"primes":9592,' "$tmp/s-$m.json" && pass || fail "method-$m: $(cat "$tmp/s-$m.json")"
done
expect_exit 2 method-unknown -- "$bin" --method magic
expect_in err "expected one of trial, wheel, mr, sieve" method-unknown
expect_exit 2 sieve-needs-range -- "$bin" --method sieve --numbers 7,11
expect_in err "method sieve needs --range" sieve-needs-range
# The sieve on one rank, 2 threads, every output form: the rows of mr's run.
"$bin" --method mr --range 1000000:1100000:3 --format csv --order input >"$tmp/mr.csv"
for mode in "" --primes-only; do
  expect_exit 0 "sieve-rows$mode" -- "$bin" --method sieve --range 1000000:1100000:3 -t 2 --format csv --order input $mode
  cut -d, -f1,2,6 "$tmp/out" >"$tmp/sieve.rows"
  if [ -z "$mode" ]; then cut -d, -f1,2,6 "$tmp/mr.csv"; else awk -F, 'NR == 1 || $2 == 1' "$tmp/mr.csv" | cut -d, -f1,2,6; fi >"$tmp/mr.rows"
  cmp -s "$tmp/sieve.rows" "$tmp/mr.rows" && pass || fail "sieve-rows$mode: not mr's rows"
done
expect_exit 2 chunk-bad -- "$bin" --chunk 0
for c in 1 7 auto; do
  expect_exit 0 "chunk-$c" -- "$mpiexec" -n 4 --oversubscribe "$bin" --chunk $c --format csv --order input --range 0:5000 -t 2
  [ "$(awk -F, 'NR > 1 {if ($6 != NR - 2 || $1 != NR - 2) bad = 1; n++} END {print n + 0, bad + 0}' "$tmp/out")" = "5000 0" ] && pass || fail "chunk-$c: not every number once in input order"
done
expect_exit 0 jsonl -- "$bin" --format jsonl --numbers 7,8
expect_in out '^\{"n":7,"prime":true,"elapsed":[0-9.]+,"worker":0,"thread":0,"index":0\}$' jsonl
expect_in err "^Summary: 2 numbers checked, 1 prime," jsonl
expect_exit 0 primes-only -- "$bin" --primes-only --format csv --range 1:20
[ "$(cut -d, -f1 "$tmp/out" | tail -n +2 | sort -n | paste -sd' ')" = "2 3 5 7 11 13 17 19" ] && pass || fail "primes-only"
expect_exit 0 quiet -- "$mpiexec" -n 3 --oversubscribe "$bin" --quiet --range 1:1000
[ "$(grep -c ' P ' "$tmp/out")" = 0 ] && pass || fail "quiet printed rows"
expect_in out "^Summary: 999 numbers checked, 168 primes" quiet
expect_exit 0 output-file -- "$bin" --format csv --output "$tmp/res.csv" --range 1:11
[ "$(wc -l <"$tmp/res.csv")" = 11 ] && pass || fail "output-file: $(cat "$tmp/res.csv")"
expect_in out "^Summary: 10 numbers checked" output-file
expect_exit 2 output-unwritable -- "$bin" --output /nonexistent/dir/x.csv
expect_in err "x.csv: cannot open for writing: No such file or directory" output-unwritable
expect_exit 0 summary-json -- "$mpiexec" -n 3 --oversubscribe "$bin" --quiet --summary-json "$tmp/s.json" -t 2
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['checked']==20 and d['primes']==9 and d['workers']==2 and d['threads']==2 and len(d['per_worker'])==2 and d['complete'], d" "$tmp/s.json" && pass || fail "summary-json: $(cat "$tmp/s.json")"
expect_exit 0 progress-always -- "$bin" --progress always --numbers 9999999999999917,3333333333333301,7777777777777753
grep -q 'numbers' "$tmp/err" && pass || fail "progress-always drew nothing"
expect_exit 0 progress-auto-not-a-tty -- "$bin" --numbers 9999999999999917,3333333333333301
[ ! -s "$tmp/err" ] && pass || fail "progress-auto wrote to a non-terminal stderr"

# One parsing rule for every option value: no abbreviated option names, spaces around a number
# ignored everywhere, a sign refused everywhere, the offending character named visibly.
expect_exit 2 no-abbreviation -- "$bin" --meth mr
expect_in err "unrecognised option '--meth'|unrecognized option '--meth'" no-abbreviation
expect_exit 0 spaces-in-list -- "$bin" --numbers "7, 11" --format csv
expect_in out "^11,1," spaces-in-list
expect_exit 0 spaces-around-values -- "$bin" --numbers 7 --threads " 2" --chunk " 5" --grace " 3"
for opt in "--threads +2" "--chunk +5" "--numbers +7" "--bits +8 --random 1" "--grace +1" "--random +3"; do
  # shellcheck disable=SC2086
  expect_exit 2 "sign:$opt" -- "$bin" $opt
done
expect_exit 2 visible-character -- "$bin" --numbers "7,1 1"
expect_in err "not a decimal digit: a space" visible-character
expect_exit 2 positional-number -- "$bin" 97
expect_in err "use --numbers 97" positional-number
expect_exit 0 plural-one -- "$bin" --numbers 7
expect_in out "^Summary: 1 number checked, 1 prime," plural-one
expect_exit 2 stall-warn-minimum -- "$bin" --stall-warn 1
top=$(cd "$(dirname "$0")/../.." && pwd)
for script in "$top"/jobs/*.sh "$top"/jobs/*.sbatch "$top"/bench/*.sh; do
  case $script in */batch_lib.sh | */mpi_env.sh | */lib.sh) continue ;; esac  # sourced, not run
  expect_exit 0 "help:$script" -- bash "$script" --help
  [ -s "$tmp/out" ] && pass || fail "help:$script printed nothing"
done

# Honest efficiency: two threads that Open MPI binds to one core cannot be 99 % efficient; busy
# time is the threads' CPU time, so the summary shows about 50 %.
expect_exit 0 efficiency-one-core -- "$mpiexec" -n 2 --bind-to core --map-by core "$bin" --threads 2 --quiet --progress never
eff=$(grep -o 'parallel efficiency [0-9.]*' "$tmp/out" | grep -o '[0-9.]*$')
awk -v e="${eff:-100}" 'BEGIN {exit !(e < 70)}' && pass || fail "2 threads on one core: efficiency ${eff:-?}% (expected about 50%)"

finish
