// Trial division beyond 2^64 (check/trial128): the divisor search finds a product's smaller prime
// in its window, nothing in a window without one, the smallest odd factor of random 65..100-bit
// numbers, and stops when asked; whole checks agree with Baillie-PSW where they finish quickly.
#include <atomic>
#include <gtest/gtest.h>
#include <random>

#include "primepool/check/bpsw.hpp"
#include "primepool/check/bpsw128.hpp"
#include "primepool/check/trial128.hpp"

using namespace primepool;

namespace {

u128 wide(std::mt19937_64& rng) { return (static_cast<u128>(rng()) << 64) | rng(); }

u64 prime_at_or_below(u64 n) {
  while (!is_prime_mr(n)) --n;
  return n;
}

}  // namespace

TEST(Trial128, FindsAProductsSmallerPrimeInItsWindowOnly) {
  for (int bits : {20, 32, 40}) {
    const u64 p = prime_at_or_below((1ull << bits) - 1);
    for (u64 q : {prime_at_or_below(~0ull), prime_at_or_below(1ull << 60)}) {
      const u128 n = static_cast<u128>(p) * q;
      EXPECT_EQ(find_odd_divisor128(n, p - 100000, p + 100000), p) << p;
      EXPECT_EQ(find_odd_divisor128(n, p + 2, p + 200001), 0u) << p;
      EXPECT_FALSE(is_probable_prime128(n));
    }
  }
  // A square of a prime near 2^32: its root is the only divisor, at the search's very end.
  const u64 r = prime_at_or_below((1ull << 33) - 1);
  EXPECT_EQ(
      find_odd_divisor128(static_cast<u128>(r) * r, r - 50000, isqrt128(static_cast<u128>(r) * r)),
      r);
}

TEST(Trial128, SmallestOddFactorOfRandomNumbers) {
  std::mt19937_64 rng(2);
  for (int i = 0; i < 20000; ++i) {
    const u128 n = (wide(rng) >> (28 + rng() % 36)) | (static_cast<u128>(1) << 64) | 1;
    u64 smallest = 0;
    for (u64 d = 3; d < (1u << 14) && smallest == 0; d += 2) {
      if (n % d == 0) smallest = d;
    }
    ASSERT_EQ(find_odd_divisor128(n, 3, (1u << 14) - 1), smallest);
  }
}

TEST(Trial128, WholeChecksAgreeWithBaillePswWhereTheyFinishQuickly) {
  // Just above 2^64 every composite here has a factor below 2^21; the primes are checked whole
  // only below 2^64 (a prime above would take 2^31 divisions).
  int composites = 0;
  for (u128 n = (static_cast<u128>(1) << 64) + 1; composites < 2000; n += 2) {
    if (is_probable_prime128(n)) continue;
    const u64 d = find_odd_divisor128(n, 3, 1u << 21);
    if (d == 0) continue;
    ++composites;
    EXPECT_FALSE(is_prime_trial128(n));
    EXPECT_EQ(static_cast<u64>(n % d), 0u);
  }
  for (u64 n = 0; n < 100000; ++n) ASSERT_EQ(is_prime_trial128(n), is_prime_mr(n)) << n;
}

TEST(Trial128, GivesUpWhenStopped) {
  // The factor 1000003 lies past the first 4096 divisors tried: a search that ignored the flag
  // would find it.
  const u128 n = ((static_cast<u128>(1) << 64) + 13) * 1000003;
  const std::atomic<bool> stop{true}, go{false};
  EXPECT_EQ(find_odd_divisor128(n, 5, 1u << 21, &stop), 0u);
  EXPECT_EQ(find_odd_divisor128(n, 5, 1u << 21, &go), 1000003u);
}
