// The vectorized divisor scan (trial division and the wheel) against a plain `%` loop, in both of
// its forms this CPU runs (AVX-512, AVX2, the SSE2 baseline), on every edge of its exactness
// argument: n around 2^53, 2^63 and 2^64, divisors near 2^16, 2^26 and 2^32, and random n and d.
#include <cstdint>
#include <gtest/gtest.h>
#include <random>
#include <vector>

#include "primepool/check/divisor_scan.hpp"
#include "primepool/check/method.hpp"
#include "primepool/check/trial.hpp"
#include "primepool/check/wheel.hpp"

using namespace primepool;

namespace {

// Every form this CPU runs (AVX-512, AVX2 with FMA, the SSE2 baseline).
std::vector<ScanForm> forms() {
  std::vector<ScanForm> out;
  for (ScanForm f : {ScanForm::kAvx512, ScanForm::kAvx2, ScanForm::kBaseline})
    if (scan_form_available(f)) out.push_back(f);
  return out;
}

bool wheel_candidate(std::uint64_t d) { return d % 2 != 0 && d % 3 != 0 && d % 5 != 0; }

// The smallest candidate in [lo, hi] dividing n, by the plain loop.
std::uint64_t plain(std::uint64_t n, std::uint64_t lo, std::uint64_t hi, bool wheel) {
  for (std::uint64_t d = lo; d <= hi; ++d) {
    if ((wheel ? wheel_candidate(d) : d % 2 == 1) && n % d == 0) return d;
  }
  return 0;
}

// Both patterns, both forms, on [lo, hi] (lo >= 7, so the wheel's candidates start there too).
void expect_scan(std::uint64_t n, std::uint64_t lo, std::uint64_t hi) {
  if (lo < 7) lo = 7;
  if (hi > 4294967295u) hi = 4294967295u;
  for (bool wheel : {false, true}) {
    const std::uint64_t want = plain(n, lo, hi, wheel);
    const DivisorPattern& p = wheel ? wheel_divisors() : odd_divisors();
    for (ScanForm form : forms()) {
      ASSERT_EQ(scan_divisors(n, lo, hi, p, nullptr, form), want)
          << "n " << n << " [" << lo << ", " << hi << "] " << (wheel ? "wheel" : "odd") << " form "
          << static_cast<int>(form);
    }
  }
}

// The first and the last few thousand candidates of n's search.
void expect_ends(std::uint64_t n) {
  const std::uint64_t root = isqrt(n);
  expect_scan(n, 7, 20000);
  if (root > 20000) expect_scan(n, root - 20000, root);
}

}  // namespace

TEST(DivisorScan, EveryNumberUpTo100000AgreesWithThePlainLoop) {
  for (std::uint64_t n = 0; n <= 100000; ++n) {
    ASSERT_EQ(is_prime_trial(n), is_prime_wheel(n)) << n;
    if (n >= 49) expect_scan(n, 7, isqrt(n));
  }
}

TEST(DivisorScan, AroundTwoToThe53And63And64) {
  for (std::uint64_t centre : {1ull << 53, 1ull << 63}) {
    for (std::uint64_t n = centre - 200; n <= centre + 200; ++n) expect_ends(n);
  }
  for (std::uint64_t n = UINT64_MAX - 400;; ++n) {
    expect_ends(n);
    if (n == UINT64_MAX) break;
  }
}

TEST(DivisorScan, ProductsAndSquaresOfPrimesNear2To16And26And32) {
  const std::vector<std::uint64_t> primes = {65521,         65537,         67108859,     67108879,
                                             4294967291ull, 4294967279ull, 4294967231ull};
  for (std::uint64_t p : primes) {
    for (std::uint64_t q : primes) {
      if (p > UINT64_MAX / q) continue;
      const std::uint64_t n = p * q, small = p < q ? p : q;
      expect_scan(n, small > 3000 ? small - 3000 : 7, small + 3000);
      expect_scan(n + 2, small > 3000 ? small - 3000 : 7, small + 3000);
    }
  }
}

TEST(DivisorScan, RandomNumbersOfEveryBitSizeAndRandomDivisors) {
  std::mt19937_64 rng(2026);
  for (int i = 0; i < 1000000; ++i) {
    const int bits = 7 + i % 58;  // 7 .. 64
    std::uint64_t n = rng() >> (64 - bits);
    if (i % 3 == 0) {  // a multiple of a random odd d: the scan must find d or a smaller one
      const std::uint64_t d = (rng() >> 32) | 1u;
      if (d < 7) continue;
      n = d * (1 + (rng() >> 32) % (UINT64_MAX / d));
      const std::uint64_t lo = d > 64 ? d - 64 : 7;
      for (ScanForm form : forms()) {
        ASSERT_EQ(scan_divisors(n, lo, d + 64, odd_divisors(), nullptr, form),
                  plain(n, lo, d + 64, false))
            << n << " " << d;
      }
      continue;
    }
    const std::uint64_t root = isqrt(n);
    if (root < 7) continue;
    const std::uint64_t lo = 7 + rng() % (root - 6);
    for (ScanForm form : forms()) {
      ASSERT_EQ(scan_divisors(n, lo, std::min(root, lo + 40), odd_divisors(), nullptr, form),
                plain(n, lo, std::min(root, lo + 40), false))
          << n << " " << lo;
    }
  }
}

// Large quotients are where a less accurate 1 / d would show: n / d near 2^64 / d.
TEST(DivisorScan, EverySmallDivisorOfTheLargestMultiples) {
  for (std::uint64_t d = 7; d < 2000000; d += 2) {
    const std::uint64_t top = UINT64_MAX / d, at53 = (std::uint64_t{1} << 53) / d;
    for (std::uint64_t n : {d * top, d * (top - 1), d * at53}) {
      for (ScanForm form : forms()) {
        ASSERT_EQ(scan_divisors(n, d, d, odd_divisors(), nullptr, form), d) << n << " " << d;
        ASSERT_EQ(scan_divisors(n - 2, d, d, odd_divisors(), nullptr, form), 0u) << n - 2;
      }
    }
  }
}

TEST(DivisorScan, TheMethodsAgreeOnRandomNumbersUpTo40Bits) {
  std::mt19937_64 rng(7);
  for (int i = 0; i < 20000; ++i) {
    const std::uint64_t n = rng() >> (24 + i % 40);
    const bool mr = check(*find_method("mr"), n, true);
    ASSERT_EQ(is_prime_trial(n), mr) << n;
    ASSERT_EQ(is_prime_wheel(n), mr) << n;
  }
}

TEST(DivisorScan, AStopEndsTheSearch) {
  // p * q's smallest divisor is q, near 2^32: only a search that honours the stop returns 0.
  const std::uint64_t n = 4294967291ull * 4294967279ull;
  for (ScanForm form : forms()) {
    std::atomic<bool> stop{true};
    EXPECT_EQ(scan_divisors(n, 7, 4294967295u, odd_divisors(), &stop, form), 0u);
    stop = false;
    EXPECT_EQ(scan_divisors(n, 4294967279ull - 1000, 4294967295u, odd_divisors(), &stop, form),
              4294967279ull);
  }
}
