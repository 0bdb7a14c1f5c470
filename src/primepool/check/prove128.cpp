// --prove above 2^64: Baillie-PSW screens, then a proof. Below psi_13 the strong tests to the first
// 13 prime bases are one (Sorenson and Webster 2017, kPsi13); from psi_13 to 2^128, FLINT's
// fmpz_is_prime (FLINT 2.9: Pocklington-Lehmer and Morrison's tests, APR-CL when they fail).
#include "primepool/check/prove128.hpp"

#include <flint/fmpz.h>
#include <initializer_list>

#include "primepool/check/bpsw128.hpp"

namespace primepool {

bool strong_to_first_13_primes(u128 n) {
  for (u64 a : {2u, 3u, 5u, 7u, 11u, 13u, 17u, 19u, 23u, 29u, 31u, 37u, 41u}) {
    if (n == a) return true;
    if (n % a == 0 || !strong_probable_prime128(n, a)) return false;
  }
  return true;
}

bool flint_proves_prime(u128 n) {
  fmpz_t f;
  fmpz_init(f);
  fmpz_set_uiui(f, static_cast<mp_limb_t>(n >> 64), static_cast<mp_limb_t>(n));
  const bool prime = fmpz_is_prime(f) == 1;
  fmpz_clear(f);
  return prime;
}

bool is_proven_prime128(u128 n) {
  if (!is_probable_prime128(n)) return false;  // below 2^64 its "prime" is a proof as well
  if (n >> 64 == 0) return true;
  return n < kPsi13 ? strong_to_first_13_primes(n) : flint_proves_prime(n);
}

}  // namespace primepool
