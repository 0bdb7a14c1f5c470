#!/usr/bin/env bash
# The README runs as written. Every command in README.md's ```bash blocks runs from the checkout,
# in order, with a timeout, and must exit 0 (or the code that a trailing "# exit N" gives). A
# plain block that starts with "$ CMD" shows CMD's output: CMD runs, and every line shown must
# appear in what it prints, in shape (numbers as N, runs of spaces as one; "..." lines are
# elisions). A command whose comment says "needs: WHAT" cannot run here (a cluster, a PBS
# server), one that says "slow: ..." takes minutes: both are skipped with their reason printed
# (README_TEST_SLOW=1 runs the slow ones too). Files the examples create in the checkout are removed afterwards.
# Usage: readme_test.sh REPO_DIR
set -u
cd "$1" || exit 2
. jobs/mpi_env.sh
exec python3 - README.md <<'PY'
import os, re, subprocess, sys

readme = open(sys.argv[1]).read().split("\n")
slow_ok = os.environ.get("README_TEST_SLOW") == "1"

def shape(line):
    line = re.sub(r"[0-9]+(\.[0-9]+)?", "N", line)
    return re.sub(r"\s+", " ", line).strip()

# Examples: (line number, command, expected exit, skip reason, shown output lines)
examples = []
i = 0
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
            examples.append((start, body, code, skip, None))
    elif fence == "```" and i + 1 < len(readme) and readme[i + 1].startswith("$ "):
        start, cmd = i + 2, readme[i + 1][2:]
        shown = []
        i += 2
        while not readme[i].startswith("```"):
            if readme[i].strip() not in ("", "..."):
                shown.append(readme[i])
            i += 1
        examples.append((start, cmd, 0, None, shown))
    i += 1

# Files git does not track ("??") or ignores ("!!"): only those that the examples made are
# removed afterwards. A tracked file, changed or not, is never touched (an earlier version took
# every status line and so deleted files a developer was editing while the test ran).
def untracked():
    out = subprocess.run(["git", "status", "--porcelain", "--ignored", "--untracked-files=all"],
                         capture_output=True, text=True).stdout
    return {l[3:] for l in out.split("\n") if l[:3] in ("?? ", "!! ")}

before = untracked()
passes = fails = skips = 0
for line, cmd, code, skip, shown in examples:
    if skip:
        print(f"SKIP README.md:{line}: {cmd}\n     ({skip})")
        skips += 1
        continue
    try:
        p = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, timeout=600,
                           stdin=subprocess.DEVNULL)
        rc, out = p.returncode, p.stdout + p.stderr
    except subprocess.TimeoutExpired as e:
        rc, out = "timeout (600 s)", ""
    problem = None
    if rc != code:
        problem = f"exit {rc}, the README says {code}"
    elif shown:
        got = {shape(l) for l in out.split("\n")}
        missing = [l for l in shown if shape(l) not in got]
        if missing:
            problem = "output lacks the README's lines: " + " | ".join(m.strip() for m in missing[:3])
    if problem:
        fails += 1
        tail = "\n".join("     | " + l for l in out.strip().split("\n")[-12:])
        print(f"FAIL README.md:{line}: {cmd}\n     {problem}\n{tail}")
    else:
        passes += 1
        print(f"ok   README.md:{line}: {cmd}")

for path in sorted(untracked() - before, key=len, reverse=True):
    if path.startswith("build"):
        continue
    subprocess.run(["rm", "-rf", "--", path])
print(f"{skips} examples skipped with their reason")
print(f"{passes} passed, {fails} failed")
sys.exit(1 if fails else 0)
PY
