# Shared by the shell tests (cli, resume, stress, faults, slurm): a scratch folder removed at
# exit, pass/fail counters, the closing "N passed, N failed" line, and a journal's result count.
# Sourced, not run.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passes=0
fails=0
pass() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# results_in PRIMEPOOL JOURNAL: the number of results in a journal (its intact lines), as
# --replay counts them.
results_in() {
  "$1" --replay "$2" --quiet 2>&1 >/dev/null | sed -n 's/^primepool: \([0-9]*\) results.*/\1/p'
}
# finish: print the counts and exit non-zero on any failure.
finish() {
  echo "$passes passed, $fails failed"
  [ "$fails" = 0 ]
}
