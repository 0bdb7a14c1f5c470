#!/usr/bin/env bash
# The test command: install what is missing, build with tests into build/, run every test with
# ctest, then the ThreadSanitizer build of the threaded tests. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs/deps.sh test
jobs/build.sh -DPRIMEPOOL_TESTS=ON
(cd build && ctest --output-on-failure -j "$(nproc)" "$@")
tests/sanitize.sh thread
