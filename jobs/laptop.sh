#!/usr/bin/env bash
# The laptop job: install what is missing, build Release into build/, and run the pool on the
# built-in sample with mpirun. Usage: jobs/laptop.sh [RANKS] [primepool options...]
# Default RANKS = cores + 1: one worker per core, plus rank 0, which sleeps while it waits.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs/deps.sh
jobs/build.sh
. jobs/mpi_env.sh

ranks=$(( $(nproc) + 1 ))
if [ $# -gt 0 ] && [[ $1 =~ ^[0-9]+$ ]]; then
  ranks=$1
  shift
fi
# --oversubscribe: rank 0 needs no core of its own, so cores + 1 ranks is the intended layout.
exec mpirun -n "$ranks" --oversubscribe build/primepool "$@"
