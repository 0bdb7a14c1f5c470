# The end-to-end tests' one harness: run build/primepool (alone, under mpirun, in the background
# to be signalled) with a timeout, read what it wrote (streams, summary JSON, journals through
# --replay), and keep a table of scenarios and their checks, printed at the end.
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
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
        self.table = []  # (scenario, checks passed, checks failed, first failure)
        self._scenario = None

    # --- running -------------------------------------------------------------------------
    def command(self, args, ranks=None):
        """The argument list for primepool with `args`, under mpirun with `ranks` when given."""
        args = [str(a) for a in args]
        if ranks is None:
            return [self.bin] + args
        return [self.mpiexec, "-n", str(ranks), "--oversubscribe"] + self.preflags + [self.bin] + args

    def run(self, args, ranks=None, timeout=120, stdin=None, raw=None):
        """Run to the end (or `timeout` seconds: then a failed check and exit code None).
        `raw`: run this argument list instead of primepool."""
        cmd = raw if raw is not None else self.command(args, ranks)
        t0 = time.monotonic()
        try:
            p = subprocess.run(cmd, input=stdin, capture_output=True, timeout=timeout,
                               text=True, errors="replace")
            return Result(p.returncode, p.stdout, p.stderr, time.monotonic() - t0)
        except subprocess.TimeoutExpired as e:
            self.check(False, f"{' '.join(cmd)}: still running after {timeout} s")
            out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
            err = e.stderr.decode(errors="replace") if isinstance(e.stderr, bytes) else (e.stderr or "")
            return Result(None, out, err, timeout)

    def background(self, args, ranks=None):
        """Start in the background (its own process group); finish it with wait()."""
        out, err = tempfile.TemporaryFile("w+"), tempfile.TemporaryFile("w+")
        p = subprocess.Popen(self.command(args, ranks), stdout=out, stderr=err,
                             start_new_session=True, text=True)
        p.files = (out, err)
        p.t0 = time.monotonic()
        return p

    def wait(self, p, timeout=120, sig=None, after=None):
        """Send `sig` to `p` once `after()` is true (or at once), then wait for the end."""
        if sig is not None:
            deadline = time.monotonic() + timeout
            while after is not None and not after() and p.poll() is None:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.05)
            if p.poll() is None:
                p.send_signal(sig)
        try:
            p.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            self.check(False, f"{' '.join(p.args)}: still running after {timeout} s")
        out, err = p.files
        out.seek(0)
        err.seek(0)
        return Result(p.returncode, out.read(), err.read(), time.monotonic() - p.t0)

    def path(self, name):
        """A path in the scratch folder."""
        return os.path.join(self.tmp, name)

    def write(self, name, text):
        with open(self.path(name), "w") as f:
            f.write(text)
        return self.path(name)

    def summary_json(self, path):
        with open(path) as f:
            return json.load(f)

    def replay(self, journal, *args):
        """A journal's results as primepool --replay prints them (csv in input order)."""
        return self.run(["--replay", journal, "--format", "csv", "--order", "input", *args])

    # --- checks --------------------------------------------------------------------------
    def scenario(self, name):
        """Start a row of the table: the checks that follow belong to it."""
        self._scenario = [name, 0, 0, ""]
        self.table.append(self._scenario)

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

    def finish(self):
        """Print the table and the counts; exit non-zero on any failure."""
        width = max([len(row[0]) for row in self.table] + [8])
        print(f"{'scenario':<{width}}  checks  result")
        for name, passed, failed, first in self.table:
            verdict = "ok" if failed == 0 else f"FAILED: {first.splitlines()[0]}"
            print(f"{name:<{width}}  {passed + failed:>6}  {verdict}")
        passed = sum(row[1] for row in self.table)
        failed = sum(row[2] for row in self.table)
        print(f"{passed} passed, {failed} failed")
        self._scratch.cleanup()
        sys.exit(1 if failed else 0)


def indent(text, limit=40):
    lines = text.splitlines()
    return "\n".join("  | " + l for l in lines[:limit]) + ("\n  | ..." if len(lines) > limit else "")
