// A deterministic primality test for every 64-bit n, in Montgomery arithmetic: Baillie-PSW, a
// strong probable-prime test to base 2 and a strong Lucas test (Selfridge's parameters).
// No composite below 2^64 passes both: every base-2 strong pseudoprime below 2^64 is in
// Feitsma's list, and Gilchrist (2009) checked that each of them fails the strong Lucas test.
// Baillie and Wagstaff, "Lucas Pseudoprimes", Math. Comp. 35 (1980); the 7-base test of Jim
// Sinclair {2, 325, 9375, 28178, 450775, 9780504, 1795265022} checks it in the unit tests.
#include "primepool/check/bpsw.hpp"

#include "primepool/check/montgomery.hpp"
#include "primepool/methods.hpp"

namespace primepool {

bool is_square(u64 n) {
  const u64 root = isqrt(n);
  return root * root == n;
}

bool strong_probable_prime(std::uint64_t n, std::uint64_t a) {
  u64 d;
  const int s = split_even<u64>(n - 1, d);
  return strong_test(Montgomery64(n), a, d, s);
}

bool is_prime_mr(std::uint64_t n) {
  // Small-prime filter: settles n < 53^2 and removes most composites cheaply (constant
  // divisors compile to multiplications).
  static constexpr u64 kSmallPrimes[] = {2,  3,  5,  7,  11, 13, 17, 19,
                                         23, 29, 31, 37, 41, 43, 47, 53};
  if (n < 2) return false;
  for (u64 p : kSmallPrimes) {
    if (n % p == 0) return n == p;
  }
  if (n < 53 * 53) return true;
  return bpsw_after_filter<Montgomery64>(n);
}

bool is_prime_sinclair(std::uint64_t n) {
  static constexpr u64 kSmallPrimes[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
  static constexpr u64 kBases[] = {2, 325, 9375, 28178, 450775, 9780504, 1795265022};
  if (n < 2) return false;
  for (u64 p : kSmallPrimes) {
    if (n % p == 0) return n == p;
  }
  for (u64 a : kBases) {
    if (a % n != 0 && !strong_probable_prime(n, a % n)) return false;
  }
  return true;
}

}  // namespace primepool
