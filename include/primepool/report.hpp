// Output: a Reporter receives the run's header, each PrimeResult as it arrives, and the summary.
// The formats (table, csv, jsonl) and the --primes-only filter are Reporters made here.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>

#include "primepool/result.hpp"
#include "primepool/summary.hpp"

namespace primepool {

struct RunInfo {
  std::optional<std::uint64_t> count;  ///< numbers in the input, when known
  std::optional<Number> max_value;     ///< largest input number, when known
  int workers = 0;                     ///< 0: on one rank
  int threads = 1;                     ///< threads per worker rank
  /// The method's primes from 2^64 on are probable primes (Baillie-PSW), not proven: their
  /// rows say so (table "P?", csv probable=1, jsonl "probable":true).
  bool probable_above_64 = false;
};

struct Job;            ///< the job's numbers, as the journal records them (internal)
struct SearchedRange;  ///< a spread number's divisor range searched (internal)

/// A finished job, after its rows went to result(): its totals (a stop may have cut the job short
/// on one rank: then `totals.count` is what was checked of it), and the job itself. The journal
/// records jobs, not rows: the rows say which numbers were prime only when the detail carries it.
struct JobDone {
  const Job* job = nullptr;
  JobTotals totals;
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void begin(const RunInfo& info) = 0;
  virtual void result(const PrimeResult& r) = 0;
  /// After the results of one job (see JobDone), before the flush() that ends the batch.
  virtual void job_done(const JobDone&) {}
  /// A divisor range of a number spread over the pool searched without a divisor (the journal
  /// records it: a resumed run searches only the rest). Most reporters ignore it.
  virtual void searched(const SearchedRange&) {}
  /// After each batch of results: push them out (a line at a time would be slow at 10^6/s).
  virtual void flush() {}
  virtual void end(const RunSummary& summary) = 0;
  /// Release what the reporter holds (the journal: synced and closed), checking every step.
  virtual void close() {}
  /// Results with an input index at or above this cannot be taken yet (a bounded reorder buffer
  /// is full): the coordinator holds back those numbers until the limit moves.
  virtual std::uint64_t accept_limit() const { return UINT64_MAX; }
};

/// The reference text's format: "Checking 20 numbers with 3 workers:", rows
/// "  n P  0.000001s" ("P?" for a probable prime), then "20 checks in 0.53s" (one rank, one
/// thread: "Total time: 0.53s").
std::unique_ptr<Reporter> table_reporter(std::ostream& out);
/// n,prime,elapsed,worker,thread,index,probable with a header line (probable: 1 for a probable
/// prime, see RunInfo).
std::unique_ptr<Reporter> csv_reporter(std::ostream& out);
/// One JSON object a line: {"n":7,"prime":true,"elapsed":1e-06,"worker":1,"thread":0,"index":3},
/// and "probable":true after "prime" for a probable prime (see RunInfo).
std::unique_ptr<Reporter> jsonl_reporter(std::ostream& out);
/// --quiet: nothing but the summary (which the caller prints).
std::unique_ptr<Reporter> quiet_reporter();
/// --primes-only: passes on the primes' rows only.
std::unique_ptr<Reporter> primes_only(std::unique_ptr<Reporter> inner);

}  // namespace primepool
