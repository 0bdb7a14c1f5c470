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

/// How a run ended, from the lightest to the gravest: a graver outcome replaces a lighter one.
enum class Outcome {
  kComplete,       ///< every number was checked (a stop signal may have come after the last)
  kBadInput,       ///< the input had a bad line: every number before it checked, none after
  kStopped,        ///< a stop signal: what was in flight collected, the rest left unchecked
  kOutputGivenUp,  ///< stopped, and the output took nothing until the grace ran out: given up
  kAbandoned,      ///< stopped, and the grace ran out with work still in flight on workers
  kStalled,        ///< a worker sent nothing for --stall-timeout seconds (silent_rank)
  kFailed,         ///< a write (or the like) failed: nothing after it was written
};

/// The outcome's name in the summary JSON: complete, bad_input, stopped, output_given_up,
/// abandoned, stalled or failed.
const char* outcome_name(Outcome outcome);

/// A verdict checked again (--verify) that came out otherwise: the number, the first verdict
/// with the rank (and host) that gave it, and the second with its rank, host and method.
struct Disagreement {
  std::uint64_t index = 0;
  std::string number;
  bool first = false;
  int first_rank = 0;
  std::string first_host;
  bool second = false;
  int second_rank = 0;
  std::string second_host;
};

struct RunSummary {
  std::uint64_t checked = 0;
  std::uint64_t primes = 0;
  /// The method's primes from 2^64 on are probable primes (RunInfo::probable_above_64).
  bool probable_above_64 = false;
  /// Of `primes`, the probable ones (counted by the workers too, so a --quiet run's are exact;
  /// nothing only when a library user's job totals leave them out).
  std::optional<std::uint64_t> probable_primes = 0;
  std::optional<std::uint64_t> total;  ///< numbers in the input, when known
  double wall = 0.0;       ///< seconds from the start of the run to the last worker's "done"
  double rank0_cpu = 0.0;  ///< CPU seconds rank 0 used over that time
  int ranks = 1;
  int workers = 0;  ///< ranks that checked numbers (0: rank 0 alone)
  int threads = 1;  ///< compute threads per worker rank
  std::string method = "trial";
  std::string chunk = "1";
  std::string input;
  Outcome outcome = Outcome::kComplete;
  /// Why the run ended so: the bad line, the signal, the silent rank, the failure. When complete,
  /// a signal that came after the last number was handed out, or empty.
  std::string message;
  int stop_signal = 0;  ///< the signal that stopped the run, if one did
  /// Work is still running that only an abort ends (the grace ran out, a worker went silent):
  /// the caller must abort the job (MPI_Abort, or _Exit alone) once the summary is written.
  bool abort_needed = false;
  std::uint64_t resumed = 0;         ///< results already in the journal at the start (--resume)
  std::uint64_t resumed_primes = 0;  ///< of those, primes
  int silent_rank = 0;               ///< a worker that stopped answering (--stall-timeout), if any
  std::uint64_t jobs = 0;            ///< job messages rank 0 sent (0 on one rank)
  std::vector<WorkerStats> per_worker;  ///< index = rank
  /// --verify: the share of the verdicts sampled (0: none), the method that checks them again,
  /// how many were checked again, the sampled ones a stop left unchecked, and every
  /// disagreement.
  double verify_fraction = 0.0;
  std::string verify_method;
  std::uint64_t verified = 0;
  std::uint64_t verify_dropped = 0;
  std::vector<Disagreement> disagreements;

  void add(const PrimeResult& r);
  bool complete() const { return outcome == Outcome::kComplete; }
  /// A write failed or was given up (kFailed, kOutputGivenUp): nothing more is written.
  bool writes_ended() const {
    return outcome == Outcome::kFailed || outcome == Outcome::kOutputGivenUp;
  }
  /// Record how the run ends: `outcome` with its message, unless a graver one is recorded; an
  /// outcome as grave as the one recorded keeps the first message.
  void end(Outcome outcome, std::string message);
  /// The grace period ran out with `what` still running: abandoned (unless graver), and the
  /// caller must abort.
  void abandon(const std::string& what);
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

// A stop signal in the user's terms: "Ctrl-C (SIGINT)", "SIGTERM (signal 15: a kill, or the
// batch system's time limit)"; SIGUSR2 is a Ctrl-C that a job script (jobs/laptop.sh) passed on.
std::string signal_in_words(int signal);

}  // namespace primepool
