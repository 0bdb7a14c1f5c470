// One number's divisor range split into pieces that several threads search at once; the first
// piece to find a divisor stops the others. The last piece to finish knows the verdict.
#pragma once

#include <atomic>
#include <cstdint>

#include "primepool/check/method.hpp"

namespace primepool {

class SplitCheck {
 public:
  struct Range {
    std::uint64_t lo, hi;  // divisor candidates lo..hi, inclusive; empty when lo > hi
  };

  // Search method.search over first..last (first odd, last < 2^64) in `pieces` parts of nearly
  // equal numbers of odd candidates.
  SplitCheck(const Method& method, Number n, std::uint64_t first, std::uint64_t last, int pieces);

  int pieces() const { return pieces_; }
  Range piece(int i) const;
  // Search piece i (skipped when another piece already found a divisor). Returns true when this
  // call finished the last outstanding piece: the verdict is then final.
  bool run_piece(int i);
  // The verdict: no divisor in first..last. Valid once run_piece has returned true.
  bool no_divisor() const { return !found_.load(std::memory_order_acquire); }
  // End the search early, as a divisor would (a divisor-range job cancelled: its number is
  // decided elsewhere and its verdict is not used).
  void stop() { found_.store(true, std::memory_order_release); }
  Number n() const { return n_; }

 private:
  DivisorSearch search_;
  Number n_;
  std::uint64_t first_, count_;  // count_: odd candidates in first..last
  int pieces_;
  std::atomic<bool> found_{false};
  std::atomic<int> left_;
};

}  // namespace primepool
