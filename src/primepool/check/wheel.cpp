// Trial division on a 2-3-5 wheel: after 2, 3 and 5, only divisors prime to 30 are tried, by
// the same vectorized scan as trial division (8 candidates in 30 instead of 15).
#include "primepool/check/wheel.hpp"

#include <initializer_list>

#include "primepool/check/divisor_scan.hpp"
#include "primepool/methods.hpp"

namespace primepool {

std::uint64_t find_wheel_divisor(std::uint64_t n, std::uint64_t lo, std::uint64_t hi,
                                 const std::atomic<bool>* stop) {
  if (lo < 7) lo = 7;
  return scan_divisors(n, lo, hi, wheel_divisors(), stop);  // hi <= 2^32 - 1 for every caller
}

bool is_prime_wheel(std::uint64_t n) {
  if (n < 2) return false;
  for (std::uint64_t p : {2u, 3u, 5u}) {
    if (n % p == 0) return n == p;
  }
  return find_wheel_divisor(n, 7, isqrt(n)) == 0;
}

}  // namespace primepool
