// How long a divisor search (trial, wheel) of one number would take, and the refusal of a number
// whose search would outlast a run's limit, with the estimate and the method that would do it.
#pragma once

#include <string>

#include "primepool/check/method.hpp"

namespace primepool {

/// Seconds that `method`'s divisor search of n would take on `threads` threads of one rank (0
/// for a method without one, and for n below 2^64, whose searches end within seconds).
double search_seconds(const Method& method, Number n, int threads);

/// Why n is refused when its search would take longer than `limit` seconds ("" when it is not,
/// and always when `limit` is 0): the estimate, and --method mr or --force.
std::string search_refusal(const Method& method, Number n, int threads, double limit);
/// The same for a number of 2^128 or more given by its decimal `digits` (a search of at least
/// 2^63 candidates: refused unless `limit` is 0).
std::string search_refusal(const Method& method, const std::string& digits, int threads,
                           double limit);

}  // namespace primepool
