// The pool's plain data: a Job (consecutive input numbers to check) and a PrimeResult (one
// answer). No MPI and no serialization here; mpi/messages.hpp teaches Boost.MPI to send them.
#pragma once

#include <cstdint>
#include <vector>

namespace primepool {

/// Consecutive numbers of the input: numbers[i] is input number first_index + i.
struct Job {
  std::uint64_t first_index = 0;
  std::vector<std::uint64_t> numbers;
};

/// The answer for one number, as the reference's PrimeResult(n, prime, elapsed), plus where it
/// was computed and its position in the input.
struct PrimeResult {
  std::uint64_t n = 0;
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

}  // namespace primepool
