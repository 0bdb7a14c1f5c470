// The divisor scan under trial division and the wheel: many candidate divisors of one 64-bit n
// tested at once in exact double arithmetic, vectorized, dispatched at run time to the CPU's
// widest vector unit (AVX-512, AVX2 or the portable SSE2 baseline).
#pragma once

#include <atomic>
#include <cstdint>

namespace primepool {

// The candidates of a search: base + offsets[i] for i < kCandidates, then base += period. The
// offsets are increasing and below period.
struct DivisorPattern {
  static constexpr int kCandidates = 32;
  std::uint32_t offsets[kCandidates];
  std::uint32_t period;
};

// Odd numbers: 3, 5, 7, ... (trial division).
const DivisorPattern& odd_divisors();
// Numbers prime to 30: 7, 11, 13, ..., 29, 31, 37, ... (the 2-3-5 wheel).
const DivisorPattern& wheel_divisors();

// The smallest candidate d of `pattern` with lo <= d <= hi that divides n, or 0 when there is
// none. hi must be below 2^32. With `stop`: read every few thousand candidates; once true, the
// search returns 0. `form`: the widest vector unit this CPU has, or one named (for the tests).
enum class ScanForm { kWidest, kAvx512, kAvx2, kBaseline };
bool scan_form_available(ScanForm form);
std::uint64_t scan_divisors(std::uint64_t n, std::uint64_t lo, std::uint64_t hi,
                            const DivisorPattern& pattern, const std::atomic<bool>* stop,
                            ScanForm form = ScanForm::kWidest);

}  // namespace primepool
