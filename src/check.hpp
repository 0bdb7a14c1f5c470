// One timed primality check: the reference's check(n) -> PrimeResult(n, prime, elapsed).
// Used by the worker loop and by the one-rank sequential run alike.
#pragma once

#include "messages.hpp"
#include "primality.hpp"

namespace primepool {

// Run `test` on n and time it; worker and thread are recorded as given.
PrimeResult check(std::uint64_t n, PrimeTest test, int worker = 0, int thread = 0);

// Seconds on a monotonic clock, for elapsed-time arithmetic.
double now_seconds();

}  // namespace primepool
