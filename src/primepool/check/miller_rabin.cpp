// Deterministic Miller-Rabin for every 64-bit n, in Montgomery arithmetic.
// Bases {2, 325, 9375, 28178, 450775, 9780504, 1795265022}: no strong pseudoprime below 2^64
// passes all seven (Jim Sinclair, 2011; verified against Feitsma's list of base-2 pseudoprimes).
#include "primepool/check/miller_rabin.hpp"

#include <initializer_list>

namespace primepool {

namespace {

using u64 = std::uint64_t;
__extension__ typedef unsigned __int128 u128;  // GCC and clang: a 64x64 -> 128-bit product

// Arithmetic modulo an odd n in Montgomery form, R = 2^64.
class Montgomery {
 public:
  explicit Montgomery(u64 n) : n_(n) {
    u64 inv = n;  // Newton's iteration: n * inv == 1 (mod 2^64) after 5 steps from n
    for (int i = 0; i < 5; ++i) inv *= 2 - n * inv;
    inv_ = inv;
    one_ = (0 - n) % n;                                          // R mod n
    r2_ = static_cast<u64>(static_cast<u128>(one_) * one_ % n);  // R^2 mod n
  }
  u64 one() const { return one_; }
  u64 minus_one() const { return n_ - one_; }
  u64 to(u64 a) const { return mul(a % n_, r2_); }
  // a * b / R mod n. The low halves of t and m * n are equal, so (t - m * n) / R is the
  // difference of the high halves: no 129-bit overflow even for n near 2^64.
  u64 mul(u64 a, u64 b) const {
    const u128 t = static_cast<u128>(a) * b;
    const u64 m = static_cast<u64>(t) * inv_;
    const u64 t_hi = static_cast<u64>(t >> 64);
    const u64 mn_hi = static_cast<u64>((static_cast<u128>(m) * n_) >> 64);
    return t_hi >= mn_hi ? t_hi - mn_hi : t_hi + (n_ - mn_hi);
  }
  u64 pow(u64 base, u64 e) const {
    u64 result = one_;
    while (e > 0) {
      if (e & 1u) result = mul(result, base);
      base = mul(base, base);
      e >>= 1;
    }
    return result;
  }

 private:
  u64 n_, inv_, one_, r2_;
};

bool strong_test(const Montgomery& mont, u64 n, u64 a, u64 d, int s) {
  a %= n;
  if (a == 0) return true;  // the base is a multiple of n: says nothing
  u64 x = mont.pow(mont.to(a), d);
  if (x == mont.one() || x == mont.minus_one()) return true;
  for (int r = 1; r < s; ++r) {
    x = mont.mul(x, x);
    if (x == mont.minus_one()) return true;
  }
  return false;
}

}  // namespace

bool strong_probable_prime(std::uint64_t n, std::uint64_t a) {
  u64 d = n - 1;
  int s = 0;
  while ((d & 1u) == 0) {
    d >>= 1;
    ++s;
  }
  return strong_test(Montgomery(n), n, a, d, s);
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

  u64 d = n - 1;
  int s = 0;
  while ((d & 1u) == 0) {
    d >>= 1;
    ++s;
  }
  const Montgomery mont(n);
  for (u64 a : {2ull, 325ull, 9375ull, 28178ull, 450775ull, 9780504ull, 1795265022ull}) {
    if (!strong_test(mont, n, a, d, s)) return false;
  }
  return true;
}

}  // namespace primepool
