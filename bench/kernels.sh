#!/usr/bin/env bash
# Benchmark (not a test) of the primality kernels on one core, ratios from one run
# (bench/kernels.cpp): trial division on the reference's 20 numbers and on 18446744073709551557
# against a plain `%` loop over the same odd divisors (goal >= 3x); the wheel against trial
# division (it must stay faster); Miller-Rabin against FLINT's n_is_prime on 10^5 primes just
# below 2^64 and on 10^6 random 64-bit numbers (goal: on par).
# Usage: bench/kernels.sh   (installs libflint-dev through jobs/deps.sh bench)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_start "$0" "$@"
one_core_bench primepool_bench_kernels
