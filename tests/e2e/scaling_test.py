#!/usr/bin/env python3
# The scaling command on a small sweep (1-2 workers, 1 thread, 2 repeats): its CSV holds one row
# a run, its points and report the analysis, and the plots exist as PNG and SVG.
# Usage: scaling_test.py PRIMEPOOL MPIEXEC SOURCE_DIR
import csv
import os
import re
import sys

from harness import Harness

h = Harness(sys.argv)
out = h.path("s")
h.scenario("jobs/scaling.sh: a small sweep")
r = h.run([], raw=[os.path.join(h.top, "jobs", "scaling.sh"), "--workers", "2", "--threads", "1",
                   "--repeats", "2", "--weak-per-worker", "5", "--out", out], timeout=500)
h.exit_is(r, 0)
print(f"scaling sweep took {r.seconds:.0f} s")


def read(name):
    try:
        with open(os.path.join(out, name)) as f:
            return f.read()
    except OSError:
        return ""


runs = list(csv.reader(read("runs.csv").splitlines()))
h.scenario("runs.csv: one row a run")
h.check(len(runs) == 9, f"{len(runs) - 1} rows, wanted 2 kinds x 2 worker counts x 2 repeats")
for kind in ("strong", "weak"):
    for workers in ("1", "2"):
        n = sum(1 for row in runs[1:] if row[:3] == [kind, workers, "1"])
        h.check(n == 2, f"{n} rows for {kind} {workers}, wanted 2")
h.check(all(float(row[4]) > 0 and row[6] != "0" for row in runs[1:]), "an empty wall or checked")
h.check(any(re.match(r"^strong,1,1,1,[0-9.]+,[0-9.]+,20,9,", ",".join(row)) for row in runs),
        "the strong rows are not the sample")
h.scenario("points.csv and report.txt: the analysis")
h.check(len(read("points.csv").splitlines()) == 5, f"points.csv: {read('points.csv')}")
h.check("baseline = median wall of 1 worker rank(s) x 1 thread(s)" in read("report.txt"),
        "report.txt names no baseline")
h.scenario("the plots, PNG and SVG")
for plot in ("wall", "speedup", "efficiency"):
    for ext in ("png", "svg"):
        path = os.path.join(out, f"{plot}.{ext}")
        h.check(os.path.exists(path) and os.path.getsize(path) > 0, f"no {plot}.{ext}")
with open(os.path.join(out, "wall.png"), "rb") as f:
    h.check(f.read(8)[1:4] == b"PNG", "wall.png is not a PNG")
h.finish()
