#!/usr/bin/env bash
# Configures and builds primepool (Release) into build/; `jobs/build.sh -DPRIMEPOOL_TESTS=ON`
# passes CMake options through, `--target NAME` builds one target. Second runs rebuild only
# what changed. Usage: jobs/build.sh [-DOPTION=VALUE...] [--target NAME]
set -euo pipefail
case ${1:-} in -h | --help) sed -n '2,/^[^#]/{/^#\(SBATCH\|PBS\)/d;/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;; esac
cd "$(dirname "$0")/.."
configure=() build=()
while [ $# -gt 0 ]; do
  case $1 in
    --target) build+=(--target "$2"); shift 2 ;;
    *) configure+=("$1"); shift ;;
  esac
done
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release ${configure[@]+"${configure[@]}"} >/dev/null
cmake --build build -j "$(nproc)" ${build[@]+"${build[@]}"}
