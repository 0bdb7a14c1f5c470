#!/usr/bin/env bash
# Sanitizer builds of the tests. `tests/sanitize.sh thread`: clang + LLVM's OpenMP runtime with
# ThreadSanitizer (Archer makes OpenMP's own synchronisation visible to it) on the threaded tests.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:?usage: tests/sanitize.sh thread}
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
  *) echo "unknown sanitizer kind: $kind" >&2; exit 2 ;;
esac
