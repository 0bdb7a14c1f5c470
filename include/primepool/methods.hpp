// The primality methods a run can use, by name (--method), and the reference's kernel: a method
// is a whole-number test, and the pool may also split its divisor search among threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "primepool/result.hpp"

namespace primepool {

/// A primality test of a number below 2^64: true when n is prime.
using PrimeTest = bool (*)(std::uint64_t n);

/// The reference algorithm: reject n < 2 and even n > 2, then try odd divisors 3, 5, ... up to
/// isqrt(n). Correct for every n < 2^64.
bool is_prime_trial(std::uint64_t n);

/// Largest r with r * r <= n, exact for every 64-bit n (no floating-point rounding, no overflow).
std::uint64_t isqrt(std::uint64_t n);

/// A method (its parts are internal: check/method.hpp).
struct Method;

/// The method called `name`, or nullptr: "trial" (the reference's), "wheel" (trial division on a
/// 2-3-5 wheel), "mr" (Baillie-PSW, exact below 2^64), "sieve" (--range inputs only), or a
/// synthetic benchmark method "sleep:DURATION[:exp]" (DURATION: a whole number of ns, us, ms or
/// s, at most 10 s: mr's verdict, then a wait that uses no CPU), or the test method "lie:N"
/// (mr, but the wrong verdict for N: what --verify must catch).
const Method* find_method(std::string_view name);
/// `method` with --prove: its primes from 2^64 on proven, not probable (mr and the others that
/// use Baillie-PSW there: "mr --prove", found by that name too); trial and wheel, whose verdicts
/// are proofs already, unchanged.
const Method& proving(const Method& method);
/// "trial", the default.
const Method& trial_method();
/// All method names, for help and error messages.
std::vector<std::string> method_names();
/// The name `method` was found by.
std::string_view method_name(const Method& method);
/// True when n is prime, by `method` (a synthetic method waits as well). Above 2^64 - 1 "mr"
/// and the synthetic methods say "probable prime" (Baillie-PSW), unless proving(); trial and
/// wheel stay exact.
bool check(const Method& method, Number n);

}  // namespace primepool
