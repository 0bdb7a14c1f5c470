// Deterministic Miller-Rabin for every 64-bit n: a small-prime filter, then strong probable-prime
// tests to 7 bases proven sufficient below 2^64, in Montgomery arithmetic (no 128-bit division).
#pragma once

#include <cstdint>

namespace primepool {

bool is_prime_mr(std::uint64_t n);

// One strong probable-prime test of odd n > 2 to base a (exposed for tests).
bool strong_probable_prime(std::uint64_t n, std::uint64_t a);

}  // namespace primepool
