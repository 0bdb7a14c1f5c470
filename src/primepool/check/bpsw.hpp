// The "mr" method: a small-prime filter, then Baillie-PSW (Miller-Rabin to base 2 and a strong
// Lucas test), exact for every 64-bit n, in Montgomery arithmetic (no 128-bit division).
#pragma once

#include <cstdint>

namespace primepool {

bool is_prime_mr(std::uint64_t n);

// Miller-Rabin to Jim Sinclair's 7 bases {2, 325, 9375, 28178, 450775, 9780504, 1795265022}:
// exact for every 64-bit n, and another test than Baillie-PSW (--verify's check of mr).
bool is_prime_sinclair(std::uint64_t n);

// One strong probable-prime test of odd n > 2 to base a (exposed for tests).
bool strong_probable_prime(std::uint64_t n, std::uint64_t a);

}  // namespace primepool
