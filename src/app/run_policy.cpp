// The run's policy from the options: what workers send back, how big a sieve's jobs are, and the
// PoolConfig every rank builds alike from the same command line.
#include "app/run_policy.hpp"

#include <iostream>

#include "app/signals.hpp"
#include "primepool/check/method.hpp"
#include "primepool/output/progress.hpp"

namespace primepool::app {

namespace {

// What the workers send back: only what the output needs. The input-order buffer must see every
// index; a journal's job lines name their primes, so --quiet with a journal sends the primes.
// Every rank decides the same from the same options.
ResultDetail result_detail(const Options& o) {
  if (o.order == Order::kInput) return ResultDetail::kFull;
  // (--verify needs each verdict of a sampled number: with the job's numbers, the primes do.)
  if (o.quiet)
    return o.journal || o.verify > 0.0 ? ResultDetail::kPrimesOnly : ResultDetail::kCounts;
  return o.primes_only ? ResultDetail::kPrimesOnly : ResultDetail::kFull;
}

// The largest sieve job. Each job pays libprimesieve's set-up (0.5 s near 10^18), so counts
// only take large segments (2^34 numbers: about 7 s of sieving near 10^18, which bounds what a
// stop waits for); a job's rows are held in memory.
std::size_t sieve_job_max(ResultDetail detail) {
  switch (detail) {
    case ResultDetail::kCounts: return std::size_t{1} << 34;
    case ResultDetail::kPrimesOnly: return std::size_t{1} << 25;
    case ResultDetail::kFull: break;
  }
  return std::size_t{1} << 20;
}

}  // namespace

void warn_small_sieve_jobs(const Options& o) {
  const std::size_t smallest = sieve_job_max(ResultDetail::kFull);
  if (!o.method->progression_test || o.chunk.is_auto() || o.chunk.fixed_size() >= smallest) return;
  std::cerr << "primepool: warning: --chunk " << o.chunk.fixed_size()
            << " with --method sieve: every job pays the sieve's set-up, so jobs this small make "
               "it many times slower (--chunk 1000: about 34x); leave --chunk out to sieve in "
               "segments of "
            << smallest << " numbers or more\n";
}

PoolConfig pool_config(const Options& o) {
  PoolConfig config;
  config.method = o.method;
  config.chunk = o.chunk;
  config.threads = o.threads;
  if (o.force) config.max_search_seconds = 0;
  if (o.verbose) config.verbose = &std::cerr;
  const bool rows_on_stdout = !o.quiet && !o.output;
  config.progress = o.progress == ProgressMode::kAlways ||
                    (o.progress == ProgressMode::kAuto && progress_by_default(rows_on_stdout));
  config.grace = o.grace;
  config.stop = stop_signal;  // the first SIGTERM/SIGINT/SIGUSR1
  config.stall_warn = o.stall_warn;
  config.stall_timeout = o.stall_timeout;
  config.detail = result_detail(o);
  config.verify = o.verify;
  // A divisor search (trial, wheel) reads by rank 0 unless told otherwise: only the numbers rank 0
  // reads can be spread over every worker (run/spread.hpp), and such a method checks far fewer
  // numbers a second than rank 0 reads.
  config.workers_read_files =
      o.read_by == ReadBy::kWorkers && (o.read_by_given || o.method->search == nullptr);
  if (o.method->progression_test && o.chunk.is_auto())
    config.chunk = ChunkPolicy::segments(sieve_job_max(config.detail));
  return config;
}

}  // namespace primepool::app
