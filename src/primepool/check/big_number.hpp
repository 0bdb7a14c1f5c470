// Numbers of 2^128 and above ("big"): an exact integer of any size over GMP for the input's
// arithmetic (expressions, --range, --random), and the kernels that check one (FLINT and GMP).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "primepool/result.hpp"

namespace primepool {

/// The most decimal digits a number may have (about 332,000 bits): an input's numbers, and every
/// value an expression computes on the way, stay below 10^kMaxDigits, so memory stays bounded.
inline constexpr std::size_t kMaxDigits = 100000;
/// The bits of the largest such number, 10^100000 - 1 (a value of more bits has more digits).
inline constexpr std::size_t kMaxBits = 332193;

/// A non-negative integer of any size (GMP's mpz underneath, kept out of this header).
class BigInt {
 public:
  BigInt();
  explicit BigInt(Number n);
  BigInt(const BigInt& other);
  BigInt(BigInt&& other) noexcept;
  BigInt& operator=(BigInt other) noexcept;
  ~BigInt();

  /// `digits` (decimal digits only, at least one) as a BigInt.
  static BigInt from_decimal(std::string_view digits);
  /// The number in decimal, without leading zeros.
  std::string decimal() const;
  /// How many bits it takes (0 for 0).
  std::size_t bits() const;
  /// Below 2^128: then `low128()` is the number.
  bool fits128() const { return bits() <= 128; }
  Number low128() const;

  int compare(const BigInt& other) const;  ///< <0, 0 or >0
  BigInt& operator+=(const BigInt& other);
  BigInt& operator-=(const BigInt& other);  ///< other <= *this
  BigInt& operator*=(const BigInt& other);
  /// *this to the power `exponent`.
  BigInt pow(std::uint64_t exponent) const;
  /// The quotient of *this by `other` (other > 0), rounded down.
  BigInt divided_by(const BigInt& other) const;
  /// Sets bit `bit` (0 is the lowest).
  void set_bit(std::size_t bit);
  /// A number of exactly `bits` bits (top bit set) from 64-bit words `word()` draws, the low
  /// word first: the same words give the same number everywhere.
  template <class Draw>
  static BigInt with_bits(std::size_t bits, Draw word) {
    BigInt out;
    for (std::size_t at = 0; at < bits; at += 64) out.add_word_at(word(), at, bits);
    out.set_bit(bits - 1);
    return out;
  }

 private:
  void add_word_at(std::uint64_t word, std::size_t at, std::size_t bits);  // bits below `bits`
  struct Impl;
  std::unique_ptr<Impl> z_;
};

/// Baillie-PSW on a number of any size given in decimal (FLINT's fmpz_is_probabprime: trial
/// division, a strong test to base 2, a strong Lucas test; GMP's mpz_probab_prime_p(n, 1) is the
/// same test, and bench/wide_kernels.sh measures both). A probable prime above 2^64.
bool big_is_probable_prime(const std::string& decimal);
/// GMP's own test of a number of any size (decimal), --verify's check of mr from 2^128 on:
/// Baillie-PSW and 15 more Miller-Rabin rounds to random bases (mpz_probab_prime_p(n, 40));
/// another library and other parameters than big_is_probable_prime.
bool gmp_is_probable_prime(const std::string& decimal);
/// A proof (FLINT's fmpz_is_prime: Pocklington-Lehmer, Morrison, then APR-CL). `stop` is not
/// looked at inside FLINT: a proof of a big number, once started, runs to its end.
bool big_is_proven_prime(const std::string& decimal);
/// The reference's algorithm at any size: a divisor search of `decimal` by every candidate the
/// method tries (2 and the odd numbers, or 2, 3, 5 and the 2-3-5 wheel's) up to its square root,
/// asking `stop` (when set) every 4096 candidates. Prime or not, or nothing when stopped first.
std::optional<bool> big_divisor_search(const std::string& decimal, bool wheel,
                                       const std::function<bool()>& stop);

}  // namespace primepool
