// --method sieve: the numbers of a --range job judged together by libprimesieve's segmented
// sieve of Eratosthenes, instead of one test a number.
#pragma once

#include <cstdint>
#include <vector>

namespace primepool {

// The primes among start, start + step, ..., start + (count - 1) * step: how many, and with
// `offsets` their positions i (increasing). Step 1 without offsets only counts (the fastest
// form); otherwise the interval's primes are streamed and those on the progression kept. Each
// call pays libprimesieve's set-up, about sqrt(last) of work (0.2 s near 10^18): jobs are large.
// A step above kSieveStepLimit is not sieved: each number is tested (Baillie-PSW), since the
// interval would hold kSieveStepLimit times more numbers than the job.
std::uint64_t sieve_primes(std::uint64_t start, std::uint64_t step, std::uint64_t count,
                           std::vector<std::uint32_t>* offsets);

constexpr std::uint64_t kSieveStepLimit = 64;

}  // namespace primepool
