# Shared by the batch scripts (slurm.sbatch, pbs.sh): the journal that belongs to the work, the
# user's own --threads, and a graceful stop forwarded to the job step. Sourced, not run.
# Written for bash >= 4.2 (RHEL/CentOS 7): an empty array is expanded as ${a[@]+"${a[@]}"}.

# batch_journal ARGS...: the journal for this work, primepool-runs/<hash of ARGS>.journal: the
# same input, method and options resume the same journal; other work gets its own.
batch_journal() {
  local key
  key=$(printf '%s\0' "$@" | sha256sum | cut -c1-12)
  mkdir -p primepool-runs
  echo "primepool-runs/$key.journal"
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
# shell is forwarded once per event as SIGUSR1 (graceful stop: rank 0 drains and exits 3). At a
# hard time limit the tasks also get SIGTERM from the batch system; primepool takes the two as
# one event. Returns the step's exit code in $step_rc.
run_step() {
  "$@" &
  step=$!
  last_forward=0
  trap 'forward_stop TERM' TERM
  trap 'forward_stop USR1' USR1
  step_rc=0
  wait "$step" || step_rc=$?
  while kill -0 "$step" 2>/dev/null; do  # a trap interrupted wait: wait for the step itself
    step_rc=0
    wait "$step" || step_rc=$?
  done
  trap - TERM USR1
}

forward_stop() {
  local now
  now=$(date +%s)
  if [ $((now - last_forward)) -lt 2 ]; then return; fi
  last_forward=$now
  echo "primepool: $1 received: forwarding SIGUSR1 to the job step (graceful stop)"
  kill -USR1 "$step" 2>/dev/null
}
