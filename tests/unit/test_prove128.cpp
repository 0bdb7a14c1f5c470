// --prove above 2^64: psi_13 and psi_12 (the strong pseudoprimes that bound the 13-base proof),
// the proof against Baillie-PSW on windows at 2^64, at psi_13 and below 2^128, its two paths
// against each other below psi_13, composites that pass base 2, and the proving methods' names.
#include <gtest/gtest.h>
#include <random>

#include "primepool/check/bpsw.hpp"
#include "primepool/check/bpsw128.hpp"
#include "primepool/check/method.hpp"
#include "primepool/check/prove128.hpp"

using namespace primepool;

namespace {

const Number kTwo64 = Number{1} << 64;

// The numbers from `from` to `from + count - 1`.
std::vector<Number> window(Number from, int count) {
  std::vector<Number> numbers;
  for (int i = 0; i < count; ++i) numbers.push_back(from + static_cast<unsigned>(i));
  return numbers;
}

}  // namespace

TEST(Prove128, PsiThirteenBoundsTheThirteenBaseProof) {
  EXPECT_EQ(to_decimal(kPsi13), "3317044064679887385961981");
  EXPECT_TRUE(strong_to_first_13_primes(kPsi13));  // 1287836182261 * 2575672364521
  EXPECT_FALSE(flint_proves_prime(kPsi13));
  EXPECT_FALSE(is_proven_prime128(kPsi13));
  // psi_12 = 399165290221 * 798330580441 passes the bases 2 to 37; 41 catches it.
  const Number psi12 = Number{17274} << 64 | 16800704772356552677ull;
  EXPECT_EQ(to_decimal(psi12), "318665857834031151167461");
  for (u64 a : {2u, 3u, 5u, 7u, 11u, 13u, 17u, 19u, 23u, 29u, 31u, 37u}) {
    EXPECT_TRUE(strong_probable_prime128(psi12, a)) << a;
  }
  EXPECT_FALSE(strong_to_first_13_primes(psi12));
  EXPECT_FALSE(is_proven_prime128(psi12));
}

// Proven exactly where Baillie-PSW says prime (no composite is known to pass it), on both sides
// of 2^64, of psi_13 (where the proof turns to FLINT) and below 2^128, and on random numbers.
TEST(Prove128, AgreesWithBailliePswOnWindowsAndRandomNumbers) {
  std::vector<Number> numbers = window(kTwo64 - 500, 3000);
  for (Number n : window(kPsi13 - 1500, 3000)) numbers.push_back(n);
  for (Number n : window(~Number{0} - 1999, 2000)) numbers.push_back(n);
  std::mt19937_64 random(13);
  for (int i = 0; i < 3000; ++i) {
    const int bits = 65 + i % 64;
    const Number high = bits > 64 ? Number{random()} >> (128 - bits) : 0;
    numbers.push_back((high << 64 | random()) | Number{1} << (bits - 1));
  }
  int primes = 0;
  for (Number n : numbers) {
    const bool prime = is_probable_prime128(n);
    primes += prime;
    ASSERT_EQ(is_proven_prime128(n), prime) << to_decimal(n);
  }
  EXPECT_GT(primes, 150);
}

// Below psi_13 the 13 bases and FLINT are two proofs: they agree on every odd number of a window
// above 2^64 and just below psi_13.
TEST(Prove128, ThirteenBasesAndFlintAgreeBelowPsiThirteen) {
  std::vector<Number> numbers = window(kTwo64 + 1, 2000);
  for (Number n : window(kPsi13 - 2001, 2000)) numbers.push_back(n);
  for (Number n : numbers) {
    if (n % 2 == 0) continue;
    ASSERT_EQ(strong_to_first_13_primes(n), flint_proves_prime(n)) << to_decimal(n);
  }
}

// Chernick's Carmichael numbers (6k+1)(12k+1)(18k+1) above 2^64: base 2 is fooled by some,
// neither proof by any.
TEST(Prove128, CarmichaelNumbersAboveTwoToThe64AreNeverProven) {
  int found = 0, strong_to_two = 0;
  for (u64 k = 242400; found < 60; ++k) {
    if (!is_prime_mr(6 * k + 1) || !is_prime_mr(12 * k + 1) || !is_prime_mr(18 * k + 1)) continue;
    const Number n = Number{6 * k + 1} * (12 * k + 1) * (18 * k + 1);
    ASSERT_GT(n, kTwo64);
    ++found;
    strong_to_two += strong_probable_prime128(n, 2);
    EXPECT_FALSE(strong_to_first_13_primes(n)) << to_decimal(n);
    EXPECT_FALSE(flint_proves_prime(n)) << to_decimal(n);
    EXPECT_FALSE(is_proven_prime128(n)) << to_decimal(n);
  }
  EXPECT_GT(strong_to_two, 0);
}

TEST(Prove128, ProvingMethodsAreNamedAndSayProven) {
  const Method& mr = *find_method("mr");
  const Method& proving_mr = proving(mr);
  EXPECT_EQ(method_name(proving_mr), "mr --prove");
  EXPECT_EQ(find_method("mr --prove"), &proving_mr);
  EXPECT_EQ(&proving(proving_mr), &proving_mr);
  EXPECT_EQ(find_method("mr --prove --prove"), nullptr);
  EXPECT_TRUE(probable_above_64(mr));
  EXPECT_FALSE(probable_above_64(proving_mr));
  EXPECT_EQ(proving_mr.wide, &is_proven_prime128);  // proven, not merely relabelled
  EXPECT_EQ(&proving(*find_method("trial")), find_method("trial"));  // a proof already
  const Method& sleepy = *find_method("sleep:1ns --prove");
  EXPECT_EQ(sleepy.wait_ns, 1u);
  EXPECT_FALSE(probable_above_64(sleepy));
  EXPECT_NE(find_method("sieve --prove")->progression_test, nullptr);
  const Number mersenne127 = (Number{1} << 127) - 1;
  EXPECT_TRUE(check(proving_mr, mersenne127));
  EXPECT_FALSE(check(proving_mr, mersenne127 - 2));
  EXPECT_FALSE(check(proving_mr, kPsi13));
  EXPECT_TRUE(check(proving_mr, 1000000007));
}
