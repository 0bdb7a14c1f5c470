// Benchmark (not a test) of the primality kernels on one core, each against its baseline in the
// same run: trial division and the wheel against a plain `%` loop, Miller-Rabin against FLINT.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <flint/ulong_extras.h>
#include <random>
#include <vector>

#include "primepool/check/bpsw.hpp"
#include "primepool/check/trial.hpp"
#include "primepool/check/wheel.hpp"
#include "primepool/input.hpp"
#include "primepool/methods.hpp"

using u64 = std::uint64_t;

namespace {

// The reference's algorithm as a plain loop: odd divisors 3, 5, ... up to the square root.
bool plain_trial(u64 n) {
  if (n < 2) return false;
  if (n % 2 == 0) return n == 2;
  const u64 root = primepool::isqrt(n);
  for (u64 d = 3; d <= root; d += 2) {
    if (n % d == 0) return false;
  }
  return true;
}

// The best of three timings of `test` over `numbers` (seconds), and how many were prime.
template <typename Test>
double best_of_3(const std::vector<u64>& numbers, Test test, u64& primes) {
  double best = 1e300;
  for (int round = 0; round < 3; ++round) {
    const auto t0 = std::chrono::steady_clock::now();
    u64 count = 0;
    for (u64 n : numbers) count += test(n) ? 1 : 0;
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - t0;
    best = std::min(best, took.count());
    primes = count;
  }
  return best;
}

int compare(const char* title, const std::vector<u64>& numbers, const char* base_name,
            bool (*base)(u64), const char* name, bool (*ours)(u64), const char* goal) {
  u64 base_primes = 0, our_primes = 0;
  const double tb = best_of_3(numbers, base, base_primes);
  const double to = best_of_3(numbers, ours, our_primes);
  std::printf("%s (%zu numbers, %llu primes)\n", title, numbers.size(),
              static_cast<unsigned long long>(our_primes));
  std::printf("   %-22s %.4fs (%.3f us a number)\n", base_name, tb,
              1e6 * tb / static_cast<double>(numbers.size()));
  std::printf("   %-22s %.4fs (%.3f us a number)\n", name, to,
              1e6 * to / static_cast<double>(numbers.size()));
  std::printf("   ratio: %.2fx (%s)\n", tb / to, goal);
  if (base_primes != our_primes) {
    std::printf("MISMATCH: %llu vs %llu primes\n", static_cast<unsigned long long>(base_primes),
                static_cast<unsigned long long>(our_primes));
    return 1;
  }
  return 0;
}

bool flint_is_prime(u64 n) { return n_is_prime(n) != 0; }

// `count` primes just below 2^64, found with FLINT.
std::vector<u64> primes_below_2_64(std::size_t count) {
  std::vector<u64> out;
  for (u64 n = UINT64_MAX; out.size() < count; n -= 2) {
    if (n_is_prime(n)) out.push_back(n);
  }
  return out;
}

}  // namespace

int main() {
  const std::vector<u64> sample = primepool::sample_numbers();
  int bad = 0;
  bad += compare("1. Trial division, the reference's 20 numbers", sample, "plain % loop",
                 plain_trial, "primepool trial", primepool::is_prime_trial, "goal >= 3x, aim 5x");
  const std::vector<u64> big = {18446744073709551557ull};
  bad += compare("2. Trial division, 18446744073709551557", big, "plain % loop", plain_trial,
                 "primepool trial", primepool::is_prime_trial, "goal >= 3x");
  bad += compare("3. The wheel against trial division, the 20 numbers", sample, "primepool trial",
                 primepool::is_prime_trial, "primepool wheel", primepool::is_prime_wheel,
                 "goal > 1x: the wheel stays faster");
  const std::vector<u64> primes = primes_below_2_64(100000);
  bad +=
      compare("4. Miller-Rabin, primes just below 2^64", primes, "FLINT n_is_prime", flint_is_prime,
              "primepool mr", primepool::is_prime_mr, "goal >= 1x: on par with FLINT");
  std::mt19937_64 rng(42);
  std::vector<u64> random(1000000);
  for (u64& n : random) n = rng();
  bad +=
      compare("5. Miller-Rabin, random 64-bit numbers", random, "FLINT n_is_prime", flint_is_prime,
              "primepool mr", primepool::is_prime_mr, "goal >= 1x: on par with FLINT");
  return bad;
}
