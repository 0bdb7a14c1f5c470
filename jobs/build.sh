#!/usr/bin/env bash
# Configures and builds primepool (Release) into build/; `jobs/build.sh -DPRIMEPOOL_TESTS=ON`
# passes CMake options through. Second runs rebuild only what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build build -j "$(nproc)"
