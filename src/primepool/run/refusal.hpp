// The numbers a run refuses (PoolConfig::max_search_seconds): a divisor search that would take
// too long on one rank's threads. The same rule on rank 0 and on every worker reading a slice.
#pragma once

#include "primepool/check/search_estimate.hpp"
#include "primepool/input/sources.hpp"
#include "primepool/run.hpp"

namespace primepool {

inline NumberRefusal number_refusal(const PoolConfig& config) {
  const Method* method = config.method;
  const int threads = config.threads;
  const double limit = config.max_search_seconds;
  return [method, threads, limit](Number n) { return search_refusal(*method, n, threads, limit); };
}

}  // namespace primepool
