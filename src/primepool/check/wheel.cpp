// Trial division on a 2-3-5 wheel: after 2, 3 and 5, only divisors prime to 30 are tried.
// Same exactness as trial division: integer square root, no overflow below 2^32 divisors.
#include "primepool/check/wheel.hpp"

#include <initializer_list>

#include "primepool/primality.hpp"

namespace primepool {

std::uint64_t find_wheel_divisor(std::uint64_t n, std::uint64_t lo, std::uint64_t hi,
                                 const std::atomic<bool>* stop) {
  static constexpr std::uint64_t kSpokes[8] = {1, 7, 11, 13, 17, 19, 23, 29};
  constexpr std::uint64_t stop_check_every = 1u << 11;  // turns of the wheel (8 candidates each)
  if (lo < 7) lo = 7;
  std::uint64_t turns = 0;
  // hi <= 2^32 - 1 for every caller, so base + 29 never wraps.
  for (std::uint64_t base = lo - lo % 30; base <= hi; base += 30) {
    for (std::uint64_t spoke : kSpokes) {
      const std::uint64_t d = base + spoke;
      if (d < lo) continue;
      if (d > hi) return 0;
      if (n % d == 0) return d;
    }
    if (stop != nullptr && ++turns % stop_check_every == 0 &&
        stop->load(std::memory_order_relaxed)) {
      return 0;
    }
  }
  return 0;
}

bool is_prime_wheel(std::uint64_t n) {
  if (n < 2) return false;
  for (std::uint64_t p : {2u, 3u, 5u}) {
    if (n % p == 0) return n == p;
  }
  return find_wheel_divisor(n, 7, isqrt(n)) == 0;
}

}  // namespace primepool
