// One number's divisor range split into pieces that several threads search at once.
// Pieces are equal in odd candidates, so trial division gives them equal work.
#include "primepool/check/split_check.hpp"

namespace primepool {

SplitCheck::SplitCheck(const Method& method, Number n, std::uint64_t first, std::uint64_t last,
                       int pieces)
    : search_(method.search),
      n_(n),
      first_(first | 1u),
      count_(last >= (first | 1u) ? (last - (first | 1u)) / 2 + 1 : 0),
      pieces_(pieces < 1 ? 1 : pieces),
      left_(pieces_) {}

SplitCheck::Range SplitCheck::piece(int i) const {
  // In 128 bits: count_ reaches 2^63 for numbers near 2^128.
  const auto begin = static_cast<std::uint64_t>(Number{count_} * static_cast<unsigned>(i) /
                                                static_cast<unsigned>(pieces_));
  const auto end = static_cast<std::uint64_t>(Number{count_} * static_cast<unsigned>(i + 1) /
                                              static_cast<unsigned>(pieces_));
  return {first_ + 2 * begin, first_ + 2 * end - 2};  // empty (lo > hi) when begin == end
}

bool SplitCheck::run_piece(int i) {
  const Range r = piece(i);
  if (r.lo <= r.hi && !found_.load(std::memory_order_relaxed)) {
    if (search_(n_, r.lo, r.hi, &found_) != 0) found_.store(true, std::memory_order_release);
  }
  return left_.fetch_sub(1, std::memory_order_acq_rel) == 1;
}

}  // namespace primepool
