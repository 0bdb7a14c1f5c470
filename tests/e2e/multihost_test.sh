#!/usr/bin/env bash
# Multi-host: two "hosts" in Linux network namespaces joined by a bridge, Open MPI started across
# them with a hostfile and TCP (tests/e2e/nsexec as the rsh agent): the pool runs with ranks on both
# hosts and every result comes back. Every namespace and process is removed afterwards.
# Needs root and `ip netns`; skips (exit 77) otherwise. Usage: multihost_test.sh PRIMEPOOL
set -u
bin=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../testlib.sh"
if [ "$(id -u)" -ne 0 ]; then echo "SKIP: the multi-host test needs root (network namespaces)"; exit 77; fi
command -v ip >/dev/null || "$here/../../jobs/deps.sh" multihost || { echo "SKIP: no iproute2"; exit 77; }
tag=$$
sw=ppsw$tag h1=pph1$tag h2=pph2$tag
if ! ip netns add "$sw" 2>"$tmp/err"; then echo "SKIP: cannot create network namespaces: $(cat "$tmp/err")"; exit 77; fi
cleanup() {
  for ns in "$h1" "$h2"; do
    ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null
    ip netns del "$ns" 2>/dev/null
  done
  ip netns del "$sw" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
ip -n "$sw" link add br0 type bridge && ip -n "$sw" link set br0 up
i=0
for h in "$h1" "$h2"; do
  i=$((i + 1))
  ip netns add "$h" && ip -n "$h" link set lo up  # PMIx and ORTE need loopback
  ip link add eth0 netns "$h" type veth peer name "v$i$tag" netns "$sw"
  ip -n "$h" addr add "10.77.0.$i/24" dev eth0 && ip -n "$h" link set eth0 up
  ip -n "$sw" link set "v$i$tag" master br0 && ip -n "$sw" link set "v$i$tag" up
done

printf '%s slots=2\n%s slots=1\n' "$h1" "$h2" >"$tmp/hostfile"
start=$SECONDS
# mpirun runs on host 1; rank 2 is started on host 2 through the agent.
ip netns exec "$h1" unshare --uts sh -c 'hostname "$0"; exec "$@"' "$h1" \
  env OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 \
  mpirun -n 3 --hostfile "$tmp/hostfile" --mca plm_rsh_agent "$here/nsexec" \
    --mca pml ob1 --mca btl tcp,self --mca btl_tcp_if_include 10.77.0.0/24 \
    --mca oob_tcp_if_include 10.77.0.0/24 --bind-to none --mca mpi_yield_when_idle 1 \
    "$bin" --verbose --format csv --order input --progress never >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] && pass || fail "mpirun across two hosts: exit $rc: $(tail -20 "$tmp/err")"
grep -q "^rank 0 on $h1: coordinator" "$tmp/err" && pass || fail "rank 0 not on $h1: $(cat "$tmp/err")"
grep -q "^rank 2 on $h2: worker" "$tmp/err" && pass || fail "no worker on $h2: $(cat "$tmp/err")"
[ "$(tail -n +2 "$tmp/out" | wc -l)" = 20 ] && pass || fail "not 20 results: $(cat "$tmp/out")"
[ "$(awk -F, 'NR > 1 && $2 == 1' "$tmp/out" | wc -l)" = 9 ] && pass || fail "not 9 primes"
[ "$(awk -F, 'NR > 1 && $4 == 2' "$tmp/out" | wc -l)" -gt 0 ] && pass || fail "no result came from host 2's rank"
# A file on the file system both hosts share: each worker reads its own slices of it, and the
# results are one rank's.
seq 1000000 1100000 >"$tmp/numbers.txt"
"$bin" "$tmp/numbers.txt" --method mr --format csv --order input >"$tmp/one.csv" 2>/dev/null
ip netns exec "$h1" unshare --uts sh -c 'hostname "$0"; exec "$@"' "$h1" \
  env OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 \
  mpirun -n 3 --hostfile "$tmp/hostfile" --mca plm_rsh_agent "$here/nsexec" \
    --mca pml ob1 --mca btl tcp,self --mca btl_tcp_if_include 10.77.0.0/24 \
    --mca oob_tcp_if_include 10.77.0.0/24 --bind-to none --mca mpi_yield_when_idle 1 \
    "$bin" "$tmp/numbers.txt" --method mr --format csv --order input --progress never >"$tmp/file.csv" 2>"$tmp/err"
rc=$?
[ "$rc" = 0 ] && ! grep -q "cannot read the input file" "$tmp/err" && pass ||
  fail "a file across two hosts: exit $rc: $(tail -5 "$tmp/err")"
cmp -s <(cut -d, -f1,2,6 "$tmp/file.csv") <(cut -d, -f1,2,6 "$tmp/one.csv") && pass ||
  fail "a file across two hosts: results differ from one rank's"
[ "$(awk -F, 'NR > 1 && $4 == 2' "$tmp/file.csv" | wc -l)" -gt 0 ] && pass || fail "no slice read on host 2"
echo "multi-host run took $((SECONDS - start))s"
finish
