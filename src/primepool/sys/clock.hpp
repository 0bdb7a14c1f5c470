// Clocks: seconds on a monotonic clock for run times, and a cheap tick counter for timing each
// check (the x86 time-stamp counter where it runs at a constant rate, else steady_clock).
#pragma once

#include <cstdint>

namespace primepool {

// Seconds on steady_clock (about 30 ns a call).
double now_seconds();

// A tick count for per-number timing (about 10 ns a call with a constant-rate TSC).
std::uint64_t ticks();
// Measure the tick rate now (4 ms, once): call before timing anything, so that no number's
// elapsed time includes the calibration.
void calibrate_clock();
// Seconds in `n` ticks.
double ticks_to_seconds(std::uint64_t n);

// Sleep `ns` nanoseconds without using the CPU, with the thread's timer slack cut to 1 us (the
// default 50 us would stretch a 100 us wait by half).
void sleep_ns(std::uint64_t ns);

}  // namespace primepool
