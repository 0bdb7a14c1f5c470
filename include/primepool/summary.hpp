// What a run adds up to: numbers checked, primes, wall time, rank 0's CPU time, per-worker load,
// load imbalance and parallel efficiency; printed for people and written as JSON for scripts.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "primepool/result.hpp"

namespace primepool {

struct WorkerStats {
  std::uint64_t numbers = 0;
  double busy = 0.0;  ///< seconds its compute threads spent checking, summed over threads
  int threads = 0;    ///< 0: this rank did no checking (the coordinator)
  double joined = 0;  ///< seconds from the start of the run to this worker's greeting
};

struct RunSummary {
  std::uint64_t checked = 0;
  std::uint64_t primes = 0;
  std::optional<std::uint64_t> total;  ///< numbers in the input, when known
  double wall = 0.0;       ///< seconds from the start of the run to the last worker's "done"
  double rank0_cpu = 0.0;  ///< CPU seconds rank 0 used over that time
  int ranks = 1;
  int workers = 0;  ///< ranks that checked numbers (0: rank 0 alone)
  int threads = 1;  ///< compute threads per worker rank
  std::string method = "trial";
  std::string chunk = "1";
  std::string input;
  bool complete = true;  ///< false: stopped early (bad input, signal)
  std::string stop_reason;
  int stop_signal = 0;               ///< the signal that stopped the run, if one did
  bool abandoned = false;            ///< the grace period ran out with work still in flight
  std::uint64_t resumed = 0;         ///< results already in the journal at the start (--resume)
  std::uint64_t resumed_primes = 0;  ///< of those, primes
  std::string failure;               ///< a write error (or the like) that ended the run: exit 1
  int silent_rank = 0;               ///< a worker that stopped answering (--stall-timeout), if any
  std::uint64_t jobs = 0;            ///< job messages rank 0 sent (0 on one rank)
  std::vector<WorkerStats> per_worker;  ///< index = rank

  void add(const PrimeResult& r);
  /// A stop signal ended the run early.
  void stopped_by(int signal);
  /// A stop signal came once every number was handed out, and every one was checked.
  void signalled_after_all(int signal);
  WorkerStats& worker(int rank);
  /// max busy / mean busy over the ranks that checked numbers (1 = perfectly even).
  double load_imbalance() const;
  /// busy seconds of all compute threads / (wall * compute threads).
  double efficiency() const;
};

/// The human summary: totals, a line per worker, imbalance, efficiency, rank 0's CPU.
void print_summary(std::ostream& out, const RunSummary& s);
/// The same, as one JSON object (for --summary-json and the scaling scripts).
void write_summary_json(std::ostream& out, const RunSummary& s);

}  // namespace primepool
