// Seconds on a monotonic clock (steady_clock), for every elapsed time the pool measures.
// Wall-clock adjustments cannot skew it.
#pragma once

namespace primepool {

double now_seconds();

}  // namespace primepool
