// A Job: consecutive numbers of the input that travel to one worker as one message. Its numbers
// are a list, an arithmetic progression (described, not listed) or a slice of a file to read.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "primepool/result.hpp"

namespace primepool {

/// A number of 2^128 or more in a NumberList: its place in the list and its decimal digits.
struct BigEntry {
  std::uint32_t offset = 0;
  std::string digits;
  friend bool operator==(const BigEntry& a, const BigEntry& b) {
    return a.offset == b.offset && a.digits == b.digits;
  }
};

/// The digits of the entry at `offset` in `big` (offsets increasing), or nullptr.
inline const std::string* find_big(const std::vector<BigEntry>& big, std::size_t offset) {
  const auto it = std::lower_bound(big.begin(), big.end(), offset,
                                   [](const BigEntry& e, std::size_t at) { return e.offset < at; });
  return it != big.end() && it->offset == offset ? &it->digits : nullptr;
}

/// Numbers given one by one (a file read by rank 0, standard input, --numbers, --random).
/// A big number's slot in `numbers` holds 0; its digits are in `big` (offsets increasing), so a
/// list without big numbers costs what it always did.
struct NumberList {
  NumberList(std::vector<Number> list = {}, std::vector<BigEntry> bigs = {})
      : numbers(std::move(list)), big(std::move(bigs)) {}
  std::vector<Number> numbers;
  std::vector<BigEntry> big;
  /// The i-th number's digits when it is big, else nullptr.
  const std::string* big_at(std::size_t i) const {
    return big.empty() || numbers[i] != 0 ? nullptr : find_big(big, i);
  }
  /// Appends a number: `digits` non-empty for a big one.
  void push(Number n, std::string digits = {}) {
    if (digits.empty()) {
      numbers.push_back(n);
      return;
    }
    big.push_back({static_cast<std::uint32_t>(numbers.size()), std::move(digits)});
    numbers.push_back(0);
  }
  /// The numbers [begin, end) as a list of their own.
  NumberList part(std::size_t begin, std::size_t end) const {
    NumberList out;
    out.numbers.assign(numbers.begin() + static_cast<std::ptrdiff_t>(begin),
                       numbers.begin() + static_cast<std::ptrdiff_t>(end));
    for (const BigEntry& e : big) {
      if (e.offset >= begin && e.offset < end) {
        out.big.push_back({static_cast<std::uint32_t>(e.offset - begin), e.digits});
      }
    }
    return out;
  }
  friend bool operator==(const NumberList& a, const NumberList& b) {
    return a.numbers == b.numbers && a.big == b.big;
  }
};

/// count numbers start, start + step, ... (--range): rank 0 makes such a job for nothing.
struct Progression {
  Number start = 0;
  Number step = 1;
  std::uint64_t count = 0;
  Number at(std::uint64_t i) const { return start + step * i; }
  friend bool operator==(const Progression& a, const Progression& b) {
    return a.start == b.start && a.step == b.step && a.count == b.count;
  }
};

/// The lines that start in bytes [offset, offset + bytes) of the input file, which the worker
/// reads itself. Its numbers, and so the input index of its first, are known only once it is
/// read and the slices before it are (run/file_slices.hpp).
struct FileSlice {
  std::uint64_t offset = 0;
  std::uint64_t bytes = 0;
  std::uint64_t count = 0;  ///< the numbers it held, once read (rank 0 learns it from the worker)
  friend bool operator==(const FileSlice& a, const FileSlice& b) {
    return a.offset == b.offset && a.bytes == b.bytes && a.count == b.count;
  }
};

struct Job {
  /// Unique in a run (the order jobs were made): the coordinator finds a job's results by it.
  std::uint64_t id = 0;
  /// The input index of the first number. A file slice's is set by FileSlices once known.
  std::uint64_t first_index = 0;
  std::variant<NumberList, Progression, FileSlice> numbers;
  /// A divisor-range job (one hard number spread over the pool, run/spread.hpp): its one number
  /// is searched for divisors in search_lo..search_hi only, and "prime" in its result means no
  /// divisor there. Both 0 for every other job.
  std::uint64_t search_lo = 0, search_hi = 0;
  bool divisor_range() const { return search_hi != 0; }
  /// A verification job (--verify, run/verify.hpp): its list is checked with the run's
  /// verifying method, every verdict comes back, and nothing of it is reported as a result.
  bool verify = false;

  const NumberList* list() const { return std::get_if<NumberList>(&numbers); }
  const Progression* progression() const { return std::get_if<Progression>(&numbers); }
  const FileSlice* slice() const { return std::get_if<FileSlice>(&numbers); }

  /// How many numbers (a file slice's: none until it is read).
  std::uint64_t size() const {
    if (const auto* p = progression()) return p->count;
    if (const auto* l = list()) return l->numbers.size();
    return std::get<FileSlice>(numbers).count;
  }
  /// The job's i-th number (i < size(); not a file slice's: its numbers stay on the worker); 0
  /// for a big one, whose digits big_at(i) gives.
  Number at(std::uint64_t i) const {
    if (const auto* p = progression()) return p->at(i);
    return std::get<NumberList>(numbers).numbers[i];
  }
  const std::string* big_at(std::uint64_t i) const {
    const auto* l = list();
    return l != nullptr ? l->big_at(static_cast<std::size_t>(i)) : nullptr;
  }
};

}  // namespace primepool
