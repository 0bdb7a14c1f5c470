#!/usr/bin/env bash
# The laptop job: install what is missing, build Release into build/, and run the pool on the
# built-in sample with mpirun, one line per step (the build log goes to build/build.log).
# Usage: jobs/laptop.sh [RANKS | -n RANKS] [primepool options...]
# Default RANKS = cores + 1: one worker per core, plus rank 0, which sleeps while it waits.
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
echo "primepool: running mpirun -n $ranks --oversubscribe build/primepool $*"
# --oversubscribe: rank 0 needs no core of its own, so cores + 1 ranks is the intended layout.
# run_step: Ctrl-C becomes a graceful stop (rank 0 drains, exit 3; again after 2 s: exit 4), and
# Open MPI's abort boxes after primepool's own message are left out.
set +e
run_step mpirun -n "$ranks" --oversubscribe build/primepool "$@"
exit "$step_rc"
