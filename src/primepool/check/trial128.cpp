// Trial division beyond 2^64: the reference text's loop over odd divisors. Each remainder is the
// compiler's 128-by-64 one (libgcc's __umodti3: one hardware division while the high word is
// below d); a hand-written divq measured the same (4.1 to 6.2 ns a divisor on this machine).
#include "primepool/check/trial128.hpp"

#include "primepool/check/bpsw128.hpp"
#include "primepool/methods.hpp"

namespace primepool {

u64 find_odd_divisor128(u128 n, u64 lo, u64 hi, const std::atomic<bool>* stop) {
  if (lo < 3) lo = 3;
  if ((lo & 1u) == 0) ++lo;
  std::uint32_t until_stop_check = 4096;
  for (u64 d = lo; d <= hi; d += 2) {
    if (n % d == 0) return d;
    if (--until_stop_check == 0) {
      if (stop != nullptr && stop->load(std::memory_order_relaxed)) return 0;
      until_stop_check = 4096;
    }
    if (d > hi - 2) break;  // d + 2 would pass hi, or wrap at 2^64
  }
  return 0;
}

bool is_prime_trial128(u128 n) {
  if (n >> 64 == 0) return is_prime_trial(static_cast<u64>(n));
  if (n % 2 == 0) return false;
  return find_odd_divisor128(n, 3, isqrt128(n)) == 0;
}

}  // namespace primepool
