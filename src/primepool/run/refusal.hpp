// The numbers a run refuses (PoolConfig::max_search_seconds): a divisor search that would take
// too long on the threads it would run on. The same rule on rank 0 and on every worker reading a
// slice.
#pragma once

#include "primepool/check/search_estimate.hpp"
#include "primepool/input/sources.hpp"
#include "primepool/run.hpp"

namespace primepool {

/// `threads`: those one number's search runs on (default: one rank's; run/spread.hpp's
/// search_threads() when rank 0 spreads numbers over every worker).
inline NumberRefusal number_refusal(const PoolConfig& config, int threads = 0) {
  const Method* method = config.method;
  if (threads <= 0) threads = config.threads;
  const double limit = config.max_search_seconds;
  return [method, threads, limit](Number n, const std::string& big) {
    return big.empty() ? search_refusal(*method, n, threads, limit)
                       : search_refusal(*method, big, threads, limit);
  };
}

}  // namespace primepool
