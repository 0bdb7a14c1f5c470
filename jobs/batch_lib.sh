# Shared by the batch scripts (slurm.sbatch, pbs.sh): the journal that belongs to the work, the
# user's own --threads, and a graceful stop forwarded to the job step. Sourced, not run.
# Written for bash >= 4.2 (RHEL/CentOS 7): an empty array is expanded as ${a[@]+"${a[@]}"}.
PRIMEPOOL_JOBS=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# batch_journal ARGS...: the journal for this work, primepool-runs/<hash of ARGS>.journal: the
# same input, method and options resume the same journal; other work gets its own.
batch_journal() {
  local key
  key=$(printf '%s\0' "$@" | sha256sum | cut -c1-12)
  mkdir -p primepool-runs
  echo "primepool-runs/$key.journal"
}

# journal_results BIN JOURNAL: how many results JOURNAL holds, as the program counts them (a line
# is a job of many results, and searched divisor ranges are no results); "?" when it cannot tell.
journal_results() {
  local n
  n=$("$1" --replay "$2" --quiet 2>&1 >/dev/null | sed -n 's/^primepool: \([0-9][0-9]*\) results (.*/\1/p')
  echo "${n:-?}"
}

# user_sets_threads ARGS...: true when ARGS already choose the threads (the user's value wins).
user_sets_threads() {
  local a
  for a in "$@"; do
    case $a in -t | --threads | --threads=* | -t[0-9]*) return 0 ;; esac
  done
  return 1
}

# run_step CMD...: run the job step in the background and wait for it; a TERM or USR1 to this
# shell is forwarded once per event as SIGUSR1, a Ctrl-C (INT) as SIGUSR2 (graceful stop: rank 0
# drains and exits 3). At a
# hard time limit the tasks also get SIGTERM from the batch system; primepool takes the two as
# one event. Returns the step's exit code in $step_rc. Under mpirun, Open MPI's two "job has been
# aborted" boxes that follow primepool's own stop or failure message are dropped (mpirun_notices.awk).
run_step() {
  local fifo="" filter=""
  if [ "$1" = mpirun ]; then  # Open MPI's abort boxes after primepool's own stop message go
    fifo=$(mktemp -u "${TMPDIR:-/tmp}/primepool-stderr.XXXXXX")
    mkfifo "$fifo"
    # The filter ignores the stop signals: it must outlive mpirun to pass on its last words.
    (trap '' TERM INT USR1 HUP; exec awk -f "$PRIMEPOOL_JOBS/mpirun_notices.awk") <"$fifo" >&2 &
    filter=$!
    # setsid: a Ctrl-C on the terminal reaches this shell, not mpirun (which would turn it into
    # SIGTERM and, a second later, SIGKILL for every rank); the shell forwards a graceful stop.
    setsid "$@" <&0 2>"$fifo" &
  else
    "$@" <&0 &  # <&0: a background command would read /dev/null otherwise
  fi
  step=$!
  last_forward=0
  stop_forwarded=0
  trap 'forward_stop TERM' TERM
  trap 'forward_stop USR1' USR1
  trap 'forward_stop INT' INT  # Ctrl-C: a background step ignores SIGINT, so it is passed on
  step_rc=0
  wait "$step" || step_rc=$?
  while kill -0 "$step" 2>/dev/null; do  # a trap interrupted wait: wait for the step itself
    step_rc=0
    wait "$step" || step_rc=$?
  done
  trap - TERM USR1 INT
  if [ -n "$filter" ]; then wait "$filter"; rm -f "$fifo"; fi
  # A stop came, and then the step died by a signal or its launcher said 1: scancel --full (and
  # a batch system's hard limit) signals mpirun too, which ends every rank and exits 1, or is
  # killed itself. The journal is intact to its last synced line, so this is a stop that a
  # resubmission finishes (exit 3), not a failure. (A write error that came just then is found
  # again by the resubmitted job.)
  if [ "$stop_forwarded" = 1 ] && { [ "$step_rc" = 1 ] || [ "$step_rc" -gt 128 ]; }; then
    echo "primepool: the job step ended with exit $step_rc after the stop signal; the journal is intact"
    step_rc=3
  fi
}

# step_outcome RC JOURNAL BIN: the line that closes a batch job's output (done: the journal's
# exact result count and the command that prints the results).
step_outcome() {
  case $1 in
    0) echo "primepool: done: $2 holds all $(journal_results "$3" "$2") results; print them with: $3 --replay $2" ;;
    3 | 4 | 5) echo "primepool: stopped early (exit $1); resubmit this job to resume from $2" ;;
    7) echo "primepool: every number was checked, but --verify found verdicts that disagree (exit 7): the summary names them; not run again, this needs a person" ;;
    *) echo "primepool: failed (exit $1): not run again, this needs a person (see the messages above)" ;;
  esac
}

# has_own_journal_mode ARGS...: true when ARGS print, check or replay instead of running
# (--replay, --preflight, --help, --version): no journal of their own.
has_own_journal_mode() {
  local a
  for a in "$@"; do
    case $a in --replay | --replay=* | --preflight | --help | -h | --version) return 0 ;; esac
  done
  return 1
}

# user_option_value OPTION ARGS...: the value ARGS give OPTION (as "OPTION V" or "OPTION=V");
# fails when they do not give it.
user_option_value() {
  local opt=$1 prev="" a
  shift
  for a in "$@"; do
    if [ "$prev" = "$opt" ]; then printf '%s\n' "$a"; return 0; fi
    case $a in "$opt="*) printf '%s\n' "${a#"$opt="}"; return 0 ;; esac
    prev=$a
  done
  return 1
}

# retry_reason RC SUMMARY_JSON: when a job step that ended with RC (and wrote SUMMARY_JSON, or
# none) should run again from its journal, prints why and succeeds: it was stopped (the time
# limit, a preemption, a signal), a worker stalled, or the step was killed before rank 0 could
# write its summary (a rank or a node lost). Fails for a finished run and for one that needs a
# person: bad input, a failed write, output given up, a usage error, the preflight.
retry_reason() {
  local outcome
  outcome=$(sed -n 's/.*"outcome":"\([a-z_]*\)".*/\1/p' "$2" 2>/dev/null)
  case $outcome in
    stopped | abandoned) echo "it was stopped (the time limit, a preemption or a signal; exit $1)"; return 0 ;;
    stalled) echo "a worker stopped answering (exit $1)"; return 0 ;;
    ?*) return 1 ;;  # complete, bad_input, failed, output_given_up
  esac
  case $1 in
    3 | 4 | 5) echo "it was stopped (exit $1)"; return 0 ;;
  esac
  if [ "$1" -gt 128 ]; then
    echo "the job step was killed (exit $1) before rank 0 wrote its summary: a rank or a node was lost"
    return 0
  fi
  return 1
}

# max_attempts: PRIMEPOOL_MAX_ATTEMPTS (default 5), checked: how many times a batch job runs
# (the first run and its requeues) before it leaves the rest to a person.
max_attempts() {
  local m=${PRIMEPOOL_MAX_ATTEMPTS:-5}
  case $m in
    '' | *[!0-9]* | 0*) echo "primepool: PRIMEPOOL_MAX_ATTEMPTS=$m: give a whole number from 1" >&2; return 1 ;;
  esac
  echo "$m"
}

forward_stop() {
  local now
  now=$(date +%s)
  if [ $((now - last_forward)) -lt 2 ]; then return; fi
  last_forward=$now
  stop_forwarded=1
  if [ "$1" = INT ]; then  # as SIGUSR2 (mpirun passes it on), which primepool calls Ctrl-C
    echo "primepool: Ctrl-C: stopping gracefully, the results so far are kept (Ctrl-C again, 2 s later: at once)" >&2
    kill -USR2 "$step" 2>/dev/null
  else
    echo "primepool: $1 received: forwarding SIGUSR1 to the job step (graceful stop)"
    kill -USR1 "$step" 2>/dev/null
  fi
}
