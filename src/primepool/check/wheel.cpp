// Trial division on a 2-3-5 wheel: after 2, 3 and 5, only divisors prime to 30 are tried, by
// the same vectorized scan as trial division (8 candidates in 30 instead of 15).
#include "primepool/check/wheel.hpp"

#include <initializer_list>

#include "primepool/check/bpsw128.hpp"
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

namespace {
// The residues mod 30 prime to 30 and, from each, the step to the next one.
constexpr unsigned kResidues[8] = {1, 7, 11, 13, 17, 19, 23, 29};
constexpr unsigned kSteps[8] = {6, 4, 2, 4, 2, 4, 6, 2};

int wheel_position(u64 d) {
  const unsigned r = static_cast<unsigned>(d % 30);
  for (int i = 0; i < 8; ++i) {
    if (kResidues[i] == r) return i;
  }
  return -1;
}
}  // namespace

u64 find_wheel_divisor128(u128 n, u64 lo, u64 hi, const std::atomic<bool>* stop) {
  if (lo < 7) lo = 7;
  if (lo > hi) return 0;
  int at = wheel_position(lo);
  while (at < 0) {  // the next candidate prime to 30 (at most 5 steps)
    if (lo >= hi) return 0;
    at = wheel_position(++lo);
  }
  std::uint32_t until_stop_check = 4096;
  for (u64 d = lo; d <= hi;) {
    if (n % d == 0) return d;
    if (--until_stop_check == 0) {
      if (stop != nullptr && stop->load(std::memory_order_relaxed)) return 0;
      until_stop_check = 4096;
    }
    const unsigned step = kSteps[at];
    if (d > hi - step) break;  // d + step would pass hi, or wrap at 2^64
    d += step;
    at = (at + 1) & 7;
  }
  return 0;
}

bool is_prime_wheel128(u128 n) {
  if (n >> 64 == 0) return is_prime_wheel(static_cast<u64>(n));
  for (unsigned p : {2u, 3u, 5u}) {
    if (n % p == 0) return false;
  }
  return find_wheel_divisor128(n, 7, isqrt128(n)) == 0;
}

}  // namespace primepool
