// What a run adds up to: counting each PrimeResult into the totals and its worker's load.
// The per-worker table grows on demand, so any rank number is accepted.
#include "summary.hpp"

namespace primepool {

void RunSummary::add(const PrimeResult& r) {
  ++checked;
  if (r.prime) ++primes;
  if (r.worker >= 0) {
    if (per_worker.size() <= static_cast<std::size_t>(r.worker)) per_worker.resize(r.worker + 1);
    auto& w = per_worker[r.worker];
    ++w.numbers;
    w.busy += r.elapsed;
  }
}

}  // namespace primepool
