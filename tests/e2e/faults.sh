#!/usr/bin/env bash
# Fault scenarios: full disks, failed writes and closes, closed pipes, files in two roles,
# changed inputs, special files, endless and slow inputs, signals at awkward moments, stopped
# workers, batch-script faults. Each is bounded by `timeout`; prints a table of scenario,
# expected, observed and verdict, then "N passed, N failed".
# Usage: faults.sh PRIMEPOOL MPIEXEC SOURCE_DIR
set -u
bin=$1
mpiexec=$2
src=$3
. "$(dirname "$0")/../testlib.sh"
. "$src/jobs/mpi_env.sh"  # Open MPI as root, where that is the case
export OMPI_MCA_rmaps_base_oversubscribe=1
mounts=()
cleanup() {
  for m in "${mounts[@]}"; do umount -l "$m" 2>/dev/null; done
  pkill -KILL -f "$tmp/" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

rows=()
# verdict NAME EXPECTED OBSERVED CONDITION...: one table row; the condition is a command.
verdict() {
  local name=$1 expected=$2 observed=$3
  shift 3
  if "$@"; then
    pass
    rows+=("$(printf '%-34s | %-40s | %-44s | pass' "$name" "$expected" "${observed:0:44}")")
  else
    fail "$name: expected $expected, observed $observed"
    rows+=("$(printf '%-34s | %-40s | %-44s | FAIL' "$name" "$expected" "${observed:0:44}")")
  fi
}
# run SECONDS CMD...: runs CMD with a timeout; sets rc, secs; output in $tmp/out, $tmp/err.
run() {
  local limit=$1
  shift
  local t0=$(date +%s.%N)
  timeout -k 5 "$limit" "$@" >"$tmp/out" 2>"$tmp/err"
  rc=$?
  secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
}
has() { grep -q -- "$1" "$2"; }
primes_of() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['primes'])" "$1" 2>/dev/null; }
lt() { awk -v a="$1" -v b="$2" 'BEGIN {exit !(a < b)}'; }
first_err() { head -c 300 "$tmp/err" | grep -v '^\s*$' | grep -v -- '----' | head -n 1; }
sum() { sha256sum "$1" | cut -c1-16; }
# A small file system that fills up: tmpfs of SIZE, or nothing when mounting is not allowed.
small_fs() {
  local d
  d=$(mktemp -d "$tmp/fs.XXXX")
  mount -t tmpfs -o size="$1" tmpfs "$d" 2>/dev/null || return 1
  mounts+=("$d")
  echo "$d"
}
rank_pid() {  # rank_pid MPIRUN_PID RANK
  local p
  for p in $(pgrep -P "$1"); do
    tr '\0' '\n' </proc/$p/environ 2>/dev/null | grep -qx "OMPI_COMM_WORLD_RANK=$2" && echo $p
  done
}
mpi() { "$mpiexec" -n "$1" --oversubscribe "${@:2}"; }
# bg SECONDS CMD...: CMD in the background under a timeout, so that no scenario can hang the
# table. $job is CMD's own PID (to signal); finish_bg waits and sets rc (124: timed out).
bg() {
  local limit=$1
  shift
  timeout -k 5 "$limit" "$@" <&0 &  # <&0: keep the caller's input (else /dev/null)
  bg_pid=$!
  job=""
  for _ in $(seq 100); do
    job=$(pgrep -P "$bg_pid" | head -1)
    [ -n "$job" ] && break
    sleep 0.02
  done
}
finish_bg() {
  wait "$bg_pid"
  rc=$?
}
# wait_for FILE PATTERN: until FILE has a line matching PATTERN (the run has got that far), at
# most 30 s; fixed sleeps before a signal would race a slow start-up on a loaded machine.
# The number of results in a journal (its intact lines), as --replay counts them.
wait_for() {
  for _ in $(seq 600); do
    grep -q -- "$2" "$1" 2>/dev/null && return 0
    sleep 0.05
  done
  return 1
}
# since T0: seconds since T0 (from date +%s.%N).
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN {printf "%.2f", b - a}'; }
# signal_until_the_end SIG: send SIG to the background job and wait for it to end (sets rc, and
# secs from the signal).
signal_until_the_end() {
  local t0=$(date +%s.%N)
  kill -"$1" $job
  finish_bg
  secs=$(since $t0)
}
# stop_rank_until_the_end RANK: SIGSTOP that rank of the background job, wait for the job to end
# (sets rc, and secs from the stop), then kill the stopped rank.
stop_rank_until_the_end() {
  local stopped
  stopped=$(rank_pid $job "$1")
  kill -STOP "$stopped"
  local t0=$(date +%s.%N)
  finish_bg
  secs=$(since $t0)
  kill -KILL "$stopped" 2>/dev/null
}
# want N: section N runs (all of them, or those FAULTS_ONLY lists: tests/mutation.sh runs only
# the sections a mutant's row names, e.g. FAULTS_ONLY=6,8).
want() { [ -z "${FAULTS_ONLY:-}" ] || [[ ",$FAULTS_ONLY," == *",$1,"* ]]; }
printed_in_journal() {  # every row of the failed run's output is in the journal
  "$bin" --replay "$2" --format csv -o "$2.csv" 2>/dev/null || return 1
  python3 - "$1" "$2.csv" <<'PY'
import sys
def indices(path):
    return {l.split(",")[5] for l in open(path).read().split("\n")[1:] if l}
sys.exit(0 if indices(sys.argv[1]) <= indices(sys.argv[2]) else 1)
PY
}
slow_range=1000000000000000:1000000000055000  # about 10 s of trial division on one core
big=18446744073709551557                      # the largest prime below 2^64
# Checks that must take a set time whatever the kernel's speed wait instead (--method sleep:T:
# Miller-Rabin's verdict, then T without the CPU).

# ---------------------------------------------------------------------------------------------
# 1. Output integrity
if want 1; then
run 10 bash -c "'$bin' --range 1:100000 >/dev/full"
verdict "stdout on a full disk" "exit 1, names standard output" "exit $rc: $(first_err)" \
  eval '[ $rc = 1 ] && has "standard output: write failed: No space left" $tmp/err'
run 10 bash -c "'$bin' --range 1:1000 >&-"
verdict "stdout closed" "exit 1, names standard output" "exit $rc: $(first_err)" \
  eval '[ $rc = 1 ] && has "standard output: write failed" $tmp/err'
run 60 "$bin" --range $slow_range -o /dev/full
verdict "-o /dev/full on a 10 s range" "exit 1 within 3 s, names /dev/full" "exit $rc in ${secs}s: $(first_err)" \
  eval '[ $rc = 1 ] && lt $secs 3 && has "/dev/full: write failed" $tmp/err'
# The sieve's rows (a segment's primes at once) on a full disk, under mpirun: the same exit.
run 60 "$mpiexec" -n 3 "$bin" --range 1000000000000:1000100000000 --method sieve --primes-only \
  -o /dev/full
verdict "sieve rows to /dev/full" "exit 1, names /dev/full" "exit $rc in ${secs}s: $(first_err)" \
  eval '[ $rc = 1 ] && has "/dev/full: write failed" $tmp/err'
run 60 "$mpiexec" -n 3 "$bin" --range $slow_range -o /dev/full
verdict "-o /dev/full under mpirun -n 3" "exit 1 within 5 s, no orphans" "exit $rc in ${secs}s: $(first_err)" \
  eval '[ $rc = 1 ] && lt $secs 5 && ! pgrep -f "$bin --range $slow_range -o /dev/full" >/dev/null'
run 10 "$bin" --numbers 7,11 --summary-json /dev/full
verdict "--summary-json /dev/full" "exit 1, names /dev/full" "exit $rc: $(first_err)" \
  eval '[ $rc = 1 ] && has "/dev/full: write failed" $tmp/err'
run 10 "$bin" --range $slow_range --summary-json "$tmp/missing/s.json"
verdict "--summary-json in a missing dir" "exit 2 at once, before any work" "exit $rc in ${secs}s: $(first_err)" \
  eval '[ $rc = 2 ] && lt $secs 1 && ! has "^Summary" $tmp/out'
"$bin" --range 1:50 --quiet --journal "$tmp/c.j" >/dev/null
rm -f "$tmp/c.j"
run 20 strace -f -qq -P "$tmp/c.j" -e trace=close -e inject=close:error=EIO -o /dev/null \
  "$bin" --range 1:50 --quiet --journal "$tmp/c.j"
verdict "journal close() fails (EIO)" "exit 1, names the journal" "exit $rc: $(first_err)" \
  eval '[ $rc = 1 ] && has "c.j: journal close failed: Input/output error" $tmp/err'
run 20 strace -f -qq -P "$tmp/c.csv" -e trace=close -e inject=close:error=EIO -o /dev/null \
  "$bin" --range 1:50 -o "$tmp/c.csv"
verdict "-o close() fails (EIO)" "exit 1, names the file" "exit $rc: $(first_err)" \
  eval '[ $rc = 1 ] && has "c.csv: close failed: Input/output error" $tmp/err'
run 20 strace -f -qq -P "$tmp/w.csv" -e trace=write -e inject=write:error=ENOSPC:when=2+ -o /dev/null \
  "$bin" --range 1:200000 --method mr --format csv -o "$tmp/w.csv" --journal "$tmp/w.j"
"$bin" --replay "$tmp/w.j" --format csv --order input -o "$tmp/w-replay.csv" 2>/dev/null
verdict "-o fails at its 2nd write" "exit 1; every printed row journaled" "exit $rc: $(first_err)" \
  eval '[ $rc = 1 ] && has "w.csv: write failed: No space left" $tmp/err && printed_in_journal $tmp/w.csv $tmp/w.j'

# One failed write stops the writing, even if the disk has room again a moment later: nothing is
# written to -o after the failed write (the results in flight are journaled, not printed).
run 60 strace -f -qq -P "$tmp/once.csv" -e trace=write -e inject=write:error=ENOSPC:when=3 \
  -o "$tmp/once.log" "$mpiexec" -n 3 "$bin" --range 1:300000 --method mr --chunk 50 --format csv \
  -o "$tmp/once.csv" --journal "$tmp/once.j"
after_failure=$(sed -n '/INJECTED/,$p' "$tmp/once.log" | grep -c 'write(')
verdict "-o fails once, disk has room again" "exit 1, first error named; no write after" "exit $rc; $((after_failure - 1)) writes after it: $(first_err)" \
  eval '[ $rc = 1 ] && [ $after_failure = 1 ] && has "once.csv: write failed: No space left" $tmp/err'

# A refused run leaves every file byte-identical.
printf '7\n11\n' >"$tmp/in.txt"
"$bin" "$tmp/in.txt" --quiet --journal "$tmp/keep.j" >/dev/null
echo "precious" >"$tmp/keep.csv"
before="$(sum "$tmp/in.txt") $(sum "$tmp/keep.j") $(sum "$tmp/keep.csv")"
run 10 "$bin" "$tmp/in.txt" --journal "$tmp/keep.j" -o "$tmp/keep.csv" --summary-json "$tmp/keep.json"
after="$(sum "$tmp/in.txt") $(sum "$tmp/keep.j") $(sum "$tmp/keep.csv")"
verdict "refused run (journal exists)" "exit 2; files byte-identical, none made" "exit $rc: $(first_err)" \
  eval '[ $rc = 2 ] && [ "$before" = "$after" ] && [ ! -e $tmp/keep.json ]'
run 10 "$bin" "$tmp/in.txt" -o "$tmp/in.txt"
verdict "input given as -o too" "exit 2; input unchanged" "exit $rc: $(first_err)" \
  eval '[ $rc = 2 ] && [ "$(sum $tmp/in.txt)" = "${before%% *}" ] && has "same file" $tmp/err'
run 10 "$bin" --numbers 5 -o "$tmp/keep.j" --journal "$tmp/keep.j" --resume
verdict "journal given as -o too" "exit 2; journal unchanged" "exit $rc: $(first_err)" \
  eval '[ $rc = 2 ] && [ "$after" = "$(sum $tmp/in.txt) $(sum $tmp/keep.j) $(sum $tmp/keep.csv)" ]'
ln -s "$tmp/keep.csv" "$tmp/link.csv"
run 10 "$bin" --numbers 5 -o "$tmp/keep.csv" --summary-json "$tmp/link.csv"
verdict "-o and --summary-json, one file" "exit 2 (same file through a link)" "exit $rc: $(first_err)" \
  eval '[ $rc = 2 ] && has "same file" $tmp/err && [ "$(cat $tmp/keep.csv)" = precious ]'

# Closed pipes: the reader goes away.
run 20 bash -c "'$bin' --range 1:2000000 --method mr | head -1"
verdict "| head -1 (one rank)" "ends at once, message names the pipe" "exit $rc in ${secs}s: $(first_err)" \
  eval '[ $rc = 0 ] && lt $secs 3 && has "Broken pipe" $tmp/err'
run 30 bash -c "set -o pipefail; '$mpiexec' -n 3 '$bin' --range 1:3000000 --method mr | head -1"
verdict "mpirun -n 3 | head -1" "no crash: exit 1 within 10 s" "exit $rc in ${secs}s: $(first_err)" \
  eval '[ $rc = 1 ] && lt $secs 10 && ! has "Segmentation fault" $tmp/err'
# Reduced results (workers send the primes only, or counts only): the same failure paths.
run 30 bash -c "set -o pipefail; '$mpiexec' -n 3 '$bin' --range 1:30000000 --method mr --primes-only --format csv | head -1"
verdict "--primes-only, mpirun -n 3 | head -1" "exit 1 within 10 s, names the pipe" "exit $rc in ${secs}s: $(first_err)" \
  eval '[ $rc = 1 ] && lt $secs 10 && has "Broken pipe" $tmp/err'
bg 60 "$mpiexec" -n 3 "$bin" --range 1000000000000000:1000000000100000 --quiet --progress never \
  --summary-json "$tmp/quiet.json" >"$tmp/quiet.out" 2>"$tmp/quiet.err"
sleep 3
kill -USR1 $job 2>/dev/null
finish_bg
checked=$(grep -o '"checked":[0-9]*' "$tmp/quiet.json" 2>/dev/null | cut -d: -f2)
per_worker=$(grep -o '"numbers":[0-9]*' "$tmp/quiet.json" 2>/dev/null | awk -F: '{s += $2} END {print s + 0}')
verdict "--quiet (counts only) stopped by USR1" "exit 3; summary counts agree" "exit $rc; ${checked:-?} checked, ${per_worker:-?} by workers" \
  eval '[ $rc = 3 ] && [ -n "$checked" ] && [ "$checked" -gt 0 ] && [ "$checked" = "$per_worker" ] && has "numbers checked" $tmp/quiet.out'
run 30 bash -c "trap '' PIPE; '$bin' --range 1:2000000 --method mr --format jsonl | head -1"
verdict "| head -1, SIGPIPE ignored" "EPIPE: exit 1 at once" "exit $rc in ${secs}s: $(first_err)" \
  eval 'lt $secs 3 && has "Broken pipe" $tmp/err'

# Durability: the journal is synced at start, at most a second apart, and at the end (a run
# of 6 s: its three syncs at start and end, and one about every second between).
run 30 strace -f -e trace=fdatasync -o "$tmp/sync.log" "$bin" --range 1:300 --method sleep:20ms \
  --quiet --journal "$tmp/sync.j" --progress never
syncs=$(grep -c fdatasync "$tmp/sync.log")
verdict "journal fdatasync" "start + >= 1 a second + end" "$syncs syncs in a ${secs}s run" \
  eval '[ $rc = 0 ] && [ $syncs -ge 6 ]'
# One rank, slow numbers: results reach the journal every quarter second or so, not every 256
# numbers (which took 5 s here, and hours for big primes): a kill 3 s in keeps 2 s of them.
bg 30 "$bin" --range 1:1000 --method sleep:20ms --quiet --journal "$tmp/slow.j" --progress never
sleep 3
kill -KILL "$job" 2>/dev/null
finish_bg
kept=$("$bin" --replay "$tmp/slow.j" --format csv 2>/dev/null | tail -n +2 | wc -l)
verdict "kill -9, one rank, slow numbers" ">= 80 of about 150 results journaled" "$kept journaled" \
  eval '[ $kept -ge 80 ]'

# A journal on a file system that fills up mid-run: exit 1, the journal intact and resumable.
if fs=$(small_fs 64k); then
  # Rows to /dev/null: the journal holds every number's time (2 MB; a --quiet one would fit).
  run 30 "$bin" --range 1:100000 --method mr -o /dev/null --journal "$fs/full.j"
  cp "$fs/full.j" "$tmp/moved.j"
  rc1=$rc err1=$(first_err)
  run 30 "$bin" --range 1:100000 --method mr --quiet --journal "$tmp/moved.j" --resume
  n=$(results_in "$bin" "$tmp/moved.j")
  verdict "journal's disk fills up" "exit 1; resumed elsewhere: complete" "exit $rc1: ${err1:0:30}; resumed $n" \
    eval '[ $rc1 = 1 ] && [ $rc = 0 ] && [ $n = 99999 ]'
else
  verdict "journal's disk fills up" "skipped: no tmpfs mount" "cannot mount" true
fi

fi  # want
# ---------------------------------------------------------------------------------------------
# 2. The journal is the truth
if want 2; then
seq 1 3000 >"$tmp/seq.txt"
"$bin" - --quiet --journal "$tmp/ref.j" <"$tmp/seq.txt" >/dev/null
half_of() { head -n $((($(wc -l <"$1") + 1) / 2)) "$1"; }  # the header and half the job lines
half_of "$tmp/ref.j" >"$tmp/stdin.j"
run 30 bash -c "'$bin' - --quiet --journal '$tmp/stdin.j' --resume <'$tmp/seq.txt'"
n=$(results_in "$bin" "$tmp/stdin.j")
verdict "resume from standard input" "exit 0, 3000 results" "exit $rc, $n results: $(first_err)" \
  eval '[ $rc = 0 ] && [ $n = 3000 ]'
weird="$tmp/a dir %41 x"
mkdir -p "$weird"
cp "$tmp/seq.txt" "$weird/in put%.txt"
"$bin" "$weird/in put%.txt" --quiet --journal "$weird/j o%urnal" >/dev/null
half_of "$weird/j o%urnal" >"$tmp/w.tmp" && mv "$tmp/w.tmp" "$weird/j o%urnal"
run 30 "$bin" "$weird/in put%.txt" --quiet --journal "$weird/j o%urnal" --resume
verdict "resume, path with space and %" "exit 0" "exit $rc: $(first_err)" eval '[ $rc = 0 ]'
printf '4\n6\n8\n9\n' >"$tmp/changing.txt"
"$bin" "$tmp/changing.txt" --quiet --journal "$tmp/changing.j" >/dev/null
cp "$tmp/changing.j" "$tmp/changing.before"
printf '7\n11\n8\n9\n' >"$tmp/changing.txt"
run 10 "$bin" "$tmp/changing.txt" --quiet --journal "$tmp/changing.j" --resume
verdict "input changed since the journal" "exit 2: input has changed" "exit $rc: $(first_err)" \
  eval '[ $rc = 2 ] && has "input has changed" $tmp/err && cmp -s $tmp/changing.j $tmp/changing.before'
printf '4\n6\n8\n9\n' >"$tmp/shrink.txt"
"$bin" "$tmp/shrink.txt" --quiet --journal "$tmp/shrink.j" >/dev/null
printf '4\n6\n' >"$tmp/shrink.txt"
run 10 "$bin" "$tmp/shrink.txt" --quiet --journal "$tmp/shrink.j" --resume
verdict "journal index past input's end" "exit 2, names the journal line" "exit $rc: $(first_err)" \
  eval '[ $rc = 2 ] && has "shrink.j:[0-9]*: the journal holds a result for input index" $tmp/err'
printf 'primepool-journal 2 file:\x1b[31mred trial\n' >"$tmp/esc.j"
run 10 "$bin" --numbers 5 --quiet --journal "$tmp/esc.j" --resume
verdict "control bytes in a journal header" "escaped in the message" "exit $rc: $(first_err | cat -v)" \
  eval '[ $rc = 2 ] && has "\\\\x1b" $tmp/err && ! grep -q $'"'"'\x1b'"'"' $tmp/err'
mkfifo "$tmp/fifo.j"
run 10 "$bin" --numbers 5 --quiet --journal "$tmp/fifo.j"
verdict "FIFO as journal" "exit 2 at once: not a regular file" "exit $rc in ${secs}s: $(first_err)" \
  eval '[ $rc = 2 ] && has "not a regular file" $tmp/err'
run 10 "$bin" --numbers 5 --quiet --journal "$tmp/fifo.j" --resume
verdict "FIFO as journal, --resume" "exit 2 at once" "exit $rc in ${secs}s" eval '[ $rc = 2 ]'
mkdir "$tmp/dir.j"
run 10 "$bin" --numbers 5 --quiet --journal "$tmp/dir.j" --resume
verdict "directory as journal, --resume" "exit 2, no terminate" "exit $rc: $(first_err)" \
  eval '[ $rc = 2 ] && ! has terminate $tmp/err'
run 10 "$bin" --numbers 5 --quiet --journal /dev/full
verdict "--journal /dev/full" "exit 2, no terminate" "exit $rc: $(first_err)" \
  eval '[ $rc = 2 ] && ! has terminate $tmp/err'
run 20 strace -f -qq -e trace=flock -e inject=flock:error=ENOLCK -o /dev/null \
  "$bin" --numbers 5 --quiet --journal "$tmp/nolock.j"
verdict "no file locks (ENOLCK)" "exit 2, real error, says --no-lock" "exit $rc: $(first_err)" \
  eval '[ $rc = 2 ] && has "No locks available" $tmp/err && has "--no-lock" $tmp/err && [ ! -e $tmp/nolock.j ]'
run 20 strace -f -qq -e trace=flock -e inject=flock:error=ENOSYS -o /dev/null \
  "$bin" --numbers 5 --quiet --journal "$tmp/nolock.j" --no-lock
verdict "--no-lock on such a file system" "exit 0" "exit $rc: $(first_err)" eval '[ $rc = 0 ]'
strace -f -e trace=flock,read -o "$tmp/order.log" "$bin" - --quiet \
  --journal "$tmp/stdin.j" --resume <"$tmp/seq.txt" >/dev/null 2>&1
order=$(grep -E "flock|read\(" "$tmp/order.log" | grep -n -E "flock\(|primepool-journal" | head -2 | cut -d: -f2 | awk '{print $2}' | tr '\n' ' ')
verdict "resume locks, then reads" "flock before the first journal read" "$order" \
  eval 'grep -E "flock\(|read\([0-9]+, \"primepool-journal" $tmp/order.log | head -1 | grep -q flock'
# Every number's time (rows to /dev/null): about 180 MB, where a --quiet journal is 0.8 MB.
"$bin" --range 1:8000000 --method mr -o /dev/null --journal "$tmp/big.j" >/dev/null 2>&1
run 60 /usr/bin/time -f "%M" "$bin" --range 1:8000000 --method mr --quiet --journal "$tmp/big.j" --resume
rss_mb=$(($(tail -n 1 "$tmp/err") / 1024))
verdict "resume of an 8M-result journal" "memory <= 64 MiB" "exit $rc, ${rss_mb} MiB, ${secs}s" \
  eval '[ $rc = 0 ] && [ $rss_mb -le 64 ]'
bg 30 "$bin" --range 1:8000000 --method mr --quiet --journal "$tmp/big.j" --resume >/dev/null 2>&1
sleep 0.2
signal_until_the_end TERM
verdict "stop while loading a big journal" "exit 3 within 1 s" "exit $rc after ${secs}s" \
  eval '[ $rc = 3 ] && lt $secs 1'

# Output and journal after an abrupt end: --replay prints everything journaled.
bg 30 "$bin" --range $slow_range --order input --format csv -o "$tmp/abrupt.csv" \
  --journal "$tmp/abrupt.j" >/dev/null 2>&1
sleep 2
kill -KILL $job
finish_bg
run 20 "$bin" --replay "$tmp/abrupt.j" --order input --format csv -o "$tmp/replay.csv"
journaled=$(results_in "$bin" "$tmp/abrupt.j")
replayed=$(($(wc -l <"$tmp/replay.csv") - 1))
sorted_ok() { python3 -c "import sys; r=[int(l.split(',')[5]) for l in open(sys.argv[1]).read().split()[1:]]; sys.exit(r != sorted(r))" "$1"; }
verdict "kill -9, --order input: replay" "every journaled result, in input order" "$journaled journaled, $replayed replayed" \
  eval '[ $rc = 0 ] && [ $journaled -gt 0 ] && [ $journaled = $replayed ] && sorted_ok $tmp/replay.csv && printed_in_journal $tmp/abrupt.csv $tmp/abrupt.j'
"$bin" --range 1:1000 --quiet --summary-json "$tmp/full.json" >/dev/null
"$bin" --range 1:1000 --quiet --journal "$tmp/half.j" >/dev/null
half_of "$tmp/half.j" >"$tmp/x" && mv "$tmp/x" "$tmp/half.j"
run 20 "$bin" --range 1:1000 --quiet --journal "$tmp/half.j" --resume --summary-json "$tmp/half.json"
primes() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['primes'])" "$1"; }
verdict "resumed summary counts the journal" "primes = an uninterrupted run's" "$(primes $tmp/half.json) vs $(primes $tmp/full.json)" \
  eval '[ $rc = 0 ] && [ "$(primes $tmp/half.json)" = "$(primes $tmp/full.json)" ]'

fi  # want
# ---------------------------------------------------------------------------------------------
# 3. Input never hangs the run
if want 3; then
run 10 "$bin" /dev/zero
verdict "/dev/zero as input" "exit 2 at once: line too long" "exit $rc in ${secs}s: $(first_err)" \
  eval '[ $rc = 2 ] && lt $secs 2 && has "line longer than 4096" $tmp/err'
run 20 bash -c "'$bin' /dev/zero & p=\$!; sleep 0.2; kill -TERM \$p; wait \$p"
verdict "/dev/zero, then SIGTERM" "ends within 1 s" "exit $rc in ${secs}s" eval 'lt $secs 1.5'
bg 30 "$bin" - --format csv --progress never >"$tmp/slow.csv" 2>/dev/null < <(echo 7; sleep 6; echo 11)
sleep 1.5
early=$(grep -c '^7,' "$tmp/slow.csv")
kill -TERM $job 2>/dev/null
t0=$(date +%s.%N)
finish_bg
secs=$(since $t0)
verdict "slow stdin: first number at once" "7 checked within 1.5 s" "$early row(s) after 1.5 s" eval '[ $early = 1 ]'
verdict "slow stdin, then SIGTERM" "exit 3 within 1 s; 11 unchecked" "exit $rc in ${secs}s" \
  eval '[ $rc = 3 ] && lt $secs 1.2 && ! grep -q "^11," $tmp/slow.csv'
t0=$(date +%s.%N)
bg 30 "$mpiexec" -n 3 "$bin" - --format csv --progress never >"$tmp/slowm.csv" 2>"$tmp/slowm.err" \
  < <(echo 7; sleep 8; echo 11)
wait_for "$tmp/slowm.csv" "^7,"
first=$(since $t0)
early=0
lt "$first" 6 && early=$(grep -c '^7,' "$tmp/slowm.csv")  # a held-back 7 would wait the 8 s
kill -USR1 $job 2>/dev/null  # mpirun forwards SIGUSR1 as it is (SIGTERM: then SIGKILL)
finish_bg
verdict "slow stdin under mpirun -n 3" "7 checked at once; clean stop" "7 after ${first}s; exit $rc" \
  eval '[ $early = 1 ] && [ $rc = 3 ] && ! grep -q MPI_ABORT $tmp/slowm.err'
run 10 "$bin" "$tmp"
verdict "directory as input" "exit 2: is a directory" "exit $rc: $(first_err)" \
  eval '[ $rc = 2 ] && has "is a directory" $tmp/err'
{ printf '%4096s\r\n' 7; printf '%4097s\r\n' 11; } >"$tmp/crlf.txt"
run 10 "$bin" "$tmp/crlf.txt" --format csv
verdict "4096-byte lines ending in CR LF" "line 1 accepted, line 2 refused" "exit $rc: $(first_err)" \
  eval '[ $rc = 2 ] && has "^7," $tmp/out && has "crlf.txt:2: line longer" $tmp/err'
printf '7 # a comment \0 with a NUL\n' >"$tmp/nul.txt"
run 10 "$bin" "$tmp/nul.txt"
verdict "NUL byte in a comment" "exit 2: NUL byte" "exit $rc: $(first_err)" \
  eval '[ $rc = 2 ] && has "nul.txt:1: NUL byte" $tmp/err'
mkfifo "$tmp/in.fifo"
run 10 bash -c "'$bin' '$tmp/in.fifo' & p=\$!; sleep 0.5; kill -TERM \$p; wait \$p"
verdict "FIFO input, no writer, SIGTERM" "exit 3 within 1.5 s" "exit $rc in ${secs}s" \
  eval '[ $rc = 3 ] && lt $secs 1.5'
run 10 bash -c "('$bin' '$tmp/in.fifo' --format csv &); sleep 0.3; printf '13\n' >'$tmp/in.fifo'; sleep 0.5"
verdict "FIFO input, writer comes later" "13 checked" "$(grep -c '^13,' $tmp/out) row(s)" has "^13,1," "$tmp/out"
run 10 "$bin" 97
verdict "a number given as FILE" "hint: use --numbers" "exit $rc: $(first_err)" \
  eval '[ $rc = 2 ] && has "use --numbers 97" $tmp/err'
# Workers reading their own slices of a file (the default under mpirun): a file that changes
# under the run ends it (exit 2, named), with what was read before it journaled; a bad line far
# into the file is named with its line, and nothing after it is checked. Jobs of at most 20
# numbers (20 ms each): what is in flight when the file changes is bounded.
for change in append rewrite; do
  seq 1000000 1020000 >"$tmp/grow.txt"
  rm -f "$tmp/grow.j"
  bg 60 "$mpiexec" -n 3 "$bin" "$tmp/grow.txt" --method sleep:1ms --chunk 20 --quiet --journal "$tmp/grow.j" \
    --progress never >"$tmp/out" 2>"$tmp/err"
  wait_for "$tmp/grow.j" "^[0-9]"
  if [ $change = append ]; then echo 1020001 >>"$tmp/grow.txt"; else
    python3 -c "import sys; f=open(sys.argv[1],'r+b'); f.seek(8); f.write(b'1'); f.close()" "$tmp/grow.txt"
  fi
  t0=$(date +%s.%N)
  finish_bg
  secs=$(since $t0)
  done_count=$(results_in "$bin" "$tmp/grow.j")
  verdict "file changed ($change) under workers" "exit 2 at once: changed; journal kept" \
    "exit $rc in ${secs}s, $done_count journaled: $(first_err)" \
    eval '[ $rc = 2 ] && lt $secs 5 && has "changed while it was being read" $tmp/err && [ "$done_count" -gt 0 ] && [ "$done_count" -lt 20001 ]'
done
# A read error (EIO, injected by strace into rank 1's reads of the file only) ends the run at
# the line it cut, counted from the file's start, with everything before it kept.
seq 1000000 1300000 >"$tmp/eio.txt"
run 60 "$mpiexec" -n 1 "$bin" "$tmp/eio.txt" --method mr --format csv : \
  -n 1 strace -f -qq -o /dev/null -P "$tmp/eio.txt" -e trace=read -e inject=read:error=EIO:when=5 \
  "$bin" "$tmp/eio.txt" --method mr --format csv : -n 1 "$bin" "$tmp/eio.txt" --method mr --format csv
eio_line=$(grep -o 'eio.txt:[0-9]*: read error' "$tmp/err" | head -1 | cut -d: -f2)
nrows=$(grep -c "^[0-9]" "$tmp/out")
verdict "EIO in a worker's slice read" "exit 2 at the cut line; rows before kept" "exit $rc, line $eio_line, $nrows rows" \
  eval '[ $rc = 2 ] && [ -n "$eio_line" ] && [ "$nrows" = $((eio_line - 1)) ]'
run 20 "$mpiexec" -n 3 "$bin" /proc/self/loginuid --format csv
verdict "/proc file (size 0, has content)" "read by rank 0, not skipped" "exit $rc, $(grep -c '^[0-9]' $tmp/out) row(s)" \
  eval '[ $rc = 0 ] && [ "$(grep -c "^[0-9]" $tmp/out)" = 1 ]'
{ seq 1 30000; echo "12x"; seq 1 100; } >"$tmp/late-bad.txt"
run 30 "$mpiexec" -n 3 "$bin" "$tmp/late-bad.txt" --format csv --method mr
nrows=$(grep -c "^[0-9]" "$tmp/out")
verdict "bad line 30001, workers reading" "exit 2 naming line 30001; 30000 rows" "exit $rc, $nrows rows: $(first_err)" \
  eval '[ $rc = 2 ] && has "late-bad.txt:30001: not a decimal digit" $tmp/err && [ $nrows = 30000 ]'

fi  # want
# ---------------------------------------------------------------------------------------------
# 4. Signals, errors and exits
if want 4; then
slow2=999999999999999989,999999999999999989
bg 60 "$mpiexec" -n 3 "$bin" --numbers $slow2 --method sleep:2s --grace 20 >"$tmp/out" 2>"$tmp/err"
wait_for "$tmp/out" "^Checking 2 numbers"
sleep 0.3  # the workers' hellos, answered with the two jobs
kill -TERM "$(rank_pid $job 0)"
sleep 0.2
kill -USR1 "$(rank_pid $job 0)"
finish_bg
verdict "TERM + USR1 (Slurm time limit)" "one drain, all done: exit 0" "exit $rc: $(first_err)" \
  eval '[ $rc = 0 ] && ! has "second signal" $tmp/err && has "every number was checked" $tmp/err'
bg 30 "$mpiexec" -n 3 "$bin" - --grace 0 --format csv >"$tmp/out" 2>"$tmp/err" < <(echo 7; sleep 8)
wait_for "$tmp/out" "^7,1,"
sleep 0.2
kill -USR1 $job
finish_bg
verdict "--grace 0, nothing in flight" "exit 3, nothing abandoned, no abort" "exit $rc: $(grep -m1 'stopped early' $tmp/err)" \
  eval '[ $rc = 3 ] && ! has MPI_ABORT $tmp/err && ! has "grace period ran out" $tmp/err && ! has ORTE_ERROR_LOG $tmp/err'
t0=$(date +%s.%N)
bg 30 "$mpiexec" -n 3 "$bin" --numbers $big,$big,$big,$big --method sleep:5s --grace 1 --journal "$tmp/g1.j" \
  --progress never --stall-warn 100 >"$tmp/out" 2>"$tmp/err"
wait_for "$tmp/out" "^Checking 4 numbers"
sleep 0.5
kill -USR1 $job
finish_bg
secs=$(since $t0)
verdict "grace runs out, work in flight" "exit 3 within grace + a few s" "exit $rc in ${secs}s" \
  eval '[ $rc = 3 ] && lt $secs 10 && has "grace period ran out" $tmp/err'
run 30 "$mpiexec" -n 3 "$bin" --range 1:3000000 --method mr --format csv -o /dev/full --journal "$tmp/wd.j"
verdict "write error under mpirun" "exit 1 within 10 s, every rank ends" "exit $rc in ${secs}s: $(first_err)" \
  eval '[ $rc = 1 ] && lt $secs 10 && ! pgrep -f "journal $tmp/wd.j" >/dev/null'
bg 120 "$bin" --range 1000000000000000:1000000000060000 --chunk 65536 --quiet \
  --journal "$tmp/chunk.j" -t 2 --grace 30 >"$tmp/out" 2>"$tmp/err"
sleep 3
t0=$(date +%s.%N)
kill -TERM $job
finish_bg
secs=$(since $t0)
n=$(results_in "$bin" "$tmp/chunk.j")
verdict "--chunk 65536, stop after 3 s" "drain <= 2 s, work journaled" "exit $rc, drain ${secs}s, $n journaled" \
  eval '[ $rc = 3 ] && lt $secs 2.5 && [ $n -gt 100 ]'
bg 60 "$mpiexec" -n 3 "$bin" --range $slow_range --quiet --journal "$tmp/stall.j" --stall-warn 2 \
  --stall-timeout 4 >"$tmp/out" 2>"$tmp/err"
wait_for "$tmp/stall.j" " 2 [0-9a-f]\{8\}$"  # a job line from rank 2: it is working
victim=$(rank_pid $job 2)
kill -STOP "$victim"
t0=$(date +%s)
finish_bg
kill -KILL "$victim" 2>/dev/null
secs=$(($(date +%s) - t0))
verdict "a worker stopped (SIGSTOP)" "warning, then exit 5 (resumable)" "exit $rc after ${secs}s: $(grep -m1 warning $tmp/err)" \
  eval '[ $rc = 5 ] && has "rank 2 has sent nothing" $tmp/err && [ $secs -le 15 ]'
run 60 "$mpiexec" -n 3 "$bin" --numbers $big --method sleep:4s --quiet --stall-warn 2 --stall-timeout 3
verdict "a 4 s check, --stall-timeout 3" "no stall: heartbeats, exit 0" "exit $rc: $(first_err)" \
  eval '[ $rc = 0 ] && ! has "sent nothing" $tmp/err'
run 60 "$mpiexec" -n 3 "$bin" --range $slow_range --quiet --journal "$tmp/stall.j" --resume
verdict "resume after the stall" "exit 0, every number" "exit $rc, $(results_in $bin $tmp/stall.j) results" \
  eval '[ $rc = 0 ] && [ $(results_in $bin $tmp/stall.j) = 55000 ]'
run 10 env OMP_THREAD_LIMIT=2 "$bin" --numbers 7 --threads 4
verdict "--threads over OMP_THREAD_LIMIT" "exit 2, names the limit" "exit $rc: $(first_err)" \
  eval '[ $rc = 2 ] && has "OMP_THREAD_LIMIT" $tmp/err && ! has terminate $tmp/err'
run 20 "$mpiexec" -n 1 --bind-to core "$bin" --numbers 7 --threads 2
verdict "mpirun -n 1 -t 2 on one core" "warns: 2 threads on 1 CPU" "exit $rc: $(first_err)" \
  eval '[ $rc = 0 ] && has "runs 2 threads on 1 CPU" $tmp/err'

# --method sieve: a stop waits for the segment being sieved, then --resume sieves the rest as
# segments again (not a number at a time). Near 10^15 the sieve's set-up is small; the journal
# (--quiet keeps the primes' offsets) makes jobs of 2^25 numbers.
sieve_range=1000000000000000:1000000200000000  # 2 x 10^8 numbers
"$bin" --range $sieve_range --method sieve --quiet --summary-json "$tmp/sieve-ref.json" >/dev/null
bg 60 "$bin" --range $sieve_range --method sieve --quiet --journal "$tmp/sieve.j" --progress never
wait_for "$tmp/sieve.j" " [0-9a-f]\{8\}$"  # a job's line: the run is sieving
t0=$(date +%s.%N)
kill -TERM $job
finish_bg
secs=$(since $t0)
verdict "sieve stopped by SIGTERM" "exit 3 once its segment is done" "exit $rc after ${secs}s" \
  eval '[ $rc = 3 ] && lt $secs 3'
run 120 "$bin" --range $sieve_range --method sieve --quiet --journal "$tmp/sieve.j" --resume \
  --summary-json "$tmp/sieve.json"
verdict "sieve resumed: segments again" "every prime, in < 20 s" "exit $rc in ${secs}s, $(primes_of $tmp/sieve.json) of $(primes_of $tmp/sieve-ref.json) primes" \
  eval '[ $rc = 0 ] && [ "$(primes_of $tmp/sieve.json)" = "$(primes_of $tmp/sieve-ref.json)" ] && lt $secs 20'
# Counting near 10^18, a segment of 10^8 numbers: memory stays small (no list of the numbers).
run 60 /usr/bin/time -f "%M" "$bin" --range 1000000000000000000:1000000000100000000 --method sieve --quiet
rss_mb=$(($(tail -n 1 "$tmp/err") / 1024))
verdict "sieve of 10^8 numbers: memory" "<= 128 MiB" "exit $rc, ${rss_mb} MiB" eval '[ $rc = 0 ] && [ $rss_mb -le 128 ]'

fi  # want
# ---------------------------------------------------------------------------------------------
# 5. Batch and experiment scripts, progress, timing
if want 5; then
run 10 "$src/jobs/scaling.sh" --workers 'PATH[$(touch '"$tmp"'/pwned)]'
verdict "scaling.sh: option as arithmetic" "exit 2, no command run" "exit $rc: $(first_err)" \
  eval '[ $rc = 2 ] && [ ! -e $tmp/pwned ]'
run 10 "$src/jobs/scaling.sh" --repeats '1 2'
verdict "scaling.sh: non-numeric --repeats" "exit 2, names the option" "exit $rc: $(first_err)" \
  eval '[ $rc = 2 ] && has "--repeats" $tmp/err'
mkdir -p "$tmp/sb" && cd "$tmp/sb" || exit 1
sbatch_env=(env SLURM_NTASKS=1 SLURM_SUBMIT_DIR="$tmp/sb" PRIMEPOOL_HOME="$src" PRIMEPOOL_BIN="$bin"
            PRIMEPOOL_LAUNCHER=mpirun)
run 60 "${sbatch_env[@]}" bash "$src/jobs/slurm.sbatch" --numbers 7,11 --quiet
j1=$(ls "$tmp/sb"/primepool-runs/*.journal 2>/dev/null | head -1)
run 60 "${sbatch_env[@]}" bash "$src/jobs/slurm.sbatch" --range 1:100 --quiet
rc2=$rc
njournals=$(ls "$tmp/sb"/primepool-runs/*.journal 2>/dev/null | wc -l)
verdict "two sbatch jobs, other work" "each its own journal, both exit 0" "exit $rc2, $njournals journals" \
  eval '[ $rc2 = 0 ] && [ $njournals = 2 ]'
run 60 "${sbatch_env[@]}" SLURM_CPUS_PER_TASK=2 bash "$src/jobs/slurm.sbatch" --numbers 5 --threads 1 --quiet
verdict "sbatch with the user's --threads" "user's value wins, exit 0" "exit $rc: $(grep -m1 'busy over' $tmp/out)" \
  eval '[ $rc = 0 ] && has "busy over 1 thread$" $tmp/out'
# The batch shell under mpirun: a stop forwarded to rank 0, Open MPI's abort boxes left out.
"${sbatch_env[@]}" SLURM_NTASKS=3 bash "$src/jobs/slurm.sbatch" \
  --range 1000000000000000:1000000001000000 --quiet --progress never >"$tmp/sbstop.out" 2>"$tmp/sbstop.err" &
job=$!
wait_for "$tmp/sbstop.out" "^primepool: job"
sleep 1
kill -USR1 "$job"
for _ in $(seq 100); do kill -0 "$job" 2>/dev/null || break; sleep 0.1; done
wait "$job"
rc=$?
verdict "sbatch (mpirun) stopped by USR1" "exit 3; no Open MPI abort box" "exit $rc: $(grep -c -- '----' "$tmp/sbstop.err") box lines" \
  eval '[ $rc = 3 ] && ! grep -q -- "----" $tmp/sbstop.err && has "stopped by signal 10" $tmp/sbstop.err'
# scancel --full --signal=TERM: TERM to the batch shell and to every process of the job, mpirun
# included (which then kills the ranks): a stop with the journal intact, not a failure.
"${sbatch_env[@]}" SLURM_NTASKS=3 bash "$src/jobs/slurm.sbatch" \
  --range 1000000000000000:1000000000200000 --quiet --progress never >"$tmp/sbfull.out" 2>"$tmp/sbfull.err" &
job=$!
for _ in $(seq 600); do
  j=$(ls "$tmp/sb"/primepool-runs/*.journal 2>/dev/null | xargs -r grep -l "1000000000200000" | head -1)
  [ -n "$j" ] && grep -q "^[0-9]" "$j" && break
  sleep 0.05
done
descendants() { local c; for c in $(pgrep -P "$1"); do echo "$c"; descendants "$c"; done; }
kill -TERM "$job" $(descendants "$job") 2>/dev/null
for _ in $(seq 200); do kill -0 "$job" 2>/dev/null || break; sleep 0.1; done
wait "$job"
rc1=$?
run 120 "${sbatch_env[@]}" bash "$src/jobs/slurm.sbatch" --range 1000000000000000:1000000000200000 --quiet --progress never
verdict "scancel --full --signal=TERM (mpirun)" "exit 3, stopped; resubmitted: done" "exit $rc1: $(tail -n 1 $tmp/sbfull.out | cut -c1-22); then exit $rc" \
  eval '[ $rc1 = 3 ] && grep -q "stopped early" $tmp/sbfull.out && [ $rc = 0 ] && has "primepool: done" $tmp/out && [ "$(results_in $bin $j)" = 200000 ]'
cd - >/dev/null || exit 1
# Ctrl-C on a terminal (SIGINT to the foreground process group) while jobs/laptop.sh's mpirun
# runs: the script passes on a graceful stop (mpirun would turn SIGINT into SIGKILL after 1 s).
setsid perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV' bash -c ". '$src/jobs/batch_lib.sh'
  run_step mpirun -n 3 '$bin' --range 1000000000000000:1000000001000000 --progress never
  exit \$step_rc" >"$tmp/ctrlc.out" 2>"$tmp/ctrlc.err" &
ctrlc=$!
wait_for "$tmp/ctrlc.out" "^Checking"
sleep 1
kill -INT -- -"$ctrlc"
for _ in $(seq 100); do kill -0 "$ctrlc" 2>/dev/null || break; sleep 0.1; done
wait "$ctrlc"
rc=$?
verdict "Ctrl-C during run_step mpirun" "exit 3, drained; no abort box" "exit $rc: $(first_err)" \
  eval '[ $rc = 3 ] && has "stopped by signal 10" $tmp/ctrlc.err && ! grep -q -- "----" $tmp/ctrlc.err'
run 20 bash -c ". '$src/jobs/batch_lib.sh'; run_step mpirun -n 2 false; exit \$step_rc"
verdict "mpirun fails, primepool silent" "Open MPI's box kept" "exit $rc: $(grep -c 'non-zero' $tmp/err) notices" \
  eval '[ $rc != 0 ] && has "non-zero exit code" $tmp/err'
run 10 bash -c "PS4=; set -u; a=(); echo \${a[@]+\"\${a[@]}\"} ok"
maybe_empty='(^|[^+])"\$\{(sudo|resume|user_args|strong_args)\[@\]\}"'
verdict "empty arrays under set -u" "the bash 4.2 form for arrays that may be empty" "$(grep -lE "$maybe_empty" $src/jobs/* | tr '\n' ' ')" \
  eval '! grep -qE "$maybe_empty" $src/jobs/*'
run 20 script -qec "'$bin' --range 1:300000 --method mr --progress auto" /dev/null
verdict "spinner and rows on one terminal" "no spinner among the rows" "$(grep -c 'numbers  ' $tmp/out) spinner frames" \
  eval '[ $rc = 0 ] && ! grep -q "numbers  [0-9]*/s" $tmp/out'
for t in 1 2; do
  run 10 "$bin" --numbers 7,11,13,17 --format csv -t $t
  slowest=$(awk -F, 'NR > 1 && $3 > m {m = $3} END {print m + 0}' "$tmp/out")
  verdict "elapsed holds only the check, -t $t" "every tiny check < 5 ms (calibration: 20)" "slowest ${slowest}s" \
    eval '[ $rc = 0 ] && lt $slowest 0.005'
done

fi  # want
# ---------------------------------------------------------------------------------------------
# 6. One file, one role, whatever its name (names not yet made, links, the standard streams)
if want 6; then
mkdir -p "$tmp/roles" && cd "$tmp/roles" || exit 1
run 10 "$bin" --numbers 7,11 -o new.csv --journal ./new.csv
verdict "-o X --journal ./X, X not yet made" "exit 2, names both roles, nothing made" "exit $rc: $(first_err)" \
  eval '[ $rc = 2 ] && has "given as --output and as --journal" $tmp/err && [ ! -e new.csv ]'
for other in "-o" "--journal"; do
  run 10 "$bin" --numbers 7 $other ./alias.x --summary-json alias.x
  verdict "--summary-json aliased to $other" "exit 2, nothing made" "exit $rc: $(first_err)" \
    eval '[ $rc = 2 ] && has "and as --summary-json" $tmp/err && [ ! -e alias.x ]'
done
ln -sf dangling.target dangling.link
run 10 "$bin" --numbers 7 -o dangling.target --summary-json dangling.link
verdict "--summary-json via a dangling link" "exit 2, the link's target not made" "exit $rc: $(first_err)" \
  eval '[ $rc = 2 ] && has "and as --summary-json" $tmp/err && [ ! -e dangling.target ]'
seq 1 5 >in.txt
run 10 bash -c "'$bin' - -o in.txt <in.txt"
verdict "- -o in.txt < in.txt" "exit 2, the input unchanged" "exit $rc, $(wc -l <in.txt) lines: $(first_err)" \
  eval '[ $rc = 2 ] && [ "$(wc -l <in.txt)" = 5 ] && has "given as the input and as --output" $tmp/err'
run 10 bash -c "'$bin' in.txt >>in.txt"
verdict "FILE >> FILE (reads its own rows)" "exit 2, the input unchanged" "exit $rc, $(wc -l <in.txt) lines" \
  eval '[ $rc = 2 ] && [ "$(wc -l <in.txt)" = 5 ]'
echo "first line" >log.txt
run 10 bash -c "'$bin' --numbers 7 --format csv -o /dev/stdout >>log.txt"
verdict "-o /dev/stdout >> log" "log kept, rows and summary appended" "exit $rc, $(grep -c . log.txt) lines" \
  eval '[ $rc = 0 ] && [ "$(head -1 log.txt)" = "first line" ] && grep -q "^7,1," log.txt'
run 10 bash -c "'$bin' --numbers 7 --format csv -o - >dash.csv"
verdict "-o - is standard output" "rows in dash.csv, no file named -" "exit $rc: $(grep -c '^7,1,' dash.csv) row" \
  eval '[ $rc = 0 ] && grep -q "^7,1," dash.csv && [ ! -e ./- ]'
run 10 bash -c "'$bin' --numbers 7 --journal err.j 2>>err.j"
verdict "--journal J 2>> J" "exit 2, J not a journal" "exit $rc: $(head -c 60 err.j)" \
  eval '[ $rc = 2 ] && ! grep -q "^primepool-journal" err.j'
cd - >/dev/null || exit 1

fi  # want
# ---------------------------------------------------------------------------------------------
# 7. The sieve inside its library's domain, resumed as segments, small jobs said
if want 7; then
for t in 8 16; do
  run 60 "$bin" --range 18446744073709551500:18446744073709551615 --method sieve -t $t --format csv
  verdict "sieve to 2^64 - 1, -t $t" "exit 0, 3 primes, no library error" "exit $rc, $(grep -c '^[0-9]*,1,' $tmp/out) primes: $(first_err)" \
    eval '[ $rc = 0 ] && [ "$(grep -c "^[0-9]*,1," $tmp/out)" = 3 ] && ! has "primesieve" $tmp/err'
done
sv_range=1000000000000:1000134217728  # 2^27 numbers: four segments of 2^25
"$bin" --range $sv_range --method sieve --quiet --journal "$tmp/sv-ref.j" --summary-json "$tmp/sv-ref.json" >/dev/null
python3 - "$tmp/sv-ref.j" "$tmp/sv-gap.j" <<'PY'
import sys
lines = open(sys.argv[1]).read().split("\n")
keep = [lines[0]] + [l for l in lines[1:] if l and not (2**25 <= int(l.split()[0]) < 2**26)]
open(sys.argv[2], "w").write("\n".join(keep) + "\n")
PY
run 60 /usr/bin/time -f "%M" "$bin" --range $sv_range --method sieve --quiet --journal "$tmp/sv-gap.j" --resume \
  --summary-json "$tmp/sv-gap.json"
rss_mb=$(($(tail -n 1 "$tmp/err") / 1024))
grown=$(awk -v a="$(stat -c %s "$tmp/sv-gap.j")" -v b="$(stat -c %s "$tmp/sv-ref.j")" 'BEGIN {printf "%.2f", a / b}')
verdict "sieve resumed over a 2^25 gap" "segments: <= 512 MiB, journal ~ whole run's" "exit $rc, ${rss_mb} MiB, ${secs}s, journal ${grown}x" \
  eval '[ $rc = 0 ] && [ $rss_mb -le 512 ] && lt $grown 1.05 && [ -n "$(primes_of $tmp/sv-ref.json)" ] && [ "$(primes_of $tmp/sv-gap.json)" = "$(primes_of $tmp/sv-ref.json)" ]'
run 60 "$bin" --range 1000000000000:1000000100000 --method sieve --chunk 1000 --quiet
verdict "sieve with --chunk 1000" "said: small jobs are many times slower" "exit $rc: $(first_err)" \
  eval '[ $rc = 0 ] && has "warning: --chunk 1000 with --method sieve" $tmp/err'

fi  # want
# ---------------------------------------------------------------------------------------------
# 8. The silent-worker watch blames only who is late
if want 8; then
bg 60 "$mpiexec" -n 3 "$bin" --range 1:300 --method sleep:20ms --chunk 1 --quiet --stall-warn 2 \
  --stall-timeout 3 --progress never >"$tmp/out" 2>"$tmp/err"
wait_for "$tmp/out" "^Checking"
sleep 0.5
root=$(rank_pid $job 0)
kill -STOP "$root"; sleep 4; kill -CONT "$root"
finish_bg
verdict "rank 0 itself stopped 4 s (timeout 3)" "no worker blamed: exit 0" "exit $rc: $(first_err)" \
  eval '[ $rc = 0 ] && ! has "sent nothing" $tmp/err'
run 30 bash -c "(echo 7; sleep 4) | '$mpiexec' -n 3 '$bin' - --stall-warn 2 --stall-timeout 3 --progress never"
verdict "idle workers, then the sentinel" "no worker blamed: exit 0" "exit $rc: $(first_err)" \
  eval '[ $rc = 0 ] && ! has "sent nothing" $tmp/err'
bg 90 "$mpiexec" -n 3 "$bin" --range $slow_range --quiet --stall-timeout 4 --progress never \
  --journal "$tmp/st4.j" >"$tmp/out" 2>"$tmp/err"
wait_for "$tmp/st4.j" " 2 [0-9a-f]\{8\}$"  # a job line from rank 2: it is working
stop_rank_until_the_end 2
verdict "--stall-timeout 4, default --stall-warn" "exit 5 after about 4 s, not 60" "exit $rc after ${secs}s: $(first_err)" \
  eval '[ $rc = 5 ] && lt $secs 15 && has "rank 2 sent nothing" $tmp/err'
bg 60 "$mpiexec" -n 3 "$bin" - --stall-warn 2 --stall-timeout 3 --progress never --format csv \
  >"$tmp/out" 2>"$tmp/err" < <(echo 7; sleep 4)
wait_for "$tmp/out" "^7,1,"
sleep 0.3
stop_rank_until_the_end 2
verdict "sentinel sent, done never comes" "exit 5 naming rank 2 after the input ends" "exit $rc after ${secs}s: $(first_err)" \
  eval '[ $rc = 5 ] && has "rank 2 sent nothing" $tmp/err && lt 3 $secs && lt $secs 15'

fi  # want
# ---------------------------------------------------------------------------------------------
# 9. Figures that are right: totals after a resume, a failed run's summary, a torn header
if want 9; then
"$bin" --numbers 7,8 --quiet --journal "$tmp/fig.j" >/dev/null
run 10 "$bin" --numbers 7,8 --quiet --journal "$tmp/fig.j" --resume --summary-json "$tmp/fig.json"
json_is() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if $2 else 1)" "$1" 2>/dev/null; }
verdict "everything journaled, resumed" "2 checked, 1 prime: (0 in this run, 1 ...)" "$(grep -m1 Summary $tmp/out | cut -c10-53)" \
  eval 'has "Summary: 2 of 2 numbers checked (0 in this run, 2 from the journal), 1 prime (0 in this run, 1 from the journal)" $tmp/out && json_is $tmp/fig.json "d[\"checked\"]==2 and d[\"primes\"]==1 and d[\"run_checked\"]==0 and d[\"run_primes\"]==0"'
run 30 "$bin" --range 1:100000 -o /dev/full --summary-json "$tmp/failed.json"
verdict "failed run's --summary-json" "written: complete false, names the failure" "exit $rc, $(stat -c %s $tmp/failed.json) bytes" \
  eval '[ $rc = 1 ] && json_is $tmp/failed.json "not d[\"complete\"] and \"/dev/full\" in d[\"failure\"]"'
printf 'primepool-journal 2 range:1:10' >"$tmp/torn-header.j"
run 10 "$bin" --range 1:1000 --quiet --journal "$tmp/torn-header.j" --resume
verdict "journal: only a torn header" "resumed: started anew, said so, exit 0" "exit $rc, $(results_in $bin $tmp/torn-header.j) results: $(first_err)" \
  eval '[ $rc = 0 ] && has "starting this journal" $tmp/err && [ "$(results_in $bin $tmp/torn-header.j)" = 999 ]'
run 10 "$bin" --range 1:1000 --quiet --journal "$tmp/never-made.j" --resume
verdict "--resume, no journal yet" "started, said so, exit 0" "exit $rc: $(first_err)" \
  eval '[ $rc = 0 ] && has "starting this journal" $tmp/err && [ "$(results_in $bin $tmp/never-made.j)" = 999 ]'

fi  # want
# ---------------------------------------------------------------------------------------------
# 10. The input is the same input to the end: changes whose size and modification time lie
# (in place, then `touch -r` puts the time back), seen by the workers and by rank 0 reading;
# a worker whose host shows another file of the same size and time at the same path.
if want 10; then
rewrite_in_place() {  # same size, the modification time put back
  cp -p "$1" "$1.was"
  python3 -c "import sys; f=open(sys.argv[1],'r+b'); f.seek(8); f.write(b'1'); f.close()" "$1"
  touch -r "$1.was" "$1"
}
for reader in "workers" "rank0 (one rank)" "grows, rank0"; do
  seq 1000000 1020000 >"$tmp/lie.txt"
  rm -f "$tmp/lie.j"
  case $reader in
    workers) launch=("$mpiexec" -n 3) ;;
    *) launch=() ;;
  esac
  bg 60 ${launch[@]+"${launch[@]}"} "$bin" "$tmp/lie.txt" --method sleep:1ms --chunk 20 --quiet \
    --journal "$tmp/lie.j" --progress never >"$tmp/out" 2>"$tmp/err"
  wait_for "$tmp/lie.j" "^[0-9]"
  if [ "$reader" = "grows, rank0" ]; then
    cp -p "$tmp/lie.txt" "$tmp/lie.was"; echo 1020001 >>"$tmp/lie.txt"; touch -r "$tmp/lie.was" "$tmp/lie.txt"
  else
    rewrite_in_place "$tmp/lie.txt"
  fi
  finish_bg
  done_count=$(results_in "$bin" "$tmp/lie.j")
  # Rank 0 reads the whole (small) file at once: its change is found at the end, at the check
  # of the file's last read.
  verdict "time put back: $reader" "exit 2: changed; what was read kept" "exit $rc, $done_count journaled: $(first_err)" \
    eval '[ $rc = 2 ] && has "changed while it was being read" $tmp/err && [ "$done_count" -gt 0 ] && [ "$done_count" -le 20001 ]'
done
seq 1 2000 >"$tmp/here.txt"
sed 's/^1$/4/' "$tmp/here.txt" >"$tmp/there.txt"  # same size, other numbers
touch -r "$tmp/here.txt" "$tmp/there.txt"
if unshare -m true 2>/dev/null; then
  run 60 "$mpiexec" -n 2 "$bin" "$tmp/here.txt" --format csv : -n 1 unshare -m bash -c \
    "mount --bind '$tmp/there.txt' '$tmp/here.txt' && exec '$bin' '$tmp/here.txt' --format csv"
  verdict "rank 2's host: another file, same size+time" "noticed; rank 0 reads it; 1 is a row" "exit $rc: $(first_err)" \
    eval '[ $rc = 0 ] && has "rank 2 cannot read the input file itself" $tmp/err && grep -q "^1,0," $tmp/out && [ "$(grep -c "^4," $tmp/out)" = 1 ] && [ "$(grep -c "^[0-9]" $tmp/out)" = 2000 ]'
else
  verdict "rank 2's host: another file, same size+time" "skipped: no mount namespaces" "cannot unshare" true
fi

fi  # want
# ---------------------------------------------------------------------------------------------
# 11. Stops honoured everywhere: a reader that takes nothing, --replay, --replay --order input
if want 11; then
mkfifo "$tmp/stall.fifo"
for how in "one rank" "mpirun -n 3"; do
  (exec 3<"$tmp/stall.fifo"; sleep 40) &  # opens the pipe, never reads
  reader=$!
  launch=()
  [ "$how" = "mpirun -n 3" ] && launch=("$mpiexec" -n 3)
  rm -f "$tmp/stall.j"
  bg 60 ${launch[@]+"${launch[@]}"} "$bin" --range 1:3000000 --method mr --format csv --grace 2 \
    --journal "$tmp/stall.j" >"$tmp/stall.fifo" 2>"$tmp/err"
  wait_for "$tmp/stall.j" "^[0-9]"
  sleep 0.5
  signal_until_the_end USR1
  kill $reader 2>/dev/null
  wait $reader 2>/dev/null
  verdict "stop, stdout stalled ($how)" "exit 3 after --grace 2, journal intact" "exit $rc after ${secs}s: $(first_err)" \
    eval '[ $rc = 3 ] && lt $secs 6 && has "write given up" $tmp/err && [ "$(results_in $bin $tmp/stall.j)" -gt 0 ]'
done
"$bin" --range 1:8000000 --method mr --quiet --journal "$tmp/replay8m.j" >/dev/null 2>&1
for order in completion input; do
  bg 60 "$bin" --replay "$tmp/replay8m.j" --order $order --format csv -o "$tmp/replay8m.csv"
  sleep 0.5
  signal_until_the_end TERM
  verdict "--replay --order $order, SIGTERM" "exit 3 within 1 s" "exit $rc after ${secs}s" \
    eval '[ $rc = 3 ] && lt $secs 1'
done
# The grace period counts from the stop, not from the run's start: a stop 4 s into a run with
# --grace 3 and at most 2 s of work in flight drains it all.
many_big=$(printf "$big,%.0s" $(seq 20)); many_big=${many_big%,}
for how in "one rank -t 2" "mpirun -n 3"; do
  launch=() threads=2
  [ "$how" = "mpirun -n 3" ] && launch=("$mpiexec" -n 3) threads=1
  bg 60 ${launch[@]+"${launch[@]}"} "$bin" --numbers $many_big --method sleep:1s --chunk 1 -t $threads \
    --grace 3 --progress never >"$tmp/out" 2>"$tmp/err"
  wait_for "$tmp/out" "^Checking"
  sleep 4
  kill -USR1 $job
  finish_bg
  verdict "grace from the stop ($how)" "exit 3, the work in flight drained" "exit $rc: $(first_err)" \
    eval '[ $rc = 3 ] && ! has "grace period ran out" $tmp/err'
done
run 60 strace -f -qq -e trace=openat -o "$tmp/opens.log" "$bin" --replay "$tmp/replay8m.j" --order input --quiet
opens=$(grep -c "replay8m.j" "$tmp/opens.log")
verdict "--replay --order input, 8M results" "the journal read a fixed number of times" "exit $rc, $opens opens in ${secs}s" \
  eval '[ $rc = 0 ] && [ $opens -le 3 ]'

fi  # want
echo
printf '%-34s | %-40s | %-44s | %s\n' scenario expected observed verdict
printf '%s\n' "${rows[@]}"
echo
finish
