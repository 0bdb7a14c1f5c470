# Helpers for the benchmark scripts: the program's own wall time from its output, medians.
# Sourced, not run.

# median: the median of the numbers on standard input, one a line.
median() { sort -g | awk '{a[NR] = $1} END {print (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }

# wall_of OUTPUT: the run's wall seconds from "Total time: Xs" or "N checks in Xs".
wall_of() { sed -n -e 's/^Total time: \([0-9.]*\)s$/\1/p' -e 's/^[0-9]* checks in \([0-9.]*\)s$/\1/p' <<<"$1"; }

# ratio A B [FORMAT]: A / B.
ratio() { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN {printf f, (b > 0) ? a / b : 0}'; }
