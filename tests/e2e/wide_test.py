#!/usr/bin/env python3
# Numbers from 2^64 to 2^128 - 1 against two oracles: sympy's isprime (Debian python3-sympy) on
# every number, and GNU factor (coreutils, exact below 2^128) on as many as it factors in a fixed
# time. Over 10^5 numbers: random ones of 65 to 128 bits, every number just above 2^64 and just
# below 2^128, products of two primes near 2^64, squares of primes, Carmichael numbers and strong
# pseudoprimes to base 2 above 2^64. Read alone, by workers in slices and by rank 0, journaled,
# cut and resumed, replayed; trial and wheel agree with Baillie-PSW where both can run.
# Usage: wide_test.py PRIMEPOOL MPIEXEC [SOURCE_DIR]
import random
import re
import signal
import subprocess
import sys
import time

from oracles import strong_probable_prime, sympy
from harness import Harness, kill_group

h = Harness(sys.argv)
rng = random.Random(128)
TWO64, TWO128 = 1 << 64, 1 << 128



def categories():
    """{category: [numbers]}, and the numbers known composite by construction."""
    c = {}
    c["random 65-128 bits"] = [rng.getrandbits(b) | (1 << (b - 1))
                               for b in (rng.randint(65, 128) for _ in range(55000))]
    c["2^64 to 2^64 + 20000"] = list(range(TWO64, TWO64 + 20000))
    c["2^128 - 20000 to 2^128 - 1"] = list(range(TWO128 - 20000, TWO128))
    primes = [sympy.nextprime(rng.getrandbits(64) | (1 << 63)) for _ in range(4000)]
    c["products of two primes near 2^64"] = [primes[i] * primes[i + 1] for i in range(0, 4000, 2)
                                             if primes[i] * primes[i + 1] < TWO128]
    c["squares of primes of 33-64 bits"] = [
        sympy.nextprime(rng.getrandbits(b) | (1 << (b - 1))) ** 2
        for b in (rng.randint(33, 64) for _ in range(3000))]
    carmichael, spsp = [], []
    k = 242400  # (6k+1)(12k+1)(18k+1) > 2^64 from k = 242348 on
    while len(carmichael) < 400:
        k += 1
        f = (6 * k + 1, 12 * k + 1, 18 * k + 1)
        if all(sympy.isprime(p) for p in f):
            n = f[0] * f[1] * f[2]
            carmichael.append(n)
            if strong_probable_prime(n, 2):
                spsp.append(n)
    c["Carmichael numbers above 2^64"] = carmichael
    c["strong pseudoprimes to base 2 above 2^64"] = spsp
    composite = set()
    for name in ("products of two primes near 2^64", "squares of primes of 33-64 bits",
                 "Carmichael numbers above 2^64", "strong pseudoprimes to base 2 above 2^64"):
        composite.update(c[name])
    return c, composite


def factor_oracle(numbers, seconds):
    """GNU factor's verdicts ({n: prime}) on what it finishes in `seconds`, in order."""
    p = subprocess.run(["timeout", str(seconds), "stdbuf", "-oL", "factor"], text=True,
                       input="".join(f"{n}\n" for n in numbers), stdout=subprocess.PIPE)
    verdicts = {}
    for line in p.stdout.splitlines():
        n, _, factors = line.partition(":")
        verdicts[int(n)] = factors.split() == [n]
    return verdicts


def verdicts_of(path):
    """A csv's rows as {index: (n, prime)}."""
    with open(path) as f:
        rows = [l.split(",") for l in f.read().splitlines()[1:]]
    return {int(r[5]): (int(r[0]), r[1] == "1") for r in rows}


h.scenario("the numbers and their oracles")
t0 = time.time()
cats, composite = categories()
numbers = [n for name in cats for n in cats[name]]
truth = {n: sympy.isprime(n) for n in set(numbers)}
h.check(len(numbers) >= 100000, f"{len(numbers)} numbers")
h.check(not any(truth[n] for n in composite), "sympy calls a constructed composite prime")
h.check(len(cats["strong pseudoprimes to base 2 above 2^64"]) >= 20,
        f"{len(cats['strong pseudoprimes to base 2 above 2^64'])} strong pseudoprimes")
# factor's Pollard rho is quick where the second-largest factor is small: every number just
# above 2^64, the Carmichael numbers, random numbers of up to 80 bits (a hard 128-bit semiprime
# takes it minutes).
sample = (cats["2^64 to 2^64 + 20000"] + cats["Carmichael numbers above 2^64"]
          + [n for n in cats["random 65-128 bits"] if n < 1 << 80])
by_factor = factor_oracle(sample, 60)
h.check(len(by_factor) >= 20000, f"GNU factor finished only {len(by_factor)} numbers in 60 s")
h.check(all(truth[n] == p for n, p in by_factor.items()), "GNU factor and sympy disagree")
print(f"{len(numbers)} numbers ({', '.join(f'{k}: {len(v)}' for k, v in cats.items())}); "
      f"{sum(truth.values())} prime; GNU factor confirmed {len(by_factor)}; "
      f"{time.time() - t0:.0f} s")
rng.shuffle(numbers)  # sizes mixed line by line, with small numbers among them
numbers[::1000] = [rng.getrandbits(40) for _ in numbers[::1000]]
truth.update({n: sympy.isprime(n) for n in numbers if n < TWO64})
data = h.write("wide.txt", "".join(f"{n}\n" for n in numbers))


def compare(name, path):
    got = verdicts_of(path)
    wrong = [i for i, (n, p) in got.items() if numbers[i] != n or truth[n] != p]
    h.check(len(got) == len(numbers), f"{name}: {len(got)} rows of {len(numbers)}")
    h.check(not wrong, f"{name}: {len(wrong)} wrong, first index {wrong[:1]}")


h.scenario("one rank reads the file")
out = h.path("alone.csv")
r = h.run([data, "--method", "mr", "--format", "csv", "-o", out], timeout=300)
h.exit_is(r, 0)
compare("alone", out)

for reader in ("workers", "rank0"):
    h.scenario(f"mpirun -n 3, read by {reader}, journaled, replayed")
    out, journal = h.path(f"{reader}.csv"), h.path(f"{reader}.jnl")
    r = h.run([data, "--method", "mr", "--format", "csv", "--read-by", reader, "-o", out,
               "--journal", journal], ranks=3, timeout=300)
    h.exit_is(r, 0)
    compare(reader, out)
    replayed = h.replay(journal)
    h.check(replayed.code == 0, "replay failed")
    with open(h.path("replayed.csv"), "w") as f:
        f.write(replayed.out)
    compare(f"{reader}, replayed", h.path("replayed.csv"))

h.scenario("a journal cut in half, resumed under mpirun -n 3")
with open(h.path("workers.jnl")) as f:
    lines = f.readlines()
cut = h.write("cut.jnl", "".join(lines[:len(lines) // 2]))
r = h.run([data, "--method", "mr", "--quiet", "--journal", cut, "--resume"], ranks=3, timeout=300)
h.exit_is(r, 0)
h.check(h.same_results(cut, h.path("workers.jnl")), "the resumed journal differs")

h.scenario("jsonl and the table keep every digit")
few = [TWO128 - 159, TWO64 + 13, 7, (1 << 127) - 1]
r = h.run(["--numbers", ",".join(map(str, few)), "--method", "mr", "--format", "jsonl"])
h.exit_is(r, 0)
for n in few:
    h.contains(r, f'^{{"n":{n},"prime":{"true" if truth.get(n, sympy.isprime(n)) else "false"},')
r = h.run(["--numbers", ",".join(map(str, few)), "--method", "mr"])
h.contains(r, rf"^{TWO128 - 159} P\? ")
h.contains(r, r"^ {38}7 P  ")
r = h.run(["--numbers", ",".join(map(str, few)), "--method", "mr", "--format", "csv"])
h.check([row[6] for row in r.csv()] == ["1", "1", "0", "1"], f"probable column: {r.out}")

h.scenario("--prove: every prime proven, no composite proven")
# psi_13 = 3317044064679887385961981 passes the strong tests to all 13 prime bases 2..41 (the 13
# bases prove primality below it, Sorenson-Webster); psi_12 passes 12 of them. Both are checked,
# with every number within 3000 of psi_13 (both sides of the proof's switch to FLINT), every prime
# of the set and every constructed composite, under mpirun -n 3, journaled and replayed.
PSI12, PSI13 = 318665857834031151167461, 3317044064679887385961981
proved = ([PSI12, PSI13] + list(range(PSI13 - 3000, PSI13 + 3000))
          + [n for n in numbers if truth[n] and n >= TWO64] + sorted(composite))
truth.update({n: sympy.isprime(n) for n in proved})
out, journal = h.path("proved.csv"), h.path("proved.jnl")
r = h.run(["-", "--method", "mr", "--prove", "--format", "csv", "--order", "input", "-o", out,
           "--journal", journal, "--summary-json", h.path("proved.json")],
          ranks=3, timeout=300, stdin="".join(f"{n}\n" for n in proved))
h.exit_is(r, 0)
with open(out) as f:
    rows = [l.split(",") for l in f.read().splitlines()[1:]]
got = [(int(row[0]), row[1] == "1", row[6]) for row in rows]
h.check([n for n, _, _ in got] == proved, "--prove: the rows are not the input's numbers")
wrong = [n for n, p, _ in got if p != truth[n]]
h.check(not wrong, f"--prove: {len(wrong)} wrong verdicts, first {wrong[:1]}")
h.check(all(probable == "0" for _, _, probable in got), "--prove: a row marked probable")
summary = h.summary_json(h.path("proved.json"))
h.check(summary["method"] == "mr --prove" and summary["probable_primes"] == 0,
        f"--prove summary: {summary['method']}, {summary['probable_primes']} probable")
replayed = h.replay(journal)
h.check(replayed.code == 0 and all(l.endswith(",0") for l in replayed.out.splitlines()[1:]),
        "--prove: the replay marks a proven prime probable")
print(f"--prove, mpirun -n 3: {len(proved)} numbers ({sum(p for _, p, _ in got)} primes "
      f"proven) in {r.seconds:.1f} s")

h.scenario("trial and wheel (--force) agree with Baillie-PSW")
# Two primes just above 2^64 (about 8 s of trial division each, 4 s on the wheel) and numbers
# with factors below 2^24; under mpirun -n 3 and with two threads splitting one number.
agree = [TWO64 + 13, TWO64 + 51] + [rng.randrange(1 << 10, 1 << 24) * rng.randrange(TWO64, 1 << 80)
                                   for _ in range(40)]
want = [sympy.isprime(n) for n in agree]
listed = ",".join(map(str, agree))
for args, ranks in ((["--method", "trial"], 3), (["--method", "wheel", "--threads", "2"], None)):
    r = h.run(["--numbers", listed, "--format", "csv", "--order", "input", "--force", *args],
              ranks=ranks, timeout=300)
    h.exit_is(r, 0)
    got = [row[1] == "1" for row in r.csv()]
    h.check(got == want, f"{' '.join(args)}: {got} != {want}")
    print(f"{' '.join(args)}{' mpirun -n 3' if ranks else ''}: {len(agree)} numbers in "
          f"{r.seconds:.1f} s")
h.scenario("one hard number across the cluster: spread, cancelled, stopped, killed, resumed")
# Under mpirun -n 3 (two workers), trial division spreads each hard number's divisor search over
# both: 2^64 + 13 (prime: about 8 s of search on one thread) and p * q with p = 3221225473 at
# 37 % of its root (the ranges past p are cancelled), among easy numbers.
P, Q = 3221225473, 22906492243
hard = [7, TWO64 + 13, P * Q, TWO64 + 15, 11]
want = [sympy.isprime(n) for n in hard]
listed = ",".join(map(str, hard))
args = ["--numbers", listed, "--method", "trial", "--force", "--order", "input"]
ref, summary_path = h.path("spread.jnl"), h.path("spread.json")
r = h.run([*args, "--format", "csv", "--verbose", "--journal", ref, "--summary-json",
           summary_path, "--progress", "always"], ranks=3, timeout=300)
h.exit_is(r, 0)
h.contains(r, r"index 1: [0-9]+% of its divisor search, about [0-9]+s left", "err")
h.check([row[1] == "1" for row in r.csv()] == want, f"spread verdicts: {r.out}")
h.contains(r, "^rank 0: spreading divisor searches over 2 workers", "err")
busy = {w["rank"]: w["busy"] for w in h.summary_json(summary_path)["per_worker"]}
h.check(len(busy) == 2 and min(busy.values()) > 1.5,
        f"both workers search the hard numbers: busy {busy}")
print(f"spread, mpirun -n 3: {len(hard)} numbers in {r.seconds:.1f} s, busy {busy}")
# The same numbers from a file: a divisor search reads it on rank 0 (unless --read-by workers),
# so its hard numbers are spread too.
hard_file = h.write("hard.txt", "".join(f"{n}\n" for n in hard))
r = h.run([hard_file, "--method", "trial", "--force", "--format", "csv", "--order", "input",
           "--summary-json", summary_path], ranks=3, timeout=300)
h.exit_is(r, 0)
h.check([row[1] == "1" for row in r.csv()] == want, f"spread from a file: {r.out}")
busy = {w["rank"]: w["busy"] for w in h.summary_json(summary_path)["per_worker"]}
h.check(len(busy) == 2 and min(busy.values()) > 1.5, f"a file's hard numbers spread: busy {busy}")
# --quiet and --primes-only (results without rows, or with the primes' only) on the composite.
few = ["--numbers", f"7,{P * Q},11", "--method", "trial", "--order", "input"]
r = h.run([*few, "--quiet", "--summary-json", summary_path], ranks=3, timeout=300)
h.check(h.summary_json(summary_path)["primes"] == 2, "--quiet: spread numbers miscounted")
r = h.run([*few, "--primes-only", "--format", "csv"], ranks=3, timeout=300)
h.check([int(row[0]) for row in r.csv()] == [7, 11], f"--primes-only: {r.out}")
# SIGUSR1 while the numbers are spread: ranges out finish, nothing half-searched is journaled,
# and --resume completes the journal.
cut = h.path("spread-cut.jnl")
p = h.background([*args, "--quiet", "--journal", cut], ranks=3)
h.reached(cut, "^primepool-journal")
time.sleep(2)
r = h.wait(p, sig=signal.SIGUSR1, timeout=120)
h.exit_is(r, 3)
h.check(h.results_in(cut) < len(hard), "the stop came after the last number")
with open(cut) as f:
    searched = sum(1 for line in f if line.startswith("s "))
h.check(searched > 0, "no searched divisor range journaled before the stop")
r = h.run([*args, "--quiet", "--journal", cut, "--resume", "--verbose"], ranks=3, timeout=300)
h.exit_is(r, 0)
m = re.search(r"; ([0-9]+) candidates searched before, by the journal", r.err)
h.check(m is not None and int(m.group(1)) > 0, f"the resumed run searched everything again: {r.err}")
h.check(h.same_results(cut, ref), "the resumed journal differs")
# SIGKILL to every rank at once (a node failure) once a range is journaled: the journal keeps
# its intact lines, and --resume finishes it.
killed = h.path("spread-killed.jnl")
p = h.background([*args, "--quiet", "--journal", killed], ranks=3)
h.reached(killed, "^s ", timeout=60)
kill_group(p.pid)
h.wait(p, timeout=60)
h.exit_is(h.run([*args, "--quiet", "--journal", killed, "--resume"], ranks=3, timeout=300), 0)
h.check(h.same_results(killed, ref), "resumed after SIGKILL: the journal differs")
h.finish()
