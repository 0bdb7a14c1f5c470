// Primality kernels: the reference text's trial division, exact for every unsigned 64-bit n.
// A kernel is a plain function `bool(uint64_t)`; faster methods slot in beside trial division.
#pragma once

#include <atomic>
#include <cstdint>

namespace primepool {

/// A primality test: true when n is prime.
using PrimeTest = bool (*)(std::uint64_t n);

/// Largest r with r * r <= n, exact for every 64-bit n (no floating-point rounding, no overflow).
std::uint64_t isqrt(std::uint64_t n);

/// The reference algorithm: reject n < 2 and even n > 2, then try odd divisors 3, 5, ... up to
/// isqrt(n). Correct for every n < 2^64.
bool is_prime_trial(std::uint64_t n);

/// Smallest odd divisor d of n with lo <= d <= hi (lo odd, d >= 3), or 0 when there is none.
/// When `stop` is given it is read every few thousand divisors and the search gives up (returns 0)
/// once it is true; the split check uses it to stop sibling threads when one finds a divisor.
std::uint64_t find_odd_divisor(std::uint64_t n, std::uint64_t lo, std::uint64_t hi,
                               const std::atomic<bool>* stop = nullptr);

}  // namespace primepool
