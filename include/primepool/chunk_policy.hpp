// The job size policy of --chunk: fixed N numbers a job, or auto (a few milliseconds of work
// each, smaller near the end of the input). Part of the pool's configuration (pool.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace primepool {

/// How many numbers go into the next job: a fixed --chunk N, or auto (guided self-scheduling
/// driven by the measured cost per number).
class ChunkPolicy {
 public:
  static ChunkPolicy fixed(std::size_t n) { return ChunkPolicy(n); }
  static ChunkPolicy automatic() { return ChunkPolicy(0); }
  /// --method sieve with --chunk auto: the input shared out evenly, one segment a compute thread
  /// (each segment pays the sieve's set-up once), but at most `max` numbers a job (what a job's
  /// results may hold in memory, and how long a stop may wait). Sized at the first job.
  static ChunkPolicy segments(std::size_t max) {
    ChunkPolicy p(0);
    p.segment_max_ = max;
    return p;
  }
  /// "auto" or a positive number; nothing for anything else.
  static std::optional<ChunkPolicy> parse(const std::string& text);

  bool is_auto() const { return fixed_ == 0; }
  std::size_t fixed_size() const { return fixed_; }  ///< --chunk N's N; 0 for auto
  std::string describe() const;

  /// The size of the next job. `remaining`: numbers not yet handed out, when known;
  /// `threads`: compute threads in the whole pool. Auto sizes at most double from one job to
  /// the next, so one cheap first number does not make the next jobs huge.
  /// `max`: the largest auto job (kMaxChunk; a job that rank 0 need not hold, such as a slice
  /// of a file that a worker reads, may be larger).
  std::size_t next_size(std::optional<std::uint64_t> remaining, int threads,
                        std::size_t max = kMaxChunk);

  /// Auto: learn the cost per number from a finished job.
  void observe(std::size_t numbers, double busy_seconds);

  /// Auto aims at this much work per job: long enough to make a message's cost small, short
  /// enough that rank 0's sleep of up to 1 ms between probes does not leave threads idle.
  static constexpr double kTargetSeconds = 0.005;
  /// ... or, in a pool of T compute threads, T x this (128 threads: 25.6 ms), which bounds the
  /// jobs rank 0 must answer to about 5,000 a second.
  static constexpr double kSecondsPerThread = 0.0002;
  static constexpr std::size_t kMaxChunk = 1u << 16;
  /// A fixed --chunk N job holds at most this much expected work (from the measured cost).
  static constexpr double kMaxJobSeconds = 1.0;

 private:
  explicit ChunkPolicy(std::size_t fixed) : fixed_(fixed) {}
  std::size_t fixed_;
  std::size_t segment_max_ = 0;  ///< segments(): the largest job; 0 otherwise
  double cost_ = 0.0;            ///< seconds per number, smoothed; 0 until the first observation
  std::size_t last_size_ = 1;
};

}  // namespace primepool
