// Trial division beyond 2^64: the reference text's loop over odd divisors, each remainder of the
// two-limb n by a 64-bit divisor taken in two hardware divisions (hi mod d first, so the second
// one's quotient fits in 64 bits and cannot fault).
#include "primepool/check/trial128.hpp"

#include "primepool/check/bpsw128.hpp"
#include "primepool/methods.hpp"

namespace primepool {

u64 mod128(u128 n, u64 d) {
#if defined(__x86_64__)
  const u64 hi = static_cast<u64>(n >> 64) % d;
  u64 quotient, remainder;
  __asm__("divq %4" : "=a"(quotient), "=d"(remainder) : "a"(static_cast<u64>(n)), "d"(hi), "rm"(d));
  (void)quotient;
  return remainder;
#else
  return static_cast<u64>(n % d);
#endif
}

u64 find_odd_divisor128(u128 n, u64 lo, u64 hi, const std::atomic<bool>* stop) {
  if (lo < 3) lo = 3;
  if ((lo & 1u) == 0) ++lo;
  std::uint32_t until_stop_check = 4096;
  for (u64 d = lo; d <= hi; d += 2) {
    if (mod128(n, d) == 0) return d;
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
