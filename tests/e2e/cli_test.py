#!/usr/bin/env python3
# Command-line tests of build/primepool: help, version, usage errors (exit 2), the sample on one
# rank and under mpirun, every input, methods, chunks and output forms, one parsing rule.
# Usage: cli_test.py PRIMEPOOL MPIEXEC [SOURCE_DIR]
import glob
import os
import re
import sys

from harness import Harness

h = Harness(sys.argv)
BIG_PRIMES = "9999999999999917,3333333333333301,7777777777777753"
UNRECOGNISED = "unrecogni[sz]ed option '{}'"

# One line a scenario: name, arguments, ranks (None: alone), exit code, patterns wanted in
# standard output, patterns wanted in standard error.
TABLE = [
    ("help", ["--help"], None, 0, ["--numbers"], []),
    ("version", ["--version"], None, 0, [r"^primepool [0-9]+\.[0-9]+\.[0-9]+$"], []),
    ("unknown-option", ["--frobnicate"], None, 2, [], [UNRECOGNISED.format("--frobnicate")]),
    ("bad-number", ["--numbers", "7,x1,13"], None, 2, [], ["item 2 'x1'"]),
    ("too-large", ["--numbers", "1" + "0" * 100000], None, 2, [],
     [r"item 1 '10000000000.*': too large \(numbers have at most 100000 digits\)"]),
    ("negative", ["--numbers=-3"], None, 2, [], ["sign"]),
    ("mpi-usage-error", ["--bogus"], 3, 2, [], []),
    ("sequential", ["--numbers", "7,11,12"], None, 0,
     ["^Checking 3 numbers sequentially:$", r"^               7 P  0\.[0-9]{6}s$",
      r"^              12    0\.[0-9]{6}s$", r"^Total time: [0-9]+\.[0-9]{2}s$"], []),
    ("mpi-five-ranks-two-numbers", ["--numbers", "5,6"], 5, 0, ["^2 checks in"], []),
    ("one-check", ["--numbers", "7"], 3, 0, ["^1 check in"], []),
    # Messages that point to the fix.
    ("did-you-mean-option", ["--nubmers", "7"], None, 2, [],
     [UNRECOGNISED.format("--nubmers") + "; did you mean --numbers\\?"]),
    ("did-you-mean-method", ["--method", "wheal"], None, 2, [], ["did you mean wheel\\?"]),
    ("did-you-mean-format", ["--format", "cvs"], None, 2, [], ["did you mean csv\\?"]),
    ("ranks-explained", ["-n", "3"], None, 2, [],
     ["takes no rank count; the MPI launcher starts the ranks \\(mpirun -n 4"]),
    ("several-numbers", ["7", "11"], None, 2, [],
     ["several numbers \\('7', '11'\\) where one FILE goes; to check them, give --numbers 7,11"]),
    ("two-files", ["a.txt", "b.txt"], None, 2, [], ["one FILE at a time, not 2"]),
    ("extra-word-named", ["--numbers", "7", "extra"], None, 2, [],
     ["this command line has --numbers and FILE 'extra'"]),
    ("threads-limits", ["--threads", "+2"], None, 2, [],
     ["--threads '\\+2': a sign is not allowed; give a whole number from 1 to 4096$"]),
    ("threads-too-many", ["--threads", "5000"], None, 2, [],
     ["--threads 5000: out of range; give a whole number from 1 to 4096$"]),
    ("grace-limits", ["--grace", "-1"], None, 2, [], ["give seconds from 0 to 86400"]),
    ("output-name-chooses-csv", ["--numbers", "7,8", "-o", "{tmp}/out.csv"], None, 0, [], []),

    ("missing-file", ["{tmp}/nope.txt"], None, 2, [], ["nope.txt: cannot open the file"]),
    ("bad-reader", ["--read-by", "nodes", "--numbers", "7"], None, 2, [], ["read-by"]),
    ("range-empty", ["--range", "5:5"], None, 0, ["^Checking 0 numbers"], []),
    ("range-backwards", ["--range", "9:3"], None, 2, [], ["A is larger than B"]),
    ("range-step-zero", ["--range", "1:9:0"], None, 2, [], ["STEP must be at least 1"]),
    ("range-bad-number", ["--range", "1:10^100000"], None, 2, [],
     [r"B: too large \(numbers have at most 100000 digits\)"]),
    ("range-too-many", ["--range", "0:2^100", "--method", "mr"], None, 2, [],
     ["holds 1267650600228229401496703205376 numbers; a run takes at most"]),
    ("range-shape", ["--range", "12"], None, 2, [], ["expected A:B or A:B:STEP"]),
    ("random-bits", ["--random", "5", "--bits", "332193"], None, 2, [],
     ["--bits 332193: out of range; give a whole number from 1 to 332192"]),
    # Numbers of 65 to 128 bits: read, checked (Baillie-PSW above 2^64), reported, alone and
    # under mpirun; trial division refused with its estimate where it would take hours.
    ("wide-numbers", ["--numbers", "2^64+13,2^127-1,(2^61-1)*(2^67-1),340282366920938463463374607431768211455", "--format", "csv",
                      "--method", "mr"], None, 0,
     ["^18446744073709551629,1,", "^170141183460469231731687303715884105727,1,",
      "^340282366920938463313494811832878104577,0,", "^340282366920938463463374607431768211455,0,"],
     []),
    ("wide-table", ["--numbers", "2^127-1,7", "--method", "mr"], 3, 0,
     [r"^170141183460469231731687303715884105727 P\? ", "^                                      7 P  "],
     []),
    ("wide-range", ["--range", "2^64-60:2^64+60", "--method", "mr", "--primes-only", "--format",
                    "csv", "--order", "input"], 3, 0,
     ["^18446744073709551557,1,", "^18446744073709551629,1,", "^18446744073709551653,1,",
      "^18446744073709551667,1,"],
     [r"^Summary: 120 numbers checked, 4 primes \(3 of them probable: Baillie-PSW above 2\^64\),"]),
    ("wide-random", ["--random", "4", "--bits", "128", "--method", "mr", "--format", "csv"], None,
     0, ["^(3[0-9]{38}|[12][0-9]{38}),[01],"], []),
    ("wide-trial-refused", ["--numbers", "7,2^127-1", "--format", "csv"], None, 2, ["^7,1,"],
     [r"--numbers:2: --method trial: a divisor search up to its square root would take about "
      r"[0-9.]+ years on 1 thread if it is prime; --method mr decides it",
      "--method mr --prove proves it in milliseconds", "--force"]),
    # --prove: mr's primes above 2^64 proven (13 bases below psi_13, FLINT above), not marked
    # probable; psi_13 (a strong pseudoprime to the 13 bases) composite; trial proves already.
    ("wide-prove", ["--numbers", "2^127-1,2^64+13,3317044064679887385961981", "--method", "mr",
                    "--prove", "--format", "csv"], 3, 0,
     ["^170141183460469231731687303715884105727,1,[0-9.]+,[12],0,0,0$",
      "^18446744073709551629,1,[0-9.]+,[12],0,1,0$", "^3317044064679887385961981,0,"],
     [r"^Summary: 3 numbers checked, 2 primes, [0-9.]+s wall, method mr --prove,"]),
    ("wide-prove-table", ["--numbers", "2^89-1", "--method", "mr", "--prove"], None, 0,
     ["^618970019642690137449562111 P  ", "method mr --prove"], []),
    ("prove-trial", ["--numbers", "2^64+13", "--prove", "--format", "csv"], None, 0,
     ["^18446744073709551629,1,[0-9.]+,0,0,0,0$"], ["method trial,"]),
    ("wide-wheel-refused-threads", ["--numbers", "2^89-1", "--method", "wheel", "--threads", "2"],
     None, 2, [], [r"would take about 3\.[56][0-9]* hours on 2 threads"]),
    ("wide-trial-small-enough", ["--numbers", "2^64+13,3*(2^64+13)", "--format", "csv"], None, 0,
     ["^18446744073709551629,1,[0-9.]+,0,0,0,0$", "^55340232221128654887,0,"],
     ["^Summary: 2 numbers checked, 1 prime, "]),
    ("wide-sieve", ["--method", "sieve", "--range", "2^64-5:2^64+5"], None, 2, [],
     [r"reaches 18446744073709551620, and the sieve \(libprimesieve\) stops at 2\^64 - 1"]),
    ("two-inputs", ["--range", "1:5", "--numbers", "3"], None, 2, [], ["give one input"]),
    ("seed-alone", ["--seed", "3"], None, 2, [], []),
    ("method-unknown", ["--method", "magic"], None, 2, [],
     ["expected one of trial, wheel, mr, sieve"]),
    ("sieve-needs-range", ["--method", "sieve", "--numbers", "7,11"], None, 2, [],
     ["method sieve needs --range"]),
    ("chunk-bad", ["--chunk", "0"], None, 2, [], []),
    ("jsonl", ["--format", "jsonl", "--numbers", "7,8"], None, 0,
     [r'^\{"n":7,"prime":true,"elapsed":[0-9.]+,"worker":0,"thread":0,"index":0\}$'],
     ["^Summary: 2 numbers checked, 1 prime,"]),
    ("output-unwritable", ["--output", "/nonexistent/dir/x.csv"], None, 2, [],
     ["x.csv: cannot open for writing: No such file or directory"]),
    ("progress-always", ["--progress", "always", "--numbers", BIG_PRIMES], None, 0, [],
     ["numbers"]),
    # One parsing rule for every option value: no abbreviated option names, spaces around a
    # number ignored everywhere, a sign refused everywhere, the offending character named.
    ("no-abbreviation", ["--meth", "mr"], None, 2, [], [UNRECOGNISED.format("--meth")]),
    ("spaces-in-list", ["--numbers", "7, 11", "--format", "csv"], None, 0, ["^11,1,"], []),
    ("spaces-around-values",
     ["--numbers", "7", "--threads", " 2", "--chunk", " 5", "--grace", " 3"], None, 0, [], []),
    ("visible-character", ["--numbers", "7,1 1"], None, 2, [],
     ["not a decimal digit: a space"]),
    ("positional-number", ["97"], None, 2, [], ["use --numbers 97"]),
    ("plural-one", ["--numbers", "7"], None, 0, ["^Summary: 1 number checked, 1 prime,"], []),
    # Numbers as expressions (+ - * ^ ( ) and NeM), exact at every step, on --numbers and --range.
    ("expressions", ["--numbers", "2^61-1, 10^18+9,1e10,2^64-1", "--format", "csv", "--method", "mr"],
     None, 0, ["^2305843009213693951,1,", "^1000000000000000009,1,", "^10000000000,0,",
               "^18446744073709551615,0,"], []),
    ("expression-too-large", ["--numbers", "7,2^332194*2"], None, 2, [],
     [r"item 2 '2\^332194\*2': at character 9: too large \(numbers have at most 100000 digits\)"]),
    ("expression-below-zero", ["--numbers", "3-5"], None, 2, [], ["at character 4: the result is below zero"]),
    ("range-expressions", ["--range", "10^12:10^12+100", "--method", "mr", "--primes-only",
                           "--format", "csv"], 3, 0, ["^1000000000039,1,", "^1000000000061,1,"], []),
    ("range-expression-bad", ["--range", "1:2^(3"], None, 2, [], ["B: at character 5: a missing '\)'"]),
    ("stall-warn-minimum", ["--stall-warn", "1"], None, 2, [], []),
] + [(f"sign:{' '.join(opt)}", opt, None, 2, [], []) for opt in (
    ["--threads", "+2"], ["--chunk", "+5"], ["--numbers", "+7"], ["--bits", "+8", "--random", "1"],
    ["--grace", "+1"], ["--random", "+3"])]

for name, args, ranks, code, out, err in TABLE:
    h.scenario(name)
    h.expect([a.replace("{tmp}", h.tmp) for a in args], code, out, err, ranks=ranks)

h.scenario("mpi-sample")
r = h.expect([], 0, ["^Checking 20 numbers with 2 workers:$", r"^20 checks in [0-9]+\.[0-9]{2}s$",
                     "^  rank 0 CPU: "], ranks=3)
h.check(len(r.grep(" P  ")) == 9, "wanted 9 P lines")
h.check(len(r.grep(r"^ *[0-9]+ [P ]  ?[0-9]+\.[0-9]{6}s$")) == 20, "wanted 20 rows")

# --- inputs -------------------------------------------------------------------------------
h.scenario("file")
good = h.write("good.txt", "7\n  11 \r\n# a comment\n\n\t13\t# trailing comment\n4\n")
r = h.expect(["--format", "csv", "--order", "input", good], 0)
h.check(r.csv([0, 1]) == [["7", "1"], ["11", "1"], ["13", "1"], ["4", "0"]], f"rows: {r.out}")

h.scenario("stdin")
r = h.run(["--format", "csv", "-"], stdin="5\n6\n")
h.exit_is(r, 0)
h.check(len(r.grep("^[56],")) == 2, f"rows: {r.out}")

# The corpus of malformed inputs (tests/e2e/corpus/bad, expected.tsv): each is refused with the
# file, the line number and its reason, exit 2, and the number before the bad line is still
# reported, alone, and under mpirun by the workers (each its own slices) and by rank 0 alike.
corpus = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "bad")
with open(os.path.join(corpus, "expected.tsv")) as f:
    bad_files = [l.rstrip("\n").split("\t") for l in f if l.strip() and not l.startswith("#")]
for file, line, message in bad_files:
    h.scenario(f"bad-{file}")
    r = h.expect(["--format", "csv", "--order", "input", "--progress", "never",
                  os.path.join(corpus, file)], 2, err=[f"{file}:{line}: {message}"])
    if int(line) > 1:
        h.check(len(r.grep("^3,1,")) == 1, "the result before the bad line was lost")
    rows = {}
    for reader in ("workers", "rank0"):
        r = h.expect(["--format", "csv", "--order", "input", "--progress", "never", "--read-by",
                      reader, os.path.join(corpus, file)], 2, err=[f"{file}:{line}: {message}"],
                     ranks=3)
        rows[reader] = r.csv([0, 1, 5])
    h.check(rows["workers"] == rows["rank0"], "workers and rank 0 differ")
h.scenario("bad-in-mpi")
h.expect(["--format", "csv", "--order", "input", os.path.join(corpus, "long-line.txt")], 2,
         out=["^3,1,"], err=["long-line.txt:2: line longer"], ranks=3)

# A file of 10^5 lines with comments, blanks and CR LF: workers and rank 0 give the same rows in
# input order (n, verdict, index).
h.scenario("mixed")
lines = ["# header"]
for i in range(1, 100001):
    lines.append(("" if i % 7 else "  ") + str(1000000 + i) + ("" if i % 11 else " # c\r"))
    if i % 13 == 0:
        lines.append("")
mixed = h.write("mixed.txt", "\n".join(lines) + "\n")
rows = {}
for reader in ("workers", "rank0"):
    r = h.expect(["--format", "csv", "--order", "input", "--method", "mr", "--read-by", reader,
                  mixed], 0, ranks=3)
    rows[reader] = r.csv([0, 1, 5])
h.check(len(rows["workers"]) == 100000 and rows["workers"] == rows["rank0"],
        "workers and rank 0 give different rows")

h.scenario("range")
r = h.expect(["--format", "csv", "--order", "input", "--range", "10:20:3"], 0)
h.check([row[0] for row in r.csv()] == ["10", "13", "16", "19"], f"rows: {r.out}")

h.scenario("random")
args = ["--format", "csv", "--order", "input", "--random", "5", "--bits", "40", "--seed", "9"]
alone = h.expect(args, 0)
under_mpi = h.expect(args, 0, ranks=3)
h.check(alone.csv([0, 1]) == under_mpi.csv([0, 1]), "not reproducible")
h.check(all(2**39 <= int(row[0]) < 2**40 for row in under_mpi.csv()), "not 40 bits")

# --- methods, chunks, output --------------------------------------------------------------
for m in ("trial", "wheel", "mr", "sieve"):
    h.scenario(f"method-{m}")
    summary = h.path(f"s-{m}.json")
    h.expect(["--method", m, "--quiet", "--range", "1:100000", "--summary-json", summary], 0,
             ranks=3)
    h.check(h.summary_json(summary)["primes"] == 9592, "not 9592 primes below 10^5")

# The sieve on one rank, 2 threads, every output form: the rows of mr's run.
mr = h.run(["--method", "mr", "--range", "1000000:1100000:3", "--format", "csv", "--order",
            "input"]).csv([0, 1, 5])
for mode in ([], ["--primes-only"]):
    h.scenario("sieve-rows" + "".join(mode))
    r = h.expect(["--method", "sieve", "--range", "1000000:1100000:3", "-t", "2", "--format",
                  "csv", "--order", "input", *mode], 0)
    want = mr if not mode else [row for row in mr if row[1] == "1"]
    h.check(r.csv([0, 1, 5]) == want, "not mr's rows")

for c in ("1", "7", "auto"):
    h.scenario(f"chunk-{c}")
    r = h.expect(["--chunk", c, "--format", "csv", "--order", "input", "--range", "0:5000", "-t",
                  "2"], 0, ranks=4)
    h.check([(row[0], row[5]) for row in r.csv()] == [(str(i), str(i)) for i in range(5000)],
            "not every number once in input order")

h.scenario("primes-only")
r = h.expect(["--primes-only", "--format", "csv", "--range", "1:20"], 0)
h.check(sorted(int(row[0]) for row in r.csv()) == [2, 3, 5, 7, 11, 13, 17, 19], r.out)

h.scenario("quiet")
r = h.expect(["--quiet", "--range", "1:1000"], 0, ["^Summary: 999 numbers checked, 168 primes"],
             ranks=3)
h.check(not r.grep(" P "), "quiet printed rows")

h.scenario("output-file")
out = h.path("res.csv")
h.expect(["--format", "csv", "--output", out, "--range", "1:11"], 0,
         out=["^Summary: 10 numbers checked"])
with open(out) as f:
    h.check(len(f.read().splitlines()) == 11, "not a header and 10 rows")

h.scenario("summary-json")
summary = h.path("s.json")
h.expect(["--quiet", "--summary-json", summary, "-t", "2"], 0, ranks=3)
d = h.summary_json(summary)
h.check(d["checked"] == 20 and d["primes"] == 9 and d["workers"] == 2 and d["threads"] == 2 and
        len(d["per_worker"]) == 2 and d["complete"] and d["outcome"] == "complete", str(d))

h.scenario("progress-auto-not-a-tty")
r = h.expect(["--numbers", BIG_PRIMES.rsplit(",", 1)[0]], 0)
h.check(r.err == "", "progress drawn on a standard error that is not a terminal")

# -o name.csv wrote CSV (no --format); --format wins over the name.
h.scenario("output-name-format")
h.check(open(f"{h.tmp}/out.csv").read().startswith("n,prime,elapsed"), "out.csv is not CSV")
r = h.expect(["--numbers", "7", "-o", f"{h.tmp}/table.csv", "--format", "table"], 0)
h.check(open(f"{h.tmp}/table.csv").read().startswith("Checking 1 number"), "--format lost")
r = h.expect(["--numbers", "7", "-o", f"{h.tmp}/out.jsonl"], 0)
h.check(open(f"{h.tmp}/out.jsonl").read().startswith('{"n":7'), "out.jsonl is not JSON lines")

# A piped standard input is the input when no input is named (one rank and under mpirun);
# /dev/null leaves the sample; a run of one number prints no efficiency.
h.scenario("piped-stdin-read")
r = h.run(["--format", "csv"], stdin="5\n6\n7\n")
h.exit_is(r, 0)
h.check([row[0] for row in r.csv()] == ["5", "6", "7"], f"rows: {r.out}")
r = h.run(["--format", "csv", "--order", "input"], ranks=3, stdin="5\n6\n7\n")
h.exit_is(r, 0)
h.check([row[0] for row in r.csv()] == ["5", "6", "7"], f"under mpirun: {r.out}")
r = h.run(["--quiet"], ranks=2)  # standard input /dev/null (the harness's default)
h.contains(r, "^Summary: 20 numbers checked, 9 primes")
r = h.run(["--quiet"], stdin="7\n")
h.contains(r, "^Summary: 1 number checked, 1 prime,")
h.check("efficiency" not in r.out and "rank 0 CPU" not in r.out, f"shares of one number: {r.out}")

# The examples --help (and the man page) gives do what they say: each runs, in order, in a
# directory with a numbers.txt, with primepool on the PATH.
h.scenario("help-examples-run")
r = h.run(["--help"])
block = r.out.split("Examples:\n", 1)[1].split("\n\n", 1)[0]
examples = [re.split(r"\s{2,}", line.strip())[0] for line in block.split("\n")
            if line.startswith("  ") and not line.startswith("   ")]
h.check(len(examples) >= 6, f"examples: {examples}")
with open(f"{h.tmp}/numbers.txt", "w") as f:
    f.write("\n".join(str(n) for n in range(999990, 1000010)) + "\n")
path = os.path.dirname(os.path.abspath(h.bin)) + os.pathsep + os.environ["PATH"]
for example in examples:
    r = h.run([], raw=["bash", "-c", example], cwd=h.tmp, env={"PATH": path}, timeout=120)
    h.check(r.code == 0, f"'{example}': exit {r.code}: {r.err[-400:]}")

# Every script a user runs answers --help.
for script in sorted(glob.glob(os.path.join(h.top, "jobs", "*.sh")) +
                     glob.glob(os.path.join(h.top, "jobs", "*.sbatch")) +
                     glob.glob(os.path.join(h.top, "tests", "*.sh")) +
                     glob.glob(os.path.join(h.top, "bench", "*.sh"))):
    if os.path.basename(script) in ("batch_lib.sh", "mpi_env.sh", "lib.sh"):
        continue  # sourced, not run
    h.scenario(f"help:{os.path.relpath(script, h.top)}")
    r = h.run([], raw=["bash", script, "--help"])
    h.exit_is(r, 0)
    h.check(r.out.strip() != "", "printed nothing")

# Honest efficiency: two threads that Open MPI binds to one core cannot be 99 % efficient; busy
# time is the threads' CPU time, so the summary shows about 50 %.
h.scenario("efficiency-one-core")
r = h.run([], raw=[h.mpiexec, "-n", "2", "--bind-to", "core", "--map-by", "core", *h.preflags,
                   h.bin, "--threads", "2", "--quiet", "--progress", "never"])
h.exit_is(r, 0)
found = r.grep(r"parallel efficiency [0-9.]+")
eff = float(found[0].split("parallel efficiency ")[1].split("%")[0]) if found else 100.0
h.check(eff < 70, f"2 threads on one core: efficiency {eff}% (expected about 50%)")

h.finish()
