// Every method agrees on every test number: a sieve up to 10^7, the reference sample, strong
// pseudoprimes to several bases, Carmichael numbers, products of primes near 2^32, primes near
// 2^64; above 2^64, the 128-bit kernels of every method on numbers with small factors.
#include <gtest/gtest.h>
#include <random>
#include <vector>

#include "primepool/check/bpsw.hpp"
#include "primepool/check/method.hpp"
#include "primepool/check/trial.hpp"
#include "primepool/input.hpp"

using namespace primepool;

namespace {

std::vector<bool> sieve(std::size_t limit) {
  std::vector<bool> prime(limit + 1, true);
  prime[0] = prime[1] = false;
  for (std::size_t i = 2; i * i <= limit; ++i) {
    if (!prime[i]) continue;
    for (std::size_t j = i * i; j <= limit; j += i) prime[j] = false;
  }
  return prime;
}

const Method& method(const char* name) { return *find_method(name); }

// Known composites that fool weaker tests.
const std::vector<std::uint64_t> kStrongPseudoprimes = {
    2047ull,                 // base 2
    1373653ull,              // bases 2, 3
    25326001ull,             // bases 2, 3, 5
    3215031751ull,           // bases 2, 3, 5, 7
    2152302898747ull,        // bases 2..11
    3474749660383ull,        // bases 2..13
    341550071728321ull,      // bases 2..17
    3825123056546413051ull,  // bases 2..23
};
const std::vector<std::uint64_t> kCarmichael = {561,
                                                1105,
                                                1729,
                                                2465,
                                                2821,
                                                6601,
                                                8911,
                                                41041,
                                                825265,
                                                321197185,
                                                5394826801,
                                                232250619601,
                                                9746347772161ull};

}  // namespace

TEST(Methods, NamesAreFoundAndListed) {
  EXPECT_EQ(method_names(), (std::vector<std::string>{"trial", "wheel", "mr", "sieve"}));
  EXPECT_EQ(find_method("nope"), nullptr);
  EXPECT_EQ(&trial_method(), find_method("trial"));
}

TEST(Methods, AllAgreeWithASieveUpToTenMillion) {
  const std::size_t limit = 10000000;
  const auto prime = sieve(limit);
  for (const char* name : {"trial", "wheel", "mr"}) {
    const PrimeTest test = method(name).test;
    for (std::uint64_t n = 0; n <= limit; ++n) {
      if (test(n) != prime[n]) {
        ADD_FAILURE() << name << " is wrong on " << n;
        break;
      }
    }
  }
}

TEST(Methods, ReferenceSample) {
  for (Number wide : sample_numbers()) {
    const auto n = static_cast<std::uint64_t>(wide);  // the sample is below 2^64
    const bool expected = is_prime_trial(n);
    EXPECT_EQ(method("wheel").test(n), expected) << n;
    EXPECT_EQ(method("mr").test(n), expected) << n;
  }
}

TEST(Methods, StrongPseudoprimesAndCarmichaelNumbersAreComposite) {
  for (const auto* list : {&kStrongPseudoprimes, &kCarmichael}) {
    for (std::uint64_t n : *list) {
      for (const char* name : {"trial", "wheel", "mr"}) {
        EXPECT_FALSE(method(name).test(n)) << name << " calls " << n << " prime";
      }
    }
  }
  // They really do fool single bases: the filter and the base set are what catch them.
  EXPECT_TRUE(strong_probable_prime(2047, 2));
  EXPECT_TRUE(strong_probable_prime(3215031751ull, 7));
  EXPECT_TRUE(strong_probable_prime(3825123056546413051ull, 23));
}

TEST(Methods, ProductsAndSquaresOfPrimesNearTwoToThe32) {
  const std::uint64_t p = 4294967291ull, q = 4294967279ull, r = 4294967231ull;
  for (std::uint64_t n : {p * p, p * q, q * r, q * q}) {
    EXPECT_FALSE(method("mr").test(n)) << n;
  }
  // The divisor searches take seconds on these; one each is enough next to the kernel tests.
  EXPECT_FALSE(method("wheel").test(p * q));
  EXPECT_TRUE(method("wheel").test(p));
  EXPECT_TRUE(method("mr").test(p));
  EXPECT_TRUE(method("mr").test(q));
}

TEST(Methods, PrimesJustBelowTwoToThe64) {
  for (std::uint64_t n :
       {18446744073709551557ull, 18446744073709551533ull, 18446744073709551521ull}) {
    EXPECT_TRUE(method("mr").test(n)) << n;
  }
  for (std::uint64_t n : {18446744073709551615ull, 18446744073709551614ull, 18446744073709551559ull,
                          18446744073709551555ull}) {
    EXPECT_FALSE(method("mr").test(n)) << n;
    EXPECT_FALSE(method("wheel").test(n)) << n;  // these have small factors: fast
  }
  EXPECT_TRUE(method("wheel").test(18446744073709551557ull));  // about a second
}

TEST(Methods, MillerRabinAgreesWithTrialOnARangeOfLargeNumbers) {
  // 10^12 .. 10^12 + 20000: trial division is still fast there.
  for (std::uint64_t n = 1000000000000ull; n < 1000000020000ull; ++n) {
    ASSERT_EQ(method("mr").test(n), is_prime_trial(n)) << n;
  }
}

// is_prime_sinclair: the 7-base deterministic Miller-Rabin of Jim Sinclair, proven for every
// n < 2^64, is the reference that "mr" (Baillie-PSW) must agree with, and --verify's check of mr.
namespace {
bool sinclair(std::uint64_t n) { return is_prime_sinclair(n); }
}  // namespace

TEST(Methods, SevenBaseMillerRabinAgreesWithTrialDivision) {
  for (std::uint64_t n = 0; n < 200000; ++n) ASSERT_EQ(sinclair(n), is_prime_trial(n)) << n;
  for (std::uint64_t n = 1000000000000ull; n < 1000000020000ull; ++n) {
    ASSERT_EQ(sinclair(n), is_prime_trial(n)) << n;
  }
}

TEST(Methods, VerifiersAreOtherMethodsAndTheLyingMethodLiesOnce) {
  EXPECT_EQ(method_name(verifier(method("trial"))), "mr");
  EXPECT_EQ(method_name(verifier(method("wheel"))), "mr");
  EXPECT_EQ(method_name(verifier(method("sieve"))), "mr");
  EXPECT_EQ(method_name(verifier(method("mr"))), "mr-bases");
  EXPECT_EQ(method_name(verifier(method("sleep:1us"))), "mr-bases");
  const Method& lie = method("lie:97");
  EXPECT_FALSE(check(lie, 97));  // prime, said composite
  EXPECT_TRUE(check(lie, 101));
  EXPECT_FALSE(check(lie, 99));
  EXPECT_TRUE(check(verifier(lie), 97));
  EXPECT_EQ(find_method("lie:"), nullptr);
  EXPECT_EQ(find_method("lie:9x"), nullptr);
}

TEST(Methods, BaillieWagstaffPswAgreesWithSevenBaseMillerRabin) {
  std::mt19937_64 rng(64);
  for (int i = 0; i < 1000000; ++i) {
    const std::uint64_t n = rng() >> (i % 50);
    ASSERT_EQ(method("mr").test(n), sinclair(n)) << n;
  }
  for (std::uint64_t n = UINT64_MAX - 200000; n != 0; ++n) {
    ASSERT_EQ(method("mr").test(n), sinclair(n)) << n;
  }
  for (std::uint64_t n = (1ull << 32) - 100000; n < (1ull << 32) + 100000; ++n) {
    ASSERT_EQ(method("mr").test(n), sinclair(n)) << n;
  }
}

TEST(Methods, BaseTwoAndLucasPseudoprimesAreEachCaughtByTheOtherHalf) {
  // Every base-2 strong pseudoprime below 10^7 (found here) fails the Lucas half.
  int base2 = 0;
  for (std::uint64_t n = 59 * 59; n < 10000000; n += 2) {
    if (strong_probable_prime(n, 2) && !is_prime_trial(n)) {
      ++base2;
      ASSERT_FALSE(method("mr").test(n)) << n;
    }
  }
  EXPECT_EQ(base2, 162 - 2);  // OEIS A001262 below 10^7, less 2047 and 3277 (below 59^2)
  // Strong Lucas pseudoprimes (OEIS A217255, Selfridge's parameters): base 2 catches them.
  for (std::uint64_t n : {5459u, 5777u, 10877u, 16109u, 18971u, 22499u, 24569u, 25199u, 40309u,
                          58519u, 75077u, 97439u, 100127u, 113573u, 115639u, 130139u}) {
    ASSERT_FALSE(method("mr").test(n)) << n;
    ASSERT_FALSE(is_prime_trial(n)) << n;
  }
  // Strong pseudoprimes to many bases at once, and squares (no Selfridge D exists for them).
  for (std::uint64_t n : {3825123056546413051ull, 4294967291ull * 4294967291ull,
                          1000003ull * 1000003ull, 3ull * 3ull}) {
    ASSERT_FALSE(method("mr").test(n)) << n;
  }
}

// Above 2^64 each method takes its 128-bit kernel, through check(), as the pool calls it: they
// agree on composites whose smallest factor is below 2^20 (so trial and wheel end quickly) and
// on products of a prime below 2^20 with one above 2^64 / 2^20. Baillie-PSW alone on primes.
TEST(Methods, AgreeAboveTwoToThe64) {
  std::mt19937_64 random(64);
  const std::vector<std::uint64_t> small_primes = {3, 5, 7, 11, 13, 1009, 65537, 1048573};
  const Number two64 = Number{1} << 64;
  for (int i = 0; i < 400; ++i) {
    const std::uint64_t p = small_primes[static_cast<std::size_t>(i) % small_primes.size()];
    const Number cofactor = two64 / p + 1 + random() % 1000000;
    const Number n = cofactor * p;  // above 2^64, below 2^85
    ASSERT_TRUE(is_wide(n));
    for (const char* name : {"trial", "wheel", "mr", "sleep:1ns"}) {
      EXPECT_FALSE(check(method(name), n)) << name << " calls " << to_decimal(n) << " prime";
    }
  }
  // 2^64 + 13, 2^89 - 1 and 2^127 - 1 are prime, each number two below it composite.
  for (const Number prime : {two64 + 13, (Number{1} << 89) - 1, (Number{1} << 127) - 1}) {
    EXPECT_TRUE(check(method("mr"), prime)) << to_decimal(prime);
    EXPECT_TRUE(check(method("sleep:1ns"), prime)) << to_decimal(prime);
    EXPECT_FALSE(check(method("mr"), prime - 2))
        << to_decimal(prime - 2);  // 9, 29 and 25 divide them
  }
  EXPECT_FALSE(check(method("trial"), two64 + 15));  // 3 * 5 * ...
  EXPECT_FALSE(check(method("wheel"), two64 + 15));
  EXPECT_FALSE(check(method("wheel"), (two64 + 13) * 7));
  EXPECT_FALSE(check(method("trial"), (two64 + 13) * 1048573));
}

// The divisor searches' 128-bit paths as the split check calls them: every piece of a wide
// number's range, and a divisor found in the piece that holds it.
TEST(Methods, WideDivisorSearchesFindTheFactorInItsPiece) {
  const Number n = Number{4294967291ull} * 4294967279ull * 5000011ull;  // about 2^86.3
  for (const char* name : {"trial", "wheel"}) {
    const Method& m = method(name);
    EXPECT_EQ(m.screen(n), Screen::kSearch);
    EXPECT_EQ(m.search(n, 5000000, 5000100, nullptr), 5000011u) << name;
    EXPECT_EQ(m.search(n, 5000013, 6000000, nullptr), 0u) << name;
    EXPECT_EQ(m.search(n, 4294967000ull, 4294967291ull, nullptr), 4294967279ull) << name;
  }
}
