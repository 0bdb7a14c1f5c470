// How a run is configured (PoolConfig) and a run in one process without MPI (run_alone): the
// part of the public API that needs no Boost and no MPI_Init.
#pragma once

#include <cstddef>
#include <functional>
#include <iostream>
#include <optional>
#include <ostream>
#include <string>

#include "primepool/input.hpp"
#include "primepool/methods.hpp"
#include "primepool/report.hpp"
#include "primepool/summary.hpp"

namespace primepool {

/// How many numbers go into a job (--chunk): a fixed N, or auto (a few milliseconds of measured
/// work each, smaller near the end of the input).
class ChunkPolicy {
 public:
  static ChunkPolicy fixed(std::size_t n) { return ChunkPolicy(n, 0); }
  static ChunkPolicy automatic() { return ChunkPolicy(0, 0); }
  /// --method sieve with --chunk auto: the input shared out evenly, one segment a compute thread
  /// (each segment pays the sieve's set-up once), but at most `max` numbers a job (what a job's
  /// results may hold in memory, and how long a stop may wait).
  static ChunkPolicy segments(std::size_t max) { return ChunkPolicy(0, max); }
  /// "auto" or a number 1 .. kMaxChunk; nothing for anything else.
  static std::optional<ChunkPolicy> parse(const std::string& text);

  bool is_auto() const { return fixed_ == 0; }
  std::size_t fixed_size() const { return fixed_; }         ///< --chunk N's N; 0 for auto
  std::size_t segment_max() const { return segment_max_; }  ///< segments()' max; 0 otherwise
  std::string describe() const;

  static constexpr std::size_t kMaxChunk = 1u << 16;

 private:
  ChunkPolicy(std::size_t fixed, std::size_t segment_max)
      : fixed_(fixed), segment_max_(segment_max) {}
  std::size_t fixed_;
  std::size_t segment_max_;
};

/// A stop request, asked between pieces of work (by the pool, and by a journal's load or replay):
/// non-zero asks the work to stop early, and the value is the reason (the app passes the signal
/// number). Empty: never stop early.
using StopRequest = std::function<int()>;

struct PoolConfig {
  const Method* method = &trial_method();
  ChunkPolicy chunk = ChunkPolicy::automatic();  ///< numbers per job message (--chunk)
  int threads = 1;   ///< compute threads per worker rank (and on a single rank)
  int prefetch = 1;  ///< jobs a worker holds beyond one per thread, to hide the round trip
  std::ostream* verbose = nullptr;  ///< rank 0 writes where each rank runs here, when set
  bool progress = false;            ///< rank 0 draws progress on standard error
  double grace = 10.0;              ///< after a stop signal: seconds to collect what is in flight
  double stall_warn = 60.0;    ///< warn when a worker holding work is silent this long (seconds)
  double stall_timeout = 0.0;  ///< then end the run (resumable); 0: never
  /// Asked on rank 0 (and by a single rank) between messages: a stop hands out no more work
  /// and drains what is in flight; the reason is recorded in the summary.
  StopRequest stop;
  std::ostream* diagnostics = &std::cerr;  ///< warnings and the progress line go here
  /// What workers send back for each job: everything (the default), the primes only, or counts
  /// only. Reduce only what the reporter does not need: a journal or --order input needs kFull.
  ResultDetail detail = ResultDetail::kFull;
  /// When rank 0's input is a regular file (NumberSource::regular_file()) and there are workers:
  /// each worker reads its own byte slices of it (the file must be at the same path on every
  /// node, as on a shared file system; if a worker cannot open it, rank 0 reads it and says so
  /// on `diagnostics`). The results, their order options, bad-line messages and the journal are
  /// those of rank 0 reading. False: rank 0 reads every number and sends it.
  bool workers_read_files = true;
  /// A number whose divisor search (--method trial or wheel, from 2^64 on) would take longer
  /// than this on one rank's threads, if it is prime, is bad input: refused with the estimate
  /// and the method that decides it at once. 0: no limit (--force).
  double max_search_seconds = 3600.0;
  /// The share of the verdicts (a reproducible sample by input index; 1: all) checked again
  /// with another method (verifier()) on another worker rank when there is one (--verify). 0:
  /// none. Needs the verdicts at rank 0: the detail must not be kCounts.
  double verify = 0.0;
};

/// The stop reason of `config` now: 0 when the run should go on.
inline int stop_reason(const PoolConfig& config) { return config.stop ? config.stop() : 0; }

/// Check every number of `input` in one process, without MPI (no MPI_Init needed): the numbers are
/// checked in input order, by `config.threads` threads. run_pool on a one-rank communicator does
/// this.
RunSummary run_alone(const PoolConfig& config, NumberSource& input, Reporter& reporter);

}  // namespace primepool
