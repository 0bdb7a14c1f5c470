// One timed primality check: the reference's check(n) -> PrimeResult(n, prime, elapsed).
// Timing uses the monotonic steady_clock, so wall-clock adjustments cannot skew it.
#include "check.hpp"

#include <chrono>

namespace primepool {

double now_seconds() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}

PrimeResult check(std::uint64_t n, PrimeTest test, int worker, int thread) {
  PrimeResult r;
  r.n = n;
  const double t0 = now_seconds();
  r.prime = test(n);
  r.elapsed = now_seconds() - t0;
  r.worker = worker;
  r.thread = thread;
  return r;
}

}  // namespace primepool
