#!/usr/bin/env bash
# Benchmark (not a test) of the kernels above 2^64 on one core, ratios from one run
# (bench/wide_kernels.cpp): Baillie-PSW on two limbs against GMP's mpz_probab_prime_p(n, 1) and
# FLINT's fmpz_is_probabprime on 10^5 primes just below 2^128 and 10^5 random 65..128-bit
# numbers (goal <= 1.0x each), per prime against our 64-bit test (aim <= 4x); trial division's
# time a divisor near 2^100; --prove against FLINT's fmpz_is_prime on 10^4 primes near 2^128 and
# below psi_13 (goal <= 1.1x).
# Usage: bench/wide_kernels.sh   (installs libflint-dev and libgmp-dev through jobs/deps.sh bench)
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_start "$0" "$@"
one_core_bench primepool_bench_wide_kernels
