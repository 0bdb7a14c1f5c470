// How a finished job reaches the output: counted into the summary, its rows to the reporter,
// then flushed; a failed write recorded in the summary instead of thrown.
#pragma once

#include <vector>

#include "primepool/report.hpp"
#include "primepool/result.hpp"
#include "primepool/summary.hpp"

namespace primepool {

// One batch of results (a finished job's rows, all or as reduced by a worker): counted into the
// summary with the job's numbers that have no row, the rows `detail` carries passed to the
// reporter, then the job itself, then flushed.
void deliver(const std::vector<PrimeResult>& results, const JobDone& job, ResultDetail detail,
             RunSummary& summary, Reporter& reporter);
// The same, but a failed write (full disk, closed pipe) is recorded in the summary's outcome
// instead of thrown; false then, and the caller stops the run.
bool deliver_or_fail(const std::vector<PrimeResult>& results, const JobDone& job,
                     ResultDetail detail, RunSummary& summary, Reporter& reporter);
// Give the reporter the finished summary (unless writing already ended); a failed write is
// recorded in the summary's outcome.
void end_or_fail(RunSummary& summary, Reporter& reporter);

}  // namespace primepool
