// The reference text's trial division for n up to 2^128: odd divisors up to isqrt(n) < 2^64,
// each tried by a 128-by-64-bit remainder. Exact; a divisor search threads (and, later, ranks)
// can split by divisor range.
#pragma once

#include <atomic>

#include "primepool/check/montgomery.hpp"

namespace primepool {

/// Smallest odd divisor d of n with lo <= d <= hi, or 0 when there is none; gives up (0) once
/// `stop` is true (read every 4096 divisors).
u64 find_odd_divisor128(u128 n, u64 lo, u64 hi, const std::atomic<bool>* stop = nullptr);

/// The reference algorithm on any n < 2^128: exact, and slow beyond about 2^80.
bool is_prime_trial128(u128 n);

}  // namespace primepool
