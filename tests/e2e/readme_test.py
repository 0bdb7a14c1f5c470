#!/usr/bin/env python3
# The README and doc/ run as written. Every ```bash block of README.md and doc/*.md runs from the
# checkout as one bash script (so `. jobs/mpi_env.sh` on one line holds for the next), with a
# timeout, and each command must exit 0 (or the code that a trailing "# exit N" gives). Open MPI's
# run-as-root variables are taken out of the environment: as root, a block that runs mpirun must
# say `. jobs/mpi_env.sh` itself, as a reader would have to. A plain block that starts with
# "$ CMD" shows CMD's output: CMD runs, and every line shown must appear in what it prints, in
# shape (numbers as N, runs of spaces as one; "..." lines are elisions). A command whose comment
# says "needs: WHAT" cannot run here (a cluster, a PBS server), one that says "slow: ..." takes
# minutes: both are left out with their reason printed (README_TEST_SLOW=1 runs the slow ones
# too). Files the examples create in the checkout are removed afterwards; a file git tracks is
# never touched.
# Usage: readme_test.py PRIMEPOOL MPIEXEC SOURCE_DIR
import os
import re
import subprocess
import sys

from harness import Harness

h = Harness(sys.argv)
os.chdir(h.top)
PAGES = ["README.md"] + sorted(os.path.join("doc", f) for f in os.listdir("doc") if f.endswith(".md"))
slow_ok = os.environ.get("README_TEST_SLOW") == "1"
for name in ("OMPI_ALLOW_RUN_AS_ROOT", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "OMPI_MCA_rmaps_base_oversubscribe"):
    os.environ.pop(name, None)


def shape(line):
    line = re.sub(r"[0-9]+(\.[0-9]+)?", "N", line)
    return re.sub(r"\s+", " ", line).strip()


def examples(page):
    """(line, commands, shown output): a bash block's commands as (line number, command,
    expected exit, skip reason), or a "$ CMD" block's one command and the lines it shows."""
    with open(page) as f:
        text = f.read().split("\n")
    found, i = [], 0
    while i < len(text):
        fence = text[i]
        if fence.startswith("```bash"):
            block_line, commands = i + 1, []
            i += 1
            while not text[i].startswith("```"):
                start, cmd = i + 1, text[i]
                while cmd.rstrip().endswith("\\"):
                    i += 1
                    cmd = cmd.rstrip()[:-1] + " " + text[i].strip()
                i += 1
                body = cmd.split("#", 1)[0].strip() if not cmd.lstrip().startswith("#") else ""
                note = cmd.split("#", 1)[1].strip() if "#" in cmd else ""
                if not body:
                    continue
                code = int(m.group(1)) if (m := re.search(r"\bexit (\d+)", note)) else 0
                skip = None
                if m := re.search(r"\bneeds: [^)]*", note):
                    skip = m.group(0)
                elif (m := re.search(r"\bslow: [^)]*", note)) and not slow_ok:
                    skip = m.group(0) + "; README_TEST_SLOW=1 runs it"
                commands.append((start, body, code, skip))
            found.append((block_line, commands, None))
        elif fence == "```" and i + 1 < len(text) and text[i + 1].startswith("$ "):
            start, cmd, shown = i + 2, text[i + 1][2:], []
            i += 2
            while not text[i].startswith("```"):
                if text[i].strip() not in ("", "..."):
                    shown.append(text[i])
                i += 1
            found.append((start, [(start, cmd, 0, None)], shown))
        i += 1
    return found


def script(page, commands):
    """One bash script for a block: each command, then a check of its exit code."""
    lines = []
    for line, cmd, code, skip in commands:
        if skip:
            continue
        lines.append(cmd)
        lines.append(f'rc=$?; if [ $rc != {code} ]; then echo "{page}:{line}: exit $rc, the page '
                     f'says {code}" >&2; exit 97; fi')
    return "\n".join(lines) + "\n"


def untracked():
    """Files git does not track ("??") or ignores ("!!"): only those the examples made are
    removed afterwards (an earlier version took every status line and so deleted files a
    developer was editing while the test ran)."""
    out = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all"],
                         capture_output=True, text=True).stdout
    return {l[3:] for l in out.split("\n") if l[:3] in ("?? ", "!! ")}


before = untracked()
skipped = 0
for page in PAGES:
    for line, commands, shown in examples(page):
        for cline, cmd, _, skip in commands:
            if skip:
                print(f"SKIP {page}:{cline}: {cmd}\n     ({skip})")
                skipped += 1
        if all(skip for *_, skip in commands):
            continue
        h.scenario(f"{page}:{line}: {commands[0][1][:50]}")
        r = h.run([], raw=["bash", "-c", script(page, commands)], timeout=900)
        out = r.out + r.err
        ok = h.check(r.code == 0, f"exit {r.code}: {out.strip()[-1200:]}")
        if ok and shown:
            got = {shape(l) for l in out.split("\n")}
            missing = [l.strip() for l in shown if shape(l) not in got]
            h.check(not missing, "output lacks the page's lines: " + " | ".join(missing[:3]))

for path in sorted(untracked() - before, key=len, reverse=True):
    if not path.startswith("build"):
        subprocess.run(["rm", "-rf", "--", path])
print(f"{skipped} examples skipped with their reason")
h.finish()
