#!/usr/bin/env python3
# The README runs as written. Every command in README.md's ```bash blocks runs from the checkout,
# in order, with a timeout, and must exit 0 (or the code that a trailing "# exit N" gives). A
# plain block that starts with "$ CMD" shows CMD's output: CMD runs, and every line shown must
# appear in what it prints, in shape (numbers as N, runs of spaces as one; "..." lines are
# elisions). A command whose comment says "needs: WHAT" cannot run here (a cluster, a PBS
# server), one that says "slow: ..." takes minutes: both are skipped with their reason printed
# (README_TEST_SLOW=1 runs the slow ones too). Files the examples create in the checkout are
# removed afterwards; a file git tracks is never touched.
# Usage: readme_test.py PRIMEPOOL MPIEXEC SOURCE_DIR
import os
import re
import subprocess
import sys

from harness import Harness

h = Harness(sys.argv)
os.chdir(h.top)
with open("README.md") as f:
    readme = f.read().split("\n")
slow_ok = os.environ.get("README_TEST_SLOW") == "1"


def shape(line):
    line = re.sub(r"[0-9]+(\.[0-9]+)?", "N", line)
    return re.sub(r"\s+", " ", line).strip()


def examples():
    """(line number, command, expected exit, skip reason, shown output lines), in order."""
    found, i = [], 0
    while i < len(readme):
        fence = readme[i]
        if fence.startswith("```bash"):
            i += 1
            while not readme[i].startswith("```"):
                start, cmd = i + 1, readme[i]
                while cmd.rstrip().endswith("\\"):
                    i += 1
                    cmd = cmd.rstrip()[:-1] + " " + readme[i].strip()
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
                found.append((start, body, code, skip, None))
        elif fence == "```" and i + 1 < len(readme) and readme[i + 1].startswith("$ "):
            start, cmd, shown = i + 2, readme[i + 1][2:], []
            i += 2
            while not readme[i].startswith("```"):
                if readme[i].strip() not in ("", "..."):
                    shown.append(readme[i])
                i += 1
            found.append((start, cmd, 0, None, shown))
        i += 1
    return found


def untracked():
    """Files git does not track ("??") or ignores ("!!"): only those the examples made are
    removed afterwards (an earlier version took every status line and so deleted files a
    developer was editing while the test ran)."""
    out = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all"],
                         capture_output=True, text=True).stdout
    return {l[3:] for l in out.split("\n") if l[:3] in ("?? ", "!! ")}


before = untracked()
skipped = 0
for line, cmd, code, skip, shown in examples():
    if skip:
        print(f"SKIP README.md:{line}: {cmd}\n     ({skip})")
        skipped += 1
        continue
    h.scenario(f"README.md:{line}: {cmd[:60]}")
    r = h.run([], raw=["bash", "-c", cmd], timeout=600)
    out = r.out + r.err
    ok = h.check(r.code == code, f"exit {r.code}, the README says {code}: {out.strip()[-800:]}")
    if ok and shown:
        got = {shape(l) for l in out.split("\n")}
        missing = [l.strip() for l in shown if shape(l) not in got]
        h.check(not missing, "output lacks the README's lines: " + " | ".join(missing[:3]))

for path in sorted(untracked() - before, key=len, reverse=True):
    if not path.startswith("build"):
        subprocess.run(["rm", "-rf", "--", path])
print(f"{skipped} examples skipped with their reason")
h.finish()
