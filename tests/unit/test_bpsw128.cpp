// Baillie-PSW on two 64-bit limbs (check/bpsw128): the 128-bit Montgomery arithmetic against the
// proven 64-bit test on a million numbers below 2^64; the integer square root at every square's
// edge; known primes just above 2^64, just below 2^96 and 2^128, and Mersenne primes (each
// checked with GNU factor and sympy when written here); products of two primes, squares, and
// Carmichael numbers above 2^64 that are strong pseudoprimes to base 2 (the Lucas half must
// catch them); and an independent Miller-Rabin (the wide product by shifts and adds, 12 bases)
// on random 65..128-bit numbers.
#include <cstdio>
#include <gtest/gtest.h>
#include <random>
#include <vector>

#include "primepool/check/bpsw.hpp"
#include "primepool/check/bpsw128.hpp"

using namespace primepool;

namespace {

constexpr u128 pow2(int e) { return static_cast<u128>(1) << e; }

// a * b mod n by doubling and adding (no Montgomery form, no wide product): slow but independent.
u128 mulmod_slow(u128 a, u128 b, u128 n) {
  u128 result = 0;
  a %= n;
  for (b %= n; b > 0; b >>= 1) {
    if (b & 1u) result = result >= n - a ? result - (n - a) : result + a;
    a = a >= n - a ? a - (n - a) : a + a;
  }
  return result;
}

u128 powmod_slow(u128 base, u128 e, u128 n) {
  u128 result = 1 % n;
  for (; e > 0; e >>= 1) {
    if (e & 1u) result = mulmod_slow(result, base, n);
    base = mulmod_slow(base, base, n);
  }
  return result;
}

// Miller-Rabin to the first 12 prime bases, the independent way.
bool miller_rabin_slow(u128 n) {
  static constexpr u64 kBases[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
  if (n < 2) return false;
  for (u64 p : kBases) {
    if (n % p == 0) return n == p;
  }
  u128 d = n - 1;
  int s = 0;
  for (; (d & 1u) == 0; d >>= 1) ++s;
  for (u64 a : kBases) {
    u128 x = powmod_slow(a, d, n);
    if (x == 1 || x == n - 1) continue;
    bool witness = true;
    for (int r = 1; r < s && witness; ++r) {
      x = mulmod_slow(x, x, n);
      if (x == n - 1) witness = false;
    }
    if (witness) return false;
  }
  return true;
}

u128 random128(std::mt19937_64& rng, int bits) {
  const u128 r = (static_cast<u128>(rng()) << 64) | rng();
  return bits == 128 ? r | pow2(127) : (r & (pow2(bits) - 1)) | pow2(bits - 1);
}

}  // namespace

TEST(Bpsw128, SquareRootAtEverySquaresEdge) {
  std::mt19937_64 rng(1);
  std::vector<u64> roots = {
      1,     2,         3,          (1ull << 32) - 1, 1ull << 32, (1ull << 32) + 1,
      ~0ull, ~0ull - 1, 1ull << 63, (1ull << 63) - 1};
  for (int i = 0; i < 100000; ++i) roots.push_back(rng() >> (rng() % 40));
  for (u64 r : roots) {
    const u128 square = static_cast<u128>(r) * r;
    ASSERT_EQ(isqrt128(square), r) << r;
    ASSERT_EQ(isqrt128(square - 1), r - 1) << r;
    ASSERT_EQ(isqrt128(square + 2 * static_cast<u128>(r)), r) << r;  // (r + 1)^2 - 1
  }
  EXPECT_EQ(isqrt128(~static_cast<u128>(0)), ~0ull);
}

TEST(Bpsw128, WideArithmeticAgreesWithTheProvenTestBelow2To64) {
  std::mt19937_64 rng(2);
  for (int i = 0; i < 1000000; ++i) {
    const u64 n = i < 500000 ? rng() | 1 : (~0ull - 2 * static_cast<u64>(i));  // near 2^64 too
    ASSERT_EQ(bpsw128_arithmetic(n), is_prime_mr(n)) << n;
    if (n > 2) {
      const u64 a = 2 + rng() % (n - 3);
      ASSERT_EQ(strong_probable_prime128(n, a), strong_probable_prime(n, a)) << n << " base " << a;
    }
  }
  for (u64 n = 0; n < 100000; ++n) ASSERT_EQ(bpsw128_arithmetic(n), is_prime_mr(n)) << n;
}

TEST(Bpsw128, KnownPrimesAbove2To64) {
  for (u64 k : {13, 37, 51, 81, 93}) EXPECT_TRUE(is_probable_prime128(pow2(64) + k)) << k;
  for (u64 k : {17, 87, 93}) EXPECT_TRUE(is_probable_prime128(pow2(96) - k)) << k;
  for (u64 k : {159, 173, 233, 237, 275}) EXPECT_TRUE(is_probable_prime128(-static_cast<u128>(k)));
  for (int p : {89, 107, 127}) EXPECT_TRUE(is_probable_prime128(pow2(p) - 1)) << "2^" << p << "-1";
  // The numbers between those primes are composite.
  for (u64 k = 1; k < 13; ++k) EXPECT_FALSE(is_probable_prime128(pow2(64) + k)) << k;
  for (u64 k = 1; k < 159; ++k) EXPECT_FALSE(is_probable_prime128(-static_cast<u128>(k))) << k;
  for (int p : {67, 101}) EXPECT_FALSE(is_probable_prime128(pow2(p) - 1)) << "2^" << p << "-1";
  EXPECT_FALSE(is_probable_prime128(~static_cast<u128>(0)));  // 2^128 - 1 (pow2(128) is undefined)
}

TEST(Bpsw128, ProductsAndSquaresOfPrimesAreComposite) {
  // Primes just below 2^64, 2^48 and 2^32 (the 64-bit test is a proof), multiplied in pairs.
  std::vector<u64> primes;
  for (u64 top : {~0ull, (1ull << 48) - 1, (1ull << 32) - 1}) {
    int found = 0;
    for (u64 n = top; found < 8; --n) {
      if (is_prime_mr(n)) {
        primes.push_back(n);
        ++found;
      }
    }
  }
  for (u64 p : primes) {
    for (u64 q : primes) {
      const u128 n = static_cast<u128>(p) * q;
      EXPECT_FALSE(is_probable_prime128(n)) << p << " * " << q;
    }
  }
}

TEST(Bpsw128, CarmichaelNumbersThatFoolBase2AreCaught) {
  // Chernick's (6k + 1)(12k + 1)(18k + 1), a Carmichael number when all three are prime; those
  // that are strong pseudoprimes to base 2 pass the first half of Baillie-PSW, so the Lucas half
  // must reject them.
  int carmichael = 0, fool_base_2 = 0;
  for (u64 k = 1u << 19; k < (1u << 19) + 200000 && fool_base_2 < 3; ++k) {
    const u64 a = 6 * k + 1, b = 12 * k + 1, c = 18 * k + 1;
    if (!is_prime_mr(a) || !is_prime_mr(b) || !is_prime_mr(c)) continue;
    const u128 n = static_cast<u128>(a) * b * c;
    ASSERT_GT(n, pow2(64));
    ++carmichael;
    EXPECT_FALSE(is_probable_prime128(n)) << a << " * " << b << " * " << c;
    EXPECT_EQ(powmod_slow(2, n - 1, n), 1u) << "not a Carmichael number";
    if (strong_probable_prime128(n, 2)) ++fool_base_2;
  }
  std::printf("%d Carmichael numbers, %d strong pseudoprimes to base 2\n", carmichael, fool_base_2);
  EXPECT_GT(carmichael, 20);
  EXPECT_GT(fool_base_2, 0) << "no strong pseudoprime to base 2 among " << carmichael;
}

TEST(Bpsw128, AgreesWithAnIndependentMillerRabinOnRandomNumbers) {
  std::mt19937_64 rng(3);
  int primes = 0;
  for (int i = 0; i < 20000; ++i) {
    const u128 n = random128(rng, 65 + i % 64) | 1;
    const bool ours = is_probable_prime128(n);
    ASSERT_EQ(ours, miller_rabin_slow(n))
        << static_cast<u64>(n >> 64) << ":" << static_cast<u64>(n);
    primes += ours;
  }
  EXPECT_GT(primes, 100);  // about 2 / ln(2^96) of odd numbers: some 300
}
