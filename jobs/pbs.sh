#!/usr/bin/env bash
# PBS Pro / Torque batch job: the same as jobs/slurm.sbatch (hybrid ranks x threads, journal,
# walltime stop, resume on resubmission). UNTESTED: no PBS server was available; only `bash -n`.
#   qsub -v PRIMEPOOL_ARGS="--range 1:1000000" jobs/pbs.sh
# Resources: 2 chunks (nodes), each 1 MPI rank with 4 OpenMP threads; raise as needed.
#PBS -N primepool
#PBS -l select=2:ncpus=4:mpiprocs=1:ompthreads=4
#PBS -l walltime=00:30:00
#PBS -j oe
set -uo pipefail
cd "${PBS_O_WORKDIR:-.}"
bin=${PRIMEPOOL_BIN:-build/primepool}
journal=${PRIMEPOOL_JOURNAL:-primepool-journal.${PBS_JOBNAME:-primepool}}
threads=${OMP_NUM_THREADS:-1}  # PBS sets it from ompthreads
ranks=$(wc -l <"${PBS_NODEFILE:?not inside a PBS job}")  # one line per mpiprocs
# One extra rank for the coordinator, which sleeps while it waits: it shares the first node.
ranks=$((ranks + 1))
resume=()
[ -s "$journal" ] && resume=(--resume)
# shellcheck disable=SC2086
mpirun -n "$ranks" --hostfile "$PBS_NODEFILE" --oversubscribe --bind-to none \
  -x OMP_PROC_BIND=close -x OMP_PLACES=cores \
  "$bin" --expect-ranks "$ranks" --threads "$threads" --journal "$journal" "${resume[@]}" \
  ${PRIMEPOOL_ARGS:-} &
step=$!
# PBS sends SIGTERM at walltime (then SIGKILL after kill_delay): forward a graceful stop.
trap 'kill -USR1 "$step" 2>/dev/null' TERM USR1
rc=0
wait "$step" || rc=$?
while kill -0 "$step" 2>/dev/null; do rc=0; wait "$step" || rc=$?; done
exit "$rc"
