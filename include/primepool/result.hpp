// The pool's plain data: a Job (consecutive input numbers to check) and a PrimeResult (one
// answer). No MPI and no serialization here; mpi/messages.hpp teaches Boost.MPI to send them.
#pragma once

#include <cstdint>
#include <vector>

namespace primepool {

/// A number to check. Every number the pool reads, hands out, checks, reports and journals has
/// this type: 64 bits today, and this is the one place that says so.
using Number = std::uint64_t;

/// Consecutive numbers of the input: numbers[i] is input number first_index + i. A job over an
/// arithmetic input (--range) is described instead: range_count numbers range_first,
/// range_first + range_step, ... (numbers stays empty), so it costs rank 0 nothing to make.
/// A slice job (slice_bytes > 0) is part of a regular file that the worker reads itself: the
/// lines that start in bytes [slice_offset, slice_offset + slice_bytes); its first_index is then
/// a key with the top bit set, since the index is known only once the slices before are read.
struct Job {
  std::uint64_t first_index = 0;
  std::vector<Number> numbers;
  Number range_first = 0;
  Number range_step = 0;
  std::uint64_t range_count = 0;
  std::uint64_t slice_offset = 0;
  std::uint64_t slice_bytes = 0;

  std::uint64_t size() const { return range_count != 0 ? range_count : numbers.size(); }
  /// The job's i-th number (i < size()).
  Number at(std::uint64_t i) const {
    return range_count != 0 ? range_first + range_step * i : numbers[i];
  }
};

/// The answer for one number, as the reference's PrimeResult(n, prime, elapsed), plus where it
/// was computed and its position in the input.
struct PrimeResult {
  Number n = 0;
  bool prime = false;
  double elapsed = 0.0;     ///< seconds the check itself took (wall clock)
  int worker = 0;           ///< MPI rank that checked it (0 when running on one rank)
  int thread = 0;           ///< OpenMP thread inside that rank
  std::uint64_t index = 0;  ///< position in the input, from 0

  friend bool operator==(const PrimeResult& a, const PrimeResult& b) {
    return a.n == b.n && a.prime == b.prime && a.elapsed == b.elapsed && a.worker == b.worker &&
           a.thread == b.thread && a.index == b.index;
  }
};

/// What a worker sends back for a finished job. kFull: every number's verdict, elapsed time and
/// thread (what the output rows and the journal need). kPrimesOnly: only the primes' (for
/// --primes-only). kCounts: only how many numbers and primes, and the busy time (for --quiet).
/// The summary's counts are exact in every mode.
enum class ResultDetail : std::uint8_t { kFull = 0, kPrimesOnly = 1, kCounts = 2 };

/// Whether `r`'s row is passed on under `detail`.
inline bool carries(ResultDetail detail, const PrimeResult& r) {
  return detail == ResultDetail::kFull || (detail == ResultDetail::kPrimesOnly && r.prime);
}

}  // namespace primepool
