#!/usr/bin/env bash
# Nothing lost: kill the whole job, or one worker, at a random moment, resume, and compare the
# journal with an uninterrupted run; cut a journal at every byte of its last line and resume;
# SIGTERM, SIGINT, SIGUSR1 and a second signal; journals that must be refused.
# Usage: resume_test.sh PRIMEPOOL MPIEXEC
set -u
bin=$1
mpiexec=$2
. "$(dirname "$0")/../testlib.sh"
mpi() { "$mpiexec" -n "$1" --oversubscribe "${@:2}"; }

# same_results JOURNAL REFERENCE: identical (index, n, verdict) sets, each index once, as
# --replay reads them (it refuses a journal that holds an index twice).
same_results() {
  "$bin" --replay "$1" --format csv -q >/dev/null 2>&1 || { echo "replay of $1 failed"; return 1; }
  python3 - <("$bin" --replay "$1" --format csv 2>/dev/null) <("$bin" --replay "$2" --format csv 2>/dev/null) <<'PY'
import csv, sys
def load(path):
    seen = {}
    for row in csv.DictReader(open(path)):
        key = int(row["index"])
        assert key not in seen, f"index {key} twice"
        seen[key] = (int(row["n"]), row["prime"])
    return seen
a, b = load(sys.argv[1]), load(sys.argv[2])
if a != b or not a:
    missing = sorted(set(b) - set(a))[:5]
    extra = sorted(set(a) - set(b))[:5]
    wrong = [k for k in a if k in b and a[k] != b[k]][:5]
    sys.exit(f"{len(a)} vs {len(b)} results; missing {missing} extra {extra} wrong {wrong}")
PY
}

# ~3 s of trial division on 2 workers; the reference comes from Miller-Rabin in no time.
range=1000000000000000:1000000000030000
"$bin" --range $range --method mr --quiet --journal "$tmp/ref-mr.j" >/dev/null
# The reference for --method trial: same verdicts, so compare against the mr journal's lines.
ref="$tmp/ref-mr.j"

random_sleep() { awk -v s=$RANDOM 'BEGIN {srand(s); printf "%.2f", 0.4 + rand() * 2}'; }
# started JOURNAL: wait (at most 30 s) until the run has started its journal: it is past its
# start-up, its signal handlers are in place and it holds the journal's lock. Signals and kills
# wait for this, not for a fixed time that a loaded machine could outlast.
started() {
  for _ in $(seq 600); do
    grep -q "^primepool-journal" "$1" 2>/dev/null && return 0
    sleep 0.05
  done
  return 1
}

# Waits until process $1 is inside a check of --method sleep:DURATION: asleep in nanosleep when
# looked at twice 0.2 s apart (the only other sleep before the checks, the clock's calibration,
# lasts 4 ms). A signal sent then finds a check in flight, however late a loaded machine started
# the run; one sent when the journal appears may come before the first check.
asleep() {
  grep -q nanosleep "/proc/$1/wchan" 2>/dev/null ||
    [ "$(cut -d' ' -f1 "/proc/$1/syscall" 2>/dev/null)" = 230 ]
}
checking() {
  for _ in $(seq 600); do
    if asleep "$1"; then
      sleep 0.2
      asleep "$1" && return 0
    fi
    sleep 0.05
  done
  return 1
}

# 1. The whole job killed (SIGKILL to mpirun and every rank) at a random moment, then resumed.
#    A kill that comes after the run has ended tests nothing: then try again, sooner.
for round in 1 2; do
  j="$tmp/kill-all-$round.j"
  delay=$(random_sleep)
  for attempt in 1 2 3 4; do
    rm -f "$j"
    "$mpiexec" -n 3 --oversubscribe "$bin" --range $range --quiet --journal "$j" >/dev/null 2>&1 &
    job=$!
    sleep "$delay"
    pkill -KILL -f "$bin --range $range --quiet --journal $j" ; kill -KILL $job 2>/dev/null
    wait $job 2>/dev/null
    before=$(($(wc -l <"$j") - 1))
    [ "$before" -lt 6000 ] && break
    delay=$(awk -v d="$delay" 'BEGIN {printf "%.2f", d / 2}')
  done
  [ "$before" -lt 6000 ] && pass || fail "kill-all-$round: every kill came after the run had ended"
  mpi 3 "$bin" --range $range --quiet --journal "$j" --resume >"$tmp/out" 2>&1 || fail "kill-all-$round: resume failed: $(cat "$tmp/out")"
  if same_results "$j" "$ref"; then pass; else fail "kill-all-$round (had $before before the resume)"; fi
done

# 2. One worker killed with kill -9: Open MPI aborts the job; the journal holds what reached
#    rank 0, and --resume finishes the job.
j="$tmp/kill-worker.j"
# The kill waits for what it needs (a journaled job: the run is under way, rank 2 is working),
# never for a fixed time that a loaded machine could outlast or undercut.
"$mpiexec" -n 3 --oversubscribe "$bin" --range $range --quiet --journal "$j" >"$tmp/kw.out" 2>&1 &
job=$!
for _ in $(seq 600); do
  grep -q "^[0-9]" "$j" 2>/dev/null && break
  sleep 0.05
done
worker=""
for p in $(pgrep -f "$bin --range $range --quiet --journal $j"); do
  tr '\0' '\n' </proc/$p/environ 2>/dev/null | grep -qx 'OMPI_COMM_WORLD_RANK=2' && worker=$p
done
[ -n "$worker" ] && kill -KILL "$worker"
wait $job
rc=$?
[ -n "$worker" ] && [ "$rc" -ne 0 ] && pass || fail "kill-worker: no worker killed mid-run (worker '$worker', mpirun exit $rc)"
mpi 3 "$bin" --range $range --quiet --journal "$j" --resume >"$tmp/out" 2>&1 || fail "kill-worker: resume failed"
same_results "$j" "$ref" && pass || fail "kill-worker"

# 2b. Killed before the journal holds anything (no file yet, an empty one, or a header cut at
#     any byte): the same command with --resume starts the journal, says so, and finishes.
hdr=$(head -n 1 "$ref")
early_ok=0
for cut in none 0 1 $((${#hdr} / 2)) ${#hdr}; do
  j="$tmp/early-$cut.j"
  rm -f "$j"
  [ "$cut" != none ] && printf '%s' "${hdr:0:$cut}" >"$j"
  mpi 3 "$bin" --range $range --method mr --quiet --journal "$j" --resume >"$tmp/out" 2>&1 &&
    grep -q "starting this journal" "$tmp/out" && same_results "$j" "$ref" && early_ok=$((early_ok + 1))
done
[ $early_ok = 5 ] && pass || fail "resume before any journal line: $early_ok of 5 finished"

# 3. A journal cut at every byte offset of its last line (as a kill mid-write leaves it).
"$bin" --range 1:300 --quiet --journal "$tmp/full.j" >/dev/null
size=$(stat -c %s "$tmp/full.j")
last=$(tail -n 1 "$tmp/full.j" | wc -c)
cuts=0 bad=0
for ((k = 0; k <= last; k++)); do
  head -c $((size - last + k)) "$tmp/full.j" >"$tmp/cut.j"
  "$bin" --range 1:300 --quiet --journal "$tmp/cut.j" --resume >/dev/null 2>"$tmp/err" || { bad=$((bad + 1)); cat "$tmp/err"; }
  same_results "$tmp/cut.j" "$tmp/full.j" || bad=$((bad + 1))
  # The resumed journal is whole: a second resume accepts it and finds nothing left to do.
  "$bin" --range 1:300 --quiet --journal "$tmp/cut.j" --resume >"$tmp/out2" 2>"$tmp/err" &&
    grep -q "^Summary: 299 of 299 numbers checked (0 in this run, 299 from the journal)" "$tmp/out2" || { bad=$((bad + 1)); cat "$tmp/err" "$tmp/out2"; }
  cuts=$((cuts + 1))
done
[ "$bad" = 0 ] && pass || fail "cut journal: $bad of $cuts cuts went wrong"

# 4. Signals: the first stops handing out work, collects what is in flight, writes the summary
#    and exits 3; the journal is consistent and --resume completes it.
for sig in TERM INT USR1; do
  j="$tmp/sig-$sig.j"
  "$bin" --range $range --journal "$j" --quiet --progress never >"$tmp/out" 2>"$tmp/err" &
  job=$!
  started "$j"
  sleep 0.5
  kill -$sig $job
  wait $job
  rc=$?
  [ "$rc" = 3 ] && pass || fail "SIG$sig: exit $rc, wanted 3"
  grep -q "stopped early: stopped by signal" "$tmp/out" && pass || fail "SIG$sig: no stop in the summary: $(cat "$tmp/out")"
  grep -Eq "^Summary: [0-9]+ of 30000 numbers checked" "$tmp/out" && pass || fail "SIG$sig: summary: $(head -1 "$tmp/out")"
  "$bin" --range $range --journal "$j" --resume --quiet >/dev/null || fail "SIG$sig: resume failed"
  same_results "$j" "$ref" && pass || fail "SIG$sig: resumed journal"
done
# Under mpirun: SIGUSR1 to mpirun is forwarded to every rank at once; rank 0 drains and exits 3.
j="$tmp/mpi-usr1.j"
"$mpiexec" -n 3 --oversubscribe "$bin" --range $range --journal "$j" --quiet >"$tmp/out" 2>"$tmp/err" &
job=$!
started "$j"
sleep 0.5
kill -USR1 $job
wait $job
rc=$?
[ "$rc" = 3 ] && pass || fail "mpirun SIGUSR1: exit $rc, wanted 3: $(cat "$tmp/err")"
grep -q "stopped by signal 10" "$tmp/out" && pass || fail "mpirun SIGUSR1: summary: $(cat "$tmp/out")"
mpi 3 "$bin" --range $range --journal "$j" --resume --quiet >/dev/null 2>&1 || fail "mpirun SIGUSR1: resume"
same_results "$j" "$ref" && pass || fail "mpirun SIGUSR1: resumed journal"
# A second signal exits at once with 4, the journal still intact. The checks take 6 s each
# (--method sleep:6s: Miller-Rabin's verdict, then a wait), and the first signal is sent once the
# first check is under way (a signal before it ends the run at once, with 3: nothing to wait
# for). Two signals within 2 s are one event (Slurm's SIGTERM and the batch script's SIGUSR1):
# one drain.
j="$tmp/twice.j"
big=18446744073709551557
slow="$big,$big,$big --method sleep:6s"
"$bin" --numbers $slow --journal "$j" --quiet --grace 60 >"$tmp/out" 2>"$tmp/err" &
job=$!
started "$j"
checking $job || fail "second signal: no check under way after 30 s"
kill -TERM $job; sleep 2.5; kill -TERM $job
wait $job
rc=$?
[ "$rc" = 4 ] && pass || fail "second signal: exit $rc, wanted 4"
"$bin" --numbers $slow --journal "$j" --resume --quiet >/dev/null || fail "second signal: resume"
[ "$("$bin" --replay "$j" --format csv 2>/dev/null | grep -c "^$big,1,")" = 3 ] && pass ||
  fail "second signal: resumed journal: $(cat "$j")"
j="$tmp/same-event.j"
"$bin" --numbers $slow --journal "$j" --quiet --grace 60 >"$tmp/out" 2>"$tmp/err" &
job=$!
started "$j"
kill -TERM $job; sleep 0.2; kill -USR1 $job
wait $job
rc=$?
[ "$rc" = 3 ] && pass || fail "one event, two signals: exit $rc, wanted 3 (one drain): $(cat "$tmp/err")"

# 5. Every input kind and method resumes to the uninterrupted result.
printf '# numbers\n97\n98\n\n99\n1000000007\n18446744073709551557\n' >"$tmp/in.txt"
for input in "$tmp/in.txt" "--random 50 --bits 48 --seed 7" "--numbers 5,6,7,8,9" "--range 100:400:3"; do
  methods="trial wheel mr"
  case $input in --range*) methods+=" sieve" ;; esac
  for method in $methods; do
    # shellcheck disable=SC2086
    # Jobs of 3 numbers, a journal line each: half of the lines is half of the work.
    mpi 3 "$bin" $input --method $method --quiet --chunk 3 --journal "$tmp/u.j" >/dev/null 2>&1
    n=$(($(wc -l <"$tmp/u.j") - 1))
    [ "$n" -ge 2 ] || fail "resume $input $method: $n journal lines"
    head -n $((1 + n / 2)) "$tmp/u.j" >"$tmp/h.j"
    # shellcheck disable=SC2086
    mpi 3 "$bin" $input --method $method --quiet --journal "$tmp/h.j" --resume >/dev/null 2>&1
    same_results "$tmp/h.j" "$tmp/u.j" && pass || fail "resume $input $method"
    rm -f "$tmp/u.j"
  done
done

# 6. Journals that must be refused, with a clear message and exit 2: one in use by another run,
#    one for other work, one that exists (without --resume), damaged ones.
"$bin" --range $range --quiet --journal "$tmp/busy.j" >/dev/null 2>&1 &
job=$!
started "$tmp/busy.j"
"$bin" --range $range --quiet --journal "$tmp/busy.j" --resume >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "in use by another run" "$tmp/err" && pass || fail "journal in use: $(cat "$tmp/err")"
kill -KILL $job; wait $job 2>/dev/null
mpi 3 "$bin" --range 1:50 --quiet --chunk 5 --journal "$tmp/r.j" >/dev/null
"$bin" --range 1:51 --quiet --journal "$tmp/r.j" --resume >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "belongs to input 'range:1:50:1' with method 'trial'" "$tmp/err" && pass || fail "other input: $(cat "$tmp/err")"
"$bin" --range 1:50 --method mr --quiet --journal "$tmp/r.j" --resume >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "refusing to resume" "$tmp/err" && pass || fail "other method: $(cat "$tmp/err")"
"$bin" --range 1:50 --quiet --journal "$tmp/r.j" >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "already holds results: add --resume" "$tmp/err" && pass || fail "existing journal: $(cat "$tmp/err")"
sed '5s/ [0-9]* / 3 /' "$tmp/r.j" >"$tmp/damaged.j"  # a job's count changed
"$bin" --range 1:50 --quiet --journal "$tmp/damaged.j" --resume >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "damaged.j:5: damaged journal line" "$tmp/err" && pass || fail "damaged line: $(cat "$tmp/err")"
echo "hello" >"$tmp/notj.j"
"$bin" --range 1:50 --quiet --journal "$tmp/notj.j" --resume >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "not a primepool journal" "$tmp/err" && pass || fail "not a journal: $(cat "$tmp/err")"
"$bin" --resume >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "needs --journal" "$tmp/err" && pass || fail "--resume alone"
printf 'primepool-journal 1 range:1:50:1 trial\n0 1 C 0.000000010 0 0 5d2e3b0c\n' >"$tmp/old.j"
"$bin" --range 1:50 --quiet --journal "$tmp/old.j" --resume >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "old.j:1: .*format 1" "$tmp/err" && pass || fail "old journal: $(cat "$tmp/err")"

# 7. The journal's size on an mr range (10^6 numbers, 2 workers): at most a byte a number with
#    --quiet (the primes' offsets and each job's time) and with --primes-only (their times too).
big_range=1000000000000000000:1000000000001000000
"$bin" --range $big_range --method mr --journal "$tmp/ref-big.j" -o /dev/null 2>/dev/null
for mode in --quiet "--primes-only --format csv -o $tmp/p.csv"; do
  rm -f "$tmp/size.j"
  # shellcheck disable=SC2086
  mpi 3 "$bin" --range $big_range --method mr $mode --journal "$tmp/size.j" >/dev/null 2>&1 ||
    fail "journal size $mode: run failed"
  bytes=$(stat -c %s "$tmp/size.j")
  [ "$bytes" -le 1000000 ] && pass || fail "journal size $mode: $bytes bytes for 10^6 numbers"
  same_results "$tmp/size.j" "$tmp/ref-big.j" && pass || fail "journal size $mode: results"
done

# 8. A file read by the workers (each its own slices): stopped by a signal, or killed, at a
#    random moment, then resumed (rank 0 reads and checks the journal's stretch, the workers read
#    the rest) by either reader; the results are a one-rank run's.
{ echo "# numbers, with comments and blank lines"; for i in $(seq 0 12); do
    seq $((1000000 + i * 1000)) $((1000000 + i * 1000 + 999)); echo; echo "  # block $i"; done; } >"$tmp/slices.txt"
"$bin" "$tmp/slices.txt" --method mr --quiet --journal "$tmp/slices-ref.j" >/dev/null
for how in USR1 KILL; do
  j="$tmp/slices-$how.j"
  rm -f "$j"
  "$mpiexec" -n 3 --oversubscribe "$bin" "$tmp/slices.txt" --method sleep:500us --quiet \
    --journal "$j" >"$tmp/out" 2>&1 &
  job=$!
  started "$j"
  sleep "$(random_sleep)"
  if [ $how = KILL ]; then pkill -KILL -f "$bin $tmp/slices.txt"; fi
  kill -$how $job 2>/dev/null
  wait $job
  before=$(results_in "$bin" "$j")
  [ "$before" -lt 13000 ] && pass || fail "slices $how: the run had ended ($before results)"
  reader=workers
  [ $how = KILL ] && reader=rank0
  mpi 3 "$bin" "$tmp/slices.txt" --method sleep:500us --quiet --journal "$j" --resume --read-by $reader \
    >"$tmp/out" 2>&1 || fail "slices $how: resume by $reader failed: $(cat "$tmp/out")"
  same_results "$j" "$tmp/slices-ref.j" && pass || fail "slices $how: resumed journal ($before before)"
done

finish
