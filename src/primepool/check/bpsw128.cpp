// Baillie-PSW above 2^64: the strong test to base 2 and the strong Lucas test of check/bpsw.cpp,
// on two 64-bit limbs (Montgomery128). No composite is known to pass Baillie-PSW; above 2^64 it
// is not proven (Baillie and Wagstaff 1980; Baillie, Fiori and Wagstaff, "Strengthening the
// Baillie-PSW primality test", Math. Comp. 90 (2021), found none below 2^64 and none since).
#include "primepool/check/bpsw128.hpp"

#include <cmath>

#include "primepool/check/bpsw.hpp"
#include "primepool/methods.hpp"

namespace primepool {

namespace {

constexpr u64 kSmallPrimes[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53};

// A factor of n among the small primes (then n is composite unless it is that prime), else 0.
u64 small_factor(u128 n) {
  for (u64 p : kSmallPrimes) {
    if (n % p == 0) return p;
  }
  return 0;
}

}  // namespace

u64 isqrt128(u128 n) {
  if (n >> 64 == 0) return isqrt(static_cast<u64>(n));
  // A double's estimate (off by up to about 2^11 near 2^128); one integer Newton step from any
  // r > 0 lands at or above the root, and further steps fall monotonically to it. Capped at
  // 2^64 - 1 (the root's largest value), r * r cannot overflow.
  const u128 most = ~u64{0};
  u128 r = static_cast<u128>(std::sqrt(static_cast<double>(n)));
  if (r == 0 || r > most) r = most;
  r = (r + n / r) / 2;
  if (r > most) r = most;
  while (r * r > n) r = (r + n / r) / 2;
  return static_cast<u64>(r);
}

bool is_square(u128 n) {
  const u128 root = isqrt128(n);
  return root * root == n;
}

bool strong_probable_prime128(u128 n, u128 a) {
  u128 d;
  const int s = split_even<u128>(n - 1, d);
  return strong_test(Montgomery128(n), a, d, s);
}

bool bpsw128_arithmetic(u128 n) {
  if (n < 2) return false;
  if (const u64 p = small_factor(n)) return n == p;
  if (n < 53 * 53) return true;
  return bpsw_after_filter<Montgomery128>(n);
}

bool is_probable_prime128(u128 n) {
  if (n >> 64 == 0) return is_prime_mr(static_cast<u64>(n));
  return bpsw128_arithmetic(n);
}

}  // namespace primepool
