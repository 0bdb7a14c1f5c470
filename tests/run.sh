#!/usr/bin/env bash
# The test command: install what is missing, build with tests into build/, run every test with
# ctest; then the sanitizer builds (ThreadSanitizer on the threaded tests, ASan + UBSan on the
# unit and MPI tests) and each libFuzzer target for FUZZ_SECONDS (default 20). Exits non-zero on
# any failure. Extra arguments go to ctest (e.g. -R faults, -L unit, -E slurm). Takes about 25
# minutes on 2 cores; FUZZ_SECONDS=5 shortens the fuzzing.
# Usage: tests/run.sh [CTEST-ARGUMENTS...]
set -euo pipefail
case ${1:-} in -h | --help) sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;; esac
cd "$(dirname "$0")/.."
jobs/deps.sh test
jobs/build.sh -DPRIMEPOOL_TESTS=ON
# Standard input is /dev/null: a piped one would be the input of every run that names none.
(cd build && ctest --output-on-failure -j "$(nproc)" "$@" </dev/null)
tests/sanitize.sh thread
tests/sanitize.sh address
tests/fuzz.sh "${FUZZ_SECONDS:-20}"
