// A deterministic primality test for every 64-bit n, in Montgomery arithmetic: Baillie-PSW, a
// strong probable-prime test to base 2 and a strong Lucas test (Selfridge's parameters).
// No composite below 2^64 passes both: every base-2 strong pseudoprime below 2^64 is in
// Feitsma's list, and Gilchrist (2009) checked that each of them fails the strong Lucas test.
// Baillie and Wagstaff, "Lucas Pseudoprimes", Math. Comp. 35 (1980); the 7-base test of Jim
// Sinclair {2, 325, 9375, 28178, 450775, 9780504, 1795265022} checks it in the unit tests.
#include "primepool/check/bpsw.hpp"

#include <initializer_list>

#include "primepool/methods.hpp"

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
  u64 add(u64 a, u64 b) const { return a >= n_ - b ? a - (n_ - b) : a + b; }
  u64 sub(u64 a, u64 b) const { return a >= b ? a - b : a + (n_ - b); }
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

// The Jacobi symbol (a / n) for odd n > 0.
int jacobi(u64 a, u64 n) {
  int sign = 1;
  a %= n;
  while (a != 0) {
    while ((a & 1u) == 0) {
      a >>= 1;
      if ((n & 7u) == 3 || (n & 7u) == 5) sign = -sign;
    }
    const u64 t = a;
    a = n;
    n = t;
    if ((a & 3u) == 3 && (n & 3u) == 3) sign = -sign;
    a %= n;
  }
  return n == 1 ? sign : 0;
}

// Selfridge's method A: the first D of 5, -7, 9, -11, ... with (D / n) = -1; P = 1 and
// Q = (1 - D) / 4. Returns false when some D shares a factor with n (n is then composite).
// n must not be a square (else no D exists): the caller rules that out.
bool selfridge(u64 n, std::int64_t& d_out) {
  for (std::int64_t d = 5;; d = d > 0 ? -(d + 2) : -d + 2) {
    const u64 magnitude = static_cast<u64>(d > 0 ? d : -d);
    const u64 residue = d > 0 ? magnitude % n : n - magnitude % n;
    const int j = jacobi(residue, n);
    if (j == -1) {
      d_out = d;
      return true;
    }
    if (j == 0 && magnitude % n != 0) return false;  // gcd(D, n) > 1
  }
}

// The strong Lucas test with P = 1, Q = (1 - D) / 4: with n + 1 = d * 2^s, d odd, n passes when
// U_d = 0 or V_(d * 2^r) = 0 for some r < s (mod n). V_k and V_(k+1) climb the bits of d
// (V_2k = V_k^2 - 2 Q^k, V_(2k+1) = V_k V_(k+1) - P Q^k); U_d = (2 V_(d+1) - P V_d) / D.
bool strong_lucas(const Montgomery& m, u64 n, std::int64_t D) {
  const std::int64_t q_signed = (1 - D) / 4;
  const u64 q_mag = static_cast<u64>(q_signed > 0 ? q_signed : -q_signed) % n;
  const u64 q = m.to(q_signed >= 0 ? q_mag : (n - q_mag) % n);
  u64 d = n + 1;  // n < 2^64 - 1 here (odd, not 2^64 - 1 = 3 * 5 * ...: filtered), no wrap
  int s = 0;
  while ((d & 1u) == 0) {
    d >>= 1;
    ++s;
  }
  u64 v = m.add(m.one(), m.one()), v1 = m.one(), qk = m.one();  // V_0 = 2, V_1 = P, Q^0
  for (int bit = 63 - __builtin_clzll(d); bit >= 0; --bit) {
    const u64 cross = m.sub(m.mul(v, v1), qk);  // V_(2k+1)
    if ((d >> bit) & 1u) {
      const u64 qk1 = m.mul(qk, q);
      v1 = m.sub(m.mul(v1, v1), m.add(qk1, qk1));  // V_(2k+2)
      v = cross;
      qk = m.mul(qk, qk1);  // Q^(2k+1)
    } else {
      v = m.sub(m.mul(v, v), m.add(qk, qk));  // V_2k
      v1 = cross;
      qk = m.mul(qk, qk);
    }
  }
  if (m.add(v1, v1) == v || v == 0) return true;  // U_d = 0, or V_d = 0
  for (int r = 1; r < s; ++r) {
    v = m.sub(m.mul(v, v), m.add(qk, qk));
    if (v == 0) return true;
    qk = m.mul(qk, qk);
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
  if (!strong_test(mont, n, 2, d, s)) return false;
  const u64 root = isqrt(n);
  if (root * root == n) return false;  // a square: Selfridge's search would find no D
  std::int64_t D = 0;
  return selfridge(n, D) && strong_lucas(mont, n, D);
}

}  // namespace primepool
