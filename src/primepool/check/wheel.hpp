// Trial division on a 2-3-5 wheel: divisors 7, 11, 13, 17, 19, 23, 29, 31, 37, ... (those prime
// to 30), 8 candidates in every 30 instead of the reference's 15 odd ones.
#pragma once

#include <atomic>
#include <cstdint>

#include "primepool/check/montgomery.hpp"

namespace primepool {

bool is_prime_wheel(std::uint64_t n);

// Smallest divisor d of n with lo <= d <= hi, d >= 7 and d prime to 30, or 0. `stop` as in
// find_odd_divisor.
std::uint64_t find_wheel_divisor(std::uint64_t n, std::uint64_t lo, std::uint64_t hi,
                                 const std::atomic<bool>* stop = nullptr);

/// The same for n up to 2^128 (hi < 2^64), by 128-by-64-bit remainders, and the wheel's
/// exact test on it.
u64 find_wheel_divisor128(u128 n, u64 lo, u64 hi, const std::atomic<bool>* stop = nullptr);
bool is_prime_wheel128(u128 n);

}  // namespace primepool
