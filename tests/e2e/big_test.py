#!/usr/bin/env python3
# Numbers of 2^128 and above (big numbers) against sympy's isprime (Debian python3-sympy), an
# implementation independent of GMP and FLINT: random numbers of 129 to 8192 bits, primes of 129
# to 2048 bits and products of two, Mersenne primes up to 4423 bits and their neighbours, Chernick
# Carmichael numbers above 2^128 and those that are strong pseudoprimes to base 2, and F.
# Arnault's 397-digit composite that is a strong pseudoprime to every prime base below 307
# (Baillie-PSW must call it composite). Mixed with numbers below 2^128 in one file: read alone, by
# workers in slices and by rank 0, journaled, cut and resumed, replayed, in every format; --range,
# --random and expressions of any size; --prove; trial and wheel refuse a big number unless
# --force, then find its small divisors.
# Usage: big_test.py PRIMEPOOL MPIEXEC [SOURCE_DIR]
import json
import random
import sys

from oracles import strong_probable_prime, sympy
from harness import Harness

h = Harness(sys.argv)
rng = random.Random(2026)
TWO128 = 1 << 128

# Arnault, "Rabin-Miller primality test: composite numbers which pass it", Math. Comp. 64 (1995).
ARNAULT = int(
    "28871482380507712126714295971303939919776094592797227009265160241974323037991527331163289831"
    "44639225941977803110929349655578418949441740933805615113979999421542416933972905423711002751"
    "04208013496673175515285922696291677532547504444585610194940420003990443211677661994962953925"
    "04526987193290703735640322737012784538991261203092448414947289768854060249767681220770716879"
    "38121709811322297802059565867")



def categories():
    c = {}
    c["random 129-1024 bits"] = [rng.getrandbits(b) | (1 << (b - 1))
                                 for b in (rng.randint(129, 1024) for _ in range(3000))]
    c["random 1025-8192 bits"] = [rng.getrandbits(b) | (1 << (b - 1)) | 1
                                  for b in (rng.randint(1025, 8192) for _ in range(12))]
    primes = [sympy.nextprime(rng.getrandbits(b) | (1 << (b - 1)))
              for b in (rng.randint(129, 600) for _ in range(300))]
    primes += [sympy.nextprime(rng.getrandbits(2048) | (1 << 2047))]
    c["primes of 129-2048 bits"] = primes
    c["products of two of them"] = [primes[i] * primes[i + 1] for i in range(0, 300, 2)]
    mersenne = [2 ** e - 1 for e in (521, 607, 1279, 2203, 2281, 3217, 4253, 4423)]
    c["Mersenne primes to 4423 bits and neighbours"] = mersenne + [m + 2 for m in mersenne] + [
        2 ** 4423 + 1, 2 ** 8191 - 1]
    carmichael, spsp = [], []
    k = 1 << 41  # (6k+1)(12k+1)(18k+1) > 2^128
    while len(carmichael) < 160:
        k += 1
        f = (6 * k + 1, 12 * k + 1, 18 * k + 1)
        if all(sympy.isprime(p) for p in f):
            carmichael.append(f[0] * f[1] * f[2])
            if strong_probable_prime(carmichael[-1], 2):
                spsp.append(carmichael[-1])
    c["Carmichael numbers above 2^128"] = carmichael
    c["strong pseudoprimes to base 2 above 2^128"] = spsp
    c["Arnault's number"] = [ARNAULT]
    c["below 2^128"] = [rng.getrandbits(rng.randint(1, 128)) for _ in range(500)]
    return c


h.scenario("the numbers and their oracle")
h.check(len(str(ARNAULT)) == 397 and not sympy.isprime(ARNAULT)
        and all(strong_probable_prime(ARNAULT, a) for a in sympy.primerange(2, 307)),
        "Arnault's number: not a 397-digit strong pseudoprime to the prime bases below 307")
cats = categories()
numbers = [n for name in cats for n in cats[name]]
rng.shuffle(numbers)
truth = {n: sympy.isprime(n) for n in set(numbers)}
h.check(all(not truth[n] for n in cats["Carmichael numbers above 2^128"] + [ARNAULT]),
        "sympy calls a constructed composite prime")
h.check(len(cats["strong pseudoprimes to base 2 above 2^128"]) >= 4, "too few strong pseudoprimes")
print(f"{len(numbers)} numbers ({', '.join(f'{k}: {len(v)}' for k, v in cats.items())}); "
      f"{sum(truth.values())} prime")
data = h.write("big.txt", "".join(f"{n}\n" for n in numbers))


def compare(name, path, want=None):
    want = numbers if want is None else want
    with open(path) as f:
        rows = [l.split(",") for l in f.read().splitlines()[1:]]
    got = {int(r[5]): (int(r[0]), r[1] == "1", r[6]) for r in rows}
    wrong = [i for i, (n, p, _) in got.items() if want[i] != n or truth[n] != p]
    probable = [i for i, (n, p, mark) in got.items() if (mark == "1") != (p and n >= 1 << 64)]
    h.check(len(got) == len(want), f"{name}: {len(got)} rows of {len(want)}")
    h.check(not wrong, f"{name}: {len(wrong)} wrong, first index {wrong[:1]}")
    h.check(not probable, f"{name}: probable column wrong at {probable[:1]}")


h.scenario("one rank reads the file")
out = h.path("alone.csv")
r = h.run([data, "--method", "mr", "--format", "csv", "-o", out], timeout=300)
h.exit_is(r, 0)
compare("alone", out)
print(f"alone: {len(numbers)} numbers in {r.seconds:.1f} s")

for reader in ("workers", "rank0"):
    h.scenario(f"mpirun -n 3, read by {reader}, journaled, replayed")
    out, journal = h.path(f"{reader}.csv"), h.path(f"{reader}.jnl")
    r = h.run([data, "--method", "mr", "--format", "csv", "--read-by", reader, "-o", out,
               "--journal", journal, "--threads", "2"], ranks=3, timeout=300)
    h.exit_is(r, 0)
    compare(reader, out)
    replayed = h.replay(journal)
    h.check(replayed.code == 0, "replay failed")
    with open(h.path("replayed.csv"), "w") as f:
        f.write(replayed.out)
    compare(f"{reader}, replayed", h.path("replayed.csv"))

h.scenario("a journal cut in half, resumed; standard input; --order input")
with open(h.path("workers.jnl")) as f:
    lines = f.readlines()
cut = h.write("cut.jnl", "".join(lines[:len(lines) // 2]))
r = h.run([data, "--method", "mr", "--quiet", "--journal", cut, "--resume"], ranks=3, timeout=300)
h.exit_is(r, 0)
h.check(h.same_results(cut, h.path("workers.jnl")), "the resumed journal differs")
out = h.path("stdin.csv")
r = h.run(["-", "--method", "mr", "--format", "csv", "--order", "input", "-o", out], ranks=3,
          timeout=300, stdin="".join(f"{n}\n" for n in numbers))
h.exit_is(r, 0)
compare("standard input", out)
with open(out) as f:
    h.check([int(l.split(",")[0]) for l in f.read().splitlines()[1:]] == numbers,
            "--order input: rows out of order")

h.scenario("jsonl, the table and the summary keep every digit")
few = [2 ** 521 - 1, ARNAULT, 7, TWO128 + 51]
listed = ",".join(map(str, few))
r = h.run(["--numbers", listed, "--method", "mr", "--format", "jsonl", "--summary-json",
           h.path("few.json")])
h.exit_is(r, 0)
rows = [json.loads(l) for l in r.out.splitlines()]
h.check([row["n"] for row in rows] == few and [row["prime"] for row in rows] == [
    True, False, True, True], f"jsonl: {r.out[:200]}")
h.check([row.get("probable", False) for row in rows] == [True, False, False, True],
        "jsonl: probable marks")
summary = h.summary_json(h.path("few.json"))
h.check(summary["primes"] == 3 and summary["probable_primes"] == 2, f"summary: {summary}")
for ranks in (None, 3):  # --quiet: counts only, the probable ones among them exact
    r = h.run(["--numbers", listed + ",2^64+13", "--method", "mr", "--quiet", "--summary-json",
               h.path("quiet.json")], ranks=ranks)
    summary = h.summary_json(h.path("quiet.json"))
    h.check(summary["primes"] == 4 and summary["probable_primes"] == 3,
            f"--quiet{' under mpirun' if ranks else ''}: {summary}")
r = h.run(["--numbers", listed, "--method", "mr"])
h.contains(r, rf"^{2 ** 521 - 1} P\? ")
h.contains(r, rf"^{ARNAULT}    ")

h.scenario("expressions, --range and --random of any size")
r = h.run(["--numbers", "2^521-1,(2^607-1)*(2^521-1),10^100+267,1e200", "--method", "mr",
           "--format", "csv"])
h.exit_is(r, 0)
h.check([int(row[0]) for row in r.csv()] == [2 ** 521 - 1, (2 ** 607 - 1) * (2 ** 521 - 1),
                                             10 ** 100 + 267, 10 ** 200], f"expressions: {r.out}")
h.check([row[1] for row in r.csv()] == ["1", "0", "1" if sympy.isprime(10 ** 100 + 267) else "0",
                                        "0"], f"expression verdicts: {r.out}")
# A range across 2^128, with a step of any size; under mpirun too.
lo = TWO128 - 500
r = h.run(["--range", f"2^128-500:2^128+500", "--method", "mr", "--format", "csv", "--order",
           "input"], ranks=3, timeout=300)
h.exit_is(r, 0)
want = list(range(lo, TWO128 + 500))
h.check([int(row[0]) for row in r.csv()] == want, "--range across 2^128: wrong numbers")
h.check([row[1] == "1" for row in r.csv()] == [sympy.isprime(n) for n in want],
        "--range across 2^128: wrong verdicts")
step = 10 ** 60 + 7
r = h.run(["--range", f"10^300:10^300+100*({step}):{step}", "--method", "mr", "--format", "csv"])
want = [10 ** 300 + i * step for i in range(100)]
h.check(sorted(int(row[0]) for row in r.csv()) == want, "--range with a big step")
r = h.run(["--random", "6", "--bits", "8192", "--seed", "3", "--method", "mr", "--format",
           "csv"], timeout=300)
h.exit_is(r, 0)
drawn = [(int(row[0]), row[1] == "1") for row in r.csv()]
h.check(len(drawn) == 6 and all(n.bit_length() == 8192 for n, _ in drawn),
        "--random --bits 8192: not 6 numbers of 8192 bits")
h.check(all(sympy.isprime(n) == p for n, p in drawn), "--random --bits 8192: wrong verdicts")
again = h.run(["--random", "6", "--bits", "8192", "--seed", "3", "--method", "mr", "--format",
               "csv"], ranks=3, timeout=300)
h.check(sorted(again.csv()[i][0] for i in range(6)) == sorted(str(n) for n, _ in drawn),
        "--random: another draw under mpirun")
r = h.run(["--numbers", "2^332193"])
h.exit_is(r, 2)
h.contains(r, "at most 100000 digits", "err")

h.scenario("--prove: the primes proven, no composite proven")
proved = [n for n in numbers if n.bit_length() <= 700] + [2 ** 1279 - 1]
out = h.path("proved.csv")
r = h.run(["-", "--method", "mr", "--prove", "--format", "csv", "-o", out], ranks=3,
          timeout=600, stdin="".join(f"{n}\n" for n in proved))
h.exit_is(r, 0)
with open(out) as f:
    rows = [l.split(",") for l in f.read().splitlines()[1:]]
h.check(sorted(int(row[0]) for row in rows) == sorted(proved), "--prove: not every number")
h.check(all((row[1] == "1") == truth.get(int(row[0]), True) for row in rows),
        "--prove: a wrong verdict")
h.check(all(row[6] == "0" for row in rows), "--prove: a row marked probable")
print(f"--prove, mpirun -n 3: {len(proved)} numbers, {sum(r[1] == '1' for r in rows)} primes "
      f"proven in {r.seconds:.1f} s")

h.scenario("trial and wheel: refused with the estimate, then exact under --force")
r = h.run(["--numbers", "2^521-1"])
h.exit_is(r, 2)
h.contains(r, "--method trial: a divisor search up to its square root would take", "err")
small = [p * n for p, n in zip((3, 7, 101, 65537, 1000003),
                               (TWO128 + 1, 2 ** 300 + 5, 10 ** 90 + 1, 2 ** 200 + 1, 3 ** 100))]
for method in ("trial", "wheel"):
    r = h.run(["--numbers", ",".join(map(str, small)), "--method", method, "--force",
               "--format", "csv", "--order", "input"], ranks=3, timeout=30)
    h.exit_is(r, 0)
    h.check([row[1] for row in r.csv()] == ["0"] * len(small), f"--method {method}: {r.out}")
r = h.run(["--range", "2^128:2^128+10", "--method", "sieve"])
h.exit_is(r, 2)
h.contains(r, "stops at 2\\^64 - 1", "err")
h.finish()
