# Shared by the shell tests (cli, resume, stress): a scratch folder removed at exit, pass/fail
# counters, and the closing "N passed, N failed" line. Sourced, not run.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passes=0
fails=0
pass() { passes=$((passes + 1)); }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
# finish: print the counts and exit non-zero on any failure.
finish() {
  echo "$passes passed, $fails failed"
  [ "$fails" = 0 ]
}
