#!/usr/bin/env python3
# Multi-host: two "hosts" in Linux network namespaces joined by a bridge, Open MPI started across
# them with a hostfile and TCP (e2e/nsexec as the rsh agent): the pool runs with ranks on both
# hosts and every result comes back; --preflight names host 2 when it cannot see the input file.
# Every namespace and process is removed afterwards.
# Needs root and `ip netns`; skips (exit 77) otherwise.
# Usage: multihost_test.py PRIMEPOOL MPIEXEC SOURCE_DIR
import os
import shutil
import subprocess
import sys

from harness import Harness

h = Harness(sys.argv)
here = os.path.dirname(os.path.abspath(__file__))
if os.getuid() != 0:
    h.skip("the multi-host test needs root (network namespaces)")
if not shutil.which("ip") and subprocess.run([f"{h.top}/jobs/deps.sh", "multihost"]).returncode:
    h.skip("no iproute2")
tag = os.getpid()
sw, h1, h2 = f"ppsw{tag}", f"pph1{tag}", f"pph2{tag}"
made = subprocess.run(["ip", "netns", "add", sw], capture_output=True, text=True)
if made.returncode:
    h.skip(f"cannot create network namespaces: {made.stderr.strip()}")


def ip(*args):
    subprocess.run(["ip", *args], check=True)


def cleanup():
    for ns in (h1, h2):
        pids = subprocess.run(["ip", "netns", "pids", ns], capture_output=True, text=True).stdout
        for pid in pids.split():
            subprocess.run(["kill", "-9", pid], stderr=subprocess.DEVNULL)
    for ns in (h1, h2, sw):
        subprocess.run(["ip", "netns", "del", ns], stderr=subprocess.DEVNULL)


def across(args):
    """mpirun -n 3 on host 1 (its hostname set), rank 2 started on host 2 through the agent."""
    return ["ip", "netns", "exec", h1, "unshare", "--uts", "sh", "-c", 'hostname "$0"; exec "$@"', h1,
            "env", "OMPI_ALLOW_RUN_AS_ROOT=1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1",
            "mpirun", "-n", "3", "--hostfile", hostfile, "--mca", "plm_rsh_agent", f"{here}/nsexec",
            "--mca", "pml", "ob1", "--mca", "btl", "tcp,self", "--mca", "btl_tcp_if_include",
            "10.77.0.0/24", "--mca", "oob_tcp_if_include", "10.77.0.0/24", "--bind-to", "none",
            "--mca", "mpi_yield_when_idle", "1", os.path.realpath(h.bin), *args]


try:
    ip("-n", sw, "link", "add", "br0", "type", "bridge")
    ip("-n", sw, "link", "set", "br0", "up")
    for i, host in enumerate((h1, h2), 1):
        ip("netns", "add", host)
        ip("-n", host, "link", "set", "lo", "up")  # PMIx and ORTE need loopback
        ip("link", "add", "eth0", "netns", host, "type", "veth", "peer", "name", f"v{i}{tag}", "netns", sw)
        ip("-n", host, "addr", "add", f"10.77.0.{i}/24", "dev", "eth0")
        ip("-n", host, "link", "set", "eth0", "up")
        ip("-n", sw, "link", "set", f"v{i}{tag}", "master", "br0")
        ip("-n", sw, "link", "set", f"v{i}{tag}", "up")
    hostfile = h.write("hostfile", f"{h1} slots=2\n{h2} slots=1\n")

    h.scenario("the sample across two hosts")
    r = h.run([], raw=across(["--verbose", "--format", "csv", "--order", "input", "--progress",
                              "never"]), timeout=120)
    h.exit_is(r, 0)
    h.contains(r, f"^rank 0 on {h1}: coordinator", "err")
    h.contains(r, f"^rank 2 on {h2}: worker", "err")
    rows = r.csv()
    h.check(len(rows) == 20, f"{len(rows)} results, wanted 20")
    h.check(sum(1 for row in rows if row[1] == "1") == 9, "not 9 primes")
    h.check(any(row[3] == "2" for row in rows), "no result came from host 2's rank")
    print(f"multi-host sample run took {r.seconds:.1f} s")

    # A file on the file system both hosts share: each worker reads its own slices of it, and
    # the results are one rank's.
    h.scenario("a file read in slices on both hosts")
    numbers = h.write("numbers.txt", "".join(f"{i}\n" for i in range(1000000, 1100001)))
    args = [numbers, "--method", "mr", "--format", "csv", "--order", "input", "--progress", "never"]
    one = h.run(args)
    r = h.run([], raw=across(args), timeout=300)
    h.exit_is(r, 0)
    h.check(not r.grep("cannot read the input file", "err"), "a worker could not read the file")
    h.check(r.csv([0, 1, 5]) == one.csv([0, 1, 5]) and len(one.csv()) == 100001,
            "results differ from one rank's")
    h.check(any(row[3] == "2" for row in r.csv()), "no slice read on host 2")

    # The preflight across the two hosts: host 2 does not see the directory the input is in
    # (the agent mounts an empty tmpfs over it there): rank 2's row names the problem, exit 6.
    h.scenario("the preflight: the input missing on host 2")
    os.makedirs(h.path("shared"))
    data = h.write("shared/numbers.txt", "".join(f"{i}\n" for i in range(1, 1001)))
    r = h.run([], raw=across([data, "--preflight", "--method", "mr"]),
              env={"NSEXEC_HIDE": h.path("shared")}, timeout=120)
    h.exit_is(r, 6)
    h.contains(r, f"^ +2 +{h2} ", "out")
    h.contains(r, f"^problem: rank 2 \\({h2}\\) cannot read the input file .*No such file", "out")
    h.check(not r.grep(f"^problem: rank [01] ", "out"), f"a problem on host 1: {r.out}")
finally:
    cleanup()
h.finish()
