#!/usr/bin/env bash
# Sanitizer builds of the tests. `thread`: clang + LLVM's OpenMP runtime with ThreadSanitizer
# (Archer makes OpenMP's own synchronisation visible to it) on the threaded tests. `address`:
# AddressSanitizer + UndefinedBehaviorSanitizer on every unit and MPI test (Open MPI's own
# leaks suppressed: tests/lsan.supp).
# Usage: tests/sanitize.sh thread|address
set -euo pipefail
case ${1:-} in -h | --help) sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;; esac
cd "$(dirname "$0")/.."
kind=${1:?usage: tests/sanitize.sh thread|address}
case $kind in
  thread)
    dir=build-tsan
    CXX=clang++ cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPRIMEPOOL_TESTS=ON \
      -DPRIMEPOOL_SANITIZE=thread >/dev/null
    cmake --build "$dir" -j "$(nproc)" --target test_local_pool test_split_check
    # Archer: libomp's tool that tells TSan about OpenMP's barriers and task dependences.
    export OMP_TOOL_LIBRARIES=/usr/lib/llvm-14/lib/libarcher.so
    # ignore_noninstrumented_modules: races inside libomp itself (not built with TSan) are its own
    # business; Archer asks for this setting. Our code is fully instrumented.
    export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 ignore_noninstrumented_modules=1"
    cd "$dir" && ctest --output-on-failure -L threads
    ;;
  address)
    dir=build-asan
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPRIMEPOOL_TESTS=ON \
      -DPRIMEPOOL_SANITIZE=address,undefined >/dev/null
    cmake --build "$dir" -j "$(nproc)"
    export LSAN_OPTIONS="suppressions=$PWD/tests/lsan.supp print_suppressions=0"
    export UBSAN_OPTIONS="print_stacktrace=1 halt_on_error=1"
    cd "$dir"
    # Unit tests (label unit: they never start MPI): leak checks on.
    ASAN_OPTIONS="detect_leaks=1 abort_on_error=1" ctest --output-on-failure -j "$(nproc)" -L unit
    # MPI tests (label mpi): leak checks off. Open MPI keeps its MPI_Init allocations to the end
    # and dlcloses its components, so LeakSanitizer reports them from "<unknown module>" frames
    # that no suppression can name. Every other ASan and UBSan check stays on.
    ASAN_OPTIONS="detect_leaks=0 abort_on_error=1" ctest --output-on-failure -j "$(nproc)" -L mpi
    # The end-to-end scripts (cli, resume, stress, slurm, multihost, scaling) run the same code
    # through the program: not repeated here.
    ;;
  *) echo "unknown sanitizer kind: $kind" >&2; exit 2 ;;
esac
