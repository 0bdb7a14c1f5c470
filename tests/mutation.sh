#!/usr/bin/env bash
# Mutation testing with a curated bank of realistic bugs (tests/mutation/mutants.tsv): each
# mutant is applied to a scratch copy of the tree, built, and the tests that guard its file are
# run; a mutant that some test fails on is killed, one that passes every test survived. Prints
# a table and the score over the non-equivalent mutants. Not part of tests/run.sh (it takes
# about half an hour); run it after changing src/ or tests/.
# Usage: tests/mutation.sh [ID...]   (default: every mutant; e.g. tests/mutation.sh K1 J1)
set -uo pipefail
case ${1:-} in -h | --help) sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;; esac
cd "$(dirname "$0")/.."
repo=$PWD
jobs/deps.sh test
. jobs/mpi_env.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A scratch copy of the working tree (tracked and untracked, not ignored files).
git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$work"
bank=$work/tests/mutation/mutants.tsv  # the copy's: editing the tree's during a run changes nothing
cmake -S "$work" -B "$work/build" -DCMAKE_BUILD_TYPE=Release -DPRIMEPOOL_TESTS=ON >/dev/null
cmake --build "$work/build" -j "$(nproc)" >/dev/null || { echo "mutation.sh: the unmutated tree does not build"; exit 1; }

apply() {  # apply FILE ORIGINAL MUTATED: exactly one occurrence, or exit 3
  python3 - "$@" <<'PY'
import sys
path, old, new = sys.argv[1], sys.argv[2].replace("\\n", "\n"), sys.argv[3].replace("\\n", "\n")
text = open(path).read()
if text.count(old) != 1:
    sys.exit(3)
open(path, "w").write(text.replace(old, new))
PY
}

# targets TESTS: what the tests need rebuilt: the program, and each unit test's executable.
# (A name may carry @SECTIONS, for faults: see below.)
targets() {
  local name out="--target primepool"
  for name in ${1//|/ }; do
    case $name in test_*) out+=" --target ${name%_np*}" ;; esac
  done
  echo "$out"
}

rows=() killed=0 survived=0 equivalent=0 broken=0
# The bank is read on descriptor 3: the tests start mpirun, which forwards standard input.
while IFS=$'\t' read -r -u 3 id file tests original mutated note; do
  case $id in "#"* | "") continue ;; esac
  if [ $# -gt 0 ] && ! printf '%s\n' "$@" | grep -qx "$id"; then continue; fi
  cp "$work/$file" "$work/$file.orig"
  verdict=""
  if ! apply "$work/$file" "$original" "$mutated"; then
    verdict="BAD (text not found once)"
    broken=$((broken + 1))
  elif ! cmake --build "$work/build" -j "$(nproc)" $(targets "$tests") >"$work/build.log" 2>&1; then
    verdict="stillborn (does not build)"
    broken=$((broken + 1))
  else
    start=$SECONDS
    # faults@N[,M]: only those sections of faults_test.py (FAULTS_ONLY), not its whole table.
    only=$(printf '%s\n' ${tests//|/ } | sed -n 's/^faults@//p' | paste -sd, -)
    names=$(printf '%s\n' ${tests//|/ } | sed 's/@.*//' | paste -sd'|' -)
    if (cd "$work/build" && FAULTS_ONLY=$only ctest -R "^($names)" --timeout 900 >"$work/test.log" 2>&1 </dev/null); then
      verdict="survived ($((SECONDS - start))s)"
    else
      failed=$(grep -oE "[0-9]+ - [a-z_0-9]+" "$work/test.log" | awk '{print $3}' | head -3 | tr '\n' ' ')
      verdict="killed by ${failed% } ($((SECONDS - start))s)"
    fi
  fi
  case $verdict in
    survived*) case $note in "(equivalent"*) equivalent=$((equivalent + 1)) ;; *) survived=$((survived + 1)) ;; esac ;;
    killed*) killed=$((killed + 1)) ;;
  esac
  mv "$work/$file.orig" "$work/$file"
  row=$(printf '%-4s %-36s %-46s %s' "$id" "$file" "$verdict" "$note")
  echo "$row"
  rows+=("$row")
done 3<"$bank"
cmake --build "$work/build" -j "$(nproc)" >/dev/null 2>&1
echo
echo "killed $killed, survived $survived, equivalent (survived, as expected) $equivalent, not applicable $broken"
total=$((killed + survived))
[ $total -gt 0 ] && awk -v k=$killed -v t=$total 'BEGIN {printf "mutation score: %d of %d non-equivalent mutants killed = %.1f%%\n", k, t, 100 * k / t}'
[ $survived -eq 0 ]
