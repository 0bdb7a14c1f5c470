// A finished job's answers as one compact block of plain bytes (sent as MPI_CHAR, no
// Boost.Serialization): a header with the counts, then what the ResultDetail asks for.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "primepool/input/job.hpp"
#include "primepool/result.hpp"

namespace primepool {

// The block, decoded: the job's totals, and in `rows` what the detail carries (every number, the
// primes, or none), as PrimeResults rebuilt from the job's numbers, which rank 0 kept while the
// job was out.
struct ResultBlock {
  JobTotals totals;
  ResultDetail detail = ResultDetail::kFull;
  std::vector<PrimeResult> rows;
};

// Encode job `job_id`'s result block from its totals and its rows: with `rows_reduced`, `rows` are
// exactly what the detail carries (a sieved job: the primes, or none); otherwise every number's,
// filtered here. Each row's index less totals.first_index is its place in the job.
std::vector<char> encode_block(std::uint64_t job_id, const JobTotals& totals,
                               const std::vector<PrimeResult>& rows, bool rows_reduced,
                               ResultDetail detail);

// The job id a block is for (its first 8 bytes), or nothing when it is shorter.
std::optional<std::uint64_t> block_job_id(const std::vector<char>& block);

// Decode a block from rank `worker` for `job` (kept by rank 0 while it was out). Throws
// std::runtime_error when the block is malformed or does not fit the job.
ResultBlock decode_results(const char* data, std::size_t size, const Job& job, int worker);

}  // namespace primepool
