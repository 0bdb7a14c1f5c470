// The reference text's trial division, as a divisor search that threads can split: the odd
// divisors of a range tried by the vectorized scan (check/divisor_scan.hpp).
#pragma once

#include <atomic>
#include <cstdint>

namespace primepool {

/// Smallest odd divisor d of n with lo <= d <= hi (lo odd, d >= 3), or 0 when there is none.
/// When `stop` is given it is read every few thousand divisors and the search gives up (returns 0)
/// once it is true; the split check uses it to stop sibling threads when one finds a divisor.
std::uint64_t find_odd_divisor(std::uint64_t n, std::uint64_t lo, std::uint64_t hi,
                               const std::atomic<bool>* stop = nullptr);

}  // namespace primepool
