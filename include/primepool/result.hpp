// The pool's plain data: a PrimeResult (one number's answer) and a job's totals (a run of
// consecutive input numbers checked together). No MPI and no serialization here.
#pragma once

#include <cstdint>
#include <string>

namespace primepool {

/// A number to check, 0 to 2^128 - 1: numbers below 2^64 take the 64-bit kernels, every verdict
/// a proof; above, the 128-bit ones (trial and wheel still exact, mr's Baillie-PSW a
/// probable-prime test). A number of 2^128 or more ("big") travels as its decimal digits beside
/// a Number of 0 (PrimeResult::big) and takes GMP's and FLINT's kernels.
__extension__ typedef unsigned __int128 Number;

/// The largest Number, 2^128 - 1.
constexpr Number kMaxNumber = ~Number{0};

/// True when n needs more than 64 bits.
constexpr bool is_wide(Number n) { return (n >> 64) != 0; }

/// n in decimal (iostreams and std::to_string do not print 128-bit integers).
inline std::string to_decimal(Number n) {
  char digits[40];
  int at = 40;
  do {
    digits[--at] = static_cast<char>('0' + static_cast<int>(n % 10));
    n /= 10;
  } while (n != 0);
  return std::string(digits + at, digits + 40);
}

/// The answer for one number, as the reference's PrimeResult(n, prime, elapsed), plus where it
/// was computed and its position in the input.
struct PrimeResult {
  Number n = 0;  ///< 0 for a big number (see `big`)
  bool prime = false;
  double elapsed = 0.0;     ///< seconds the check itself took (wall clock)
  int worker = 0;           ///< MPI rank that checked it (0 when running on one rank)
  int thread = 0;           ///< OpenMP thread inside that rank
  std::uint64_t index = 0;  ///< position in the input, from 0
  std::string big;          ///< a number of 2^128 or more: its decimal digits (else empty)

  friend bool operator==(const PrimeResult& a, const PrimeResult& b) {
    return a.n == b.n && a.big == b.big && a.prime == b.prime && a.elapsed == b.elapsed &&
           a.worker == b.worker && a.thread == b.thread && a.index == b.index;
  }
};

/// r's number in decimal, whatever its size.
inline std::string decimal_of(const PrimeResult& r) {
  return r.big.empty() ? to_decimal(r.n) : r.big;
}

/// True when r's number is 2^64 or more (a prime there is probable under Baillie-PSW).
inline bool above_64(const PrimeResult& r) { return is_wide(r.n) || !r.big.empty(); }

/// A finished job's totals: input indices [first_index, first_index + count) were checked on rank
/// `worker`, `primes` of them prime (`wide_primes` of those 2^64 or more: probable primes under
/// Baillie-PSW), in `busy` seconds of checks (summed over its threads).
struct JobTotals {
  std::uint64_t first_index = 0;
  std::uint64_t count = 0;
  std::uint64_t primes = 0;
  double busy = 0.0;
  int worker = 0;
  std::uint64_t wide_primes = 0;
};

/// What a worker sends back for a finished job. kFull: every number's verdict, elapsed time and
/// thread (what the output rows and the journal need). kPrimesOnly: only the primes' (for
/// --primes-only). kCounts: only how many numbers and primes, and the busy time (for --quiet).
/// The summary's counts are exact in every mode.
enum class ResultDetail : std::uint8_t { kFull = 0, kPrimesOnly = 1, kCounts = 2 };

/// Whether `r`'s row is passed on under `detail`.
inline bool carries(ResultDetail detail, const PrimeResult& r) {
  return detail == ResultDetail::kFull || (detail == ResultDetail::kPrimesOnly && r.prime);
}

}  // namespace primepool
