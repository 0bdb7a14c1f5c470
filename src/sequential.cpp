// The one-rank run: sequential in input order with one thread, a LocalPool with several.
// Results are reported as they are computed; rank 0 is the only worker.
#include "sequential.hpp"

#include "check.hpp"
#include "cpu_time.hpp"
#include "local_pool.hpp"
#include "scheduling.hpp"

namespace primepool {

namespace {

void run_in_order(NumberSource& input, Reporter& reporter, const PoolConfig& config,
                  RunSummary& summary) {
  std::uint64_t index = 0;
  while (auto n = input.next()) {
    PrimeResult r = check(*n, config.method->test);
    r.index = index++;
    summary.add(r);
    reporter.result(r);
  }
}

// The owner thread keeps threads + prefetch jobs queued and reports results as jobs finish.
void run_threads(NumberSource& input, Reporter& reporter, const PoolConfig& config,
                 RunSummary& summary) {
  LocalPool pool(config.threads, *config.method, 0);
  pool.run([&] {
    JobMaker jobs(input, config.chunk);
    const std::size_t held = static_cast<std::size_t>(config.threads + config.prefetch);
    for (;;) {
      while (!jobs.exhausted() && pool.unfinished_jobs() < held) {
        if (auto job = jobs.next()) pool.submit(*job);
      }
      for (const auto& results : pool.take_finished_jobs()) {
        for (const PrimeResult& r : results) {
          summary.add(r);
          reporter.result(r);
        }
      }
      if (jobs.exhausted() && pool.unfinished_jobs() == 0) return;
      pool.wait_for_results(std::chrono::milliseconds(100));
    }
  });
}

}  // namespace

RunSummary run_single_rank(NumberSource& input, Reporter& reporter, const PoolConfig& config) {
  RunSummary summary;
  reporter.begin({input.size(), input.max_value(), 0, config.threads});
  const double t0 = now_seconds();
  const double cpu0 = process_cpu_seconds();
  if (config.threads > 1) {
    run_threads(input, reporter, config, summary);
  } else {
    run_in_order(input, reporter, config, summary);
  }
  summary.wall = now_seconds() - t0;
  summary.rank0_cpu = process_cpu_seconds() - cpu0;  // rank 0 did all the work itself
  reporter.end(summary);
  return summary;
}

}  // namespace primepool
