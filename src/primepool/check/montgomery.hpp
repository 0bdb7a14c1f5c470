// Modular arithmetic in Montgomery form for one odd modulus of 64 bits (R = 2^64) or of 128 bits
// (R = 2^128, two 64-bit limbs, no division in the hot path), and the Baillie-PSW steps on
// either: a strong probable-prime test, the Jacobi symbol, Selfridge's parameters, a strong
// Lucas test. check/bpsw.cpp and check/bpsw128.cpp instantiate them.
#pragma once

#include <cstdint>

namespace primepool {

using u64 = std::uint64_t;
__extension__ typedef unsigned __int128 u128;  // GCC and clang

/// a * b as 256 bits: (hi, lo) of 128 each.
inline void mul_wide(u128 a, u128 b, u128& hi, u128& lo) {
  const u64 a0 = static_cast<u64>(a), a1 = static_cast<u64>(a >> 64);
  const u64 b0 = static_cast<u64>(b), b1 = static_cast<u64>(b >> 64);
  const u128 p00 = static_cast<u128>(a0) * b0, p01 = static_cast<u128>(a0) * b1;
  const u128 p10 = static_cast<u128>(a1) * b0, p11 = static_cast<u128>(a1) * b1;
  const u128 middle = (p00 >> 64) + static_cast<u64>(p01) + static_cast<u64>(p10);  // < 3 * 2^64
  lo = (middle << 64) | static_cast<u64>(p00);
  hi = p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64);
}

/// Arithmetic modulo an odd n < 2^64 in Montgomery form, R = 2^64.
class Montgomery64 {
 public:
  using word = u64;
  explicit Montgomery64(u64 n) : n_(n) {
    u64 inv = n;  // Newton's iteration: n * inv == 1 (mod 2^64) after 5 steps from n
    for (int i = 0; i < 5; ++i) inv *= 2 - n * inv;
    inv_ = inv;
    one_ = (0 - n) % n;                                          // R mod n
    r2_ = static_cast<u64>(static_cast<u128>(one_) * one_ % n);  // R^2 mod n
  }
  u64 modulus() const { return n_; }
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

 private:
  u64 n_, inv_, one_, r2_;
};

/// Arithmetic modulo an odd n < 2^128 in Montgomery form, R = 2^128: the same reduction on
/// two-limb numbers, the 256-bit products built from four 64 x 64 -> 128 ones.
class Montgomery128 {
 public:
  using word = u128;
  explicit Montgomery128(u128 n) : n_(n) {
    u128 inv = n;  // correct to 3 bits; each step doubles them: 6 steps reach 128
    for (int i = 0; i < 6; ++i) inv *= 2 - n * inv;
    inv_ = inv;
    one_ = (0 - n) % n;  // R mod n
    r2_ = one_;          // R^2 mod n: R mod n doubled 128 times
    for (int i = 0; i < 128; ++i) r2_ = add(r2_, r2_);
  }
  u128 modulus() const { return n_; }
  u128 one() const { return one_; }
  u128 minus_one() const { return n_ - one_; }
  u128 add(u128 a, u128 b) const { return a >= n_ - b ? a - (n_ - b) : a + b; }
  u128 sub(u128 a, u128 b) const { return a >= b ? a - b : a + (n_ - b); }
  u128 to(u128 a) const { return mul(a % n_, r2_); }
  u128 mul(u128 a, u128 b) const {
    u128 t_hi, t_lo, mn_hi, mn_lo;
    mul_wide(a, b, t_hi, t_lo);
    const u128 m = t_lo * inv_;
    mul_wide(m, n_, mn_hi, mn_lo);
    return t_hi >= mn_hi ? t_hi - mn_hi : t_hi + (n_ - mn_hi);
  }

 private:
  u128 n_, inv_, one_, r2_;
};

/// Whether n is a perfect square (bpsw.cpp and bpsw128.cpp define them).
bool is_square(u64 n);
bool is_square(u128 n);

/// The highest set bit of x > 0.
inline int top_bit(u64 x) { return 63 - __builtin_clzll(x); }
inline int top_bit(u128 x) {
  return x >> 64 ? 64 + top_bit(static_cast<u64>(x >> 64)) : top_bit(static_cast<u64>(x));
}

template <class Mont>
typename Mont::word mont_pow(const Mont& m, typename Mont::word base, typename Mont::word e) {
  typename Mont::word result = m.one();
  while (e > 0) {
    if (e & 1u) result = m.mul(result, base);
    base = m.mul(base, base);
    e >>= 1;
  }
  return result;
}

/// n - 1 = d * 2^s with d odd.
template <class W>
int split_even(W n_minus_1, W& d) {
  int s = 0;
  for (d = n_minus_1; (d & 1u) == 0; d >>= 1) ++s;
  return s;
}

/// The strong probable-prime test of odd n > 2 to base a, with n - 1 = d * 2^s.
template <class Mont>
bool strong_test(const Mont& mont, typename Mont::word a, typename Mont::word d, int s) {
  a %= mont.modulus();
  if (a == 0) return true;  // the base is a multiple of n: says nothing
  auto x = mont_pow(mont, mont.to(a), d);
  if (x == mont.one() || x == mont.minus_one()) return true;
  for (int r = 1; r < s; ++r) {
    x = mont.mul(x, x);
    if (x == mont.minus_one()) return true;
  }
  return false;
}

/// The Jacobi symbol (a / n) for odd n > 0.
template <class W>
int jacobi(W a, W n) {
  int sign = 1;
  a %= n;
  while (a != 0) {
    while ((a & 1u) == 0) {
      a >>= 1;
      if ((n & 7u) == 3 || (n & 7u) == 5) sign = -sign;
    }
    const W t = a;
    a = n;
    n = t;
    if ((a & 3u) == 3 && (n & 3u) == 3) sign = -sign;
    a %= n;
  }
  return n == 1 ? sign : 0;
}

/// Selfridge's method A: the first D of 5, -7, 9, -11, ... with (D / n) = -1; P = 1 and
/// Q = (1 - D) / 4. Returns false when some D shares a factor with n (n is then composite).
/// n must not be a square (else no D exists): the caller rules that out.
template <class W>
bool selfridge(W n, std::int64_t& d_out) {
  for (std::int64_t d = 5;; d = d > 0 ? -(d + 2) : -d + 2) {
    const W magnitude = static_cast<W>(d > 0 ? d : -d);
    const W residue = d > 0 ? magnitude % n : n - magnitude % n;
    const int j = jacobi(residue, n);
    if (j == -1) {
      d_out = d;
      return true;
    }
    if (j == 0 && magnitude % n != 0) return false;  // gcd(D, n) > 1
  }
}

/// The strong Lucas test with P = 1, Q = (1 - D) / 4: with n + 1 = d * 2^s, d odd, n passes when
/// U_d = 0 or V_(d * 2^r) = 0 for some r < s (mod n). V_k and V_(k+1) climb the bits of d
/// (V_2k = V_k^2 - 2 Q^k, V_(2k+1) = V_k V_(k+1) - P Q^k); U_d = (2 V_(d+1) - P V_d) / D.
/// n + 1 must not wrap (n below the word's largest value, which the small-prime filter ensures).
template <class Mont>
bool strong_lucas(const Mont& m, std::int64_t D) {
  using W = typename Mont::word;
  const W n = m.modulus();
  const std::int64_t q_signed = (1 - D) / 4;
  const W q_mag = static_cast<W>(q_signed > 0 ? q_signed : -q_signed) % n;
  const W q = m.to(q_signed >= 0 ? q_mag : (n - q_mag) % n);
  W d;
  const int s = split_even<W>(n + 1, d);
  W v = m.add(m.one(), m.one()), v1 = m.one(), qk = m.one();  // V_0 = 2, V_1 = P, Q^0
  for (int bit = top_bit(d); bit >= 0; --bit) {
    const W cross = m.sub(m.mul(v, v1), qk);  // V_(2k+1)
    if ((d >> bit) & 1u) {
      const W qk1 = m.mul(qk, q);
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

/// Baillie-PSW for odd n with no prime factor up to 53 and n >= 53^2: the strong test to base 2,
/// then (n not a square) the strong Lucas test.
template <class Mont>
bool bpsw_after_filter(typename Mont::word n) {
  using W = typename Mont::word;
  W d;
  const int s = split_even<W>(n - 1, d);
  const Mont mont(n);
  if (!strong_test(mont, W{2}, d, s)) return false;
  if (is_square(n)) return false;  // a square: Selfridge's search would find no D
  std::int64_t D = 0;
  return selfridge(n, D) && strong_lucas(mont, D);
}

}  // namespace primepool
