// --prove: a primality proof for numbers from 2^64 to 2^128 - 1, where Baillie-PSW alone says
// "probable prime": 13 Miller-Rabin bases below psi_13, FLINT's fmpz_is_prime above.
#pragma once

#include "primepool/check/montgomery.hpp"

namespace primepool {

/// psi_13 = 3317044064679887385961981 (about 3.3e24, 82 bits): the least strong pseudoprime to
/// all of the first 13 prime bases 2, 3, ..., 41 (Sorenson and Webster, "Strong pseudoprimes to
/// twelve prime bases", Math. Comp. 86 (2017) 985-1003). Below it those 13 tests are a proof.
inline constexpr u128 kPsi13 =
    static_cast<u128>(179817u) << 64 | static_cast<u128>(5885577656943027709u);

/// True when n is proven prime: Baillie-PSW first (its "composite" is always right), then, for a
/// probable prime, the strong tests to the 13 bases below kPsi13 and FLINT's fmpz_is_prime
/// (Pocklington-Lehmer, Morrison, then APR-CL: a proof) from kPsi13 on. Exact for every n < 2^128.
bool is_proven_prime128(u128 n);

/// The 13 strong tests alone (exposed for tests: true for kPsi13 itself, which is composite).
bool strong_to_first_13_primes(u128 n);

/// FLINT's fmpz_is_prime on n (exposed for tests and the benchmark).
bool flint_proves_prime(u128 n);

}  // namespace primepool
