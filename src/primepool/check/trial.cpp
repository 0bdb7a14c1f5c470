// Primality kernels: the reference text's trial division, exact for every unsigned 64-bit n.
// The square root is exact in integers; the odd divisors are tried by the vectorized scan.
#include "primepool/check/trial.hpp"

#include <cmath>

#include "primepool/check/divisor_scan.hpp"
#include "primepool/methods.hpp"

namespace primepool {

std::uint64_t isqrt(std::uint64_t n) {
  constexpr std::uint64_t max_root = 0xFFFFFFFFu;  // isqrt(2^64 - 1)
  auto r = static_cast<std::uint64_t>(std::sqrt(static_cast<double>(n)));
  if (r > max_root) r = max_root;  // the double may round up to 2^32
  while (r * r > n) --r;           // r <= 2^32 - 1: r * r cannot overflow
  while (r < max_root && (r + 1) * (r + 1) <= n) ++r;
  return r;
}

std::uint64_t find_odd_divisor(std::uint64_t n, std::uint64_t lo, std::uint64_t hi,
                               const std::atomic<bool>* stop) {
  if (lo < 3) lo = 3;
  if ((lo & 1u) == 0) ++lo;
  return scan_divisors(n, lo, hi, odd_divisors(), stop);  // hi <= 2^32 - 1 for every caller
}

bool is_prime_trial(std::uint64_t n) {
  if (n < 2) return false;
  if (n == 2) return true;
  if (n % 2 == 0) return false;
  return find_odd_divisor(n, 3, isqrt(n)) == 0;
}

}  // namespace primepool
