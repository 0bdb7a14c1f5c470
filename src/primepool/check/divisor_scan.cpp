// Exact divisibility tests of one 64-bit n by 32 candidate divisors at a time, in doubles, so
// that the loop vectorizes; target_clones picks AVX-512, AVX2 or SSE2 when the program starts.
#include "primepool/check/divisor_scan.hpp"

#include <stdexcept>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace primepool {

namespace {

// Why the test below is exact for every n < 2^64 and odd 3 <= d < 2^32 (n itself is never a
// double: above 2^53 it would not be exact; only numbers below 2^53 are converted):
//  - n = nh * 2^32 + nl and d = dh * 2^16 + dl with nh, nl < 2^32 and dh, dl < 2^16: all exact.
//  - round(t) = (t + 1.5 * 2^52) - 1.5 * 2^52 rounds to the nearest integer for |t| < 2^51.
//  - q1 = round(nh * (1 / d)): two roundings, relative error below 2^-52, so the computed
//    quotient is within 2^32 * 2^-52 = 2^-20 of nh / d and q1 is floor(nh / d) or one more
//    (an error below 1/4 suffices for that). Then a = nh - q1 * d lies in [-d, d) and is
//    computed exactly: q1 * d <= nh + d < 2^33.
//  - x = a * 2^32 + nl is congruent to n modulo d, and |x / d| < 2^33. q2 = round(x * (1 / d))
//    (x rounded, three roundings) is again floor(x / d) or one more: the error is below
//    2^33 * 3 * 2^-53 < 2^-17.
//  - r = a * 2^32 - q2 * dh * 2^16 - q2 * dl + nl is computed exactly (a * 2^32 has 32
//    significant bits; the products are below 2^50; every partial result is an integer below
//    2^51), and r = x - q2 * d lies in [-d, d). So d divides n exactly when r is 0 or -d.
// Contracting a * b + c into a fused multiply-add only removes roundings from the quotient
// estimates (the exact steps stay exact), so the bounds hold with or without FMA. A candidate
// found here is confirmed with an integer remainder before it is returned.
constexpr double kRound = 6755399441055744.0;  // 1.5 * 2^52

inline bool divides(double nh, double nl, std::uint32_t d) {
  const double dh = static_cast<double>(static_cast<std::int32_t>(d >> 16));
  const double dl = static_cast<double>(static_cast<std::int32_t>(d & 0xffffu));
  const double dd = dh * 65536.0 + dl;
  const double inv = 1.0 / dd;
  const double q1 = (nh * inv + kRound) - kRound;
  const double a = nh - q1 * dd;
  const double q2 = ((a * 4294967296.0 + nl) * inv + kRound) - kRound;
  const double r = ((a * 4294967296.0 - q2 * dh * 65536.0) - q2 * dl) + nl;
  return (r == 0.0) | (r == -dd);
}

// One block: does any candidate base + offsets[i] in [lo, hi] divide n? Candidates that wrap
// past 2^32 in 32 bits are small numbers: they can only add a hit that the exact pass drops.
// The portable form (no fused multiply-add needed, hence the split of d).
__attribute__((always_inline)) inline bool block_hits_split(double nh, double nl,
                                                            std::uint32_t base,
                                                            const std::uint32_t* offsets,
                                                            std::uint32_t lo, std::uint32_t hi) {
  int hit = 0;
  for (int i = 0; i < DivisorPattern::kCandidates; ++i) {
    const std::uint32_t d = base + offsets[i];
    hit |= static_cast<int>(divides(nh, nl, d)) & static_cast<int>(d >= lo) &
           static_cast<int>(d <= hi);
  }
  return hit != 0;
}

// The x86-64 baseline (SSE2, two candidates a vector) and AVX2 (four) compile the same code.
bool block_hits_baseline(double nh, double nl, std::uint32_t base, const std::uint32_t* offsets,
                         std::uint32_t lo, std::uint32_t hi) {
  return block_hits_split(nh, nl, base, offsets, lo, hi);
}

#if defined(__x86_64__)
__attribute__((target("avx2,fma"))) bool block_hits_avx2(double nh, double nl, std::uint32_t base,
                                                         const std::uint32_t* offsets,
                                                         std::uint32_t lo, std::uint32_t hi) {
  return block_hits_split(nh, nl, base, offsets, lo, hi);
}
#endif

#if defined(__x86_64__)
#pragma GCC diagnostic push  // GCC 12's own _mm512_undefined_pd() trips -Wuninitialized
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
// The same test, 8 candidates a vector, with fused multiply-adds: a = fma(-q1, d, nh) and
// r = fma(-q2, d, a * 2^32) + nl are exact (their exact values are integers below 2^35), so d
// needs no split. 1 / d comes from the 14-bit estimate vrcp14pd and two Newton steps (relative
// error below 2^-50; the proof above needs only 2^-36), which is faster than a division.
__attribute__((target("avx512f,avx512vl"))) bool block_hits_avx512(double nh, double nl,
                                                                   std::uint32_t base,
                                                                   const std::uint32_t* offsets,
                                                                   std::uint32_t lo,
                                                                   std::uint32_t hi) {
  const __m512d vnh = _mm512_set1_pd(nh), vnl = _mm512_set1_pd(nl);
  const __m512d round = _mm512_set1_pd(kRound), one = _mm512_set1_pd(1.0);
  const __m512d two32 = _mm512_set1_pd(4294967296.0);
  const __m256i vbase = _mm256_set1_epi32(static_cast<int>(base));
  const __m256i vlo = _mm256_set1_epi32(static_cast<int>(lo));
  const __m256i vhi = _mm256_set1_epi32(static_cast<int>(hi));
  __mmask8 hit = 0;
  for (int i = 0; i < DivisorPattern::kCandidates; i += 8) {
    const __m256i d32 =
        _mm256_add_epi32(vbase, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(offsets + i)));
    const __mmask8 in_range = _mm256_cmpge_epu32_mask(d32, vlo) & _mm256_cmple_epu32_mask(d32, vhi);
    const __m512d d = _mm512_cvtepu32_pd(d32);
    __m512d inv = _mm512_rcp14_pd(d);
    inv = _mm512_fmadd_pd(inv, _mm512_fnmadd_pd(d, inv, one), inv);
    inv = _mm512_fmadd_pd(inv, _mm512_fnmadd_pd(d, inv, one), inv);
    const __m512d q1 = _mm512_sub_pd(_mm512_fmadd_pd(vnh, inv, round), round);
    const __m512d a = _mm512_fnmadd_pd(q1, d, vnh);
    const __m512d x = _mm512_fmadd_pd(a, two32, vnl);
    const __m512d q2 = _mm512_sub_pd(_mm512_fmadd_pd(x, inv, round), round);
    const __m512d r = _mm512_add_pd(_mm512_fnmadd_pd(q2, d, _mm512_mul_pd(a, two32)), vnl);
    const __mmask8 zero = _mm512_cmp_pd_mask(r, _mm512_setzero_pd(), _CMP_EQ_OQ) |
                          _mm512_cmp_pd_mask(r, _mm512_sub_pd(_mm512_setzero_pd(), d), _CMP_EQ_OQ);
    hit |= zero & in_range;
  }
  return hit != 0;
}
#pragma GCC diagnostic pop
#endif

using BlockTest = bool (*)(double, double, std::uint32_t, const std::uint32_t*, std::uint32_t,
                           std::uint32_t);

// The form asked for: kWidest is the widest this CPU runs; a form it cannot run is nullptr.
BlockTest block_test(ScanForm form) {
#if defined(__x86_64__)
  __builtin_cpu_init();
  const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512vl");
  const bool avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
  switch (form) {
    case ScanForm::kWidest:
      return avx512 ? block_hits_avx512 : avx2 ? block_hits_avx2 : block_hits_baseline;
    case ScanForm::kAvx512: return avx512 ? block_hits_avx512 : nullptr;
    case ScanForm::kAvx2: return avx2 ? block_hits_avx2 : nullptr;
    case ScanForm::kBaseline: return block_hits_baseline;
  }
#endif
  return form == ScanForm::kWidest || form == ScanForm::kBaseline ? block_hits_baseline : nullptr;
}

}  // namespace

bool scan_form_available(ScanForm form) { return block_test(form) != nullptr; }

namespace {

DivisorPattern make_pattern(std::uint32_t period, bool (*candidate)(std::uint32_t)) {
  DivisorPattern p{};
  p.period = period;
  int count = 0;
  for (std::uint32_t d = 0; count < DivisorPattern::kCandidates; ++d) {
    if (candidate(d)) p.offsets[count++] = d;
  }
  return p;
}

}  // namespace

const DivisorPattern& odd_divisors() {
  static const DivisorPattern p = make_pattern(64, [](std::uint32_t d) { return d % 2 == 1; });
  return p;
}

const DivisorPattern& wheel_divisors() {
  static const DivisorPattern p =
      make_pattern(120, [](std::uint32_t d) { return d % 2 != 0 && d % 3 != 0 && d % 5 != 0; });
  return p;
}

std::uint64_t scan_divisors(std::uint64_t n, std::uint64_t lo, std::uint64_t hi,
                            const DivisorPattern& pattern, const std::atomic<bool>* stop,
                            ScanForm form) {
  constexpr int stop_check_every = 512;  // blocks between reads of `stop`
  const double nh = static_cast<double>(n >> 32);
  const double nl = static_cast<double>(n & 0xffffffffu);
  const auto lo32 = static_cast<std::uint32_t>(lo), hi32 = static_cast<std::uint32_t>(hi);
  static const BlockTest widest = block_test(ScanForm::kWidest);
  const BlockTest block_hits = form == ScanForm::kWidest ? widest : block_test(form);
  if (block_hits == nullptr) throw std::invalid_argument("this CPU cannot run that scan form");
  int blocks = 0;
  // hi < 2^32, so base (at most hi) and base + offset (below 2^32 + period) fit in 64 bits.
  for (std::uint64_t base = lo - lo % pattern.period; base <= hi; base += pattern.period) {
    if (block_hits(nh, nl, static_cast<std::uint32_t>(base), pattern.offsets, lo32, hi32)) {
      for (std::uint32_t offset : pattern.offsets) {  // the exact pass: the smallest divisor
        const std::uint64_t d = base + offset;
        if (d >= lo && d <= hi && n % d == 0) return d;
      }
    }
    if (stop != nullptr && ++blocks % stop_check_every == 0 &&
        stop->load(std::memory_order_relaxed)) {
      return 0;
    }
  }
  return 0;
}

}  // namespace primepool
