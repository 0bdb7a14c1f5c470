// The sieve method's kernel on libprimesieve: one call per job, on the calling thread (the pool
// runs one job a thread; libprimesieve's own threads stay at one).
#include "primepool/check/sieve.hpp"

#include <primesieve.hpp>

#include "primepool/check/bpsw.hpp"

namespace primepool {

namespace {

constexpr std::uint64_t kLargestPrime = 18446744073709551557ull;  // below 2^64

// A sparse progression: sieving the whole interval would cost about step times the work of its
// numbers (10^12 apart: forever), so each number is tested by Baillie-PSW instead.
std::uint64_t test_each(std::uint64_t start, std::uint64_t step, std::uint64_t count,
                        std::vector<std::uint32_t>* offsets) {
  std::uint64_t found = 0;
  for (std::uint64_t i = 0; i < count; ++i) {
    if (!is_prime_mr(start + step * i)) continue;
    ++found;
    if (offsets != nullptr) offsets->push_back(static_cast<std::uint32_t>(i));
  }
  return found;
}

}  // namespace

std::uint64_t sieve_primes(std::uint64_t start, std::uint64_t step, std::uint64_t count,
                           std::vector<std::uint32_t>* offsets) {
  if (count == 0) return 0;
  const std::uint64_t last = start + step * (count - 1);  // a range's numbers never wrap
  // libprimesieve's domain ends at the largest prime below 2^64 (it throws past it): a job that
  // starts beyond it has no primes, one that ends beyond it is sieved up to it.
  if (start > kLargestPrime) return 0;
  primesieve::set_num_threads(1);
  if (step == 1 && offsets == nullptr) return primesieve::count_primes(start, last);
  if (step > kSieveStepLimit) return test_each(start, step, count, offsets);
  primesieve::iterator primes(start, last);  // streams: memory stays small on any interval
  std::uint64_t found = 0;
  for (std::uint64_t p = primes.next_prime(); p <= last && p >= start; p = primes.next_prime()) {
    if ((p - start) % step == 0) {
      ++found;
      if (offsets != nullptr) offsets->push_back(static_cast<std::uint32_t>((p - start) / step));
    }
    if (p == last || p == kLargestPrime) break;  // libprimesieve throws past 2^64
  }
  return found;
}

}  // namespace primepool
