// The input indices already checked (what a journal holds, what --resume skips): a set of
// intervals with a digest of each interval's numbers, so the input can be checked against it.
#pragma once

#include <cstdint>
#include <iterator>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "primepool/result.hpp"
#include "primepool/sys/fnv1a.hpp"

namespace primepool {

// Input indices already checked: a set of intervals, small when results are mostly contiguous.
// Each interval keeps a digest of its (index, n) pairs, so the input can be checked against it.
// A spread number's divisor range searched without finding a divisor (run/spread.hpp; the
// journal's "s" lines): a resumed run searches only the rest of that number's range.
struct SearchedRange {
  std::uint64_t index = 0;
  Number n = 0;
  std::uint64_t lo = 0, hi = 0;  // divisor candidates lo..hi, inclusive
};

class DoneSet {
 public:
  struct Run {
    std::uint64_t end = 0;     // one past the last index
    std::uint64_t digest = 0;  // sum of pair_digest(index, n) over the run
  };
  void insert(std::uint64_t index, Number n = 0);
  // Indices [first, first + count) with the summed digest of their pairs; false (and nothing
  // changed) when any of them is already in the set.
  bool insert_run(std::uint64_t first, std::uint64_t count, std::uint64_t digest);
  bool contains(std::uint64_t index) const;
  // The smallest index >= `index` that is not in the set.
  std::uint64_t next_missing(std::uint64_t index) const;
  // The smallest index >= `index` that is in the set (UINT64_MAX when none is).
  std::uint64_t next_done(std::uint64_t index) const;
  std::uint64_t size() const { return size_; }
  // One past the largest index in the set (0 when empty).
  std::uint64_t end() const { return runs_.empty() ? 0 : std::prev(runs_.end())->second.end; }
  const std::map<std::uint64_t, Run>& runs() const { return runs_; }  // first index -> run
  // Divisor ranges searched of numbers not decided when the journal ended (SearchedRange).
  void add_searched(const SearchedRange& r) { searched_[r.index].push_back(r); }
  // Those of n at `index` (another number at that index is another input's): sorted by lo,
  // overlapping and adjacent ones merged.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> searched(std::uint64_t index,
                                                                Number n) const;

 private:
  std::map<std::uint64_t, Run> runs_;
  std::map<std::uint64_t, std::vector<SearchedRange>> searched_;
  std::uint64_t size_ = 0;
};

// splitmix64's finaliser.
inline std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ull;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

// The digest of one journaled number: order-free (summed), so runs merge by addition. Inline:
// a resume digests every journaled number twice (the journal's, the input's).
inline std::uint64_t pair_digest(std::uint64_t index, Number n) {
  const auto high = static_cast<std::uint64_t>(n >> 64);  // 0 below 2^64: the digest as it was
  return mix64(static_cast<std::uint64_t>(n) ^ mix64(index + 1) ^ (high == 0 ? 0 : mix64(high)));
}
// A big number's (2^128 or more): its digits' hash in place of its value.
inline std::uint64_t pair_digest(std::uint64_t index, const std::string& big) {
  return mix64(fnv1a64_bytes(big.data(), big.size()) ^ mix64(index + 1) ^ mix64(~index));
}
// Either, as a job or a journal line holds them (`big` null for a number below 2^128).
inline std::uint64_t pair_digest(std::uint64_t index, Number n, const std::string* big) {
  return big != nullptr ? pair_digest(index, *big) : pair_digest(index, n);
}

}  // namespace primepool
