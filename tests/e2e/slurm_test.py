#!/usr/bin/env python3
# A real one-node Slurm (munge, slurmctld, slurmd from Debian) started here, and jobs/slurm.sbatch
# submitted to it: (1) the sample, every result in the job's output, with srun and with mpirun;
# (2) a longer job stopped twice with `scancel --batch --signal=USR1` (what --signal=B:USR1@N
# sends at walltime): the batch shell forwards it, the pool drains and exits 3 with its results
# in the journal, the job requeues itself and resumes; then a rank SIGKILLed: requeued again;
# the fourth attempt completes it; (3) a real time limit (SIGTERM to the shell and every task):
# one drain, requeued, complete; (4) the scaling sweep. Runs its own munged and ports;
# needs root; skips (exit 77) otherwise.
# Usage: slurm_test.py PRIMEPOOL MPIEXEC SOURCE_DIR
import os
import re
import signal
import subprocess
import sys
import time

from harness import Harness, read

h = Harness(sys.argv)
if os.getuid() != 0:
    h.skip("the Slurm test needs root (daemons, munge key)")
if subprocess.run([f"{h.top}/jobs/deps.sh", "slurm"]).returncode:
    h.skip("cannot install slurmctld/slurmd/munge")
top, tmp = h.top, h.tmp
sl, mu, work = f"{tmp}/slurm", f"{tmp}/munge", f"{tmp}/slurm/work"
for d in (f"{sl}/ctld", f"{sl}/d", mu, work):
    os.makedirs(d)
os.chmod(tmp, 0o755)
os.chmod(mu, 0o755)
PIDFILES = [f"{sl}/slurmctld.pid", f"{sl}/slurmd.pid", f"{mu}/munged.pid"]


def sh(*cmd, **kw):
    return subprocess.run(list(cmd), capture_output=True, text=True, **kw)


def stop_daemons():
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pidfile in PIDFILES:
            try:
                with open(pidfile) as f:
                    os.kill(int(f.read().split()[0]), sig)
            except (OSError, ValueError, IndexError):
                pass
        time.sleep(1)


def until(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not condition():
        time.sleep(0.5)
    return condition()


def sbatch(*args, wait=True, env=""):
    """Submit jobs/slurm.sbatch (or another script given in args) from the repository."""
    export = f"--export=ALL{env}"
    cmd = ["sbatch", "--wait" if wait else "--parsable", f"--chdir={top}", export, *args]
    return h.run([], raw=cmd, timeout=300, cwd=top)  # the scripts find jobs/ from the submit dir


def gone(job):
    return sh("squeue", "-h", "-j", job).stdout.strip() == ""


RELEASED = {}  # job -> the restart count it was last released at


def release(job):
    """Slurm holds a requeued job for about 2 minutes (its BeginTime); the test releases it
    sooner, once a requeue, as a scheduler with free nodes would. Not at once: slurmd refuses a
    job launched within the second its last run's credential was revoked ("Job credential
    revoked"); and not again, since each update moves its start. Returns the job's state ("" once
    it is gone)."""
    state = sh("squeue", "-h", "-j", job, "-o", "%T %r").stdout.strip()
    if state.endswith("BeginTime"):
        shown = sh("scontrol", "show", "job", "-o", job).stdout
        restarts = re.search(r"Restarts=(\d+)", shown)
        count = int(restarts.group(1)) if restarts else -1
        if RELEASED.get(job) != count:
            RELEASED[job] = count
            sh("scontrol", "update", f"jobid={job}", "StartTime=now+2")
    return state


def to_the_end(job, seconds):
    """Wait until `job` has left the queue, its requeues released."""
    return until(lambda: release(job) == "", seconds)


def steps_started(out):
    """How many job steps the batch job's output (all its attempts) has started."""
    return len(re.findall(r"^primepool: job .* on .*: \d+ ranks", read(out), re.M))


def environ(pid):
    try:
        with open(f"/proc/{pid}/environ", "rb") as f:
            return f.read().decode(errors="replace").split("\0")
    except OSError:
        return []


def batch_jobs():
    t0 = time.monotonic()

    # (1) The sample, 2 tasks (coordinator + 1 worker), direct launch with srun --mpi=pmix; then
    #     the same with mpirun inside the allocation.
    for launcher in ("srun", "mpirun"):
        h.scenario(f"the sample as a batch job ({launcher})")
        out = f"{work}/{launcher}.out"
        r = sbatch(f"--output={out}", "jobs/slurm.sbatch", "--progress", "never",
                   env=f",PRIMEPOOL_LAUNCHER={launcher},PRIMEPOOL_JOURNAL={work}/{launcher}.j")
        h.exit_is(r, 0)
        text = read(out)
        rows = re.findall(r"^ *[0-9]+ [P ]  ?[0-9]+\.[0-9]{6}s$", text, re.M)
        h.check(len(rows) == 20, f"{len(rows)} rows, wanted 20: {text}")
        h.check(sum(" P " in row for row in rows) == 9, "not 9 primes")
        h.check(re.search("^Summary: 20 numbers checked, 9 primes", text, re.M), f"summary: {text}")
        h.check(re.search("^preflight: 2 ranks, no problems found$", text, re.M),
                f"no preflight before the run: {text}")

    # (1b) Numbers on the job's standard input (sbatch --input): srun passes them on to rank 0,
    #      which reads them as the input (under srun, a pipe that brings a byte within a second).
    h.scenario("numbers on the job's standard input (sbatch --input)")
    numbers = f"{work}/stdin-numbers.txt"
    with open(numbers, "w") as f:
        f.write("97\n98\n99\n101\n")
    out = f"{work}/stdin.out"
    r = sbatch(f"--output={out}", f"--input={numbers}", "jobs/slurm.sbatch", "--format", "csv",
               "--order", "input", "--progress", "never", env=f",PRIMEPOOL_JOURNAL={work}/stdin.j")
    h.exit_is(r, 0)
    text = read(out)
    rows = re.findall(r"^([0-9]+),([01]),", text, re.M)
    h.check(rows == [("97", "1"), ("98", "0"), ("99", "0"), ("101", "1")], f"rows {rows}: {text}")

    # (2) A longer job (about 10 s of work) signalled like at walltime, twice: each time the
    #     pool drains, the job requeues itself and resumes from its journal; then a rank of the
    #     third attempt is SIGKILLed (as when its node dies): the step ends without a summary
    #     and the job requeues itself again; the fourth attempt completes it, every result once.
    h.scenario("cut twice at walltime, then a rank killed: requeued each time, complete")
    n = 40000
    rng = ["--range", f"1000000000000000:{1000000000000000 + n}", "--quiet", "--progress", "never"]
    long_j = f"{work}/long.j"
    job = sbatch(f"--output={work}/long-%j.out", "jobs/slurm.sbatch", *rng, wait=False,
                 env=f",PRIMEPOOL_JOURNAL={long_j}").out.strip()
    out = f"{work}/long-{job}.out"
    had = 0
    for attempt in (1, 2, 3):  # each cut once it has added results to the journal
        h.check(until(lambda: release(job) and steps_started(out) == attempt
                      and (h.results_in(long_j) or 0) > had, 60),
                f"attempt {attempt} did not start its run: {read(out)}")
        if attempt < 3:
            sh("scancel", "--batch", "--signal=USR1", job)
        else:
            killed = [pid for pid in sh("pgrep", "-x", "primepool").stdout.split()
                      if "SLURM_PROCID=1" in environ(pid)]
            for pid in killed:
                os.kill(int(pid), signal.SIGKILL)
            h.check(len(killed) == 1, f"rank 1 of the job step: {killed}")
        h.check(until(lambda: f"attempt {attempt} ended" in read(out), 60), f"no end: {read(out)}")
        had = h.results_in(long_j) or 0
    h.check(to_the_end(job, 120), f"job {job} still there")
    text = read(out)
    h.check(text.count("USR1 received: forwarding") == 2, f"the batch shell did not forward: {text}")
    for attempt in (1, 2):
        h.check(f"attempt {attempt} ended: it was stopped (the time limit, a preemption or a signal; "
                f"exit 3); requeued: attempt {attempt + 1} resumes" in text, f"attempt {attempt}: {text}")
    h.check(re.search(r"attempt 3 ended: the job step was killed \(exit \d+\) .*; requeued", text),
            f"attempt 3 not requeued: {text}")
    h.check("attempt 4 of at most 5" in text, f"no fourth attempt: {text}")
    summaries = re.findall(r"^Summary: (\d+) of (\d+) numbers checked", text, re.M)
    h.check(len(summaries) == 3 and summaries[-1] == (str(n), str(n)), f"summaries {summaries}")
    h.check(f"holds all {n} results" in text, f"not done: {text}")
    h.check(h.results_in(long_j) == n, f"the journal has {h.results_in(long_j)} results")

    # (3) A real time limit (--time=1, the early warning moved out of the way with
    #     --signal=B:URG): Slurm sends SIGTERM to every task and to the batch shell, which
    #     forwards it as SIGUSR1. One event: one drain (exit 3 within KillWait, not exit 4), and
    #     the job requeues itself; the second attempt (another minute) finishes the work.
    h.scenario("a real time limit: one drain, requeued, complete")
    # About 115 s of work for one worker: cut once. (slurmctld checks time limits every 30 s, so
    # a 1-minute job is cut between 60 and 90 s; 77 s of work once finished uncut.)
    n = 540000
    job = sbatch("--time=1", "--signal=B:URG@1", f"--output={work}/limit-%j.out", "jobs/slurm.sbatch",
                 "--range", f"1000000000000000:{1000000000000000 + n}", "--quiet", "--progress", "never",
                 wait=False, env=f",PRIMEPOOL_JOURNAL={work}/limit.j").out.strip()
    h.check(to_the_end(job, 300), f"job {job} still there")
    text = read(f"{work}/limit-{job}.out")
    h.check("stopped early: stopped by SIG" in text and "second signal" not in text,
            f"not one drain: {text}")
    h.check("attempt 1 ended: it was stopped" in text and "attempt 2 of at most 5" in text,
            f"not requeued: {text}")
    h.check(f"holds all {n} results" in text and h.results_in(f"{work}/limit.j") == n,
            f"not complete: {text}")

    # (4) The scaling sweep inside one allocation, every point launched with srun.
    h.scenario("the scaling sweep in one allocation")
    sbatch(f"--output={work}/scaling.out", "--ntasks-per-node=2", "--nodes=1", "jobs/scaling.sbatch",
           "--repeats", "1", "--no-weak", "--out", f"{work}/scaling")
    runs = read(f"{work}/scaling/runs.csv").splitlines()
    h.check(len(runs) == 3 and os.path.getsize(f"{work}/scaling/wall.png") > 0
            if os.path.exists(f"{work}/scaling/wall.png") else False,
            f"scaling.sbatch: {read(f'{work}/scaling.out')}")
    print(f"Slurm jobs took {time.monotonic() - t0:.0f} s")


try:
    # A private munged (own key, socket and state), so that the system's, if any, is left alone.
    with open(f"{mu}/munge.key", "wb") as f:
        f.write(os.urandom(1024))
    sh("chown", "-R", "munge:munge", mu)
    os.chmod(f"{mu}/munge.key", 0o400)
    h.scenario("a private munged and a one-node Slurm start")
    started = sh("runuser", "-u", "munge", "--", "/usr/sbin/munged", f"--socket={mu}/munge.socket",
                 f"--key-file={mu}/munge.key", f"--pid-file={mu}/munged.pid",
                 f"--log-file={mu}/munged.log", f"--seed-file={mu}/munged.seed")
    h.check(started.returncode == 0, f"the private munged did not start: {started.stderr}")
    node = sh("slurmd", "-C").stdout.splitlines()[0]
    host = sh("hostname", "-s").stdout.strip()
    conf = h.write("slurm/slurm.conf", f"""ClusterName=ci
SlurmctldHost={host}(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket={mu}/munge.socket
SlurmctldPort={os.environ.get("PRIMEPOOL_SLURMCTLD_PORT", "16817")}
SlurmdPort={os.environ.get("PRIMEPOOL_SLURMD_PORT", "16818")}
StateSaveLocation={sl}/ctld
SlurmdSpoolDir={sl}/d
SlurmctldPidFile={sl}/slurmctld.pid
SlurmdPidFile={sl}/slurmd.pid
SlurmctldLogFile={sl}/slurmctld.log
SlurmdLogFile={sl}/slurmd.log
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
{node} NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP OverSubscribe=NO
""")
    os.environ["SLURM_CONF"] = conf
    daemons = sh("slurmctld", "-c", "-f", conf).returncode == 0 and sh("slurmd", "-f", conf).returncode == 0
    h.check(daemons, "the Slurm daemons did not start")
    idle = until(lambda: sh("sinfo", "-h", "-N", "-o", "%t").stdout.strip() == "idle", 30)
    if h.check(idle, f"node not idle: {sh('sinfo', '-N').stdout}"):
        batch_jobs()
    else:
        print(read(f"{sl}/slurmctld.log")[-2000:], read(f"{sl}/slurmd.log")[-2000:])
finally:
    stop_daemons()
h.finish()
