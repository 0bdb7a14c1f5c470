#!/usr/bin/env python3
# --verify: a sample of the verdicts checked again on another rank with another method. A wrong
# verdict injected by the test method lie:N (mr, but the wrong answer for N) is caught and named
# at 1, 2, 3 and 5 ranks (exit 7, the summary, its JSON and the journal); honest runs find no
# disagreement (the sample; 100,000 mixed numbers; the sieve; numbers above 2^64 and 2^128); the
# sample is the same on every run and a resumed run keeps verifying: over a stop and its resume,
# every sampled index is checked again or counted as left unchecked, exactly once.
# Usage: verify_test.py PRIMEPOOL MPIEXEC SOURCE_DIR
import json
import random
import re
import signal
import sys

from harness import Harness, read

h = Harness(sys.argv)


def summary_json(name):
    try:
        with open(h.path(name)) as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def verify_lines(journal):
    """The journal's --verify records: [(verified, left unchecked, disagreements)], [x lines]."""
    lines = read(journal).splitlines()
    v = [tuple(int(x) for x in l.split()[1:4]) for l in lines if l.startswith("v ")]
    return v, [l for l in lines if l.startswith("x ")]


# (1) A lie on every worker, for one prime: caught on another rank (when there is one), named.
LIE = 10007  # prime; input index 10006 of --range 1:20000
for ranks in (1, 2, 3, 5):
    h.scenario(f"a wrong verdict caught: {ranks} rank{'s' if ranks > 1 else ''}")
    j = h.path(f"lie{ranks}.j")
    r = h.run(["--range", "1:20000", "--method", f"lie:{LIE}", "--verify", "all", "--quiet",
               "--journal", j, "--summary-json", h.path(f"lie{ranks}.json")],
              ranks=None if ranks == 1 else ranks, timeout=120)
    h.exit_is(r, 7)
    h.contains(r, rf"^  DISAGREEMENT: {LIE} \(input index {LIE - 1}\): lie:{LIE} on rank \d+ "
                  r"\(.+\) said composite, mr-bases on rank \d+ \(.+\) said prime$")
    h.contains(r, "^primepool: --verify: 1 verdict came out otherwise", "err")
    v = summary_json(f"lie{ranks}.json").get("verify", {})
    bad = v.get("disagreements", [])
    h.check(v.get("verified") == 19999 and len(bad) == 1 and bad[0]["number"] == str(LIE)
            and bad[0]["first"]["prime"] is False and bad[0]["second"]["prime"] is True
            and bad[0]["first"]["host"] and bad[0]["second"]["host"], f"summary JSON: {v}")
    if ranks >= 3:  # two workers or more: checked on another rank than the one that lied
        h.check(bad and bad[0]["first"]["rank"] != bad[0]["second"]["rank"], f"same rank: {bad}")
    if ranks == 2:
        h.check(bad and bad[0]["first"]["rank"] == bad[0]["second"]["rank"] == 1, f"{bad}")
    vs, xs = verify_lines(j)
    h.check(vs == [(19999, 0, 1)] and len(xs) == 1 and f" {LIE} 0@" in xs[0], f"journal: {vs} {xs}")
    replay = h.run(["--replay", j, "--quiet"])
    h.check(replay.code == 0, f"the journal with its record does not replay: {replay.err}")

# (2) Honest runs: no disagreement.
h.scenario("--verify all on the sample")
r = h.run(["--verify", "all", "--summary-json", h.path("sample.json")], ranks=3)
h.exit_is(r, 0)
h.contains(r, r"^  verified: 20 verdicts checked again with mr \(--verify 1\): no disagreement$")

h.scenario("--verify all on 100,000 mixed numbers, mr")
rng = random.Random(24)
mixed = [rng.randrange(2, 2**64) for _ in range(40000)] + \
        [rng.randrange(2, 10**6) for _ in range(20000)] + \
        [2**64 - rng.randrange(1, 10**6) for _ in range(20000)] + \
        [rng.randrange(2**64, 2**128) for _ in range(19990)] + \
        [561, 1105, 1729, 2465, 2821, 6601, 8911, 3215031751, 2152302898747, 3474749660383]
rng.shuffle(mixed)
numbers = h.write("mixed.txt", "".join(f"{n}\n" for n in mixed))
r = h.run([numbers, "--method", "mr", "--verify", "all", "--quiet", "--summary-json",
           h.path("mixed.json")], ranks=3, timeout=300)
h.exit_is(r, 0)
v = summary_json("mixed.json").get("verify", {})
h.check(v.get("verified") == 100000 and v.get("disagreements") == [] and v.get("method") == "mr-bases",
        f"{v}")

h.scenario("--verify 0.01 of trial, the sieve and numbers past 2^128")
r = h.run(["--range", "1000000000:1000100000", "--verify", "0.01", "--quiet", "--summary-json",
           h.path("trial.json")], ranks=3, timeout=120)
v = summary_json("trial.json").get("verify", {})
h.check(r.code == 0 and v.get("verified") == 1000 and v.get("method") == "mr", f"trial: {r.code} {v}")
r = h.run(["--range", "1000000000000:1000001000000", "--method", "sieve", "--verify", "0.01",
           "--quiet", "--summary-json", h.path("sieve.json")], ranks=3, timeout=120)
v = summary_json("sieve.json").get("verify", {})
h.check(r.code == 0 and v.get("verified") == 10000 and v.get("disagreements") == [],
        f"sieve: {r.code} {v}")
big = [2**521 - 1, 2**607 - 1, 2**521 + 1, (2**127 - 1) * (2**89 - 1), 2**89 - 1, 2**64 + 13]
r = h.run(["--numbers", ",".join(str(n) for n in big), "--verify", "all", "--method", "mr",
           "--summary-json", h.path("big.json")], ranks=3, timeout=60)
v = summary_json("big.json").get("verify", {})
h.check(r.code == 0 and v.get("verified") == len(big) and v.get("disagreements") == [],
        f"big: {r.code} {v}")

# (3) The sample is the same on every run; over a stop and its resume, every sampled index is
#     checked again once, or counted as left unchecked by the stop.
h.scenario("the same sample twice; a resumed run keeps verifying")
rng_args = ["--range", "1000000000000000:1000000000100000", "--verify", "0.1", "--quiet"]
a = h.run(rng_args + ["--method", "mr", "--summary-json", h.path("a.json")], ranks=3)
b = h.run(rng_args + ["--method", "mr", "--summary-json", h.path("b.json")], ranks=3)
h.check(summary_json("a.json").get("verify", {}).get("verified") == 10000 ==
        summary_json("b.json").get("verify", {}).get("verified"), "not 10000 sampled twice")
j = h.path("resume.j")
p = h.background(rng_args + ["--journal", j, "--progress", "never"], ranks=3)
h.reached(j, "^[0-9]+ ")
first = h.wait(p, 120, sig=signal.SIGUSR1)
second = h.run(rng_args + ["--journal", j, "--resume"], ranks=3, timeout=300)
vs, xs = verify_lines(j)
h.check(first.code == 3 and second.code == 0 and len(vs) == 2, f"exit {first.code}, {second.code}: {vs}")
h.check(vs and vs[1][0] > 0 and sum(x[0] + x[1] for x in vs) == 10000 and not xs,
        f"records {vs}: sampled indices checked again or left, not 10000")

# (4) Usage.
for bad in ("0", "1.5", "abc", "-0.1"):
    h.scenario(f"--verify {bad}")
    r = h.run(["--numbers", "7", "--verify", bad])
    h.exit_is(r, 2)
    h.contains(r, "--verify .*expected a fraction above 0 and at most 1", "err")
h.finish()
