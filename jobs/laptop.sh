#!/usr/bin/env bash
# The laptop job: install what is missing, build Release into build/, and run the pool with
# mpirun on the built-in sample (or on the input the options name, or on piped standard input),
# one line per step (the build log goes to build/build.log).
# Usage: jobs/laptop.sh [RANKS | -n RANKS] [primepool options...]
# Default RANKS = cores + 1: one worker per core, plus rank 0, which sleeps while it waits.
# Every run is journaled to primepool-runs/<hash of the options>.journal (unless the options
# name a --journal, or the input is piped): Ctrl-C stops gracefully, and the same command run
# again resumes where it stopped; once a run has finished, the same command starts afresh.
set -euo pipefail
case ${1:-} in -h | --help) sed -n '2,/^[^#]/{/^#\(SBATCH\|PBS\)/d;/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;; esac
cd "$(dirname "$0")/.."

ranks=$(( $(nproc) + 1 ))
if [ $# -ge 2 ] && [[ $1 =~ ^(-n|-np|--np)$ ]]; then
  ranks=$2
  shift 2
elif [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then
  ranks=$1
  shift
fi
[[ $ranks =~ ^[0-9]+$ ]] && [ "$ranks" -ge 1 ] || { echo "jobs/laptop.sh: RANKS '$ranks' is not a number of ranks" >&2; exit 2; }

step() { printf 'primepool: %-52s' "$1"; }
step "checking Debian packages ..."
jobs/deps.sh >/dev/null
echo "ok"
step "building build/primepool (log: build/build.log) ..."
mkdir -p build
if jobs/build.sh --target primepool >build/build.log 2>&1; then
  echo "ok"
else
  echo "failed"
  tail -n 20 build/build.log >&2
  exit 1
fi
. jobs/mpi_env.sh
. jobs/batch_lib.sh
args=()
journal=""
if ! user_option_value --journal "$@" >/dev/null && ! has_own_journal_mode "$@" &&
   ! { [ -p /dev/stdin ] || [ -f /dev/stdin ]; }; then
  journal=$(batch_journal "$@")
  args+=(--journal "$journal")
  if [ -s "$journal" ] && [ ! -e "$journal.done" ]; then
    args+=(--resume)
    echo "primepool: resuming the stopped run from $journal ($(journal_results build/primepool "$journal") results in it)"
  else
    rm -f "$journal" "$journal.done"
    echo "primepool: journal $journal (Ctrl-C stops; the same command again resumes)"
  fi
fi
echo "primepool: running mpirun -n $ranks --oversubscribe build/primepool ${args[*]+${args[*]} }$*"
# --oversubscribe: rank 0 needs no core of its own, so cores + 1 ranks is the intended layout.
# run_step: Ctrl-C becomes a graceful stop (rank 0 drains, exit 3; again after 2 s: exit 4), and
# Open MPI's abort boxes after primepool's own message are left out.
set +e
run_step mpirun -n "$ranks" --oversubscribe build/primepool ${args[@]+"${args[@]}"} "$@"
if [ -n "$journal" ]; then
  case $step_rc in
    0) : >"$journal.done" ;;  # finished: the same command starts afresh next time
    3 | 4 | 5) echo "primepool: $(journal_results build/primepool "$journal") results are kept in $journal; resume with the same command: jobs/laptop.sh $ranks $*" >&2 ;;
  esac
fi
exit "$step_rc"
