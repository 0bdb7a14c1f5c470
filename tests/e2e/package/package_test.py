#!/usr/bin/env python3
# The installed library and the Debian package: `cmake --install` into a scratch prefix, a
# consumer project built against it with find_package(primepool) and run under mpirun, the
# example programs built and run the same way; then `cpack -G DEB`, the .deb's metadata checked
# and its contents extracted (dpkg-deb -x) and run.
# Usage: package_test.py PRIMEPOOL MPIEXEC SOURCE_DIR BUILD_DIR
import glob
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from harness import Harness  # noqa: E402

h = Harness(sys.argv)
src, build, tmp = h.top, sys.argv[4], h.tmp
prefix = f"{tmp}/prefix"


def sh(*cmd, timeout=600, cwd=None):
    return h.run([], raw=list(cmd), timeout=timeout, cwd=cwd)


def mpirun(program, ranks=3):
    return h.run([], raw=[h.mpiexec, "-n", str(ranks), "--oversubscribe", *h.preflags, program])


def builds(source, into):
    r = sh("cmake", "-S", source, "-B", into, f"-DCMAKE_PREFIX_PATH={prefix}")
    return r if r.code else sh("cmake", "--build", into)


# (1) cmake --install and a consumer of find_package(primepool).
h.scenario("cmake --install: the tree a user gets")
r = sh("cmake", "--install", build, "--prefix", prefix)
h.exit_is(r, 0)
for f in ["bin/primepool", "share/man/man1/primepool.1", "share/bash-completion/completions/primepool",
          "include/primepool/primepool.hpp", "include/primepool/version.hpp", "lib/libprimepool.a",
          "lib/cmake/primepool/primepoolConfig.cmake"]:
    h.check(os.path.exists(f"{prefix}/{f}"), f"the installed tree lacks {f}")
h.scenario("the public headers: few, no private ones, run.hpp without Boost.MPI")
headers = sorted(os.listdir(f"{prefix}/include/primepool"))
private = re.compile(r'"primepool/(input|output|journal|run|mpi|sys|check)/')
h.check(not os.path.exists(f"{prefix}/include/primepool/input"), "a private folder is installed")
for name in headers:
    with open(f"{prefix}/include/primepool/{name}") as f:
        h.check(not private.search(f.read()), f"{name} includes a private header")
# The public API's size: the headers a user reads (the note of issue 22 gives the figure).
h.check(len(headers) <= 12, f"{len(headers)} installed headers: the public API grew")
with open(f"{prefix}/include/primepool/run.hpp") as f:
    h.check("boost/mpi" not in f.read(), "run.hpp includes Boost.MPI")
h.scenario("a consumer with find_package(primepool), under mpirun -n 3")
r = builds(f"{src}/tests/e2e/package/consumer", f"{tmp}/consumer")
h.exit_is(r, 0)
r = mpirun(f"{tmp}/consumer/consumer")
h.check(re.fullmatch(r"consumer: primepool \S+, 20 numbers, 9 primes, 3 ranks", (r.out + r.err).strip()),
        f"consumer under mpirun -n 3: {r.out}{r.err}")

# The example programs (src/examples), built against the installed package and run.
h.scenario("the example programs, built against the package")
h.exit_is(builds(f"{src}/src/examples", f"{tmp}/examples"), 0)
r = sh(f"{tmp}/examples/example_check_numbers", "91", "97")
h.check(r.out == "trial: 91 - 97 prime\nwheel: 91 - 97 prime\nmr: 91 - 97 prime\n",
        f"example_check_numbers 91 97: {r.out}{r.err}")
r = sh(f"{tmp}/examples/example_count_primes_alone", timeout=120)
h.check(r.grep("^Summary: 100000 numbers checked") and r.grep("^largest prime: 1000000099841$"),
        f"example_count_primes_alone: {r.out}")
r = mpirun(f"{tmp}/examples/example_pool_on_a_range")
try:
    d = json.loads(r.err)
except ValueError:
    d = {}
h.check(d.get("checked") == 500 and d.get("primes") == 75 and d.get("complete")
        and len(r.grep(",1,")) == 75, f"example_pool_on_a_range: {r.out[:200]} {r.err}")

# (2) The .deb.
h.scenario("cpack -G DEB: the package's metadata")
h.exit_is(sh("cpack", "-G", "DEB", "-B", f"{tmp}/deb", cwd=build), 0)
debs = glob.glob(f"{tmp}/deb/primepool_*.deb")
if h.check(debs, f"no .deb in {tmp}/deb"):
    deb = debs[0]
    field = lambda name: subprocess.run(["dpkg-deb", "-f", deb, name], capture_output=True,
                                        text=True).stdout.strip()
    for p in ["openmpi-bin", "libboost-mpi", "libboost-serialization", "libboost-program-options",
              "libgomp1"]:
        h.check(p in field("Depends"), f"Depends lacks {p}: {field('Depends')}")
    h.check(field("Package") == "primepool" and field("Version"), "the package's name or version")
    h.check(field("Homepage") == "" and "example.org" not in field("Maintainer"),
            f"invented metadata: Homepage '{field('Homepage')}', Maintainer '{field('Maintainer')}'")
    h.check(len(field("Description").split("\n")) > 1, f"no long description: {field('Description')}")
    h.scenario("the .deb's contents: primepool, its man page, its completion")
    subprocess.run(["dpkg-deb", "-x", deb, f"{tmp}/root"], check=True)
    man1 = f"{tmp}/root/usr/share/man/man1/primepool.1"
    with open(man1) as f:
        man = f.read()
    h.check(re.search(r"^\.TH PRIMEPOOL 1", man, re.M) and re.search(r"^\\fB\\-\\-journal\\fR", man, re.M),
            "the .deb's man page")
    for section in ("DESCRIPTION", "OPTIONS", "EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES"):
        h.check(re.search(rf"^\.SH {section}$", man, re.M), f"the man page has no {section}")
    r = sh(f"{tmp}/root/usr/bin/primepool", "--progress", "never")
    h.contains(r, "^Summary: 20 numbers checked, 9 primes")
    completion = f"{tmp}/root/usr/share/bash-completion/completions/primepool"
    r = sh("bash", "-c", f". '{completion}'\n"
           "COMP_WORDS=(primepool --meth); COMP_CWORD=1; _primepool; echo ${COMPREPLY[*]}\n"
           "COMP_WORDS=(primepool --method ''); COMP_CWORD=2; _primepool; echo ${COMPREPLY[*]}\n"
           "complete -p primepool")
    h.check(r.lines()[:2] == ["--method", "trial wheel mr sieve"], f"the bash completion: {r.out}{r.err}")
    # -o filenames: a directory completes with its "/", names with spaces are quoted.
    h.check(r.lines()[2:3] == ["complete -o filenames -F _primepool primepool"],
            f"the completion's options: {r.out}")
h.finish()
