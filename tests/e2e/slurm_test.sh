#!/usr/bin/env bash
# A real one-node Slurm (munge, slurmctld, slurmd from Debian) started here, and jobs/slurm.sbatch
# submitted to it with `sbatch --wait`: (1) the sample, every result in the job's output;
# (2) a longer job stopped with `scancel --batch --signal=USR1` (what --signal=B:USR1@N sends at
# walltime): the batch shell forwards it, the pool drains and exits 3 with its results in the
# journal; resubmitted, the job resumes and completes; (3) SIGTERM to the shell and every task
# (a hard time limit): one drain; (4) the scaling sweep. Runs its own munged and ports; needs
# root; skips (exit 77) otherwise.
# Usage: slurm_test.sh REPO_DIR
set -u
repo=$(cd "$1" && pwd)
. "$(dirname "$0")/../testlib.sh"
if [ "$(id -u)" -ne 0 ]; then echo "SKIP: the Slurm test needs root (daemons, munge key)"; exit 77; fi
if ! "$repo/jobs/deps.sh" slurm; then echo "SKIP: cannot install slurmctld/slurmd/munge"; exit 77; fi

dir=$tmp/slurm
# A private munged (own key, socket and state), so that the system's, if any, is left alone.
mu=$tmp/munge
mkdir -p "$dir/ctld" "$dir/d" "$mu"
chmod 0755 "$tmp" "$mu"
cleanup() {
  for pidfile in "$dir/slurmctld.pid" "$dir/slurmd.pid" "$mu/munged.pid"; do
    [ -s "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null
  done
  sleep 1
  for pidfile in "$dir/slurmctld.pid" "$dir/slurmd.pid" "$mu/munged.pid"; do
    [ -s "$pidfile" ] && kill -9 "$(cat "$pidfile")" 2>/dev/null
  done
  rm -rf "$tmp"
}
trap cleanup EXIT
dd if=/dev/urandom of="$mu/munge.key" bs=1 count=1024 2>/dev/null
chown -R munge:munge "$mu"
chmod 0400 "$mu/munge.key"
runuser -u munge -- /usr/sbin/munged --socket="$mu/munge.socket" --key-file="$mu/munge.key" \
  --pid-file="$mu/munged.pid" --log-file="$mu/munged.log" --seed-file="$mu/munged.seed" ||
  { echo "FAIL: the private munged did not start"; exit 1; }
node=$(slurmd -C | head -1)
host=$(hostname -s)
cat >"$dir/slurm.conf" <<CONF
ClusterName=ci
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$mu/munge.socket
SlurmctldPort=${PRIMEPOOL_SLURMCTLD_PORT:-16817}
SlurmdPort=${PRIMEPOOL_SLURMD_PORT:-16818}
StateSaveLocation=$dir/ctld
SlurmdSpoolDir=$dir/d
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/affinity
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=pmix
MinJobAge=5
EnforcePartLimits=ALL
ReturnToService=2
SchedulerParameters=sched_interval=1
KillWait=5
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
CONF
export SLURM_CONF=$dir/slurm.conf
slurmctld -c -f "$SLURM_CONF" && slurmd -f "$SLURM_CONF" || { echo "FAIL: Slurm daemons did not start"; exit 1; }
for _ in $(seq 60); do [ "$(sinfo -h -N -o %t 2>/dev/null)" = idle ] && break; sleep 0.5; done
[ "$(sinfo -h -N -o %t)" = idle ] && pass || { fail "node not idle: $(sinfo -N)"; tail "$dir"/*.log; finish; exit 1; }

cd "$repo"
work=$dir/work
mkdir -p "$work"
start=$SECONDS
# (1) The sample, 2 tasks (coordinator + 1 worker), direct launch with srun --mpi=pmix.
sbatch --wait --chdir="$repo" --output="$work/sample.out" --export=ALL,PRIMEPOOL_JOURNAL="$work/sample.j" \
  jobs/slurm.sbatch --progress never >/dev/null 2>"$work/sbatch.err"
rc=$?
[ "$rc" = 0 ] && pass || { fail "sample job: sbatch --wait exit $rc: $(cat "$work/sbatch.err")"; cat "$work/sample.out"; }
[ "$(grep -cE '^ *[0-9]+ [P ]  ?[0-9]+\.[0-9]{6}s$' "$work/sample.out")" = 20 ] && pass || fail "sample job: not 20 rows: $(cat "$work/sample.out")"
[ "$(grep -c ' P  ' "$work/sample.out")" = 9 ] && pass || fail "sample job: not 9 primes"
grep -q "^Summary: 20 numbers checked, 9 primes" "$work/sample.out" && pass || fail "sample job: summary"
# The same with mpirun inside the allocation.
sbatch --wait --chdir="$repo" --output="$work/mpirun.out" \
  --export=ALL,PRIMEPOOL_LAUNCHER=mpirun,PRIMEPOOL_JOURNAL="$work/mpirun.j" jobs/slurm.sbatch --progress never >/dev/null
grep -q "^Summary: 20 numbers checked, 9 primes" "$work/mpirun.out" && pass || fail "mpirun job: $(cat "$work/mpirun.out")"

# (2) A longer job (about 10 s of work), signalled like at walltime, then resubmitted.
range=1000000000000000:1000000000100000
job=$(sbatch --parsable --chdir="$repo" --output="$work/long-%j.out" \
  --export=ALL,PRIMEPOOL_JOURNAL="$work/long.j" jobs/slurm.sbatch --range $range --quiet --progress never)
for _ in $(seq 60); do [ "$(squeue -h -j "$job" -o %T 2>/dev/null)" = RUNNING ] && break; sleep 0.5; done
sleep 3
scancel --batch --signal=USR1 "$job"
for _ in $(seq 120); do [ -z "$(squeue -h -j "$job" 2>/dev/null)" ] && break; sleep 0.5; done
out=$work/long-$job.out
grep -q "USR1 received: forwarding" "$out" && pass || fail "signal job: the batch shell did not forward: $(cat "$out")"
grep -q "stopped early: stopped by signal 10" "$out" && pass || fail "signal job: no drain in the summary: $(cat "$out")"
grep -q "stopped early (exit 3)" "$out" && pass || fail "signal job: exit code: $(cat "$out")"
had=$(results_in "$repo/build/primepool" "$work/long.j")
[ "$had" -gt 0 ] && pass || fail "signal job: nothing in the journal"
sbatch --wait --chdir="$repo" --output="$work/resume.out" \
  --export=ALL,PRIMEPOOL_JOURNAL="$work/long.j" jobs/slurm.sbatch --range $range --quiet --progress never >/dev/null
grep -qE "^Summary: 100000 of 100000 numbers checked \([0-9]+ in this run, $had from the journal\)" "$work/resume.out" && pass || fail "resumed job: $(cat "$work/resume.out")"
[ "$(results_in "$repo/build/primepool" "$work/long.j")" = 100000 ] && pass || fail "resumed job: journal has $(results_in "$repo/build/primepool" "$work/long.j") results"
# (3) A real time limit (--time=1, the early warning moved out of the way with --signal=B:URG):
#     Slurm sends SIGTERM to every task and to the batch shell, which forwards it as SIGUSR1.
#     One event: one drain and exit 3 within KillWait, not the forced exit 4.
long=1000000000000000:1000000001500000
job=$(sbatch --parsable --time=1 --signal=B:URG@1 --chdir="$repo" --output="$work/limit-%j.out" \
  --export=ALL,PRIMEPOOL_JOURNAL="$work/limit.j" jobs/slurm.sbatch --range $long --quiet --progress never)
for _ in $(seq 200); do [ -z "$(squeue -h -j "$job" 2>/dev/null)" ] && break; sleep 0.5; done
out=$work/limit-$job.out
grep -q "stopped early: stopped by signal" "$out" && ! grep -q "second signal" "$out" && pass ||
  fail "time limit: not one drain: $(cat "$out")"
# (4) The scaling sweep inside one allocation, every point launched with srun.
sbatch --wait --chdir="$repo" --output="$work/scaling.out" --ntasks-per-node=2 --nodes=1 \
  jobs/scaling.sbatch --repeats 1 --no-weak --out "$work/scaling" >/dev/null
[ "$(wc -l <"$work/scaling/runs.csv" 2>/dev/null)" = 3 ] && [ -s "$work/scaling/wall.png" ] && pass ||
  fail "scaling.sbatch: $(cat "$work/scaling.out")"
echo "Slurm jobs took $((SECONDS - start))s"
finish
