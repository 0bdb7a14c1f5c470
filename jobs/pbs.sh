#!/usr/bin/env bash
# PBS Pro / Torque batch job: the same as jobs/slurm.sbatch (hybrid ranks x threads, journal,
# walltime stop, runs again until done). No PBS server was available: tested with a stand-in
# qsub and a fake PBS environment only (tests/e2e/faults_test.py, section 5).
#   qsub -v PRIMEPOOL_ARGS="--range 1:1000000" jobs/pbs.sh
# A run stopped before the end (walltime, a lost rank) submits this script again as a new job
# (qsub -V, from the same directory; PBS lets only operators rerun a job in place), with the
# #PBS resources below: resources given on the first qsub's command line are not carried over.
# PRIMEPOOL_MAX_ATTEMPTS (default 5) bounds the runs; bad input or a failed write never reruns.
# PBS itself reruns the job after a node failure (-r y).
# Resources: 2 chunks (nodes), each 1 MPI rank with 4 OpenMP threads; raise as needed.
#PBS -N primepool
#PBS -l select=2:ncpus=4:mpiprocs=1:ompthreads=4
#PBS -l walltime=00:30:00
#PBS -j oe
#PBS -o primepool-runs/
#PBS -r y
set -uo pipefail
case ${1:-} in -h | --help) sed -n '2,/^[^#]/{/^#\(SBATCH\|PBS\)/d;/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;; esac
cd "${PBS_O_WORKDIR:-.}"
home=${PRIMEPOOL_HOME:-.}  # the checkout (default: the directory qsub was run in)
. "$home/jobs/batch_lib.sh"
bin=${PRIMEPOOL_BIN:-$home/build/primepool}
read -r -a user_args <<<"${PRIMEPOOL_ARGS:-}"  # qsub -v passes one string: split on spaces
journal=${PRIMEPOOL_JOURNAL:-$(batch_journal ${user_args[@]+"${user_args[@]}"})}
threads=${OMP_NUM_THREADS:-1}  # PBS sets it from ompthreads
ranks=$(wc -l <"${PBS_NODEFILE:?not inside a PBS job}")  # one line per mpiprocs
max=$(max_attempts) || exit 2
attempt=${PRIMEPOOL_ATTEMPT:-1}
echo "primepool: job ${PBS_JOBID:-?}, attempt $attempt of at most $max, $(date '+%F %T')"
# One extra rank for the coordinator, which sleeps while it waits: it shares the first node.
ranks=$((ranks + 1))
args=(--expect-ranks "$ranks" --journal "$journal")
summary=$(user_option_value --summary-json ${user_args[@]+"${user_args[@]}"}) || {
  summary=$journal.summary.json
  args+=(--summary-json "$summary")
}
rm -f "$summary"
if [ -s "$journal" ]; then
  args+=(--resume)
  echo "primepool: resuming from $journal ($(journal_results "$bin" "$journal") results in it)"
fi
user_sets_threads ${user_args[@]+"${user_args[@]}"} || args+=(--threads "$threads")
launch=(mpirun -n "$ranks" --hostfile "$PBS_NODEFILE" --oversubscribe --bind-to none
  -x OMP_PROC_BIND=close -x OMP_PLACES=cores)
# The allocation first (PRIMEPOOL_PREFLIGHT=0 leaves it out): a problem ends the job here (exit 6).
if [ "${PRIMEPOOL_PREFLIGHT:-1}" != 0 ]; then
  preflight_rc=0
  "${launch[@]}" "$bin" --preflight "${args[@]}" ${user_args[@]+"${user_args[@]}"} </dev/null || preflight_rc=$?
  if [ "$preflight_rc" != 0 ]; then
    echo "primepool: the preflight found a problem (exit $preflight_rc): nothing was run"
    exit "$preflight_rc"
  fi
fi
echo "primepool: job ${PBS_JOBID:-?}: $ranks ranks, mpirun, journal $journal"
# PBS sends SIGTERM at walltime (then SIGKILL after kill_delay): run_step forwards a graceful stop.
run_step "${launch[@]}" "$bin" "${args[@]}" ${user_args[@]+"${user_args[@]}"}
if [ "$step_rc" != 0 ] && why=$(retry_reason "$step_rc" "$summary"); then
  if [ "$attempt" -ge "$max" ]; then
    echo "primepool: attempt $attempt ended: $why; not submitted again: $max attempts (PRIMEPOOL_MAX_ATTEMPTS)"
  elif next=$(PRIMEPOOL_ATTEMPT=$((attempt + 1)) PRIMEPOOL_JOURNAL=$journal qsub -V "$home/jobs/pbs.sh"); then
    echo "primepool: attempt $attempt ended: $why; submitted again as job $next: attempt $((attempt + 1)) resumes from $journal"
    exit "$step_rc"
  else
    echo "primepool: attempt $attempt ended: $why; qsub failed, so it was not submitted again"
  fi
fi
step_outcome "$step_rc" "$journal" "$bin"
exit "$step_rc"
