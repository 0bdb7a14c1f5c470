// A finished job's answers as one compact block of plain bytes (sent as MPI_CHAR, no
// Boost.Serialization): a header with the counts, then what the ResultDetail asks for.
#pragma once

#include <cstdint>
#include <vector>

#include "primepool/result.hpp"

namespace primepool {

// The block, decoded. `rows` holds what the detail carries (every number, the primes, or none),
// as PrimeResults rebuilt from the job's numbers, which rank 0 kept while the job was out.
struct ResultBlock {
  std::uint64_t first_index = 0;
  std::uint64_t count = 0;   // numbers the job held (a sieve's count-only job: up to 2^34)
  std::uint64_t primes = 0;  // of those, primes
  double busy = 0.0;         // the checks' summed elapsed seconds (for auto job sizes)
  ResultDetail detail = ResultDetail::kFull;
  std::vector<PrimeResult> rows;
};

// Encode a job's result block from its totals and its rows: with `rows_reduced`, `rows` are exactly
// what the detail carries (a sieved job: the primes, or none); otherwise every number's, filtered
// here. Each row's index says its place in the job.
std::vector<char> encode_block(std::uint64_t first_index, std::uint64_t count, std::uint64_t primes,
                               double busy, const std::vector<PrimeResult>& rows, bool rows_reduced,
                               ResultDetail detail);

// Decode a block from rank `worker` for `job` (kept by rank 0 while it was out). Throws
// std::runtime_error when the block is malformed or does not fit the job.
ResultBlock decode_results(const char* data, std::size_t size, const Job& job, int worker);

}  // namespace primepool
