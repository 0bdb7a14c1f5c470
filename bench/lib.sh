# Helpers for the benchmark scripts: the program's own figures from its summary JSON, a process's
# wall time, medians.
# Sourced, not run: first thing in a benchmark, `. "$(dirname "$0")/lib.sh"; bench_start "$0" "$@"`.

# bench_start SCRIPT [ARGS...]: with --help first, print SCRIPT's header comment and exit 0;
# otherwise go to the checkout's top, take Open MPI's settings (jobs/mpi_env.sh) and name the
# program ($bin).
bench_start() {
  case ${2:-} in -h | --help) sed -n '2,/^[^#]/{/^#\(SBATCH\|PBS\)/d;/^#/s/^# \{0,1\}//p}' "$1"; exit 0 ;; esac
  cd "$(dirname "$1")/.."
  . jobs/mpi_env.sh
  bin=build/primepool
}

# require_program: exit 1, saying how, unless the program is built.
require_program() { [ -x "$bin" ] || { echo "build first: jobs/build.sh" >&2; exit 1; }; }

# median: the median of the numbers on standard input, one a line.
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }

# run_summary COMMAND...: run a primepool COMMAND (plain or under mpirun) with --summary-json,
# its rows and human summary discarded; print the summary JSON. Fails, saying so, when the run
# does.
run_summary() {
  local json rc=0
  json=$(mktemp)
  "$@" --summary-json "$json" >/dev/null 2>&1 || rc=$?
  [ $rc = 0 ] && cat "$json" || echo "failed (exit $rc): $*" >&2
  rm -f "$json"
  return $rc
}

# field JSON KEY: one field of a summary JSON object (wall, checked, primes, rank0_cpu, ...).
field() { python3 -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

# timed FILE COMMAND...: run COMMAND with its output (stdout and stderr) to FILE; print its
# process wall seconds.
timed() {
  local file=$1 s e
  shift
  s=$(date +%s.%N)
  "$@" >"$file" 2>&1
  e=$(date +%s.%N)
  awk -v a="$s" -v b="$e" 'BEGIN {print b - a}'
}

# ratio A B [FORMAT]: A / B.
ratio() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN {printf f, (b > 0) ? a / b : 0}'; }

# one_core_bench TARGET: install what the benchmarks compare against, build TARGET (Release) and
# run it on core 0, after a line naming the CPU (bench/kernels.sh, bench/wide_kernels.sh).
one_core_bench() {
  jobs/deps.sh bench
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build -j "$(nproc)" --target "$1" >/dev/null
  echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), one core"
  taskset -c 0 "build/$1"
}
