// The one-rank run: check every number in input order, like the reference's sequential.py.
// Results are reported as they are computed; rank 0 is the only worker.
#include "sequential.hpp"

#include "check.hpp"
#include "cpu_time.hpp"

namespace primepool {

RunSummary run_sequential(NumberSource& input, Reporter& reporter, const PoolConfig& config) {
  RunSummary summary;
  reporter.begin({input.size(), input.max_value(), 0, 1});
  const double t0 = now_seconds();
  const double cpu0 = process_cpu_seconds();
  std::uint64_t index = 0;
  while (auto n = input.next()) {
    PrimeResult r = check(*n, config.test);
    r.index = index++;
    summary.add(r);
    reporter.result(r);
  }
  summary.wall = now_seconds() - t0;
  summary.rank0_cpu = process_cpu_seconds() - cpu0;  // rank 0 did all the work itself
  reporter.end(summary);
  return summary;
}

}  // namespace primepool
