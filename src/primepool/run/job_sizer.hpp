// Job sizes (--chunk): a fixed N capped at about a second of measured work, or auto (guided
// self-scheduling driven by the measured cost per number), or a sieve's equal segments.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "primepool/run.hpp"

namespace primepool {

/// The size of each next job under a ChunkPolicy, learnt from the jobs that come back.
class JobSizer {
 public:
  explicit JobSizer(const ChunkPolicy& policy) : policy_(policy) {}

  /// The size of the next job. `remaining`: numbers not yet handed out, when known;
  /// `threads`: compute threads in the whole pool. Auto sizes at most double from one job to
  /// the next, so one cheap first number does not make the next jobs huge.
  /// `max`: the largest auto job (kMaxChunk; a job that rank 0 need not hold, such as a slice
  /// of a file that a worker reads, may be larger).
  std::size_t next_size(std::optional<std::uint64_t> remaining, int threads,
                        std::size_t max = ChunkPolicy::kMaxChunk);

  /// Learn the cost per number from a finished job.
  void observe(std::size_t numbers, double busy_seconds);

  /// Auto aims at this much work per job: long enough to make a message's cost small, short
  /// enough that rank 0's sleep of up to 1 ms between probes does not leave threads idle.
  static constexpr double kTargetSeconds = 0.005;
  /// ... or, in a pool of T compute threads, T x this (128 threads: 25.6 ms), which bounds the
  /// jobs rank 0 must answer to about 5,000 a second.
  static constexpr double kSecondsPerThread = 0.0002;
  /// A fixed --chunk N job holds at most this much expected work (from the measured cost).
  static constexpr double kMaxJobSeconds = 1.0;

 private:
  ChunkPolicy policy_;
  double cost_ = 0.0;  ///< seconds per number, smoothed; 0 until the first observation
  std::size_t last_size_ = 1;
};

}  // namespace primepool
