#!/usr/bin/env python3
# Nothing lost: kill the whole job, or one worker, at a random moment, resume, and compare the
# journal with an uninterrupted run; cut a journal at every byte of its last line and resume;
# SIGTERM, SIGINT, SIGUSR1 and a second signal; journals that must be refused.
# Usage: resume_test.py PRIMEPOOL MPIEXEC [SOURCE_DIR]
import os
import random
import re
import signal
import sys
import time

from harness import Harness, checking, kill_group, rank_pid

h = Harness(sys.argv)
RANGE = "1000000000000000:1000000000030000"  # ~3 s of trial division on 2 workers
BIG = "18446744073709551557"  # the largest prime below 2^64
HEADER = "^primepool-journal"


def pause():
    return 0.4 + random.random() * 2


# The reference: Miller-Rabin's verdicts, the same as trial division's, in no time.
ref = h.path("ref-mr.j")
h.run(["--range", RANGE, "--method", "mr", "--quiet", "--journal", ref])

# 1. The whole job killed (SIGKILL to mpirun and every rank) at a random moment, then resumed.
#    A kill that comes after the run has ended tests nothing: then try again, sooner.
for round_ in (1, 2):
    h.scenario(f"kill the whole job at a random moment ({round_})")
    j = h.path(f"kill-all-{round_}.j")
    delay = pause()
    for attempt in range(4):
        if os.path.exists(j):
            os.remove(j)
        p = h.background(["--range", RANGE, "--quiet", "--journal", j], ranks=3)
        time.sleep(delay)
        kill_group(p.pid)
        h.wait(p)
        with open(j) as f:
            before = len(f.readlines()) - 1
        if before < 6000:
            break
        delay /= 2
    h.check(before < 6000, "every kill came after the run had ended")
    r = h.run(["--range", RANGE, "--quiet", "--journal", j, "--resume"], ranks=3)
    h.exit_is(r, 0)
    h.check(h.same_results(j, ref), f"resumed journal differs (had {before} before)")

# 2. One worker killed with kill -9: Open MPI aborts the job; the journal holds what reached
#    rank 0, and --resume finishes the job. The kill waits for a journaled job (the run is under
#    way, rank 2 is working), not for a fixed time.
h.scenario("kill -9 one worker, resume")
j = h.path("kill-worker.j")
p = h.background(["--range", RANGE, "--quiet", "--journal", j], ranks=3)
h.reached(j, "^[0-9]")
worker = rank_pid(p.pid, 2)
if worker:
    os.kill(worker, signal.SIGKILL)
r = h.wait(p)
h.check(worker is not None and r.code != 0, f"no worker killed mid-run (exit {r.code})")
h.exit_is(h.run(["--range", RANGE, "--quiet", "--journal", j, "--resume"], ranks=3), 0)
h.check(h.same_results(j, ref), "resumed journal differs")

# 2b. Killed before the journal holds anything (no file yet, an empty one, or a header cut at
#     any byte): the same command with --resume starts the journal, says so, and finishes.
with open(ref) as f:
    header = f.readline().rstrip("\n")
for cut in [None, 0, 1, len(header) // 2, len(header)]:
    h.scenario(f"resume before any journal line (header cut at {cut})")
    j = h.path(f"early-{cut}.j")
    if cut is not None:
        with open(j, "w") as f:
            f.write(header[:cut])
    r = h.run(["--range", RANGE, "--method", "mr", "--quiet", "--journal", j, "--resume"], ranks=3)
    h.exit_is(r, 0)
    h.contains(r, "starting this journal", "err")
    h.check(h.same_results(j, ref), "resumed journal differs")

# 3. A journal cut at every byte offset of its last line (as a kill mid-write leaves it).
h.scenario("a journal cut at every byte of its last line, resumed twice")
full = h.path("full.j")
h.run(["--range", "1:300", "--quiet", "--journal", full])
with open(full, "rb") as f:
    data = f.read()
last = len(data.rstrip(b"\n").split(b"\n")[-1]) + 1
for k in range(last + 1):
    cut = h.path("cut.j")
    with open(cut, "wb") as f:
        f.write(data[:len(data) - last + k])
    args = ["--range", "1:300", "--quiet", "--journal", cut, "--resume"]
    h.check(h.run(args).code == 0, f"cut at {k}: resume failed")
    h.check(h.same_results(cut, full), f"cut at {k}: resumed journal differs")
    # The resumed journal is whole: a second resume accepts it and finds nothing left to do.
    r = h.run(args)
    h.check(r.code == 0 and r.grep(r"^Summary: 299 of 299 numbers checked \(0 in this run, 299 "
                                   "from the journal\)"), f"cut at {k}: second resume: {r.err}{r.out}")

# 4. Signals: the first stops handing out work, collects what is in flight, writes the summary
#    and exits 3; the journal is consistent and --resume completes it.
SAID = {signal.SIGTERM: r"SIGTERM \(signal 15", signal.SIGINT: r"Ctrl-C \(SIGINT\)",
        signal.SIGUSR1: r"SIGUSR1 \(signal 10", signal.SIGUSR2: r"Ctrl-C \(SIGINT, passed on as SIGUSR2"}
for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGUSR1, signal.SIGUSR2):
    h.scenario(f"{sig.name}: drain, summary, exit 3, resume")
    j = h.path(f"sig-{sig.name}.j")
    p = h.background(["--range", RANGE, "--journal", j, "--quiet", "--progress", "never"])
    h.reached(j, HEADER)
    time.sleep(0.5)
    r = h.wait(p, sig=sig)
    h.exit_is(r, 3)
    h.contains(r, "stopped early: stopped by " + SAID[sig])
    h.contains(r, "^Summary: [0-9]+ of 30000 numbers checked")
    h.exit_is(h.run(["--range", RANGE, "--journal", j, "--resume", "--quiet"]), 0)
    h.check(h.same_results(j, ref), "resumed journal differs")
# Under mpirun: SIGUSR1 to mpirun is forwarded to every rank at once; rank 0 drains and exits 3.
h.scenario("mpirun -n 3, SIGUSR1: drain, exit 3, resume")
j = h.path("mpi-usr1.j")
p = h.background(["--range", RANGE, "--journal", j, "--quiet"], ranks=3)
h.reached(j, HEADER)
time.sleep(0.5)
r = h.wait(p, sig=signal.SIGUSR1)
h.exit_is(r, 3)
h.contains(r, "stopped by SIGUSR1")
h.exit_is(h.run(["--range", RANGE, "--journal", j, "--resume", "--quiet"], ranks=3), 0)
h.check(h.same_results(j, ref), "resumed journal differs")
# A second signal exits at once with 4, the journal still intact. The checks take 6 s each
# (--method sleep:6s: Miller-Rabin's verdict, then a wait), and the first signal is sent once the
# first check is under way (a signal before it ends the run at once, with 3: nothing to wait
# for). Two signals within 2 s are one event (Slurm's SIGTERM and the batch script's SIGUSR1):
# one drain.
SLOW = ["--numbers", f"{BIG},{BIG},{BIG}", "--method", "sleep:6s"]
h.scenario("a second signal: exit 4 at once, journal intact")
j = h.path("twice.j")
p = h.background(SLOW + ["--journal", j, "--quiet", "--grace", "60"])
h.reached(j, HEADER)
h.check(checking(p.pid), "no check under way after 30 s")
p.send_signal(signal.SIGTERM)
time.sleep(2.5)
r = h.wait(p, sig=signal.SIGTERM)
h.exit_is(r, 4)
h.exit_is(h.run(SLOW + ["--journal", j, "--resume", "--quiet"]), 0)
primes = [l for l in h.replay(j).lines() if l.startswith(f"{BIG},1,")]
h.check(len(primes) == 3, f"resumed journal: {len(primes)} of 3 results")
h.scenario("two signals of one event (TERM, USR1 0.2 s later): one drain")
j = h.path("same-event.j")
p = h.background(SLOW + ["--journal", j, "--quiet", "--grace", "60"])
h.reached(j, HEADER)
p.send_signal(signal.SIGTERM)
time.sleep(0.2)
h.exit_is(h.wait(p, sig=signal.SIGUSR1), 3)

# 5. Every input kind and method resumes to the uninterrupted result.
numbers = h.write("in.txt", "# numbers\n97\n98\n\n99\n1000000007\n18446744073709551557\n")
for kind in ([numbers], ["--random", "50", "--bits", "48", "--seed", "7"],
             ["--numbers", "5,6,7,8,9"], ["--range", "100:400:3"]):
    for method in ["trial", "wheel", "mr"] + (["sieve"] if kind[0] == "--range" else []):
        name = " ".join(os.path.basename(a) for a in kind)
        h.scenario(f"resume {name}, --method {method}")
        # Jobs of 3 numbers, a journal line each: half of the lines is half of the work.
        whole, half = h.path("u.j"), h.path("h.j")
        for path in (whole, half):
            if os.path.exists(path):
                os.remove(path)
        h.run(kind + ["--method", method, "--quiet", "--chunk", "3", "--journal", whole], ranks=3)
        with open(whole) as f:
            lines = f.readlines()
        h.check(len(lines) - 1 >= 2, f"{len(lines) - 1} journal lines")
        with open(half, "w") as f:
            f.writelines(lines[:1 + (len(lines) - 1) // 2])
        h.run(kind + ["--method", method, "--quiet", "--journal", half, "--resume"], ranks=3)
        h.check(h.same_results(half, whole), "resumed journal differs")

# 6. Journals that must be refused, with a clear message and exit 2: one in use by another run,
#    one for other work, one that exists (without --resume), damaged ones.
h.scenario("journal in use by another run")
busy = h.path("busy.j")
p = h.background(["--range", RANGE, "--quiet", "--journal", busy])
h.reached(busy, HEADER)
h.expect(["--range", RANGE, "--quiet", "--journal", busy, "--resume"], 2, err="in use by another run")
kill_group(p.pid)
h.wait(p)
r50 = h.path("r.j")
h.run(["--range", "1:50", "--quiet", "--chunk", "5", "--journal", r50], ranks=3)
with open(r50) as f:
    lines = f.readlines()
lines[4] = re.sub(r" [0-9]* ", " 3 ", lines[4], count=1)  # a job's count changed
damaged = h.write("damaged.j", "".join(lines))
REFUSED = [
    ("a journal of other input", ["--range", "1:51", "--journal", r50, "--resume"],
     "belongs to input 'range:1:50:1' with method 'trial'"),
    ("a journal of another method", ["--range", "1:50", "--method", "mr", "--journal", r50,
                                     "--resume"], "refusing to resume"),
    ("a journal that exists, no --resume", ["--range", "1:50", "--journal", r50],
     "already holds results: add --resume"),
    ("a damaged journal line", ["--range", "1:50", "--journal", damaged, "--resume"],
     "damaged.j:5: damaged journal line"),
    ("not a journal", ["--range", "1:50", "--journal", h.write("notj.j", "hello\n"), "--resume"],
     "not a primepool journal"),
    ("--resume alone", ["--resume"], "needs --journal"),
    ("a journal of format 1",
     ["--range", "1:50", "--journal", h.write("old.j", "primepool-journal 1 range:1:50:1 trial\n"
                                             "0 1 C 0.000000010 0 0 5d2e3b0c\n"), "--resume"],
     "old.j:1: .*format 1"),
]
for name, args, message in REFUSED:
    h.scenario(name)
    h.expect(args + ["--quiet"], 2, err=message)

# 7. The journal's size on an mr range (10^6 numbers, 2 workers): at most a byte a number with
#    --quiet (the primes' offsets and each job's time) and with --primes-only (their times too).
BIG_RANGE = "1000000000000000000:1000000000001000000"
ref_big = h.path("ref-big.j")
h.run(["--range", BIG_RANGE, "--method", "mr", "--journal", ref_big, "-o", "/dev/null"])
for mode in (["--quiet"], ["--primes-only", "--format", "csv", "-o", h.path("p.csv")]):
    h.scenario(f"journal size, {mode[0]}: at most a byte a number")
    j = h.path(f"size{mode[0]}.j")
    r = h.run(["--range", BIG_RANGE, "--method", "mr", *mode, "--journal", j], ranks=3)
    h.exit_is(r, 0)
    size = os.path.getsize(j)
    h.check(size <= 1000000, f"{size} bytes for 10^6 numbers")
    h.check(h.same_results(j, ref_big), "results differ")

# 8. A file read by the workers (each its own slices): stopped by a signal, or killed, at a
#    random moment, then resumed (rank 0 reads and checks the journal's stretch, the workers read
#    the rest) by either reader; the results are a one-rank run's.
blocks = ["# numbers, with comments and blank lines\n"]
for i in range(13):
    blocks += [f"{n}\n" for n in range(1000000 + i * 1000, 1000000 + i * 1000 + 1000)]
    blocks += ["\n", f"  # block {i}\n"]
slices = h.write("slices.txt", "".join(blocks))
slices_ref = h.path("slices-ref.j")
h.run([slices, "--method", "mr", "--quiet", "--journal", slices_ref])
for how, reader in ((signal.SIGUSR1, "workers"), (signal.SIGKILL, "rank0")):
    h.scenario(f"slices: {how.name} at a random moment, resumed by --read-by {reader}")
    j = h.path(f"slices-{how.name}.j")
    args = [slices, "--method", "sleep:500us", "--quiet", "--journal", j]
    p = h.background(args, ranks=3)
    h.reached(j, HEADER)
    time.sleep(pause())
    if how == signal.SIGKILL:
        kill_group(p.pid)
    h.wait(p, sig=how)
    before = h.results_in(j)
    h.check(before is not None and before < 13000, f"the run had ended ({before} results)")
    r = h.run(args + ["--resume", "--read-by", reader], ranks=3)
    h.exit_is(r, 0)
    h.check(h.same_results(j, slices_ref), f"resumed journal differs ({before} before)")

h.finish()
