#!/usr/bin/env python3
# Fault scenarios: full disks, failed writes and closes, closed pipes, files in two roles,
# changed inputs, special files, endless and slow inputs, signals at awkward moments, stopped
# workers, batch-script faults. A section a class; each command is bounded by a timeout. Prints
# a table of scenario, expected, observed and verdict, then "N passed, N failed".
# FAULTS_ONLY=N,M runs those sections only (tests/mutation.sh: the sections a mutant's row names).
# Usage: faults_test.py PRIMEPOOL MPIEXEC SOURCE_DIR
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

from harness import Harness, descendants, rank_pid, read, running

os.environ["OMPI_MCA_rmaps_base_oversubscribe"] = "1"  # the batch scripts' own mpirun, too
h = Harness(sys.argv)
BIN, TMP = h.bin, h.tmp
SLOW_RANGE = "1000000000000000:1000000000055000"  # about 10 s of trial division on one core
BIG = "18446744073709551557"  # the largest prime below 2^64
# Checks that must take a set time whatever the kernel's speed wait instead (--method sleep:T:
# Miller-Rabin's verdict, then T without the CPU).
mounts = []
SECTIONS = {}


def section(number):
    """A class of faults: run unless FAULTS_ONLY leaves it out."""
    def register(fn):
        SECTIONS[number] = fn
        return fn
    return register


# --- helpers ---------------------------------------------------------------------------------
def first_err(r):
    """The first line of the error output that says something (not an Open MPI box's rule)."""
    for line in r.err[:300].splitlines():
        if line.strip() and "----" not in line:
            return line
    return ""


def said(r, pattern, stream="err"):
    return bool(r.grep(pattern, stream))


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()[:16]


def rows_matching(path_or_text, pattern):
    text = read(path_or_text) if os.path.exists(path_or_text) else path_or_text
    return len(re.findall(pattern, text, re.M))


def json_of(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def strace(args, *options, ranks=None):
    """strace around primepool (alone or mpirun), following forks, quiet."""
    return ["strace", "-f", "-qq", *options] + h.command(args, ranks)


def bash(script):
    return ["bash", "-c", script]


def small_fs(size):
    """A tmpfs of `size` that fills up, or None where mounting is not allowed."""
    d = os.path.join(TMP, f"fs{len(mounts)}")
    os.makedirs(d)
    if subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", d],
                      stderr=subprocess.DEVNULL).returncode != 0:
        return None
    mounts.append(d)
    return d


def half_of(journal, into=None):
    """The journal's header and the first half of its job lines (what a kill leaves)."""
    with open(journal) as f:
        lines = f.readlines()
    with open(into or journal, "w") as f:
        f.writelines(lines[:(len(lines) + 1) // 2])


def printed_in_journal(csv_path, journal):
    """Every row the failed run printed is in its journal (by input index)."""
    r = h.replay(journal)
    if r.code != 0:
        return False
    printed = {l.split(",")[5] for l in read(csv_path).splitlines()[1:] if l}
    journaled = {l.split(",")[5] for l in r.lines()[1:]}
    return printed <= journaled


def rss_mib(r):
    """The peak memory /usr/bin/time -f %M printed as the last line of standard error."""
    try:
        return int(r.err.strip().splitlines()[-1]) // 1024
    except (ValueError, IndexError):
        return -1


def stop_rank(p, rank, sig=signal.SIGSTOP):
    """Send `sig` to a rank of mpirun `p`; its PID."""
    pid = rank_pid(p.pid, rank)
    if pid:
        os.kill(pid, sig)
    return pid


def stop_rank_until_the_end(p, rank, timeout=60):
    """SIGSTOP that rank of mpirun `p`, wait for the run to end, then kill the stopped rank. The
    result's seconds count from the stop."""
    stopped = stop_rank(p, rank)
    t0 = time.monotonic()
    r = h.wait(p, timeout)
    r.seconds = time.monotonic() - t0
    if stopped:
        os.kill(stopped, signal.SIGKILL)
    return r


# ---------------------------------------------------------------------------------------------
@section(1)
def output_integrity():
    h.scenario("stdout on a full disk", "exit 1, names standard output")
    r = h.wait(h.background(["--range", "1:100000"], stdout="/dev/full"), 10)
    h.verdict(f"exit {r.code}: {first_err(r)}",
              r.code == 1 and said(r, "standard output: write failed: No space left"))
    h.scenario("stdout closed", "exit 1, names standard output")
    r = h.run([], raw=bash(f"'{BIN}' --range 1:1000 >&-"), timeout=10)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 1 and said(r, "standard output: write failed"))
    h.scenario("-o /dev/full on a 10 s range", "exit 1 within 3 s, names /dev/full")
    r = h.run(["--range", SLOW_RANGE, "-o", "/dev/full"], timeout=60)
    h.verdict(f"exit {r.code} in {r.seconds:.1f}s: {first_err(r)}",
              r.code == 1 and r.seconds < 3 and said(r, "/dev/full: write failed"))
    # The sieve's rows (a segment's primes at once) on a full disk, under mpirun: the same exit.
    h.scenario("sieve rows to /dev/full", "exit 1, names /dev/full")
    r = h.run(["--range", "1000000000000:1000100000000", "--method", "sieve", "--primes-only",
               "-o", "/dev/full"], ranks=3, timeout=60)
    h.verdict(f"exit {r.code} in {r.seconds:.1f}s: {first_err(r)}",
              r.code == 1 and said(r, "/dev/full: write failed"))
    h.scenario("-o /dev/full under mpirun -n 3", "exit 1 within 5 s, no orphans")
    r = h.run(["--range", SLOW_RANGE, "-o", "/dev/full"], ranks=3, timeout=60)
    h.verdict(f"exit {r.code} in {r.seconds:.1f}s: {first_err(r)}",
              r.code == 1 and r.seconds < 5 and not running(f"{BIN} --range {SLOW_RANGE} -o /dev/full"))
    h.scenario("--summary-json /dev/full", "exit 1, names /dev/full")
    r = h.run(["--numbers", "7,11", "--summary-json", "/dev/full"], timeout=10)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 1 and said(r, "/dev/full: write failed"))
    h.scenario("--summary-json in a missing dir", "exit 2 at once, before any work")
    r = h.run(["--range", SLOW_RANGE, "--summary-json", f"{TMP}/missing/s.json"], timeout=10)
    h.verdict(f"exit {r.code} in {r.seconds:.1f}s: {first_err(r)}",
              r.code == 2 and r.seconds < 1 and not said(r, "^Summary", "out"))

    h.scenario("journal close() fails (EIO)", "exit 1, names the journal")
    cj = h.path("c.j")
    r = h.run([], raw=strace(["--range", "1:50", "--quiet", "--journal", cj], "-P", cj, "-e",
                             "trace=close", "-e", "inject=close:error=EIO", "-o", "/dev/null"), timeout=20)
    h.verdict(f"exit {r.code}: {first_err(r)}",
              r.code == 1 and said(r, "c.j: journal close failed: Input/output error"))
    h.scenario("-o close() fails (EIO)", "exit 1, names the file")
    csv = h.path("c.csv")
    r = h.run([], raw=strace(["--range", "1:50", "-o", csv], "-P", csv, "-e", "trace=close", "-e",
                             "inject=close:error=EIO", "-o", "/dev/null"), timeout=20)
    h.verdict(f"exit {r.code}: {first_err(r)}",
              r.code == 1 and said(r, "c.csv: close failed: Input/output error"))
    h.scenario("-o fails at its 2nd write", "exit 1; every printed row journaled")
    csv, j = h.path("w.csv"), h.path("w.j")
    r = h.run([], raw=strace(["--range", "1:200000", "--method", "mr", "--format", "csv", "-o", csv,
                              "--journal", j], "-P", csv, "-e", "trace=write", "-e",
                             "inject=write:error=ENOSPC:when=2+", "-o", "/dev/null"), timeout=20)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 1
              and said(r, "w.csv: write failed: No space left") and printed_in_journal(csv, j))
    # One failed write stops the writing, even if the disk has room again a moment later: nothing
    # is written to -o after the failed write (the results in flight are journaled, not printed).
    h.scenario("-o fails once, disk has room again", "exit 1, first error named; no write after")
    csv, log = h.path("once.csv"), h.path("once.log")
    r = h.run([], raw=strace(["--range", "1:300000", "--method", "mr", "--chunk", "50", "--format",
                              "csv", "-o", csv, "--journal", h.path("once.j")], "-P", csv, "-e",
                             "trace=write", "-e", "inject=write:error=ENOSPC:when=3", "-o", log,
                             ranks=3), timeout=60)
    trace = read(log)
    after = trace[trace.find("INJECTED"):].count("write(") if "INJECTED" in trace else -1
    h.verdict(f"exit {r.code}; {after} writes after it: {first_err(r)}",
              r.code == 1 and after == 0 and said(r, "once.csv: write failed: No space left"))

    # A refused run leaves every file byte-identical.
    numbers, keep_j, keep_csv = h.write("in.txt", "7\n11\n"), h.path("keep.j"), h.path("keep.csv")
    h.run([numbers, "--quiet", "--journal", keep_j])
    h.write("keep.csv", "precious\n")
    sums = lambda: (sha(numbers), sha(keep_j), sha(keep_csv))
    before = sums()
    h.scenario("refused run (journal exists)", "exit 2; files byte-identical, none made")
    r = h.run([numbers, "--journal", keep_j, "-o", keep_csv, "--summary-json", h.path("keep.json")],
              timeout=10)
    h.verdict(f"exit {r.code}: {first_err(r)}",
              r.code == 2 and sums() == before and not os.path.exists(h.path("keep.json")))
    # The summary JSON is opened after -o: a run refused there must not have truncated -o yet.
    h.scenario("refused after -o is opened", "exit 2; -o byte-identical")
    r = h.run([numbers, "-o", keep_csv, "--summary-json", f"{TMP}/missing/s.json"], timeout=10)
    h.verdict(f"exit {r.code}, -o holds {read(keep_csv)!r}: {first_err(r)}",
              r.code == 2 and sums() == before)
    h.scenario("input given as -o too", "exit 2; input unchanged")
    r = h.run([numbers, "-o", numbers], timeout=10)
    h.verdict(f"exit {r.code}: {first_err(r)}",
              r.code == 2 and sums() == before and said(r, "same file"))
    h.scenario("journal given as -o too", "exit 2; journal unchanged")
    r = h.run(["--numbers", "5", "-o", keep_j, "--journal", keep_j, "--resume"], timeout=10)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 2 and sums() == before)
    h.scenario("-o and --summary-json, one file", "exit 2 (same file through a link)")
    os.symlink(keep_csv, h.path("link.csv"))
    r = h.run(["--numbers", "5", "-o", keep_csv, "--summary-json", h.path("link.csv")], timeout=10)
    h.verdict(f"exit {r.code}: {first_err(r)}",
              r.code == 2 and said(r, "same file") and read(keep_csv) == "precious\n")

    # Closed pipes: the reader goes away.
    h.scenario("| head -1 (one rank)", "ends at once, message names the pipe")
    r = h.run([], raw=bash(f"'{BIN}' --range 1:2000000 --method mr | head -1"), timeout=20)
    h.verdict(f"exit {r.code} in {r.seconds:.1f}s: {first_err(r)}",
              r.code == 0 and r.seconds < 3 and said(r, "Broken pipe"))
    mpirun = " ".join(h.command([], 3)[:-1])
    h.scenario("mpirun -n 3 | head -1", "no crash: exit 1 within 10 s")
    r = h.run([], raw=bash(f"set -o pipefail; {mpirun} '{BIN}' --range 1:3000000 --method mr | head -1"),
              timeout=30)
    h.verdict(f"exit {r.code} in {r.seconds:.1f}s: {first_err(r)}",
              r.code == 1 and r.seconds < 10 and not said(r, "Segmentation fault"))
    # Reduced results (workers send the primes only, or counts only): the same failure paths.
    h.scenario("--primes-only, mpirun -n 3 | head -1", "exit 1 within 10 s, names the pipe")
    r = h.run([], raw=bash(f"set -o pipefail; {mpirun} '{BIN}' --range 1:30000000 --method mr "
                           "--primes-only --format csv | head -1"), timeout=30)
    h.verdict(f"exit {r.code} in {r.seconds:.1f}s: {first_err(r)}",
              r.code == 1 and r.seconds < 10 and said(r, "Broken pipe"))
    h.scenario("--quiet (counts only) stopped by USR1", "exit 3; summary counts agree")
    sj = h.path("quiet.json")
    p = h.background(["--range", "1000000000000000:1000000000100000", "--quiet", "--progress",
                      "never", "--summary-json", sj], ranks=3)
    time.sleep(3)
    r = h.wait(p, 60, sig=signal.SIGUSR1)
    d = json_of(sj)
    checked = d.get("checked")
    per_worker = sum(w.get("numbers", 0) for w in d.get("per_worker", []))
    h.verdict(f"exit {r.code}; {checked} checked, {per_worker} by workers",
              r.code == 3 and (checked or 0) > 0 and checked == per_worker
              and said(r, "numbers checked", "out"))
    h.scenario("| head -1, SIGPIPE ignored", "EPIPE: exit 1 at once")
    r = h.run([], raw=bash(f"trap '' PIPE; '{BIN}' --range 1:2000000 --method mr --format jsonl | head -1"),
              timeout=30)
    h.verdict(f"exit {r.code} in {r.seconds:.1f}s: {first_err(r)}",
              r.seconds < 3 and said(r, "Broken pipe"))

    # Durability: the journal is synced at start, at most a second apart, and at the end (a run
    # of 6 s: its three syncs at start and end, and one about every second between).
    h.scenario("journal fdatasync", "start + >= 1 a second + end")
    log = h.path("sync.log")
    r = h.run([], raw=["strace", "-f", "-e", "trace=fdatasync", "-o", log, BIN, "--range", "1:300",
                       "--method", "sleep:20ms", "--quiet", "--journal", h.path("sync.j"),
                       "--progress", "never"], timeout=30)
    syncs = read(log).count("fdatasync")
    h.verdict(f"{syncs} syncs in a {r.seconds:.1f}s run", r.code == 0 and syncs >= 6)
    # One rank, slow numbers: results reach the journal every quarter second or so, not every
    # 256 numbers (which took 5 s here, and hours for big primes): a kill 3 s in keeps 2 s.
    h.scenario("kill -9, one rank, slow numbers", ">= 80 of about 150 results journaled")
    j = h.path("slow.j")
    p = h.background(["--range", "1:1000", "--method", "sleep:20ms", "--quiet", "--journal", j,
                      "--progress", "never"])
    time.sleep(3)
    h.wait(p, 30, sig=signal.SIGKILL)
    kept = h.results_in(j) or 0
    h.verdict(f"{kept} journaled", kept >= 80)

    # A journal on a file system that fills up mid-run: exit 1, the journal intact, resumable.
    h.scenario("journal's disk fills up", "exit 1; resumed elsewhere: complete")
    fs = small_fs("64k")
    if fs is None:
        h.verdict("cannot mount a tmpfs: skipped", True)
    else:
        # Rows to /dev/null: the journal holds every number's time (2 MB; a --quiet one fits).
        r1 = h.run(["--range", "1:100000", "--method", "mr", "-o", "/dev/null", "--journal",
                    f"{fs}/full.j"], timeout=30)
        moved = h.path("moved.j")
        shutil.copy(f"{fs}/full.j", moved)
        r = h.run(["--range", "1:100000", "--method", "mr", "--quiet", "--journal", moved,
                   "--resume"], timeout=30)
        n = h.results_in(moved)
        h.verdict(f"exit {r1.code}: {first_err(r1)[:30]}; resumed {n}",
                  r1.code == 1 and r.code == 0 and n == 99999)


# ---------------------------------------------------------------------------------------------
@section(2)
def the_journal_is_the_truth():
    seq = h.write("seq.txt", "".join(f"{i}\n" for i in range(1, 3001)))
    h.run(["-", "--quiet", "--journal", h.path("ref.j")], stdin=read(seq))
    half_of(h.path("ref.j"), h.path("stdin.j"))
    h.scenario("resume from standard input", "exit 0, 3000 results")
    r = h.run(["-", "--quiet", "--journal", h.path("stdin.j"), "--resume"], stdin=read(seq), timeout=30)
    n = h.results_in(h.path("stdin.j"))
    h.verdict(f"exit {r.code}, {n} results: {first_err(r)}", r.code == 0 and n == 3000)
    h.scenario("resume, path with space and %", "exit 0")
    weird = h.path("a dir %41 x")
    os.makedirs(weird)
    shutil.copy(seq, f"{weird}/in put%.txt")
    args = [f"{weird}/in put%.txt", "--quiet", "--journal", f"{weird}/j o%urnal"]
    h.run(args)
    half_of(f"{weird}/j o%urnal")
    r = h.run(args + ["--resume"], timeout=30)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 0)
    h.scenario("input changed since the journal", "exit 2: input has changed")
    changing, cj = h.write("changing.txt", "4\n6\n8\n9\n"), h.path("changing.j")
    h.run([changing, "--quiet", "--journal", cj])
    before = sha(cj)
    h.write("changing.txt", "7\n11\n8\n9\n")
    r = h.run([changing, "--quiet", "--journal", cj, "--resume"], timeout=10)
    h.verdict(f"exit {r.code}: {first_err(r)}",
              r.code == 2 and said(r, "input has changed") and sha(cj) == before)
    h.scenario("journal index past input's end", "exit 2, names the journal line")
    shrink, sj = h.write("shrink.txt", "4\n6\n8\n9\n"), h.path("shrink.j")
    h.run([shrink, "--quiet", "--journal", sj])
    h.write("shrink.txt", "4\n6\n")
    r = h.run([shrink, "--quiet", "--journal", sj, "--resume"], timeout=10)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 2
              and said(r, "shrink.j:[0-9]*: the journal holds a result for input index"))
    h.scenario("control bytes in a journal header", "escaped in the message")
    esc = h.write("esc.j", "primepool-journal 2 file:\x1b[31mred trial\n")
    r = h.run(["--numbers", "5", "--quiet", "--journal", esc, "--resume"], timeout=10)
    h.verdict(f"exit {r.code}: {first_err(r)!r}",
              r.code == 2 and "\\x1b" in r.err and "\x1b" not in r.err)
    fifo = h.path("fifo.j")
    os.mkfifo(fifo)
    h.scenario("FIFO as journal", "exit 2 at once: not a regular file")
    r = h.run(["--numbers", "5", "--quiet", "--journal", fifo], timeout=10)
    h.verdict(f"exit {r.code} in {r.seconds:.1f}s: {first_err(r)}",
              r.code == 2 and said(r, "not a regular file"))
    h.scenario("FIFO as journal, --resume", "exit 2 at once")
    r = h.run(["--numbers", "5", "--quiet", "--journal", fifo, "--resume"], timeout=10)
    h.verdict(f"exit {r.code} in {r.seconds:.1f}s", r.code == 2)
    h.scenario("directory as journal, --resume", "exit 2, no terminate")
    os.mkdir(h.path("dir.j"))
    r = h.run(["--numbers", "5", "--quiet", "--journal", h.path("dir.j"), "--resume"], timeout=10)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 2 and not said(r, "terminate"))
    h.scenario("--journal /dev/full", "exit 2, no terminate")
    r = h.run(["--numbers", "5", "--quiet", "--journal", "/dev/full"], timeout=10)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 2 and not said(r, "terminate"))
    h.scenario("no file locks (ENOLCK)", "exit 2, real error, says --no-lock")
    nolock = h.path("nolock.j")
    r = h.run([], raw=strace(["--numbers", "5", "--quiet", "--journal", nolock], "-e", "trace=flock",
                             "-e", "inject=flock:error=ENOLCK", "-o", "/dev/null"), timeout=20)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 2 and said(r, "No locks available")
              and said(r, "--no-lock") and not os.path.exists(nolock))
    h.scenario("--no-lock on such a file system", "exit 0")
    r = h.run([], raw=strace(["--numbers", "5", "--quiet", "--journal", nolock, "--no-lock"], "-e",
                             "trace=flock", "-e", "inject=flock:error=ENOSYS", "-o", "/dev/null"),
              timeout=20)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 0)
    h.scenario("resume locks, then reads", "flock before the first journal read")
    log = h.path("order.log")
    h.run([], raw=["strace", "-f", "-e", "trace=flock,read", "-o", log, BIN, "-", "--quiet",
                   "--journal", h.path("stdin.j"), "--resume"], stdin=read(seq))
    order = [l for l in read(log).splitlines() if re.search(r'flock\(|read\([0-9]+, "primepool-journal', l)]
    h.verdict(" then ".join("flock" if "flock(" in l else "read" for l in order[:2]),
              bool(order) and "flock(" in order[0])
    # Every number's time (rows to /dev/null): about 180 MB, where a --quiet journal is 0.8 MB.
    big = h.path("big.j")
    h.run(["--range", "1:8000000", "--method", "mr", "-o", "/dev/null", "--journal", big])
    h.scenario("resume of an 8M-result journal", "memory <= 64 MiB")
    r = h.run([], raw=["/usr/bin/time", "-f", "%M"] + h.command(
        ["--range", "1:8000000", "--method", "mr", "--quiet", "--journal", big, "--resume"]), timeout=60)
    h.verdict(f"exit {r.code}, {rss_mib(r)} MiB, {r.seconds:.1f}s", r.code == 0 and 0 <= rss_mib(r) <= 64)
    h.scenario("stop while loading a big journal", "exit 3 within 1 s")
    p = h.background(["--range", "1:8000000", "--method", "mr", "--quiet", "--journal", big, "--resume"])
    time.sleep(0.2)
    r = h.wait(p, 30, sig=signal.SIGTERM)
    h.verdict(f"exit {r.code} after {r.seconds:.2f}s", r.code == 3 and r.seconds < 1)

    # Output and journal after an abrupt end: --replay prints everything journaled.
    h.scenario("kill -9, --order input: replay", "every journaled result, in input order")
    csv, j = h.path("abrupt.csv"), h.path("abrupt.j")
    p = h.background(["--range", SLOW_RANGE, "--order", "input", "--format", "csv", "-o", csv,
                      "--journal", j])
    time.sleep(2)
    h.wait(p, 30, sig=signal.SIGKILL)
    r = h.replay(j)
    journaled = h.results_in(j) or 0
    order = [int(l.split(",")[5]) for l in r.lines()[1:]]
    h.verdict(f"{journaled} journaled, {len(order)} replayed",
              r.code == 0 and journaled > 0 and journaled == len(order) and order == sorted(order)
              and printed_in_journal(csv, j))
    h.scenario("resumed summary counts the journal", "primes = an uninterrupted run's")
    h.run(["--range", "1:1000", "--quiet", "--summary-json", h.path("full.json")])
    half = h.path("half.j")
    h.run(["--range", "1:1000", "--quiet", "--journal", half])
    half_of(half)
    r = h.run(["--range", "1:1000", "--quiet", "--journal", half, "--resume", "--summary-json",
               h.path("half.json")], timeout=20)
    a, b = json_of(h.path("half.json")).get("primes"), json_of(h.path("full.json")).get("primes")
    h.verdict(f"{a} vs {b}", r.code == 0 and a is not None and a == b)


# ---------------------------------------------------------------------------------------------
@section(3)
def input_never_hangs_the_run():
    h.scenario("/dev/zero as input", "exit 2 at once: line too long")
    r = h.run(["/dev/zero"], timeout=10)
    h.verdict(f"exit {r.code} in {r.seconds:.1f}s: {first_err(r)}",
              r.code == 2 and r.seconds < 2 and said(r, "line longer than 131072"))
    h.scenario("/dev/zero, then SIGTERM", "ends within 1 s")
    p = h.background(["/dev/zero"])
    time.sleep(0.2)
    r = h.wait(p, 20, sig=signal.SIGTERM)
    whole = time.monotonic() - p.t0
    h.verdict(f"exit {r.code} in {whole:.2f}s", whole < 1.5)
    slow_csv = h.path("slow.csv")
    p = h.background(["-", "--format", "csv", "--progress", "never"], stdin=subprocess.PIPE,
                     stdout=slow_csv)
    h.feed(p, "7\n", 6, "11\n")
    time.sleep(1.5)
    early = rows_matching(slow_csv, "^7,")
    r = h.wait(p, 30, sig=signal.SIGTERM)
    h.scenario("slow stdin: first number at once", "7 checked within 1.5 s")
    h.verdict(f"{early} row(s) after 1.5 s", early == 1)
    h.scenario("slow stdin, then SIGTERM", "exit 3 within 1 s; 11 unchecked")
    h.verdict(f"exit {r.code} in {r.seconds:.2f}s",
              r.code == 3 and r.seconds < 1.2 and rows_matching(slow_csv, "^11,") == 0)
    h.scenario("slow stdin under mpirun -n 3", "7 checked at once; clean stop")
    slowm = h.path("slowm.csv")
    p = h.background(["-", "--format", "csv", "--progress", "never"], ranks=3,
                     stdin=subprocess.PIPE, stdout=slowm)
    # 7 comes 2 s in, once the workers have said hello and wait, hungry, for input: it must be
    # handed out as it arrives (typed at once, a quick rank 0 could send it with the hellos'
    # answers and never test the hungry path).
    h.feed(p, 2, "7\n", 8, "11\n")
    h.reached(slowm, "^7,")
    first = time.monotonic() - p.t0
    early = rows_matching(slowm, "^7,") if first < 7 else 0  # a held-back 7 would wait the 8 s
    # mpirun forwards SIGUSR1 as it is (SIGTERM: then SIGKILL)
    r = h.wait(p, 30, sig=signal.SIGUSR1)
    h.verdict(f"7 after {first:.1f}s; exit {r.code}",
              early == 1 and r.code == 3 and not said(r, "MPI_ABORT"))
    # No input named: a piped standard input is the input (an endless one included, stopped by
    # a signal like any other), a closed one leaves the sample, an empty pipe is an empty input.
    h.scenario("endless pipe, no input named, SIGTERM", "exit 3 within 1.5 s, stopped by SIGTERM")
    p = h.background([], raw=["bash", "-c", f"exec '{BIN}' --quiet --progress never < <(yes 1000003)"])
    time.sleep(0.5)
    r = h.wait(p, 20, sig=signal.SIGTERM)
    h.verdict(f"exit {r.code} in {r.seconds:.2f}s: {first_err(r)}",
              r.code == 3 and r.seconds < 1.5 and said(r, "stopped early: stopped by SIGTERM", "out"))
    h.scenario("standard input closed, no input named", "the sample, exit 0")
    r = h.run([], raw=["bash", "-c", f"exec '{BIN}' --quiet <&-"], timeout=20)
    h.verdict(f"exit {r.code}: {first_err(r)}",
              r.code == 0 and said(r, "^Summary: 20 numbers checked, 9 primes", "out"))
    h.scenario("empty pipe, no input named", "0 numbers, exit 0")
    r = h.run([], raw=["bash", "-c", f"true | exec '{BIN}' --quiet"], timeout=20)
    h.verdict(f"exit {r.code}: {first_err(r)}",
              r.code == 0 and said(r, "^Summary: 0 numbers checked", "out"))
    h.scenario("directory as input", "exit 2: is a directory")
    r = h.run([TMP], timeout=10)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 2 and said(r, "is a directory"))
    h.scenario("131072-byte lines ending in CR LF", "line 1 accepted, line 2 refused")
    crlf = h.write("crlf.txt", f"{'7':>131072}\r\n{'11':>131073}\r\n")
    r = h.run([crlf, "--format", "csv"], timeout=10)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 2 and said(r, "^7,", "out")
              and said(r, "crlf.txt:2: line longer"))
    h.scenario("NUL byte in a comment", "exit 2: NUL byte")
    nul = h.write("nul.txt", "7 # a comment \0 with a NUL\n")
    r = h.run([nul], timeout=10)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 2 and said(r, "nul.txt:1: NUL byte"))
    fifo = h.path("in.fifo")
    os.mkfifo(fifo)
    h.scenario("FIFO input, no writer, SIGTERM", "exit 3 within 1.5 s")
    p = h.background([fifo])
    time.sleep(0.5)
    r = h.wait(p, 10, sig=signal.SIGTERM)
    whole = time.monotonic() - p.t0
    h.verdict(f"exit {r.code} in {whole:.1f}s", r.code == 3 and whole < 1.5)
    h.scenario("FIFO input, writer comes later", "13 checked")
    p = h.background([fifo, "--format", "csv"])
    time.sleep(0.3)
    with open(fifo, "w") as f:
        f.write("13\n")
    r = h.wait(p, 10)
    h.verdict(f"{rows_matching(r.out, '^13,')} row(s)", said(r, "^13,1,", "out"))
    h.scenario("a number given as FILE", "hint: use --numbers")
    r = h.run(["97"], timeout=10)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 2 and said(r, "use --numbers 97"))
    # Workers reading their own slices of a file (the default under mpirun): a file that changes
    # under the run ends it (exit 2, named), with what was read before it journaled; a bad line
    # far into the file is named with its line, and nothing after it is checked. Jobs of at most
    # 20 numbers (20 ms each): what is in flight when the file changes is bounded.
    for change in ("append", "rewrite"):
        h.scenario(f"file changed ({change}) under workers", "exit 2 at once: changed; journal kept")
        grow, j = h.write("grow.txt", "".join(f"{i}\n" for i in range(1000000, 1020001))), h.path("grow.j")
        if os.path.exists(j):
            os.remove(j)
        p = h.background([grow, "--method", "sleep:1ms", "--chunk", "20", "--quiet", "--journal", j,
                          "--progress", "never"], ranks=3)
        h.reached(j, "^[0-9]")
        if change == "append":
            with open(grow, "a") as f:
                f.write("1020001\n")
        else:
            with open(grow, "r+b") as f:
                f.seek(8)
                f.write(b"1")
        t0 = time.monotonic()
        r = h.wait(p, 60)
        secs = time.monotonic() - t0
        n = h.results_in(j) or 0
        h.verdict(f"exit {r.code} in {secs:.1f}s, {n} journaled: {first_err(r)}",
                  r.code == 2 and secs < 5 and said(r, "changed while it was being read")
                  and 0 < n < 20001)
    # A read error (EIO, injected by strace into rank 1's reads of the file only) ends the run at
    # the line it cut, counted from the file's start, with everything before it kept.
    h.scenario("EIO in a worker's slice read", "exit 2 at the cut line; rows before kept")
    eio = h.write("eio.txt", "".join(f"{i}\n" for i in range(1000000, 1300001)))
    args = [BIN, eio, "--method", "mr", "--format", "csv"]
    r = h.run([], raw=[h.mpiexec, "-n", "1", "--oversubscribe", *h.preflags, *args, ":", "-n", "1",
                       "strace", "-f", "-qq", "-o", "/dev/null", "-P", eio, "-e", "trace=read", "-e",
                       "inject=read:error=EIO:when=5", *args, ":", "-n", "1", *args], timeout=60)
    m = re.search(r"eio\.txt:([0-9]+): read error", r.err)
    line = int(m.group(1)) if m else None
    nrows = rows_matching(r.out, "^[0-9]")
    h.verdict(f"exit {r.code}, line {line}, {nrows} rows",
              r.code == 2 and line is not None and nrows == line - 1)
    h.scenario("/proc file (size 0, has content)", "read by rank 0, not skipped")
    r = h.run(["/proc/self/loginuid", "--format", "csv"], ranks=3, timeout=20)
    nrows = rows_matching(r.out, "^[0-9]")
    h.verdict(f"exit {r.code}, {nrows} row(s)", r.code == 0 and nrows == 1)
    h.scenario("bad line 30001, workers reading", "exit 2 naming line 30001; 30000 rows")
    late = h.write("late-bad.txt", "".join(f"{i}\n" for i in range(1, 30001)) + "12x\n"
                   + "".join(f"{i}\n" for i in range(1, 101)))
    r = h.run([late, "--format", "csv", "--method", "mr"], ranks=3, timeout=30)
    nrows = rows_matching(r.out, "^[0-9]")
    h.verdict(f"exit {r.code}, {nrows} rows: {first_err(r)}", r.code == 2
              and said(r, "late-bad.txt:30001: not a decimal digit") and nrows == 30000)


# ---------------------------------------------------------------------------------------------
@section(4)
def signals_errors_and_exits():
    h.scenario("TERM + USR1 (Slurm time limit)", "one drain, all done: exit 0")
    out = h.path("tu.out")
    p = h.background(["--numbers", "999999999999999989,999999999999999989", "--method", "sleep:2s",
                      "--grace", "20"], ranks=3, stdout=out)
    h.reached(out, "^Checking 2 numbers")
    time.sleep(0.3)  # the workers' hellos, answered with the two jobs
    root = rank_pid(p.pid, 0)
    os.kill(root, signal.SIGTERM)
    time.sleep(0.2)
    os.kill(root, signal.SIGUSR1)
    r = h.wait(p, 60)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 0 and not said(r, "second signal")
              and said(r, "every number was checked"))
    h.scenario("--grace 0, nothing in flight", "exit 3, nothing abandoned, no abort")
    out = h.path("g0.out")
    p = h.background(["-", "--grace", "0", "--format", "csv"], ranks=3, stdin=subprocess.PIPE,
                     stdout=out)
    h.feed(p, "7\n", 8)
    h.reached(out, "^7,1,")
    time.sleep(0.2)
    r = h.wait(p, 30, sig=signal.SIGUSR1)
    h.verdict(f"exit {r.code}: {(r.grep('stopped early', 'err') or [''])[0]}", r.code == 3
              and not said(r, "MPI_ABORT") and not said(r, "grace period ran out")
              and not said(r, "ORTE_ERROR_LOG"))
    h.scenario("grace runs out, work in flight", "exit 3 within grace + a few s")
    out = h.path("g1.out")
    p = h.background(["--numbers", ",".join([BIG] * 4), "--method", "sleep:5s", "--grace", "1",
                      "--journal", h.path("g1.j"), "--progress", "never", "--stall-warn", "100"],
                     ranks=3, stdout=out)
    h.reached(out, "^Checking 4 numbers")
    time.sleep(0.5)
    r = h.wait(p, 30, sig=signal.SIGUSR1)
    whole = time.monotonic() - p.t0
    h.verdict(f"exit {r.code} in {whole:.1f}s", r.code == 3 and whole < 10
              and said(r, "grace period ran out"))
    h.scenario("write error under mpirun", "exit 1 within 10 s, every rank ends")
    wd = h.path("wd.j")
    r = h.run(["--range", "1:3000000", "--method", "mr", "--format", "csv", "-o", "/dev/full",
               "--journal", wd], ranks=3, timeout=30)
    h.verdict(f"exit {r.code} in {r.seconds:.1f}s: {first_err(r)}",
              r.code == 1 and r.seconds < 10 and not running(f"journal {wd}"))
    h.scenario("--chunk 65536, stop after 3 s", "drain <= 2 s, work journaled")
    j = h.path("chunk.j")
    p = h.background(["--range", "1000000000000000:1000000000060000", "--chunk", "65536", "--quiet",
                      "--journal", j, "-t", "2", "--grace", "30"])
    time.sleep(3)
    r = h.wait(p, 120, sig=signal.SIGTERM)
    n = h.results_in(j) or 0
    h.verdict(f"exit {r.code}, drain {r.seconds:.2f}s, {n} journaled",
              r.code == 3 and r.seconds < 2.5 and n > 100)
    h.scenario("a worker stopped (SIGSTOP)", "warning, then exit 5 (resumable)")
    stall = h.path("stall.j")
    p = h.background(["--range", SLOW_RANGE, "--quiet", "--journal", stall, "--stall-warn", "2",
                      "--stall-timeout", "4"], ranks=3)
    h.reached(stall, " 2 [0-9a-f]{8}$")  # a job line from rank 2: it is working
    r = stop_rank_until_the_end(p, 2)
    warning = (r.grep("warning", "err") or [""])[0]
    h.verdict(f"exit {r.code} after {r.seconds:.0f}s: {warning}",
              r.code == 5 and said(r, "rank 2 has sent nothing") and r.seconds <= 15)
    h.scenario("a 4 s check, --stall-timeout 3", "no stall: heartbeats, exit 0")
    r = h.run(["--numbers", BIG, "--method", "sleep:4s", "--quiet", "--stall-warn", "2",
               "--stall-timeout", "3"], ranks=3, timeout=60)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 0 and not said(r, "sent nothing"))
    h.scenario("resume after the stall", "exit 0, every number")
    r = h.run(["--range", SLOW_RANGE, "--quiet", "--journal", stall, "--resume"], ranks=3, timeout=60)
    n = h.results_in(stall)
    h.verdict(f"exit {r.code}, {n} results", r.code == 0 and n == 55000)
    h.scenario("--threads over OMP_THREAD_LIMIT", "exit 2, names the limit")
    r = h.run(["--numbers", "7", "--threads", "4"], env={"OMP_THREAD_LIMIT": 2}, timeout=10)
    h.verdict(f"exit {r.code}: {first_err(r)}",
              r.code == 2 and said(r, "OMP_THREAD_LIMIT") and not said(r, "terminate"))
    h.scenario("mpirun -n 1 -t 2 on one core", "warns: 2 threads on 1 CPU")
    r = h.run([], raw=[h.mpiexec, "-n", "1", "--bind-to", "core", *h.preflags, BIN, "--numbers", "7",
                       "--threads", "2"], timeout=20)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 0 and said(r, "runs 2 threads on 1 CPU"))

    # --method sieve: a stop waits for the segment being sieved, then --resume sieves the rest as
    # segments again (not a number at a time). Near 10^15 the sieve's set-up is small; the
    # journal (--quiet keeps the primes' offsets) makes jobs of 2^25 numbers.
    sieve = ["--range", "1000000000000000:1000000200000000", "--method", "sieve", "--quiet"]  # 2e8
    h.run(sieve + ["--summary-json", h.path("sieve-ref.json")])
    h.scenario("sieve stopped by SIGTERM", "exit 3 once its segment is done")
    j = h.path("sieve.j")
    p = h.background(sieve + ["--journal", j, "--progress", "never"])
    h.reached(j, " [0-9a-f]{8}$")  # a job's line: the run is sieving
    r = h.wait(p, 60, sig=signal.SIGTERM)
    h.verdict(f"exit {r.code} after {r.seconds:.1f}s", r.code == 3 and r.seconds < 3)
    h.scenario("sieve resumed: segments again", "every prime, in < 20 s")
    r = h.run(sieve + ["--journal", j, "--resume", "--summary-json", h.path("sieve.json")], timeout=120)
    got, want = json_of(h.path("sieve.json")).get("primes"), json_of(h.path("sieve-ref.json")).get("primes")
    h.verdict(f"exit {r.code} in {r.seconds:.1f}s, {got} of {want} primes",
              r.code == 0 and want is not None and got == want and r.seconds < 20)
    # Counting near 10^18, a segment of 10^8 numbers: memory stays small (no list of numbers).
    h.scenario("sieve of 10^8 numbers: memory", "<= 128 MiB")
    r = h.run([], raw=["/usr/bin/time", "-f", "%M", BIN, "--range",
                       "1000000000000000000:1000000000100000000", "--method", "sieve", "--quiet"],
              timeout=60)
    h.verdict(f"exit {r.code}, {rss_mib(r)} MiB", r.code == 0 and 0 <= rss_mib(r) <= 128)


# ---------------------------------------------------------------------------------------------
@section(5)
def batch_and_experiment_scripts():
    scaling = os.path.join(h.top, "jobs", "scaling.sh")
    h.scenario("scaling.sh: option as arithmetic", "exit 2, no command run")
    r = h.run([], raw=[scaling, "--workers", f"PATH[$(touch {TMP}/pwned)]"], timeout=10)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 2 and not os.path.exists(h.path("pwned")))
    h.scenario("scaling.sh: non-numeric --repeats", "exit 2, names the option")
    r = h.run([], raw=[scaling, "--repeats", "1 2"], timeout=10)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 2 and said(r, "--repeats"))
    sb = h.path("sb")
    os.makedirs(sb)
    sbatch = ["bash", os.path.join(h.top, "jobs", "slurm.sbatch")]
    env = {"SLURM_NTASKS": 1, "SLURM_SUBMIT_DIR": sb, "PRIMEPOOL_HOME": h.top, "PRIMEPOOL_BIN": BIN,
           "PRIMEPOOL_LAUNCHER": "mpirun"}
    journals = lambda: sorted(f for f in os.listdir(f"{sb}/primepool-runs") if f.endswith(".journal")) \
        if os.path.isdir(f"{sb}/primepool-runs") else []
    h.scenario("two sbatch jobs, other work", "each its own journal, both exit 0")
    h.run([], raw=sbatch + ["--numbers", "7,11", "--quiet"], env=env, cwd=sb, timeout=60)
    r = h.run([], raw=sbatch + ["--range", "1:100", "--quiet"], env=env, cwd=sb, timeout=60)
    h.verdict(f"exit {r.code}, {len(journals())} journals", r.code == 0 and len(journals()) == 2)
    h.scenario("sbatch with the user's --threads", "user's value wins, exit 0")
    r = h.run([], raw=sbatch + ["--numbers", "5", "--threads", "1", "--quiet"],
              env=dict(env, SLURM_CPUS_PER_TASK=2), cwd=sb, timeout=60)
    h.verdict(f"exit {r.code}: {(r.grep('busy over') or [''])[0]}",
              r.code == 0 and said(r, "busy over 1 thread$", "out"))
    # The batch shell under mpirun: a stop forwarded to rank 0, Open MPI's abort boxes left out.
    h.scenario("sbatch (mpirun) stopped by USR1", "exit 3; no Open MPI abort box")
    out = h.path("sbstop.out")
    p = h.background([], raw=sbatch + ["--range", "1000000000000000:1000000001000000", "--quiet",
                                       "--progress", "never"], env=dict(env, SLURM_NTASKS=3),
                     cwd=sb, stdout=out)
    h.reached(out, "^primepool: job")
    time.sleep(1)
    r = h.wait(p, 60, sig=signal.SIGUSR1)
    h.verdict(f"exit {r.code}: {r.err.count('----')} box lines", r.code == 3
              and "----" not in r.err and said(r, r"stopped by SIGUSR1 \(signal 10"))
    # scancel --full --signal=TERM: TERM to the batch shell and to every process of the job,
    # mpirun included (which then kills the ranks): a stop with the journal intact, not a failure.
    h.scenario("scancel --full --signal=TERM (mpirun)", "exit 3, stopped; resubmitted: done")
    rng = ["--range", "1000000000000000:1000000000200000", "--quiet", "--progress", "never"]
    p = h.background([], raw=sbatch + rng, env=dict(env, SLURM_NTASKS=3), cwd=sb)
    deadline, j = time.monotonic() + 30, None
    while time.monotonic() < deadline and j is None:
        for name in journals():
            text = read(f"{sb}/primepool-runs/{name}")
            if "1000000000200000" in text and re.search("^[0-9]", text, re.M):
                j = f"{sb}/primepool-runs/{name}"
        time.sleep(0.05)
    for pid in [p.pid] + descendants(p.pid):
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    r1 = h.wait(p, 60)
    r = h.run([], raw=sbatch + rng, env=env, cwd=sb, timeout=120)
    n = h.results_in(j) if j else None
    h.verdict(f"exit {r1.code}: {(r1.lines() or [''])[-1][:22]}; then exit {r.code}",
              r1.code == 3 and said(r1, "stopped early", "out") and r.code == 0
              and said(r, "primepool: done", "out") and n == 200000)
    # A finished job submitted again: it says so with the journal's exact result count (a line
    # is a job of many results) and the command that prints the results.
    h.scenario("sbatch of finished work, again", "resumes 2999 results, says done with --replay")
    done_args = ["--range", "1:3000", "--chunk", "7", "--quiet", "--progress", "never"]
    r1 = h.run([], raw=sbatch + done_args, env=env, cwd=sb, timeout=60)
    r = h.run([], raw=sbatch + done_args, env=env, cwd=sb, timeout=60)
    h.verdict(f"exit {r1.code}, {r.code}: {(r.grep('resuming') or [''])[0][-30:]}",
              r1.code == 0 and r.code == 0 and said(r, r"\(2999 results in it\)", "out")
              and said(r, r"^primepool: done: .* holds all 2999 results; print them with: .* "
                          r"--replay primepool-runs/", "out"))
    # The job requeues itself when its run stopped before the end, never after bad input, and at
    # most PRIMEPOOL_MAX_ATTEMPTS times: a stand-in scontrol (and qsub for PBS) on the PATH
    # records what the scripts ask of the batch system (tests/e2e/slurm_test.py: a real Slurm).
    fake = h.path("fakebin")
    os.makedirs(fake)
    asked = h.path("asked.log")
    for tool, reply in (("scontrol", ""), ("qsub", "echo 77.pbs")):
        h.write(f"fakebin/{tool}", f'#!/bin/sh\necho "{tool} $*" >>"{asked}"\n{reply}\n')
        os.chmod(f"{fake}/{tool}", 0o755)
    asks = lambda: read(asked).splitlines()
    rq_env = dict(env, SLURM_NTASKS=3, SLURM_JOB_ID=42, PATH=f"{fake}:{os.environ['PATH']}")
    long_rng = ["--range", "1000000000000000:1000000000300000", "--quiet", "--progress", "never"]

    def stopped_job(script, job_env, pattern):
        out = h.path("rq.out")
        p = h.background([], raw=script + long_rng, env=job_env, cwd=sb, stdout=out)
        h.reached(out, pattern)
        time.sleep(1)
        r = h.wait(p, 60, sig=signal.SIGUSR1)
        r.out = read(out)
        return r

    h.scenario("sbatch stopped by USR1", "requeues itself: scontrol requeue 42")
    r = stopped_job(sbatch, rq_env, "^primepool: job 42 on")
    h.verdict(f"exit {r.code}: {asks()}", r.code == 3 and asks() == ["scontrol requeue 42"]
              and said(r, r"^primepool: attempt 1 ended: it was stopped .*; requeued: attempt 2 "
                          r"resumes from primepool-runs/", "out")
              and not said(r, "resubmit this job", "out"))
    h.scenario("sbatch stopped at its 5th attempt", "not requeued, says why, exit 3")
    os.remove(asked)
    r = stopped_job(sbatch, dict(rq_env, SLURM_RESTART_COUNT=4), "^primepool: job 42 on")
    h.verdict(f"exit {r.code}: {asks()}", r.code == 3 and asks() == []
              and said(r, r"^primepool: job 42, attempt 5 of at most 5", "out")
              and said(r, r"not requeued: 5 attempts \(PRIMEPOOL_MAX_ATTEMPTS\)", "out")
              and said(r, "resubmit this job to resume", "out"))
    h.scenario("sbatch of bad input", "never requeued, exit 2")
    h.write("sb/bad.txt", "7\n11\nbanana\n")
    r = h.run([], raw=sbatch + ["bad.txt", "--quiet"], env=rq_env, cwd=sb, timeout=60)
    h.verdict(f"exit {r.code}: {asks()}", r.code == 2 and asks() == []
              and said(r, r"failed \(exit 2\): not run again, this needs a person", "out"))
    h.scenario("PRIMEPOOL_MAX_ATTEMPTS=0", "exit 2, names it, nothing run")
    r = h.run([], raw=sbatch + ["--numbers", "7"], env=dict(rq_env, PRIMEPOOL_MAX_ATTEMPTS=0), cwd=sb,
              timeout=20)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 2 and said(r, "PRIMEPOOL_MAX_ATTEMPTS=0")
              and not said(r, "^Summary", "out"))
    # PBS: a stopped run submits the script again (qsub -V), the next attempt's number and the
    # journal in its environment.
    h.scenario("pbs.sh stopped by USR1", "submits itself again: qsub -V, attempt 2")
    nodes = h.write("sb/nodefile", "localhost\nlocalhost\n")
    pbs_env = dict(env, PBS_NODEFILE=nodes, PBS_O_WORKDIR=sb, PBS_JOBID="76.pbs",
                   PRIMEPOOL_ARGS=" ".join(long_rng), PATH=rq_env["PATH"])
    del pbs_env["SLURM_NTASKS"]
    r = stopped_job(["bash", os.path.join(h.top, "jobs", "pbs.sh")], pbs_env, "^primepool: job 76.pbs:")
    h.verdict(f"exit {r.code}: {asks()}", r.code == 3 and asks() == [f"qsub -V {h.top}/jobs/pbs.sh"]
              and said(r, r"^primepool: attempt 1 ended: it was stopped .*; submitted again as job "
                          r"77.pbs: attempt 2 resumes from primepool-runs/", "out"))
    # Ctrl-C on a terminal (SIGINT to the foreground process group) while jobs/laptop.sh's mpirun
    # runs: the script passes on a graceful stop (mpirun would turn SIGINT into SIGKILL after 1 s).
    h.scenario("Ctrl-C during run_step mpirun", "exit 3, drained; no abort box")
    out = h.path("ctrlc.out")
    script = (f". '{h.top}/jobs/batch_lib.sh'\n run_step mpirun -n 3 '{BIN}' "
              "--range 1000000000000000:1000000001000000 --progress never\n exit $step_rc")
    p = h.background([], raw=["perl", "-e", '$SIG{INT} = "DEFAULT"; exec @ARGV', "bash", "-c", script],
                     stdout=out)
    h.reached(out, "^Checking")
    time.sleep(1)
    os.killpg(p.pid, signal.SIGINT)
    r = h.wait(p, 30)
    h.verdict(f"exit {r.code}: {first_err(r)}",
              r.code == 3 and said(r, "stopped by Ctrl-C \\(SIGINT, passed on as SIGUSR2") and "----" not in r.err)
    # The same Ctrl-C on jobs/laptop.sh itself: it journals under primepool-runs/ by default,
    # says Ctrl-C in the user's words and how to resume; the same command then resumes.
    h.scenario("Ctrl-C on jobs/laptop.sh, then the same command", "stopped by Ctrl-C, exit 3; resumed, complete")
    laptop = ["bash", os.path.join(h.top, "jobs", "laptop.sh"), "3", "--range", "10^15+7:10^15+60007",
              "-q", "--progress", "never"]
    key = hashlib.sha256("".join(a + "\0" for a in laptop[3:]).encode()).hexdigest()[:12]
    journal = os.path.join(h.top, "primepool-runs", f"{key}.journal")
    out = h.path("laptop.out")
    p = h.background([], raw=["perl", "-e", '$SIG{INT} = "DEFAULT"; exec @ARGV', *laptop], stdout=out,
                     cwd=h.top)
    h.reached(out, "^primepool: running mpirun")
    h.reached(journal, "primepool-journal")
    os.killpg(p.pid, signal.SIGINT)
    r = h.wait(p, 60)
    again = h.run([], raw=laptop, cwd=h.top, timeout=120)
    h.verdict(f"exit {r.code}, then {again.code}: {first_err(r)}",
              r.code == 3 and said(r, r"stopped by Ctrl-C \(SIGINT, passed on as SIGUSR2")
              and said(r, "resume with the same command: jobs/laptop.sh 3 --range")
              and "Forwarding signal" not in r.err and again.code == 0
              and said(again, "^primepool: resuming the stopped run from primepool-runs/", "out")
              and said(again, r"^Summary: 60000 of 60000 numbers checked \([0-9]+ in this run", "out"))
    for f in (journal, journal + ".done"):
        if os.path.exists(f):
            os.remove(f)
    h.scenario("mpirun fails, primepool silent", "Open MPI's box kept")
    r = h.run([], raw=bash(f". '{h.top}/jobs/batch_lib.sh'; run_step mpirun -n 2 false; exit $step_rc"),
              timeout=20)
    h.verdict(f"exit {r.code}: {len(r.grep('non-zero', 'err'))} notices",
              r.code != 0 and said(r, "non-zero exit code"))
    h.scenario("empty arrays under set -u", "the bash 4.2 form for arrays that may be empty")
    maybe_empty = re.compile(r'(^|[^+])"\$\{(sudo|resume|user_args|strong_args)\[@\]\}"', re.M)
    jobs = os.path.join(h.top, "jobs")
    bad = [f for f in sorted(os.listdir(jobs)) if os.path.isfile(os.path.join(jobs, f))
           and maybe_empty.search(read(os.path.join(jobs, f)))]
    h.verdict(" ".join(bad) or "none use the bare form", not bad)
    h.scenario("spinner and rows on one terminal", "no spinner among the rows")
    r = h.run([], raw=["script", "-qec", f"'{BIN}' --range 1:300000 --method mr --progress auto",
                       "/dev/null"], timeout=20)
    h.verdict(f"{len(r.grep('numbers  '))} spinner frames",
              r.code == 0 and not said(r, "numbers  [0-9]*/s", "out"))
    for t in (1, 2):
        h.scenario(f"elapsed holds only the check, -t {t}", "every tiny check < 5 ms (calibration: 20)")
        r = h.run(["--numbers", "7,11,13,17", "--format", "csv", "-t", t], timeout=10)
        slowest = max([float(row[2]) for row in r.csv()] or [1])
        h.verdict(f"slowest {slowest}s", r.code == 0 and slowest < 0.005)


# ---------------------------------------------------------------------------------------------
@section(6)
def one_file_one_role():
    roles = h.path("roles")
    os.makedirs(roles)
    here = lambda name: os.path.join(roles, name)
    run = lambda args: h.run(args, cwd=roles, timeout=10)
    sh = lambda script: h.run([], raw=bash(script), cwd=roles, timeout=10)
    h.scenario("-o X --journal ./X, X not yet made", "exit 2, names both roles, nothing made")
    r = run(["--numbers", "7,11", "-o", "new.csv", "--journal", "./new.csv"])
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 2
              and said(r, "given as --output and as --journal") and not os.path.exists(here("new.csv")))
    for other in ("-o", "--journal"):
        h.scenario(f"--summary-json aliased to {other}", "exit 2, nothing made")
        r = run(["--numbers", "7", other, "./alias.x", "--summary-json", "alias.x"])
        h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 2
                  and said(r, "and as --summary-json") and not os.path.exists(here("alias.x")))
    h.scenario("--summary-json via a dangling link", "exit 2, the link's target not made")
    os.symlink("dangling.target", here("dangling.link"))
    r = run(["--numbers", "7", "-o", "dangling.target", "--summary-json", "dangling.link"])
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 2 and said(r, "and as --summary-json")
              and not os.path.exists(here("dangling.target")))
    with open(here("in.txt"), "w") as f:
        f.write("1\n2\n3\n4\n5\n")
    lines = lambda name: len(read(here(name)).splitlines())
    h.scenario("- -o in.txt < in.txt", "exit 2, the input unchanged")
    r = sh(f"'{BIN}' - -o in.txt <in.txt")
    h.verdict(f"exit {r.code}, {lines('in.txt')} lines: {first_err(r)}", r.code == 2
              and lines("in.txt") == 5 and said(r, "given as the input and as --output"))
    h.scenario("FILE >> FILE (reads its own rows)", "exit 2, the input unchanged")
    r = sh(f"'{BIN}' in.txt >>in.txt")
    h.verdict(f"exit {r.code}, {lines('in.txt')} lines", r.code == 2 and lines("in.txt") == 5)
    h.scenario("-o /dev/stdout >> log", "log kept, rows and summary appended")
    with open(here("log.txt"), "w") as f:
        f.write("first line\n")
    r = sh(f"'{BIN}' --numbers 7 --format csv -o /dev/stdout >>log.txt")
    log = read(here("log.txt"))
    h.verdict(f"exit {r.code}, {lines('log.txt')} lines", r.code == 0
              and log.startswith("first line\n") and rows_matching(log, "^7,1,") == 1)
    h.scenario("-o - is standard output", "rows in dash.csv, no file named -")
    r = sh(f"'{BIN}' --numbers 7 --format csv -o - >dash.csv")
    h.verdict(f"exit {r.code}: {rows_matching(here('dash.csv'), '^7,1,')} row", r.code == 0
              and rows_matching(here("dash.csv"), "^7,1,") == 1 and not os.path.exists(here("-")))
    h.scenario("--journal J 2>> J", "exit 2, J not a journal")
    r = sh(f"'{BIN}' --numbers 7 --journal err.j 2>>err.j")
    h.verdict(f"exit {r.code}: {read(here('err.j'))[:60]!r}",
              r.code == 2 and not read(here("err.j")).startswith("primepool-journal"))


# ---------------------------------------------------------------------------------------------
@section(7)
def the_sieve_in_its_domain():
    for t in (8, 16):
        h.scenario(f"sieve to 2^64 - 1, -t {t}", "exit 0, 3 primes, no library error")
        r = h.run(["--range", "18446744073709551500:18446744073709551615", "--method", "sieve", "-t",
                   t, "--format", "csv"], timeout=60)
        primes = rows_matching(r.out, "^[0-9]*,1,")
        h.verdict(f"exit {r.code}, {primes} primes: {first_err(r)}",
                  r.code == 0 and primes == 3 and not said(r, "primesieve"))
    sieve = ["--range", "1000000000000:1000134217728", "--method", "sieve", "--quiet"]  # 2^27: 4 segments
    ref, gap = h.path("sv-ref.j"), h.path("sv-gap.j")
    h.run(sieve + ["--journal", ref, "--summary-json", h.path("sv-ref.json")])
    lines = read(ref).splitlines()
    with open(gap, "w") as f:
        f.write("\n".join([lines[0]] + [l for l in lines[1:] if l and not
                                         2 ** 25 <= int(l.split()[0]) < 2 ** 26]) + "\n")
    h.scenario("sieve resumed over a 2^25 gap", "segments: <= 512 MiB, journal ~ whole run's")
    r = h.run([], raw=["/usr/bin/time", "-f", "%M"] + h.command(
        sieve + ["--journal", gap, "--resume", "--summary-json", h.path("sv-gap.json")]), timeout=60)
    grown = os.path.getsize(gap) / os.path.getsize(ref)
    want = json_of(h.path("sv-ref.json")).get("primes")
    h.verdict(f"exit {r.code}, {rss_mib(r)} MiB, {r.seconds:.1f}s, journal {grown:.2f}x",
              r.code == 0 and 0 <= rss_mib(r) <= 512 and grown < 1.05 and want is not None
              and json_of(h.path("sv-gap.json")).get("primes") == want)
    h.scenario("sieve with --chunk 1000", "said: small jobs are many times slower")
    r = h.run(["--range", "1000000000000:1000000100000", "--method", "sieve", "--chunk", "1000",
               "--quiet"], timeout=60)
    h.verdict(f"exit {r.code}: {first_err(r)}",
              r.code == 0 and said(r, "warning: --chunk 1000 with --method sieve"))


# ---------------------------------------------------------------------------------------------
@section(8)
def the_watch_blames_only_who_is_late():
    h.scenario("rank 0 itself stopped 4 s (timeout 3)", "no worker blamed: exit 0")
    j = h.path("r0.j")  # (--quiet prints no "Checking" line: the journal says the run is under way)
    p = h.background(["--range", "1:600", "--method", "sleep:20ms", "--chunk", "1", "--quiet",
                      "--stall-warn", "2", "--stall-timeout", "3", "--progress", "never",
                      "--journal", j], ranks=3)
    h.reached(j, "^[0-9]")
    time.sleep(0.5)
    root = stop_rank(p, 0)
    time.sleep(4)
    if root:
        os.kill(root, signal.SIGCONT)
    r = h.wait(p, 60)
    h.verdict(f"exit {r.code}, rank 0 {'stopped' if root else 'not found'}: {first_err(r)}",
              r.code == 0 and root is not None and not said(r, "sent nothing"))
    h.scenario("idle workers, then the sentinel", "no worker blamed: exit 0")
    p = h.background(["-", "--stall-warn", "2", "--stall-timeout", "3", "--progress", "never"],
                     ranks=3, stdin=subprocess.PIPE)
    h.feed(p, "7\n", 4)
    r = h.wait(p, 30)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 0 and not said(r, "sent nothing"))
    h.scenario("--stall-timeout 4, default --stall-warn", "exit 5 after about 4 s, not 60")
    j = h.path("st4.j")
    p = h.background(["--range", SLOW_RANGE, "--quiet", "--stall-timeout", "4", "--progress", "never",
                      "--journal", j], ranks=3)
    h.reached(j, " 2 [0-9a-f]{8}$")  # a job line from rank 2: it is working
    r = stop_rank_until_the_end(p, 2, 90)
    h.verdict(f"exit {r.code} after {r.seconds:.1f}s: {first_err(r)}",
              r.code == 5 and r.seconds < 15 and said(r, "rank 2 sent nothing"))
    h.scenario("sentinel sent, done never comes", "exit 5 naming rank 2 after the input ends")
    out = h.path("sent.out")
    p = h.background(["-", "--stall-warn", "2", "--stall-timeout", "3", "--progress", "never",
                      "--format", "csv"], ranks=3, stdin=subprocess.PIPE, stdout=out)
    h.feed(p, "7\n", 4)
    h.reached(out, "^7,1,")
    time.sleep(0.3)
    r = stop_rank_until_the_end(p, 2)
    h.verdict(f"exit {r.code} after {r.seconds:.1f}s: {first_err(r)}",
              r.code == 5 and said(r, "rank 2 sent nothing") and 3 < r.seconds < 15)


# ---------------------------------------------------------------------------------------------
@section(9)
def figures_that_are_right():
    h.scenario("everything journaled, resumed", "2 checked, 1 prime: (0 in this run, 1 ...)")
    fig = h.path("fig.j")
    h.run(["--numbers", "7,8", "--quiet", "--journal", fig])
    r = h.run(["--numbers", "7,8", "--quiet", "--journal", fig, "--resume", "--summary-json",
               h.path("fig.json")], timeout=10)
    d = json_of(h.path("fig.json"))
    h.verdict((r.grep("Summary") or [""])[0][9:53], said(
        r, r"Summary: 2 of 2 numbers checked \(0 in this run, 2 from the journal\), 1 prime \(0 in "
        r"this run, 1 from the journal\)", "out") and d.get("checked") == 2 and d.get("primes") == 1
        and d.get("run_checked") == 0 and d.get("run_primes") == 0)
    h.scenario("failed run's --summary-json", "written: complete false, names the failure")
    failed = h.path("failed.json")
    r = h.run(["--range", "1:100000", "-o", "/dev/full", "--summary-json", failed], timeout=30)
    d = json_of(failed)
    h.verdict(f"exit {r.code}, {os.path.getsize(failed) if os.path.exists(failed) else 0} bytes",
              r.code == 1 and d.get("complete") is False and "/dev/full" in (d.get("failure") or ""))
    h.scenario("journal: only a torn header", "resumed: started anew, said so, exit 0")
    torn = h.write("torn-header.j", "primepool-journal 2 range:1:10")
    r = h.run(["--range", "1:1000", "--quiet", "--journal", torn, "--resume"], timeout=10)
    n = h.results_in(torn)
    h.verdict(f"exit {r.code}, {n} results: {first_err(r)}",
              r.code == 0 and said(r, "starting this journal") and n == 999)
    h.scenario("--resume, no journal yet", "started, said so, exit 0")
    never = h.path("never-made.j")
    r = h.run(["--range", "1:1000", "--quiet", "--journal", never, "--resume"], timeout=10)
    h.verdict(f"exit {r.code}: {first_err(r)}",
              r.code == 0 and said(r, "starting this journal") and h.results_in(never) == 999)


# ---------------------------------------------------------------------------------------------
@section(10)
def the_same_input_to_the_end():
    """Changes whose size and modification time lie (in place, then the time put back), seen by
    the workers and by rank 0 reading; a worker whose host shows another file of the same size
    and time at the same path."""
    for reader in ("workers", "rank0 (one rank)", "grows, rank0"):
        h.scenario(f"time put back: {reader}", "exit 2: changed; what was read kept")
        lie, j = h.write("lie.txt", "".join(f"{i}\n" for i in range(1000000, 1020001))), h.path("lie.j")
        if os.path.exists(j):
            os.remove(j)
        p = h.background([lie, "--method", "sleep:1ms", "--chunk", "20", "--quiet", "--journal", j,
                          "--progress", "never"], ranks=3 if reader == "workers" else None)
        h.reached(j, "^[0-9]")
        st = os.stat(lie)
        with open(lie, "ab" if reader.startswith("grows") else "r+b") as f:
            if reader.startswith("grows"):
                f.write(b"1020001\n")
            else:
                f.seek(8)
                f.write(b"1")
        os.utime(lie, ns=(st.st_atime_ns, st.st_mtime_ns))
        r = h.wait(p, 60)
        n = h.results_in(j) or 0
        # Rank 0 reads the whole (small) file at once: its change is found at the end, at the
        # check of the file's last read.
        h.verdict(f"exit {r.code}, {n} journaled: {first_err(r)}", r.code == 2
                  and said(r, "changed while it was being read") and 0 < n <= 20001)
    h.scenario("rank 2's host: another file, same size+time", "noticed; rank 0 reads it; 1 is a row")
    here = h.write("here.txt", "".join(f"{i}\n" for i in range(1, 2001)))
    there = h.write("there.txt", "".join(f"{4 if i == 1 else i}\n" for i in range(1, 2001)))
    st = os.stat(here)
    os.utime(there, ns=(st.st_atime_ns, st.st_mtime_ns))
    if subprocess.run(["unshare", "-m", "true"], stderr=subprocess.DEVNULL).returncode != 0:
        h.verdict("cannot unshare: skipped (no mount namespaces)", True)
        return
    # (mr: the workers read a file; trial would have rank 0 read it, to spread hard numbers)
    r = h.run([], raw=[h.mpiexec, "-n", "2", "--oversubscribe", *h.preflags, BIN, here, "--method",
                       "mr", "--format", "csv", ":", "-n", "1", "unshare", "-m", "bash", "-c",
                       f"mount --bind '{there}' '{here}' && exec '{BIN}' '{here}' --method mr "
                       "--format csv"], timeout=60)
    h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 0
              and said(r, "rank 2 cannot read the input file itself") and said(r, "^1,0,", "out")
              and rows_matching(r.out, "^4,") == 1 and rows_matching(r.out, "^[0-9]") == 2000)


# ---------------------------------------------------------------------------------------------
@section(11)
def stops_honoured_everywhere():
    """A reader that takes nothing, --replay, --replay --order input, the grace period."""
    fifo = h.path("stall.fifo")
    os.mkfifo(fifo)
    for how, ranks in (("one rank", None), ("mpirun -n 3", 3)):
        h.scenario(f"stop, stdout stalled ({how})", "exit 3 after --grace 2, journal intact")
        reader = subprocess.Popen(["bash", "-c", f"exec 3<'{fifo}'; sleep 40"])  # never reads
        j = h.path(f"stall-{ranks}.j")
        p = h.background(["--range", "1:3000000", "--method", "mr", "--format", "csv", "--grace", "2",
                          "--journal", j], ranks=ranks, stdout=fifo)
        h.reached(j, "^[0-9]")
        time.sleep(0.5)
        r = h.wait(p, 60, sig=signal.SIGUSR1)
        reader.kill()
        reader.wait()
        n = h.results_in(j) or 0
        h.verdict(f"exit {r.code} after {r.seconds:.1f}s: {first_err(r)}",
                  r.code == 3 and r.seconds < 6 and said(r, "write given up") and n > 0)
    big = h.path("replay8m.j")
    h.run(["--range", "1:8000000", "--method", "mr", "--quiet", "--journal", big])
    for order in ("completion", "input"):
        h.scenario(f"--replay --order {order}, SIGTERM", "exit 3 within 1 s")
        p = h.background(["--replay", big, "--order", order, "--format", "csv", "-o",
                          h.path("replay8m.csv")])
        time.sleep(0.5)
        r = h.wait(p, 60, sig=signal.SIGTERM)
        h.verdict(f"exit {r.code} after {r.seconds:.2f}s", r.code == 3 and r.seconds < 1)
    # The grace period counts from the stop, not from the run's start: a stop 4 s into a run with
    # --grace 3 and at most 2 s of work in flight drains it all.
    for how, ranks, threads in (("one rank -t 2", None, 2), ("mpirun -n 3", 3, 1)):
        h.scenario(f"grace from the stop ({how})", "exit 3, the work in flight drained")
        out = h.path("grace.out")
        p = h.background(["--numbers", ",".join([BIG] * 20), "--method", "sleep:1s", "--chunk", "1",
                          "-t", threads, "--grace", "3", "--progress", "never"], ranks=ranks, stdout=out)
        h.reached(out, "^Checking")
        time.sleep(4)
        r = h.wait(p, 60, sig=signal.SIGUSR1)
        h.verdict(f"exit {r.code}: {first_err(r)}", r.code == 3 and not said(r, "grace period ran out"))
    h.scenario("--replay --order input, 8M results", "the journal read a fixed number of times")
    log = h.path("opens.log")
    r = h.run([], raw=["strace", "-f", "-qq", "-e", "trace=openat", "-o", log, BIN, "--replay", big,
                       "--order", "input", "--quiet"], timeout=60)
    opens = read(log).count("replay8m.j")
    h.verdict(f"exit {r.code}, {opens} opens in {r.seconds:.1f}s", r.code == 0 and opens <= 3)


@section(12)
def hard_and_big_numbers():
    """A spread number's divisor ranges and numbers of 2^128 and above, under the same faults."""
    hard = ["--numbers", "7,2^64+13,11", "--method", "trial", "--force", "--order", "input"]
    ref = h.path("spread-ref.j")
    r = h.run([*hard, "--quiet", "--journal", ref], ranks=3, timeout=120)
    # The journal's disk fills while a searched range is written (its 2nd write: the first
    # is the header): exit 1 naming the journal; --resume (with room again) completes it.
    h.scenario("journal full at a searched range (spread)", "exit 1, names the journal; resumed")
    j = h.path("spread-full.j")
    args = [BIN, *hard, "--quiet", "--journal", j]
    r1 = h.run([], raw=[h.mpiexec, "-n", "1", "--oversubscribe", *h.preflags, "strace", "-f",
                        "-qq", "-o", "/dev/null", "-P", j, "-e", "trace=write", "-e",
                        "inject=write:error=ENOSPC:when=2+", *args, ":", "-n", "2", *args],
               timeout=120)
    r2 = h.run([*hard, "--quiet", "--journal", j, "--resume"], ranks=3, timeout=120)
    h.verdict(f"exit {r1.code}: {first_err(r1)[:60]}; resumed: exit {r2.code}",
              r.code == 0 and r1.code == 1 and said(r1, "spread-full.j: journal write failed")
              and r2.code == 0 and h.same_results(j, ref))
    # A worker killed while it holds divisor ranges: the run ends (Open MPI ends the job), never
    # hangs; the journal keeps what was searched and --resume finishes the number.
    h.scenario("a worker killed during a spread", "ends within 30 s; resumed: complete")
    j = h.path("spread-killed.j")
    p = h.background([*hard, "--quiet", "--journal", j], ranks=3)
    h.reached(j, "^s ", timeout=60)
    killed = stop_rank(p, 2, signal.SIGKILL)
    t0 = time.monotonic()
    r1 = h.wait(p, 60)
    ended = time.monotonic() - t0
    r2 = h.run([*hard, "--quiet", "--journal", j, "--resume"], ranks=3, timeout=120)
    h.verdict(f"killed {killed}; exit {r1.code} after {ended:.1f}s; resumed: exit {r2.code}",
              killed and r1.code != 0 and ended < 30 and r2.code == 0
              and h.same_results(j, ref))
    # Big numbers from a slow pipe: each is checked as it arrives, not when the pipe ends.
    h.scenario("big numbers from a slow stdin", "the first checked at once; clean stop")
    slow = h.path("slow-big.csv")
    m521, m607 = 2 ** 521 - 1, 2 ** 607 - 1
    p = h.background(["-", "--method", "mr", "--format", "csv", "--progress", "never"], ranks=3,
                     stdin=subprocess.PIPE, stdout=slow)
    h.feed(p, 1, f"{m521}\n", 8, f"{m607}\n")
    h.reached(slow, f"^{m521},1,")
    first = time.monotonic() - p.t0
    r = h.wait(p, 30, sig=signal.SIGUSR1)
    h.verdict(f"2^521-1 after {first:.1f}s; exit {r.code}",
              first < 7 and r.code == 3 and rows_matching(slow, f"^{m607},") == 0)
    # A line of more digits than a number may have: refused, named, what came before kept.
    h.scenario("a number of 100,001 digits in a file", "exit 2 naming line 2; line 1 reported")
    long_number = h.write("digits.txt", "7\n" + "1" * 100001 + "\n13\n")
    r = h.run([long_number, "--method", "mr", "--format", "csv"], ranks=3, timeout=60)
    h.verdict(f"exit {r.code}: {first_err(r)[:70]}",
              r.code == 2 and said(r, "digits.txt:2: too large \\(numbers have at most 100000")
              and said(r, "^7,1,", "out"))


@section(13)
def the_allocation_checked_first():
    """--preflight: a clean allocation passes; each problem it claims to find is found."""
    pf = h.write("pf.txt", "".join(f"{i}\n" for i in range(1, 1001)))
    args = [BIN, pf, "--preflight", "--method", "mr"]
    mpmd = [h.mpiexec, "-n", "2", "--oversubscribe", *h.preflags, *args, ":", "-n", "1"]
    h.scenario("--preflight on a sound allocation", "exit 0, a table of 3 ranks, no problem")
    r = h.run([pf, "--preflight", "--threads", "2"], ranks=3, timeout=60)
    rows = rows_matching(r.out, "^ +[0-9] +[^ ]+ +[0-9.]+ +[0-9a-f]{16} +(AVX-512|AVX2|SSE2) ")
    h.verdict(f"exit {r.code}, {rows} rank rows: {(r.lines() or [''])[-1]}",
              r.code == 0 and rows == 3 and said(r, "^preflight: 3 ranks, no problems found", "out"))
    h.scenario("--preflight: another build on rank 2", "exit 6 naming rank 2's build")
    other = h.path("primepool-other")
    shutil.copy(BIN, other)
    with open(other, "ab") as f:
        f.write(b"\0")  # the same program, another build (its bytes differ)
    os.chmod(other, 0o755)
    r = h.run([], raw=mpmd + [other, *args[1:]], timeout=60)
    h.verdict(f"exit {r.code}: {(r.grep('^problem') or [''])[0][:60]}",
              r.code == 6 and said(r, "^problem: rank 2 .* runs another build of primepool", "out"))
    h.scenario("--preflight: the input missing on rank 2's host", "exit 6 naming rank 2 and the file")
    if subprocess.run(["unshare", "-m", "true"], stderr=subprocess.DEVNULL).returncode != 0:
        h.verdict("cannot unshare: skipped (no mount namespaces)", True)
    else:
        hidden = os.path.dirname(pf)
        r = h.run([], raw=mpmd + ["unshare", "-m", "bash", "-c",
                                  f"mount -t tmpfs tmpfs '{hidden}' && exec {' '.join(args)}"],
                  timeout=60)
        h.verdict(f"exit {r.code}: {(r.grep('^problem') or [''])[0][:60]}", r.code == 6
                  and said(r, "^problem: rank 2 .* cannot read the input file .*No such file", "out"))
    h.scenario("--preflight: rank 2's threads on one core", "exit 6 naming rank 2's CPUs")
    r = h.run([], raw=[h.mpiexec, "-n", "2", "--oversubscribe", *h.preflags, *args, "--threads",
                       "2", ":", "-n", "1", "taskset", "-c", "0", *args, "--threads", "2"],
              timeout=60)
    h.verdict(f"exit {r.code}: {(r.grep('^problem') or [''])[0][:60]}",
              r.code == 6 and said(r, "^problem: rank 2 .* would run 2 threads on one core", "out"))
    h.scenario("--preflight: the journal's directory missing", "exit 6 naming the directory")
    r = h.run([pf, "--preflight", "--journal", h.path("nowhere/run.j")], ranks=3, timeout=60)
    h.verdict(f"exit {r.code}: {(r.grep('^problem') or [''])[0][:60]}",
              r.code == 6 and said(r, "^problem: rank 0 cannot write the journal's directory", "out"))


only = {int(n) for n in os.environ.get("FAULTS_ONLY", "").split(",") if n.strip()}
try:
    for number, run_section in sorted(SECTIONS.items()):
        if not only or number in only:
            run_section()
finally:
    for m in mounts:
        subprocess.run(["umount", "-l", m], stderr=subprocess.DEVNULL)
h.finish()
