// A Job: consecutive numbers of the input that travel to one worker as one message. Its numbers
// are a list, an arithmetic progression (described, not listed) or a slice of a file to read.
#pragma once

#include <cstdint>
#include <variant>
#include <vector>

#include "primepool/result.hpp"

namespace primepool {

/// Numbers given one by one (a file read by rank 0, standard input, --numbers, --random).
struct NumberList {
  std::vector<Number> numbers;
  friend bool operator==(const NumberList& a, const NumberList& b) {
    return a.numbers == b.numbers;
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

  const NumberList* list() const { return std::get_if<NumberList>(&numbers); }
  const Progression* progression() const { return std::get_if<Progression>(&numbers); }
  const FileSlice* slice() const { return std::get_if<FileSlice>(&numbers); }

  /// How many numbers (a file slice's: none until it is read).
  std::uint64_t size() const {
    if (const auto* p = progression()) return p->count;
    if (const auto* l = list()) return l->numbers.size();
    return std::get<FileSlice>(numbers).count;
  }
  /// The job's i-th number (i < size(); not a file slice's: its numbers stay on the worker).
  Number at(std::uint64_t i) const {
    if (const auto* p = progression()) return p->at(i);
    return std::get<NumberList>(numbers).numbers[i];
  }
};

}  // namespace primepool
