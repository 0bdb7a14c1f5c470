// Numbers of 2^128 and above: BigInt's arithmetic, and the kernels (FLINT's Baillie-PSW and
// proof, the exact divisor search) on known primes, composites and pseudoprimes.
#include <atomic>
#include <gtest/gtest.h>
#include <random>
#include <string>

#include "primepool/check/big_number.hpp"
#include "primepool/check/method.hpp"

namespace primepool {
namespace {

std::string mersenne(unsigned e) {
  BigInt m = BigInt(2).pow(e);
  m -= BigInt(1);
  return m.decimal();
}

TEST(BigInt, ArithmeticIsExact) {
  const BigInt two128 = BigInt(2).pow(128);
  EXPECT_EQ(two128.decimal(), "340282366920938463463374607431768211456");
  EXPECT_EQ(two128.bits(), 129u);
  EXPECT_FALSE(two128.fits128());
  BigInt below = two128;
  below -= BigInt(1);
  EXPECT_TRUE(below.fits128());
  EXPECT_TRUE(below.low128() == kMaxNumber);
  EXPECT_EQ(BigInt::from_decimal("000123").decimal(), "123");
  EXPECT_EQ(BigInt().bits(), 0u);
  BigInt product = BigInt::from_decimal("12345678901234567890123");
  product *= BigInt::from_decimal("98765432109876543210987");
  EXPECT_EQ(product.decimal(), "1219326311370217952261797134336296860222381401");
  EXPECT_EQ(product.divided_by(BigInt::from_decimal("98765432109876543210987")).decimal(),
            "12345678901234567890123");
  EXPECT_LT(BigInt(5).compare(BigInt(7)), 0);
  EXPECT_THROW(BigInt::from_decimal("12x"), std::invalid_argument);
}

TEST(BigInt, WithBitsIsExactlyThatWide) {
  std::mt19937_64 engine(1);
  for (std::size_t bits : {129u, 192u, 1000u, 8192u}) {
    const BigInt x = BigInt::with_bits(bits, [&engine] { return engine(); });
    EXPECT_EQ(x.bits(), bits);
  }
  std::mt19937_64 a(9), b(9);  // the same draws, the same number
  EXPECT_EQ(BigInt::with_bits(300, [&a] { return a(); }).decimal(),
            BigInt::with_bits(300, [&b] { return b(); }).decimal());
}

TEST(BigKernels, KnownPrimesAndComposites) {
  for (unsigned e : {521u, 607u, 1279u, 2203u}) {
    EXPECT_TRUE(big_is_probable_prime(mersenne(e))) << e;
    EXPECT_FALSE(big_is_probable_prime(BigInt::from_decimal(mersenne(e)).pow(2).decimal())) << e;
  }
  for (unsigned e : {523u, 1277u, 8191u}) EXPECT_FALSE(big_is_probable_prime(mersenne(e))) << e;
  EXPECT_TRUE(big_is_proven_prime(mersenne(607)));
  EXPECT_FALSE(big_is_proven_prime(mersenne(523)));
  // F. Arnault (Math. Comp. 64, 1995): composite, a strong pseudoprime to every prime base below
  // 307; Baillie-PSW's Lucas test sees through it.
  const std::string arnault =
      "28871482380507712126714295971303939919776094592797227009265160241974323037991527331163289831"
      "44639225941977803110929349655578418949441740933805615113979999421542416933972905423711002751"
      "04208013496673175515285922696291677532547504444585610194940420003990443211677661994962953925"
      "04526987193290703735640322737012784538991261203092448414947289768854060249767681220770716879"
      "38121709811322297802059565867";
  EXPECT_FALSE(big_is_probable_prime(arnault));
  EXPECT_FALSE(big_is_proven_prime(arnault));
}

TEST(BigKernels, DivisorSearchFindsSmallFactorsAndStops) {
  for (bool wheel : {false, true}) {
    for (unsigned p : {2u, 3u, 5u, 7u, 11u, 65537u}) {
      BigInt n = BigInt(2).pow(200);
      n += BigInt(1);
      n *= BigInt(p);
      EXPECT_EQ(big_divisor_search(n.decimal(), wheel, {}), std::optional<bool>(false)) << p;
    }
    // A prime above 2^128 is never settled by a divisor search in a test's time: a stop ends it.
    int asked = 0;
    EXPECT_EQ(big_divisor_search(mersenne(521), wheel, [&asked] { return ++asked > 3; }),
              std::nullopt);
    EXPECT_EQ(asked, 4);
  }
}

TEST(BigKernels, EveryMethodHasOne) {
  const std::string m521 = mersenne(521), m523 = mersenne(523);
  for (const char* name : {"mr", "mr --prove", "sieve", "sleep:1us"}) {
    const Method& method = *find_method(name);
    EXPECT_EQ(check_big(method, m521, true), std::optional<bool>(true)) << name;
    EXPECT_EQ(check_big(method, m523, true), std::optional<bool>(false)) << name;
  }
  BigInt even = BigInt(2).pow(300);
  for (const char* name : {"trial", "wheel"}) {
    EXPECT_EQ(check_big(*find_method(name), even.decimal(), true), std::optional<bool>(false));
    EXPECT_EQ(check_big(*find_method(name), m521, true, [] { return true; }), std::nullopt);
  }
}

}  // namespace
}  // namespace primepool
