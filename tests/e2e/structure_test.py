#!/usr/bin/env python3
"""The architecture rules of src/README.md, checked on the tree: layers, public headers, where
Boost.MPI may appear, no include cycles, no function over 60 lines, a header comment per file,
and the .clang-format style. Usage: structure_test.py SOURCE_DIR"""
import glob
import os
import re
import subprocess
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "."
os.chdir(root)
LAYERS = ["sys", "check", "input", "output", "journal", "run", "mpi"]  # each may use the ones before it
MAX_LINES = 60
failures = []


def fail(message):
    failures.append(message)
    print("FAIL: " + message)


def includes(path):
    return re.findall(r'^#include "([^"]+)"', open(path).read(), re.M)


def layer_of(path):
    m = re.match(r"src/primepool/([a-z]+)/", path)
    return m.group(1) if m else None


sources = sorted(glob.glob("src/**/*.[ch]pp", recursive=True))
public = sorted(glob.glob("include/primepool/*.hpp"))

# 1. Layers: a file in layer L includes only the public headers and layers up to L.
for path in sources:
    own = layer_of(path)
    if own is None:
        continue
    for inc in includes(path):
        m = re.match(r"primepool/([a-z]+)/", inc)
        if inc.startswith("app/"):
            fail(f"{path}: the library includes the app's {inc}")
        elif m and LAYERS.index(m.group(1)) > LAYERS.index(own):
            fail(f"{path}: layer {own} includes {inc} from the higher layer {m.group(1)}")

# 1b. The build enforces the same layers (CMakeLists.txt: one object library per layer, in this
#     order, each seeing only the folders before it): the lists agree, and each layer's sources
#     are exactly the .cpp files of its folder.
cmake = open("CMakeLists.txt").read()
m = re.search(r"set\(PRIMEPOOL_LAYERS ([a-z ]+)\)", cmake)
if not m or m.group(1).split() != LAYERS:
    fail(f"CMakeLists.txt: PRIMEPOOL_LAYERS is {m and m.group(1)!r}, not {' '.join(LAYERS)!r}")
for layer in LAYERS:
    call = re.search(r"primepool_layer\(" + layer + r" SOURCES ([^)]*?)(?:LINKS [^)]*)?\)", cmake)
    listed = sorted(call.group(1).split()) if call else []
    present = sorted(glob.glob(f"src/primepool/{layer}/*.cpp"))
    if listed != present:
        fail(f"CMakeLists.txt: layer {layer} builds {listed}, its folder has {present}")

# 2. Public headers include only public headers (and the generated version.hpp).
for path in public:
    for inc in includes(path):
        if not re.fullmatch(r"primepool/[a-z_]+\.hpp", inc):
            fail(f"{path}: a public header includes the private {inc}")

# 3. Boost.MPI only in the mpi layer, the pool's public header, the app and the examples (which
#    start MPI as any user of run_pool does); Boost.Serialization
#    only in the mpi layer and the app (which broadcasts its verdict): the plain types in
#    include/primepool/result.hpp know nothing of either.
for path in sources + public:
    text = open(path).read()
    mpi_allowed = ("src/primepool/mpi/", "src/app/", "src/examples/")
    if "boost/mpi" in text and not (path.startswith(mpi_allowed) or
                                    path == "include/primepool/pool.hpp"):
        fail(f"{path}: includes Boost.MPI outside the mpi layer")
    if "boost/serialization" in text and not path.startswith(("src/primepool/mpi/", "src/app/")):
        fail(f"{path}: includes Boost.Serialization outside the mpi layer")

# 4. No include cycles among the project's headers.
def resolve(inc):
    for base in ("include/", "src/"):
        if os.path.exists(base + inc):
            return base + inc
    return None


graph = {p: [r for r in map(resolve, includes(p)) if r] for p in sources + public}
state = {}


def visit(node, stack):
    state[node] = "open"
    for nxt in graph.get(node, []):
        if state.get(nxt) == "open":
            fail("include cycle: " + " -> ".join(stack[stack.index(nxt):] + [nxt]))
        elif nxt not in state:
            visit(nxt, stack + [nxt])
    state[node] = "done"


for node in graph:
    if node not in state:
        visit(node, [node])

# 5. No function over MAX_LINES lines (universal-ctags knows where each one ends).
tags = subprocess.run(["ctags", "--kinds-c++=f", "--fields=+ne", "-f", "-",
                       "--language-force=c++"] + sources, capture_output=True, text=True,
                      check=True).stdout
functions = 0
for line in tags.splitlines():
    fields = line.split("\t")
    info = dict(f.split(":", 1) for f in fields[3:] if ":" in f)
    if "line" in info and "end" in info:
        functions += 1
        length = int(info["end"]) - int(info["line"]) + 1
        if length > MAX_LINES:
            fail(f"{fields[1]}:{info['line']}: {fields[0]} is {length} lines (at most {MAX_LINES})")
if functions < 100:
    fail(f"ctags found only {functions} functions: the length check is not working")

# 6. Every file opens with a comment saying what it is for.
for path in sources + public + sorted(glob.glob("tests/**/*.[ch]pp", recursive=True)):
    first = open(path).readline()
    if not first.startswith("//"):
        fail(f"{path}: no header comment on its first line")

# 7. The code follows .clang-format.
files = sources + public + sorted(glob.glob("tests/**/*.[ch]pp", recursive=True))
check = subprocess.run(["clang-format", "--dry-run", "--Werror"] + files, capture_output=True,
                       text=True)
if check.returncode != 0:
    fail("clang-format: " + "\n".join(check.stderr.splitlines()[:6]))

print(f"{len(sources)} sources, {len(public)} public headers, {functions} functions checked; "
      f"{len(failures)} failures")
sys.exit(1 if failures else 0)
