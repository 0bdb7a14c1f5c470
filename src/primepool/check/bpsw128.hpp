// Baillie-PSW for numbers of up to 128 bits: two 64-bit limbs in Montgomery form, no allocation
// and no GMP. Below 2^64 it is is_prime_mr (a proof there); above, a probable-prime test.
#pragma once

#include "primepool/check/montgomery.hpp"

namespace primepool {

/// Baillie-PSW on any n < 2^128: exact below 2^64; above, "probable prime" (no composite is known
/// to pass, none below 2^64 does).
bool is_probable_prime128(u128 n);

/// Largest r with r * r <= n, for every n < 2^128.
u64 isqrt128(u128 n);

/// One strong probable-prime test of odd n > 2 to base a, in 128-bit Montgomery arithmetic
/// whatever n's size (exposed for tests: it checks the 128-bit arithmetic against the 64-bit).
bool strong_probable_prime128(u128 n, u128 a);

/// Baillie-PSW in 128-bit arithmetic whatever n's size, without the 64-bit shortcut (for tests).
bool bpsw128_arithmetic(u128 n);

}  // namespace primepool
