#!/usr/bin/env bash
# The test command: install what is missing, build with tests into build/, run every test with
# ctest; then the sanitizer builds (ThreadSanitizer on the threaded tests, ASan + UBSan on the
# unit and MPI tests) and each libFuzzer target for FUZZ_SECONDS (default 20). Exits non-zero on
# any failure. Extra arguments go to ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
jobs/deps.sh test
jobs/build.sh -DPRIMEPOOL_TESTS=ON
(cd build && ctest --output-on-failure -j "$(nproc)" "$@")
tests/sanitize.sh thread
tests/sanitize.sh address
tests/fuzz.sh "${FUZZ_SECONDS:-20}"
