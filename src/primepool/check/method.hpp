// A primality method's parts (--method NAME): its whole-number test and, where the method is a
// divisor search, the search itself, which lets threads split one number; the synthetic methods'
// wait; the sieve's progression test. The public face is primepool/methods.hpp.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "primepool/methods.hpp"
#include "primepool/result.hpp"

namespace primepool {

/// A test of numbers above 2^64 - 1 (up to 2^128 - 1).
using WideTest = bool (*)(Number n);

/// Smallest divisor d of n with lo <= d <= hi among the candidates the method tries, or 0
/// (hi < 2^64: every divisor search ends at isqrt(n)).
using DivisorSearch = std::uint64_t (*)(Number n, std::uint64_t lo, std::uint64_t hi,
                                        const std::atomic<bool>* stop);

/// What a divisor-search method decides before searching: small and obvious cases.
enum class Screen { kComposite, kPrime, kSearch };
using ScreenTest = Screen (*)(Number n);

/// The primes among start, start + step, ..., start + (count - 1) * step: how many, and with
/// `offsets` their positions i (increasing).
using ProgressionTest = std::uint64_t (*)(std::uint64_t start, std::uint64_t step,
                                          std::uint64_t count, std::vector<std::uint32_t>* offsets);

struct Method {
  std::string_view name;
  PrimeTest test;  ///< numbers below 2^64
  WideTest wide;   ///< numbers from 2^64 on
  /// Divisor-search methods only (else nullptr): n is prime iff screen(n) says kPrime, or it
  /// says kSearch and search(n, first_divisor, isqrt(n)) finds nothing. Threads use this to
  /// split one number's divisor range.
  ScreenTest screen = nullptr;
  DivisorSearch search = nullptr;
  std::uint64_t first_divisor = 0;
  /// The synthetic benchmark methods ("sleep:1ms", "sleep:100us:exp") only: after the real test
  /// (Miller-Rabin), wait this long without using the CPU (`random_wait`: an exponentially
  /// distributed time with this mean, drawn from n), so that many worker ranks oversubscribed on
  /// a few cores look to the coordinator like as many busy cores.
  std::uint64_t wait_ns = 0;
  bool random_wait = false;
  /// Methods that judge a whole progression at once ("sieve": a segmented sieve, libprimesieve)
  /// only: a --range job's numbers are judged together, each number's elapsed being its job's
  /// time divided by its size; `test` (Baillie-PSW) judges the numbers of any other job (a
  /// resumed run's gaps). Such a method takes --range inputs only.
  ProgressionTest progression_test = nullptr;
  /// `wide` proves its primes (--prove: check/prove128.hpp) instead of calling them probable.
  bool proves_wide = false;
  /// Numbers of 2^128 and more by GMP's test (the verifier of mr, "mr-bases").
  bool gmp = false;
  /// The test method "lie:N" only: mr's verdict, but the wrong one for N (--verify's tests).
  bool lies = false;
  Number lie_about = 0;
};

/// The method that checks `method`'s verdicts again (--verify): Baillie-PSW ("mr") for the
/// divisor searches and the sieve; for mr, its --prove and the synthetic methods "mr-bases":
/// Miller-Rabin to fixed bases (deterministic below 2^128) and GMP's test above.
const Method& verifier(const Method& method);

/// Whether `method`'s primes from 2^64 on are probable primes (Baillie-PSW: mr, the sieve's test
/// of gaps, the synthetic methods) rather than proven (trial and wheel, divisor searches; any
/// method under --prove).
inline bool probable_above_64(const Method& method) {
  return method.search == nullptr && !method.proves_wide;
}

/// Check n with `method`: its test, then (synthetic methods only) its wait. The waits of a
/// thread's run of numbers are paid together, once they reach 5 ms or when `last_of_run` says
/// the run ends (a job's results then come back when its numbers' waits have all passed): 128
/// oversubscribed ranks would otherwise spend the machine on a thousand wake-ups each a second.
bool check(const Method& method, Number n, bool last_of_run);

/// Check a number of 2^128 or more, given in decimal: Baillie-PSW (FLINT), its proof under
/// --prove, or for trial and wheel the exact divisor search (check/big_number.hpp), then the
/// synthetic wait. Nothing when `stop` said stop before a divisor search ended.
std::optional<bool> check_big(const Method& method, const std::string& digits, bool last_of_run,
                              const std::function<bool()>& stop = {});

}  // namespace primepool
