// Primality kernels: the reference text's trial division, exact for every unsigned 64-bit n.
// Only integer arithmetic: the square root is exact and the divisor loop cannot overflow.
#include "primepool/primality.hpp"

#include <cmath>

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
  constexpr std::uint64_t stop_check_every = 1u << 14;  // divisors between reads of `stop`
  if (lo < 3) lo = 3;
  if ((lo & 1u) == 0) ++lo;
  // hi <= 2^32 - 1 for every caller, so d += 2 never wraps.
  std::uint64_t next_stop_check = lo + 2 * stop_check_every;
  for (std::uint64_t d = lo; d <= hi; d += 2) {
    if (n % d == 0) return d;
    if (stop != nullptr && d >= next_stop_check) {
      if (stop->load(std::memory_order_relaxed)) return 0;
      next_stop_check = d + 2 * stop_check_every;
    }
  }
  return 0;
}

bool is_prime_trial(std::uint64_t n) {
  if (n < 2) return false;
  if (n == 2) return true;
  if (n % 2 == 0) return false;
  return find_odd_divisor(n, 3, isqrt(n)) == 0;
}

}  // namespace primepool
