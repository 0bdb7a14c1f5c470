#!/usr/bin/env python3
# Stress: 16 ranks oversubscribed on this machine's cores, 10^5 trivial numbers, with --chunk 1
# and auto: every result exactly once (count, and the (index, n, verdict) set equal to one
# rank's), no deadlock, in bounded time.
# Usage: stress_test.py PRIMEPOOL MPIEXEC [SOURCE_DIR]
import sys

from harness import Harness

h = Harness(sys.argv)


def results(path):
    """The csv's rows as (index, n, verdict), and how many distinct indices they hold."""
    with open(path) as f:
        rows = [l.split(",") for l in f.read().splitlines()[1:]]
    return sorted((int(r[5]), int(r[0]), r[1]) for r in rows), len({r[5] for r in rows})


h.scenario("one rank: the reference")
one = h.path("one.csv")
h.exit_is(h.run(["--range", "0:100000", "--method", "mr", "--format", "csv", "-o", one]), 0)
want, distinct = results(one)
h.check(len(want) == 100000 and distinct == 100000, f"{len(want)} rows, {distinct} distinct")
for chunk in ("auto", "1"):
    h.scenario(f"16 ranks, --chunk {chunk}: every result once")
    many = h.path("many.csv")
    r = h.run(["--range", "0:100000", "--method", "mr", "--chunk", chunk, "--format", "csv",
               "-o", many], ranks=16, timeout=300)
    h.exit_is(r, 0)
    got, distinct = results(many)
    h.check(got == want and distinct == 100000,
            f"{len(got)} rows, {distinct} distinct, equal to one rank's: {got == want}")
    print(f"16 ranks, --chunk {chunk}: 100000 numbers in {r.seconds:.1f} s")
h.finish()
