// How a finished job reaches the output: counted into the summary (numbers a worker sent no row
// for included), its rows to the reporter, then flushed.
#include "primepool/output/delivery.hpp"

#include <exception>

#include "primepool/output/output_file.hpp"

namespace primepool {

void deliver(const std::vector<PrimeResult>& results, const JobDone& job, ResultDetail detail,
             RunSummary& summary, Reporter& reporter) {
  std::uint64_t primes_in_rows = 0, wide_primes_in_rows = 0;
  for (const PrimeResult& r : results) {
    primes_in_rows += r.prime ? 1 : 0;
    wide_primes_in_rows += r.prime && above_64(r) ? 1 : 0;
  }
  // What the workers reduced away (--quiet: every number; --primes-only: the composites) still
  // counts: the summary is exact in every mode.
  const JobTotals& totals = job.totals;
  const std::uint64_t unsent = totals.count - results.size();
  summary.checked += unsent;
  summary.primes += totals.primes - primes_in_rows;
  if (summary.probable_above_64 && summary.probable_primes) {
    *summary.probable_primes += totals.wide_primes - wide_primes_in_rows;
  }
  if (unsent > 0) summary.worker(totals.worker).numbers += unsent;
  for (const PrimeResult& r : results) {
    summary.add(r);
    if (carries(detail, r)) reporter.result(r);
  }
  reporter.job_done(job);
  reporter.flush();
}

bool deliver_or_fail(const std::vector<PrimeResult>& results, const JobDone& job,
                     ResultDetail detail, RunSummary& summary, Reporter& reporter) {
  try {
    deliver(results, job, detail, summary, reporter);
    return true;
  } catch (const std::exception& e) {
    record_failure(summary, e);
    return false;
  }
}

void end_or_fail(RunSummary& summary, Reporter& reporter) {
  if (summary.writes_ended()) return;
  try {
    reporter.end(summary);
  } catch (const std::exception& e) {
    record_failure(summary, e);
  }
}

}  // namespace primepool
