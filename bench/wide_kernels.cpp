// Benchmark (not a test) of the kernels above 2^64 on one core, against GMP and FLINT in the same
// run: Baillie-PSW on two limbs (check/bpsw128) against FLINT's fmpz_is_probabprime and GMP's
// mpz_probab_prime_p(n, 1) (Baillie-PSW since GMP 6.2) on primes just below 2^128 and on random
// 65..128-bit numbers, and per test against our own 64-bit Baillie-PSW; trial division's
// time a divisor (check/trial128); --prove (check/prove128) against FLINT's fmpz_is_prime on
// primes near 2^128 and below psi_13 (goal <= 1.1x); above 2^128 (check/big_number), the
// program's check of a big number from its digits against GMP's and FLINT's Baillie-PSW on
// numbers they already hold, on 1,000 primes of 1024 bits and 100 tests of 4096-bit primes (goal
// <= 1.1x the faster).
#include <gmp.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <flint/fmpz.h>
#include <random>
#include <vector>

#include "primepool/check/bpsw.hpp"
#include "primepool/check/bpsw128.hpp"
#include "primepool/check/prove128.hpp"
#include "primepool/check/method.hpp"
#include "primepool/check/trial128.hpp"

using primepool::u128;
using primepool::u64;

namespace {

void to_mpz(mpz_t z, u128 n) {
  mpz_set_ui(z, static_cast<unsigned long>(n >> 64));
  mpz_mul_2exp(z, z, 64);
  mpz_add_ui(z, z, static_cast<unsigned long>(n));
}

// Seconds for `test` over `numbers`, best of three, and how many it called prime.
template <typename Test>
double best_of_3(const std::vector<u128>& numbers, Test test, std::size_t& primes) {
  double best = 1e300;
  for (int round = 0; round < 3; ++round) {
    const auto t0 = std::chrono::steady_clock::now();
    std::size_t count = 0;
    for (u128 n : numbers) count += test(n) ? 1 : 0;
    best = std::min(best,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    primes = count;
  }
  return best;
}

int compare(const char* title, const std::vector<u128>& numbers) {
  mpz_t z;
  mpz_init(z);
  fmpz_t f;
  fmpz_init(f);
  std::size_t ours_primes = 0, gmp_primes = 0, flint_primes = 0;
  const double ours = best_of_3(numbers, primepool::is_probable_prime128, ours_primes);
  const double gmp = best_of_3(
      numbers,
      [&](u128 n) {
        to_mpz(z, n);
        return mpz_probab_prime_p(z, 1) != 0;
      },
      gmp_primes);
  const double flint = best_of_3(
      numbers,
      [&](u128 n) {
        to_mpz(z, n);
        fmpz_set_mpz(f, z);
        return fmpz_is_probabprime(f) != 0;
      },
      flint_primes);
  const double each = 1e6 / static_cast<double>(numbers.size());
  std::printf("%s (%zu numbers, %zu primes)\n", title, numbers.size(), ours_primes);
  std::printf("   %-36s %.4fs (%.3f us a number)\n", "GMP mpz_probab_prime_p(n, 1)", gmp,
              gmp * each);
  std::printf("   %-36s %.4fs (%.3f us a number)\n", "FLINT fmpz_is_probabprime", flint,
              flint * each);
  std::printf("   %-36s %.4fs (%.3f us a number)\n", "primepool bpsw128", ours, ours * each);
  std::printf("   ours / GMP: %.2fx, ours / FLINT: %.2fx (goal <= 1.0x each)\n", ours / gmp,
              ours / flint);
  mpz_clear(z);
  fmpz_clear(f);
  if (ours_primes != gmp_primes || ours_primes != flint_primes) {
    std::printf("MISMATCH: %zu, %zu, %zu primes\n", ours_primes, gmp_primes, flint_primes);
    return 1;
  }
  return 0;
}

// --prove against FLINT's own proof on the same primes.
int compare_proofs(const char* title, const std::vector<u128>& numbers) {
  fmpz_t f;
  fmpz_init(f);
  std::size_t ours_primes = 0, flint_primes = 0;
  const double ours = best_of_3(numbers, primepool::is_proven_prime128, ours_primes);
  const double flint = best_of_3(
      numbers,
      [&](u128 n) {
        fmpz_set_uiui(f, static_cast<mp_limb_t>(n >> 64), static_cast<mp_limb_t>(n));
        return fmpz_is_prime(f) == 1;
      },
      flint_primes);
  fmpz_clear(f);
  const double each = 1e6 / static_cast<double>(numbers.size());
  std::printf("%s (%zu primes)\n", title, numbers.size());
  std::printf("   %-36s %.4fs (%.3f us a prime)\n", "FLINT fmpz_is_prime", flint, flint * each);
  std::printf("   %-36s %.4fs (%.3f us a prime)\n", "primepool is_proven_prime128", ours,
              ours * each);
  std::printf("   ours / FLINT: %.2fx (goal <= 1.1x)\n", ours / flint);
  if (ours_primes != numbers.size() || flint_primes != numbers.size()) {
    std::printf("MISMATCH: %zu, %zu proven of %zu\n", ours_primes, flint_primes, numbers.size());
    return 1;
  }
  return 0;
}

// Primes of `bits` bits: `distinct` of them from GMP's nextprime, each repeated to `count`.
std::vector<std::string> big_primes(int bits, std::size_t distinct, std::size_t count) {
  gmp_randstate_t state;
  gmp_randinit_mt(state);
  gmp_randseed_ui(state, 2026);
  mpz_t p;
  mpz_init(p);
  std::vector<std::string> made;
  for (std::size_t i = 0; i < distinct; ++i) {
    mpz_urandomb(p, state, static_cast<mp_bitcnt_t>(bits));
    mpz_setbit(p, static_cast<mp_bitcnt_t>(bits - 1));
    mpz_nextprime(p, p);
    std::string digits(mpz_sizeinbase(p, 10) + 2, '\0');
    mpz_get_str(digits.data(), 10, p);
    digits.resize(digits.find('\0'));
    made.push_back(digits);
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) out.push_back(made[i % distinct]);
  mpz_clear(p);
  gmp_randclear(state);
  return out;
}

// The program's big kernel (decimal digits in, as a job holds them) against GMP and FLINT on
// numbers already converted.
int compare_big(const char* title, const std::vector<std::string>& numbers) {
  const primepool::Method& mr = *primepool::find_method("mr");
  std::vector<mpz_t> z(numbers.size());
  std::vector<fmpz> f(numbers.size());
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    mpz_init_set_str(z[i], numbers[i].c_str(), 10);
    fmpz_init(&f[i]);
    fmpz_set_mpz(&f[i], z[i]);
  }
  auto timed = [&numbers](auto test, std::size_t& primes) {
    double best = 1e300;
    for (int round = 0; round < 3; ++round) {
      const auto t0 = std::chrono::steady_clock::now();
      std::size_t count = 0;
      for (std::size_t i = 0; i < numbers.size(); ++i) count += test(i) ? 1 : 0;
      best = std::min(
          best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      primes = count;
    }
    return best;
  };
  std::size_t ours_primes = 0, gmp_primes = 0, flint_primes = 0;
  const double ours = timed(
      [&](std::size_t i) { return primepool::check_big(mr, numbers[i], true).value_or(false); },
      ours_primes);
  const double gmp = timed([&](std::size_t i) { return mpz_probab_prime_p(z[i], 1) != 0; },
                           gmp_primes);
  const double flint = timed([&](std::size_t i) { return fmpz_is_probabprime(&f[i]) != 0; },
                             flint_primes);
  const double each = 1e3 / static_cast<double>(numbers.size());
  std::printf("%s (%zu tests)\n", title, numbers.size());
  std::printf("   %-36s %.4fs (%.3f ms a test)\n", "GMP mpz_probab_prime_p(n, 1)", gmp, gmp * each);
  std::printf("   %-36s %.4fs (%.3f ms a test)\n", "FLINT fmpz_is_probabprime", flint,
              flint * each);
  std::printf("   %-36s %.4fs (%.3f ms a test)\n", "primepool check_big (from digits)", ours,
              ours * each);
  std::printf("   ours / the faster: %.2fx (goal <= 1.1x)\n", ours / std::min(gmp, flint));
  for (std::size_t i = 0; i < numbers.size(); ++i) {
    mpz_clear(z[i]);
    fmpz_clear(&f[i]);
  }
  if (ours_primes != numbers.size() || gmp_primes != numbers.size() ||
      flint_primes != numbers.size()) {
    std::printf("MISMATCH: %zu, %zu, %zu primes of %zu\n", ours_primes, gmp_primes, flint_primes,
                numbers.size());
    return 1;
  }
  return 0;
}

}  // namespace

int main() {
  int bad = 0;
  std::vector<u128> primes;
  for (u128 n = ~static_cast<u128>(0); primes.size() < 100000; n -= 2) {
    if (primepool::is_probable_prime128(n)) primes.push_back(n);
  }
  bad += compare("1. Baillie-PSW, primes just below 2^128", primes);
  std::mt19937_64 rng(42);
  std::vector<u128> random(100000);
  for (std::size_t i = 0; i < random.size(); ++i) {
    const u128 r = (static_cast<u128>(rng()) << 64) | rng();
    random[i] = (r >> (i % 64)) | (static_cast<u128>(1) << 64) | 1;
  }
  bad += compare("2. Baillie-PSW, random odd 65..128-bit numbers", random);

  // Per test against our own 64-bit Baillie-PSW (aim <= 4x).
  std::vector<u64> primes64;
  for (u64 n = ~0ull; primes64.size() < 100000; n -= 2) {
    if (primepool::is_prime_mr(n)) primes64.push_back(n);
  }
  std::size_t count = 0;
  const auto t0 = std::chrono::steady_clock::now();
  for (int round = 0; round < 3; ++round) {
    for (u64 n : primes64) count += primepool::is_prime_mr(n) ? 1 : 0;
  }
  const double t64 =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() / 3;
  std::size_t p128 = 0;
  const double t128 = best_of_3(primes, primepool::is_probable_prime128, p128);
  std::printf(
      "3. Baillie-PSW per prime: 2^128 side %.3f us, 2^64 side %.3f us: %.2fx (aim <= 4x)\n",
      1e6 * t128 / static_cast<double>(primes.size()),
      1e6 * t64 / static_cast<double>(primes64.size()), t128 / t64);

  // Trial division: nanoseconds a divisor on a number near 2^100.
  const u128 n = primes.back() >> 28;
  const u64 lo = (1ull << 40) + 1, span = 1u << 26;
  const auto t1 = std::chrono::steady_clock::now();
  const u64 found = primepool::find_odd_divisor128(n, lo, lo + span);
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  std::printf("4. Trial division near 2^100: %.2f ns a divisor (%s)\n", 2e9 * took / span,
              found == 0 ? "no divisor in the window" : "a divisor found");

  // --prove: 10^4 primes just below 2^128 (FLINT's proof after Baillie-PSW) and 10^4 just
  // below psi_13 (the 13 bases).
  bad += compare_proofs("5. --prove, primes just below 2^128",
                        std::vector<u128>(primes.begin(), primes.begin() + 10000));
  std::vector<u128> below_psi13;
  for (u128 m = primepool::kPsi13 - 2; below_psi13.size() < 10000; m -= 2) {
    if (primepool::is_probable_prime128(m)) below_psi13.push_back(m);
  }
  bad += compare_proofs("6. --prove, primes just below psi_13 (about 3.3e24)", below_psi13);

  // Above 2^128: 1,000 primes of 1024 bits; 100 tests of 4096-bit primes (4 primes, each 25
  // times: GMP takes about 8 s to find one).
  bad += compare_big("7. Baillie-PSW above 2^128, primes of 1024 bits", big_primes(1024, 1000, 1000));
  bad += compare_big("8. Baillie-PSW above 2^128, primes of 4096 bits", big_primes(4096, 4, 100));
  return bad;
}
