# The end-to-end tests' one harness: run build/primepool (alone, under mpirun, in the background
# to be signalled or fed slow input) with a timeout, find its ranks, read what it wrote (streams,
# summary JSON, journals through --replay), and keep a table of scenarios, printed at the end.
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time


class Result:
    """A finished command: its exit code (negative: killed by that signal) and its output."""

    def __init__(self, code, out, err, seconds):
        self.code, self.out, self.err, self.seconds = code, out, err, seconds

    def lines(self, stream="out"):
        return getattr(self, stream).splitlines()

    def grep(self, pattern, stream="out"):
        """The lines of `stream` that match the regular expression `pattern`."""
        return [l for l in self.lines(stream) if re.search(pattern, l)]

    def csv(self, fields=None):
        """The csv rows after the header, as lists (of the columns `fields`, when given)."""
        rows = [l.split(",") for l in self.lines()[1:]]
        return [[r[i] for i in fields] for r in rows] if fields else rows


class Harness:
    """One test program: its scratch folder, its scenarios and their checks.

    argv: PRIMEPOOL MPIEXEC [SOURCE_DIR]. MPIEXEC_PREFLAGS (from the environment, as CMake's
    FindMPI names them) go between mpirun's -n and the program."""

    def __init__(self, argv):
        self.bin = argv[1]
        self.mpiexec = argv[2] if len(argv) > 2 else "mpirun"
        self.top = argv[3] if len(argv) > 3 else os.path.abspath(
            os.path.join(os.path.dirname(__file__), "..", ".."))
        self.preflags = shlex.split(os.environ.get("MPIEXEC_PREFLAGS", ""))
        self._scratch = tempfile.TemporaryDirectory()
        self.tmp = self._scratch.name
        self.table = []  # [scenario, passed, failed, first failure, expected, observed]
        self._scenario = None
        self._groups = []  # process groups started, killed at the end

    # --- running -------------------------------------------------------------------------
    def command(self, args, ranks=None):
        """The argument list for primepool with `args`, under mpirun with `ranks` when given."""
        args = [str(a) for a in args]
        if ranks is None:
            return [self.bin] + args
        return [self.mpiexec, "-n", str(ranks), "--oversubscribe"] + self.preflags + [self.bin] + args

    def run(self, args, ranks=None, timeout=120, stdin=None, raw=None, env=None, cwd=None):
        """Run to the end (or `timeout` seconds: then every process it started is killed, a
        check fails and the exit code is None). `raw`: run this argument list instead of
        primepool; `stdin`: text for its standard input; `env`: variables added."""
        p = self.background(args, ranks, raw=raw, stdin=subprocess.PIPE if stdin else None, env=env,
                            cwd=cwd)
        if stdin:
            self.feed(p, stdin)  # from a thread: a program that stops reading cannot hang the test
        return self.wait(p, timeout)

    def background(self, args, ranks=None, raw=None, stdin=None, stdout=None, env=None, cwd=None):
        """Start in the background, in a process group of its own (signalled and, on a timeout,
        killed as a whole); finish it with wait(). `stdin`: a file object, a path or
        subprocess.PIPE; `stdout`: a path to write standard output to (else kept)."""
        cmd = [str(a) for a in raw] if raw is not None else self.command(args, ranks)
        out = open(stdout, "w") if stdout else tempfile.TemporaryFile("w+")
        err = tempfile.TemporaryFile("w+")
        if isinstance(stdin, str):
            stdin = open(stdin)
        full_env = dict(os.environ, **{k: str(v) for k, v in (env or {}).items()})
        p = subprocess.Popen(cmd, stdin=stdin if stdin is not None else subprocess.DEVNULL,
                             stdout=out, stderr=err, start_new_session=True, text=True,
                             errors="replace", env=full_env, cwd=cwd)
        p.files = (out, err, bool(stdout))
        p.t0 = time.monotonic()
        self._groups.append(p.pid)
        return p

    def feed(self, p, *pieces):
        """Write to `p`'s standard input (started with stdin=subprocess.PIPE) from a thread:
        each string is written at once, each number is a pause in seconds; then it is closed."""
        def write():
            try:
                for piece in pieces:
                    if isinstance(piece, str):
                        p.stdin.write(piece)
                        p.stdin.flush()
                    else:
                        time.sleep(piece)
                p.stdin.close()
            except (BrokenPipeError, ValueError, OSError):
                pass
        threading.Thread(target=write, daemon=True).start()

    def wait(self, p, timeout=120, sig=None, after=None):
        """Send `sig` to `p` once `after()` is true (or at once), then wait for the end, at most
        `timeout` seconds from its start (then it is killed whole and a check fails). The
        result's seconds count from the signal when one is sent, else from the start."""
        t0 = p.t0
        if sig is not None:
            deadline = time.monotonic() + timeout
            while after is not None and not after() and p.poll() is None:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.05)
            t0 = time.monotonic()
            if p.poll() is None:
                p.send_signal(sig)
        code = None
        try:
            code = p.wait(max(timeout - (time.monotonic() - p.t0), 1))
        except subprocess.TimeoutExpired:
            kill_group(p.pid)
            p.wait()
            self.check(False, f"{' '.join(p.args)}: still running after {timeout} s")
        out, err, to_file = p.files
        text = ""
        if not to_file:
            out.seek(0)
            text = out.read()
        out.close()
        err.seek(0)
        return Result(code, text, err.read(), time.monotonic() - t0)

    def path(self, name):
        """A path in the scratch folder."""
        return os.path.join(self.tmp, name)

    def write(self, name, text):
        with open(self.path(name), "w") as f:
            f.write(text)
        return self.path(name)

    def reached(self, path, pattern, timeout=30):
        """wait_for() as a check: the run got that far (else the scenario fails, and says so)."""
        return self.check(wait_for(path, pattern, timeout),
                          f"/{pattern}/ never appeared in {os.path.basename(path)} in {timeout} s")

    def results_in(self, journal):
        """The number of results in a journal (its intact lines), as --replay counts them;
        None when it cannot be read."""
        r = self.run(["--replay", journal, "--quiet"], timeout=120)
        m = re.search(r"^primepool: ([0-9]+) results", r.err, re.M)
        return int(m.group(1)) if m else None

    def rows_of(self, journal):
        """A journal's results as {index: (n, prime)}, each index once (None if unreadable)."""
        r = self.replay(journal)
        if r.code != 0:
            return None
        rows = {}
        for line in r.lines()[1:]:
            f = line.split(",")
            if int(f[5]) in rows:
                return None
            rows[int(f[5])] = (int(f[0]), f[1])
        return rows

    def same_results(self, journal, reference):
        """Whether two journals hold the same (index, n, verdict) set, not empty, each once."""
        a, b = self.rows_of(journal), self.rows_of(reference)
        return a is not None and a == b and len(a) > 0

    def summary_json(self, path):
        with open(path) as f:
            return json.load(f)

    def replay(self, journal, *args):
        """A journal's results as primepool --replay prints them (csv in input order)."""
        return self.run(["--replay", journal, "--format", "csv", "--order", "input", *args])

    # --- checks --------------------------------------------------------------------------
    def scenario(self, name, expected=""):
        """Start a row of the table: the checks that follow belong to it. `expected`: what the
        row expects, printed beside what verdict() observed."""
        self._scenario = [name, 0, 0, "", expected, ""]
        self.table.append(self._scenario)

    def verdict(self, observed, ok):
        """The current row's one verdict: what was observed, and whether it was expected."""
        self._scenario[5] = observed
        return self.check(ok, f"expected {self._scenario[4]}, observed {observed}")

    def check(self, ok, message):
        """One check of the current scenario; a failure prints at once."""
        if self._scenario is None:
            self.scenario("(setup)")
        row = self._scenario
        if ok:
            row[1] += 1
        else:
            row[2] += 1
            row[3] = row[3] or message
            print(f"FAIL: {row[0]}: {message}", flush=True)
        return ok

    def exit_is(self, r, want):
        ok = r.code == want
        return self.check(ok, f"exit {r.code}, wanted {want}" + ("" if ok else "\n" + indent(r.err)))

    def contains(self, r, pattern, stream="out"):
        ok = bool(r.grep(pattern, stream))
        return self.check(ok, f"/{pattern}/ not in {stream}" + ("" if ok else "\n" + indent(getattr(r, stream))))

    def expect(self, args, code, out=(), err=(), ranks=None, **run):
        """A scenario in one line: run, then the exit code and patterns in stdout and stderr."""
        r = self.run(args, ranks=ranks, **run)
        self.exit_is(r, code)
        for pattern in ([out] if isinstance(out, str) else out):
            self.contains(r, pattern, "out")
        for pattern in ([err] if isinstance(err, str) else err):
            self.contains(r, pattern, "err")
        return r

    def skip(self, reason):
        """This test cannot run here (no root, no namespaces): say why, exit 77 (ctest: skipped)."""
        print(f"SKIP: {reason}")
        self._scratch.cleanup()
        sys.exit(77)

    def finish(self):
        """Print the table and the counts; exit non-zero on any failure."""
        for pid in self._groups:
            kill_group(pid)
        width = max([len(row[0]) for row in self.table] + [8])
        wide = any(row[4] for row in self.table)
        if wide:
            print(f"{'scenario':<{width}} | {'expected':<44} | {'observed':<50} | verdict")
        else:
            print(f"{'scenario':<{width}}  checks  result")
        for name, passed, failed, first, expected, observed in self.table:
            verdict = "ok" if failed == 0 else f"FAILED: {first.splitlines()[0]}"
            if wide:
                print(f"{name:<{width}} | {expected:<44} | {observed[:50]:<50} | "
                      + ("pass" if failed == 0 else "FAIL"))
            else:
                print(f"{name:<{width}}  {passed + failed:>6}  {verdict}")
        passed = sum(row[1] for row in self.table)
        failed = sum(row[2] for row in self.table)
        print(f"{passed} passed, {failed} failed")
        self._scratch.cleanup()
        sys.exit(1 if failed else 0)


# --- processes -----------------------------------------------------------------------------
def kill_group(pid):
    """SIGKILL to a background command: its descendants (mpirun's ranks may leave its process
    group), then its process group."""
    for p in descendants(pid):
        try:
            os.kill(p, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def children(pid):
    """The PIDs whose parent is `pid`."""
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    stat = f.read()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2:].split()[1]) == pid:
                out.append(int(d))
    return out


def descendants(pid):
    out = []
    for c in children(pid):
        out += [c] + descendants(c)
    return out


def rank_pid(mpirun, rank):
    """The PID of rank `rank` among mpirun's descendants (None if not found)."""
    for p in descendants(mpirun):
        try:
            with open(f"/proc/{p}/environ", "rb") as f:
                if f"OMPI_COMM_WORLD_RANK={rank}".encode() in f.read().split(b"\0"):
                    return p
        except OSError:
            pass
    return None


def wait_for(path, pattern, timeout=30):
    """Wait until the file at `path` has a line matching `pattern` (at most `timeout` s): the
    run has got that far. Fixed sleeps before a signal would race a slow start on a loaded
    machine."""
    deadline = time.monotonic() + timeout
    regex = re.compile(pattern, re.M)
    while time.monotonic() < deadline:
        try:
            with open(path, errors="replace") as f:
                if regex.search(f.read()):
                    return True
        except OSError:
            pass
        time.sleep(0.05)
    return False


def asleep(pid):
    """Whether process `pid` is asleep in nanosleep (a check of --method sleep:T under way)."""
    try:
        with open(f"/proc/{pid}/wchan") as f:
            if "nanosleep" in f.read():
                return True
        with open(f"/proc/{pid}/syscall") as f:
            return f.read().split()[0] == "230"
    except (OSError, IndexError):
        return False


def checking(pid, timeout=30):
    """Wait until `pid` is inside a --method sleep check: asleep when looked at twice 0.2 s apart
    (the only other sleep before the checks, the clock's calibration, lasts 4 ms)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if asleep(pid):
            time.sleep(0.2)
            if asleep(pid):
                return True
        time.sleep(0.05)
    return False


def indent(text, limit=40):
    lines = text.splitlines()
    return "\n".join("  | " + l for l in lines[:limit]) + ("\n  | ..." if len(lines) > limit else "")


def read(path):
    """A file's text ("" when it cannot be read: not made yet, or gone)."""
    try:
        with open(path, errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def running(text):
    """Whether some process's command line (its arguments joined by spaces) contains `text`."""
    me = os.getpid()
    for d in os.listdir("/proc"):
        if d.isdigit() and int(d) != me:
            try:
                with open(f"/proc/{d}/cmdline", "rb") as f:
                    if text in f.read().replace(b"\0", b" ").decode(errors="replace"):
                        return True
            except OSError:
                pass
    return False
