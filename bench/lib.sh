# Helpers for the benchmark scripts: the program's own wall time from its output, a process's
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

# wall_of OUTPUT: the run's wall seconds from "Total time: Xs" or "N checks in Xs".
wall_of() { sed -n -e 's/^Total time: \([0-9.]*\)s$/\1/p' -e 's/^[0-9]* checks in \([0-9.]*\)s$/\1/p' <<<"$1"; }

# summary_wall OUTPUT: the run's own wall seconds from its "Summary: ... Xs wall" line.
summary_wall() { sed -n 's/^Summary: .* \([0-9.]*\)s wall.*/\1/p' <<<"$1"; }

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
