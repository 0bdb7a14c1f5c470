#!/usr/bin/env bash
# The installed library and the Debian package: `cmake --install` into a scratch prefix, a
# consumer project built against it with find_package(primepool) and run under mpirun; then
# `cpack -G DEB`, the .deb's metadata checked and its contents extracted (dpkg-deb -x) and run.
# Usage: package_test.sh BUILD_DIR SOURCE_DIR MPIEXEC
set -u
build=$1
src=$2
mpiexec=$3
. "$src/tests/testlib.sh"
. "$src/jobs/mpi_env.sh"  # Open MPI as root, where that is the case

# (1) cmake --install and a consumer of find_package(primepool).
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" 2>&1 && pass || fail "cmake --install: $(tail -5 "$tmp/install.log")"
for f in bin/primepool share/man/man1/primepool.1 share/bash-completion/completions/primepool \
         include/primepool/primepool.hpp include/primepool/version.hpp lib/libprimepool.a \
         lib/cmake/primepool/primepoolConfig.cmake; do
  [ -e "$prefix/$f" ] && pass || fail "installed tree lacks $f"
done
[ ! -e "$prefix/include/primepool/input" ] &&
  ! grep -rq '"primepool/\(input\|output\|journal\|run\|mpi\|sys\|check\)/' "$prefix/include" &&
  pass || fail "an installed header uses a private one"
# The public API's size: the headers a user reads (the note of issue 22 gives the figure).
headers=$(ls "$prefix/include/primepool" | wc -l)
[ "$headers" -le 12 ] && pass || fail "$headers installed headers: the public API grew"
! grep -rq 'boost/mpi' "$prefix/include/primepool/run.hpp" && pass || fail "run.hpp includes Boost.MPI"
cmake -S "$src/tests/e2e/package/consumer" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$prefix" \
  >"$tmp/consumer.log" 2>&1 && cmake --build "$tmp/consumer" >>"$tmp/consumer.log" 2>&1 &&
  pass || fail "the consumer does not build: $(grep -m3 -i error "$tmp/consumer.log")"
out=$(timeout 120 "$mpiexec" -n 3 --oversubscribe "$tmp/consumer/consumer" 2>&1)
[[ $out == "consumer: primepool "*", 20 numbers, 9 primes, 3 ranks" ]] && pass || fail "consumer under mpirun -n 3: $out"

# The example programs (src/examples), built against the installed package and run.
cmake -S "$src/src/examples" -B "$tmp/examples" -DCMAKE_PREFIX_PATH="$prefix" \
  >"$tmp/examples.log" 2>&1 && cmake --build "$tmp/examples" >>"$tmp/examples.log" 2>&1 &&
  pass || fail "the examples do not build: $(grep -m3 -i error "$tmp/examples.log")"
out=$("$tmp/examples/example_check_numbers" 91 97 2>&1)
[ "$out" = "trial: 91 - 97 prime
wheel: 91 - 97 prime
mr: 91 - 97 prime" ] && pass || fail "example_check_numbers 91 97: $out"
out=$(timeout 120 "$tmp/examples/example_count_primes_alone" 2>&1)
grep -q "^Summary: 100000 numbers checked" <<<"$out" && grep -q "^largest prime: 1000000099841$" <<<"$out" &&
  pass || fail "example_count_primes_alone: $out"
out=$(timeout 120 "$mpiexec" -n 3 --oversubscribe "$tmp/examples/example_pool_on_a_range" 2>"$tmp/ex.json")
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['checked']==500 and d['primes']==75 and d['complete'], d" "$tmp/ex.json" &&
  [ "$(grep -c ',1,' <<<"$out")" = 75 ] && pass || fail "example_pool_on_a_range: $(head -3 <<<"$out") $(cat "$tmp/ex.json")"

# (2) The .deb.
(cd "$build" && cpack -G DEB -B "$tmp/deb" >"$tmp/cpack.log" 2>&1) && pass || fail "cpack: $(tail -5 "$tmp/cpack.log")"
deb=$(ls "$tmp"/deb/primepool_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] && pass || fail "no .deb in $tmp/deb"
if [ -n "$deb" ]; then
  depends=$(dpkg-deb -f "$deb" Depends)
  for p in openmpi-bin libboost-mpi libboost-serialization libboost-program-options libgomp1; do
    [[ $depends == *"$p"* ]] && pass || fail "Depends lacks $p: $depends"
  done
  [ "$(dpkg-deb -f "$deb" Package)" = primepool ] && [ -n "$(dpkg-deb -f "$deb" Version)" ] && pass || fail "package name or version"
  dpkg-deb -x "$deb" "$tmp/root"
  man1=$tmp/root/usr/share/man/man1/primepool.1
  [ -s "$man1" ] && grep -q '^\.TH PRIMEPOOL 1' "$man1" && grep -q '^\\fB\\-\\-journal\\fR' "$man1" &&
    pass || fail "the .deb's man page"
  out=$("$tmp/root/usr/bin/primepool" --progress never 2>&1)
  grep -q "^Summary: 20 numbers checked, 9 primes" <<<"$out" && pass || fail "the .deb's primepool on the sample: $out"
  bash -c ". '$tmp/root/usr/share/bash-completion/completions/primepool'
    COMP_WORDS=(primepool --meth); COMP_CWORD=1; _primepool; echo \${COMPREPLY[*]}
    COMP_WORDS=(primepool --method ''); COMP_CWORD=2; _primepool; echo \${COMPREPLY[*]}" >"$tmp/completion" 2>&1
  [ "$(head -1 "$tmp/completion")" = "--method" ] && [ "$(sed -n 2p "$tmp/completion")" = "trial wheel mr sieve" ] &&
    pass || fail "the bash completion: $(cat "$tmp/completion")"
fi
finish
