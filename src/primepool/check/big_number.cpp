// Numbers of 2^128 and above: BigInt over GMP's mpz, and the kernels that check a big number
// (FLINT's Baillie-PSW and proof, and an exact divisor search over GMP).
#include "primepool/check/big_number.hpp"

#include <gmp.h>

#include <flint/fmpz.h>
#include <stdexcept>

namespace primepool {

struct BigInt::Impl {
  mpz_t z;
  Impl() { mpz_init(z); }
  Impl(const Impl& other) { mpz_init_set(z, other.z); }
  Impl& operator=(const Impl&) = delete;
  ~Impl() { mpz_clear(z); }
};

namespace {
void set_number(mpz_t z, Number n) {
  mpz_set_ui(z, static_cast<unsigned long>(n >> 64));
  mpz_mul_2exp(z, z, 64);
  mpz_add_ui(z, z, static_cast<unsigned long>(n));
}
}  // namespace

BigInt::BigInt() : z_(std::make_unique<Impl>()) {}
BigInt::BigInt(Number n) : BigInt() { set_number(z_->z, n); }
BigInt::BigInt(const BigInt& other) : z_(std::make_unique<Impl>(*other.z_)) {}
BigInt::BigInt(BigInt&& other) noexcept : z_(std::move(other.z_)) {}
BigInt& BigInt::operator=(BigInt other) noexcept {
  std::swap(z_, other.z_);
  return *this;
}
BigInt::~BigInt() = default;

BigInt BigInt::from_decimal(std::string_view digits) {
  BigInt out;
  if (mpz_set_str(out.z_->z, std::string(digits).c_str(), 10) != 0) {
    throw std::invalid_argument("not a decimal number: " + std::string(digits));
  }
  return out;
}

std::string BigInt::decimal() const {
  std::string out(mpz_sizeinbase(z_->z, 10) + 2, '\0');
  mpz_get_str(out.data(), 10, z_->z);
  out.resize(out.find('\0'));
  return out;
}

std::size_t BigInt::bits() const { return mpz_sgn(z_->z) == 0 ? 0 : mpz_sizeinbase(z_->z, 2); }

Number BigInt::low128() const {
  mpz_t high;
  mpz_init(high);
  mpz_tdiv_q_2exp(high, z_->z, 64);
  const Number out = Number{mpz_get_ui(high)} << 64 | Number{mpz_getlimbn(z_->z, 0)};
  mpz_clear(high);
  return out;
}

int BigInt::compare(const BigInt& other) const { return mpz_cmp(z_->z, other.z_->z); }

BigInt& BigInt::operator+=(const BigInt& other) {
  mpz_add(z_->z, z_->z, other.z_->z);
  return *this;
}
BigInt& BigInt::operator-=(const BigInt& other) {
  mpz_sub(z_->z, z_->z, other.z_->z);
  return *this;
}
BigInt& BigInt::operator*=(const BigInt& other) {
  mpz_mul(z_->z, z_->z, other.z_->z);
  return *this;
}

BigInt BigInt::pow(std::uint64_t exponent) const {
  BigInt out;
  mpz_pow_ui(out.z_->z, z_->z, static_cast<unsigned long>(exponent));
  return out;
}

BigInt BigInt::divided_by(const BigInt& other) const {
  BigInt out;
  mpz_fdiv_q(out.z_->z, z_->z, other.z_->z);
  return out;
}

void BigInt::set_bit(std::size_t bit) { mpz_setbit(z_->z, static_cast<mp_bitcnt_t>(bit)); }

void BigInt::add_word_at(std::uint64_t word, std::size_t at, std::size_t bits) {
  if (bits - at < 64) word &= (std::uint64_t{1} << (bits - at)) - 1;
  mpz_t part;
  mpz_init_set_ui(part, static_cast<unsigned long>(word));
  mpz_mul_2exp(part, part, static_cast<mp_bitcnt_t>(at));
  mpz_add(z_->z, z_->z, part);
  mpz_clear(part);
}

namespace {
// `decimal` as FLINT's fmpz for the length of one check.
class Fmpz {
 public:
  explicit Fmpz(const std::string& decimal) {
    fmpz_init(f_);
    if (fmpz_set_str(f_, decimal.c_str(), 10) != 0) {
      fmpz_clear(f_);
      throw std::invalid_argument("not a decimal number: " + decimal);
    }
  }
  ~Fmpz() { fmpz_clear(f_); }
  Fmpz(const Fmpz&) = delete;
  Fmpz& operator=(const Fmpz&) = delete;
  const fmpz* get() const { return f_; }

 private:
  fmpz_t f_;
};
}  // namespace

bool big_is_probable_prime(const std::string& decimal) {
  return fmpz_is_probabprime(Fmpz(decimal).get()) != 0;
}

namespace {
constexpr int kGmpRounds = 40;  // past 24, mpz_probab_prime_p adds rounds to random bases
}  // namespace

bool gmp_is_probable_prime(const std::string& decimal) {
  mpz_t z;
  mpz_init(z);
  if (mpz_set_str(z, decimal.c_str(), 10) != 0) {
    mpz_clear(z);
    throw std::invalid_argument("not a decimal number: " + decimal.substr(0, 40));
  }
  const bool prime = mpz_probab_prime_p(z, kGmpRounds) != 0;
  mpz_clear(z);
  return prime;
}

bool big_is_proven_prime(const std::string& decimal) {
  const Fmpz n(decimal);
  return fmpz_is_probabprime(n.get()) != 0 && fmpz_is_prime(n.get()) == 1;
}

std::optional<bool> big_divisor_search(const std::string& decimal, bool wheel,
                                       const std::function<bool()>& stop) {
  mpz_t n, root, d;
  mpz_init_set_str(n, decimal.c_str(), 10);
  mpz_init(root);
  mpz_sqrt(root, n);
  mpz_init_set_ui(d, 2);
  std::optional<bool> verdict;
  if (mpz_cmp_ui(n, 2) < 0) verdict = false;
  // The screen: 2 (and 3 and 5 on the wheel), then the candidates from 3 (or 7) on.
  for (unsigned long p : {2ul, 3ul, 5ul}) {
    if (!verdict && (wheel || p == 2) && mpz_divisible_ui_p(n, p)) verdict = mpz_cmp_ui(n, p) == 0;
  }
  static constexpr unsigned long kWheelGaps[8] = {4, 2, 4, 2, 4, 6, 2, 6};  // from 7: 11, 13, ...
  mpz_set_ui(d, wheel ? 7 : 3);
  unsigned gap = 0;
  for (std::uint64_t tried = 0; !verdict; ++tried) {
    if (mpz_cmp(d, root) > 0) {
      verdict = true;
    } else if (mpz_divisible_p(n, d)) {
      verdict = false;
    } else if ((tried & 4095) == 4095 && stop && stop()) {
      break;
    } else {
      mpz_add_ui(d, d, wheel ? kWheelGaps[gap++ & 7] : 2);
    }
  }
  mpz_clears(n, root, d, nullptr);
  return verdict;
}

}  // namespace primepool
