// The trial-division kernel against a sieve up to 10^6, the reference sample and 64-bit edges.
// Also the exact integer square root, which the kernel's loop bound depends on.
#include <algorithm>
#include <cstdint>
#include <gtest/gtest.h>
#include <vector>

#include "primepool/check/trial.hpp"
#include "primepool/input.hpp"
#include "primepool/methods.hpp"

using namespace primepool;

namespace {
std::vector<bool> sieve(std::size_t limit) {
  std::vector<bool> prime(limit + 1, true);
  prime[0] = false;
  prime[1] = false;
  for (std::size_t i = 2; i * i <= limit; ++i) {
    if (!prime[i]) continue;
    for (std::size_t j = i * i; j <= limit; j += i) prime[j] = false;
  }
  return prime;
}
constexpr std::uint64_t kMax = UINT64_MAX;
}  // namespace

TEST(Isqrt, ExactAroundSquaresAndAtTheTop) {
  EXPECT_EQ(isqrt(0), 0u);
  EXPECT_EQ(isqrt(1), 1u);
  EXPECT_EQ(isqrt(3), 1u);
  EXPECT_EQ(isqrt(4), 2u);
  for (std::uint64_t r : {2ull, 3ull, 1000003ull, 4294967291ull, 4294967295ull}) {
    EXPECT_EQ(isqrt(r * r), r);
    EXPECT_EQ(isqrt(r * r - 1), r - 1);
    if (r < 4294967295ull) {
      EXPECT_EQ(isqrt(r * r + 1), r);
    }
  }
  EXPECT_EQ(isqrt(kMax), 4294967295ull);
  // Near 2^64, r^2 - 1 rounds up to r^2 as a double: the integer correction must catch it.
  for (std::uint64_t r = 4294967000ull; r < 4294967295ull; r += 37)
    EXPECT_EQ(isqrt(r * r - 1), r - 1);
}

TEST(TrialDivision, AgreesWithSieveUpToOneMillion) {
  const std::size_t limit = 1000000;
  const auto prime = sieve(limit);
  for (std::uint64_t n = 0; n <= limit; ++n) {
    ASSERT_EQ(is_prime_trial(n), prime[n]) << "n = " << n;
  }
}

TEST(TrialDivision, ReferenceSampleHasNinePrimes) {
  const std::vector<std::uint64_t> primes = {2,
                                             4444444444444423,
                                             142702110479723,
                                             5555555555555503,
                                             299593572317531,
                                             6666666666666719,
                                             3333333333333301,
                                             7777777777777753,
                                             9999999999999917};
  int count = 0;
  for (Number wide : sample_numbers()) {
    const auto n = static_cast<std::uint64_t>(wide);  // the sample is below 2^64
    const bool expected = std::find(primes.begin(), primes.end(), n) != primes.end();
    EXPECT_EQ(is_prime_trial(n), expected) << "n = " << n;
    count += expected;
  }
  EXPECT_EQ(count, 9);
  EXPECT_EQ(sample_numbers().size(), 20u);
}

TEST(TrialDivision, EdgeCases) {
  EXPECT_FALSE(is_prime_trial(0));
  EXPECT_FALSE(is_prime_trial(1));
  EXPECT_TRUE(is_prime_trial(2));
  EXPECT_TRUE(is_prime_trial(3));
  EXPECT_FALSE(is_prime_trial(4));
  EXPECT_FALSE(is_prime_trial(9));
  EXPECT_FALSE(is_prime_trial(25));
  EXPECT_FALSE(is_prime_trial(1000003ull * 1000003ull));  // square of a prime
  EXPECT_FALSE(
      is_prime_trial(4294967291ull * 4294967291ull));  // square of the largest prime < 2^32
  EXPECT_FALSE(is_prime_trial(4294967279ull * 4294967291ull));  // two primes near 2^32
  EXPECT_TRUE(is_prime_trial(4294967291ull));                   // largest prime below 2^32
  EXPECT_FALSE(is_prime_trial(4294967295ull));  // 2^32 - 1 = 3 * 5 * 17 * 257 * 65537
  EXPECT_FALSE(is_prime_trial(4294967296ull));
  EXPECT_TRUE(is_prime_trial(4294967311ull));  // smallest prime above 2^32
  EXPECT_FALSE(is_prime_trial(kMax));          // 2^64 - 1
  EXPECT_FALSE(is_prime_trial(kMax - 1));
}

TEST(TrialDivision, LargestPrimeBelowTwoToThe64) {
  EXPECT_TRUE(is_prime_trial(18446744073709551557ull));  // ~2^31 divisions, a few seconds
}

TEST(FindOddDivisor, FindsSmallestInRangeAndHonoursStop) {
  EXPECT_EQ(find_odd_divisor(15, 3, 3), 3u);
  EXPECT_EQ(find_odd_divisor(35, 3, 5), 5u);
  EXPECT_EQ(find_odd_divisor(35, 7, 7), 7u);
  EXPECT_EQ(find_odd_divisor(49, 3, 5), 0u);
  EXPECT_EQ(find_odd_divisor(49, 4, 7), 7u);  // even lo is moved to the next odd number
  // A composite whose smallest factor lies far beyond the first stretch of candidates: with
  // stop set the search gives up there and finds nothing; a search that ignores the flag
  // would go on and return the factor.
  const std::uint64_t n = 1000003ull * 1000033ull;
  std::atomic<bool> stop{true};
  EXPECT_EQ(find_odd_divisor(n, 3, isqrt(n), &stop), 0u);
  stop = false;
  EXPECT_EQ(find_odd_divisor(n, 3, isqrt(n), &stop), 1000003u);
}
