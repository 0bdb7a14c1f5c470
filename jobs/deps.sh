#!/usr/bin/env bash
# Installs the Debian packages primepool needs that are missing: `jobs/deps.sh` for building and
# running; `test` adds what the test suite needs, `bench` what the benchmarks compare against,
# `scaling` what jobs/scaling.sh plots with, `slurm` a one-node Slurm for tests/e2e/slurm_test.py.
# Second runs install nothing.
set -euo pipefail
case ${1:-} in -h | --help) sed -n '2,/^[^#]/{/^#\(SBATCH\|PBS\)/d;/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;; esac

packages=(g++ make cmake openmpi-bin libopenmpi-dev libboost-mpi-dev libboost-serialization-dev
          libboost-program-options-dev libprimesieve-dev libflint-dev)
case "${1:-}" in
  # clang + LLVM's OpenMP runtime (with Archer): the ThreadSanitizer build of the threaded tests;
  # python3 checks JSON output.
  # gnuplot-nox and iproute2: the scaling and multi-host tests; universal-ctags and clang-format:
  # the structure test (function lengths, style); python3-sympy and coreutils' factor: the
  # oracles of numbers above 2^64 (tests/e2e/wide_test.py).
  test) packages+=(libgtest-dev clang libomp-14-dev libclang-rt-14-dev python3 gnuplot-nox iproute2
                   universal-ctags clang-format python3-sympy coreutils) ;;
  bench) packages+=(primesieve libgmp-dev) ;;
  scaling) packages+=(python3 gnuplot-nox) ;;
  slurm) packages=(slurmctld slurmd slurm-client munge) ;;
  multihost) packages=(iproute2) ;;
  "") ;;
  *) echo "usage: jobs/deps.sh [test|bench|scaling|slurm|multihost]" >&2; exit 2 ;;
esac

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "primepool: installing missing Debian packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif command -v sudo >/dev/null 2>&1; then
  sudo=(sudo)
else
  echo "primepool: not root and no sudo; as root, run:" >&2
  echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
${sudo[@]+"${sudo[@]}"} apt-get update -qq
${sudo[@]+"${sudo[@]}"} apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
