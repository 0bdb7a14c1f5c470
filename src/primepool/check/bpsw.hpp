// The "mr" method: a small-prime filter, then Baillie-PSW (Miller-Rabin to base 2 and a strong
// Lucas test), exact for every 64-bit n, in Montgomery arithmetic (no 128-bit division).
#pragma once

#include <cstdint>

namespace primepool {

bool is_prime_mr(std::uint64_t n);

// One strong probable-prime test of odd n > 2 to base a (exposed for tests).
bool strong_probable_prime(std::uint64_t n, std::uint64_t a);

}  // namespace primepool
