// What travels between ranks: the message tags, the workers' greeting and last word, and how
// Boost.Serialization packs them, a slice's report and the Job (input/job.hpp).
// A job's answers do not go through Boost.Serialization: see result_block.hpp.
#pragma once

#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <stdexcept>
#include <string>
#include <variant>
#include <vector>

#include "primepool/input/job.hpp"
#include "primepool/input/sources.hpp"
#include "primepool/result.hpp"

namespace primepool {

// Message tags of the pool protocol, in the order a worker sees them. Worker to coordinator
// unless marked "to worker".
enum Tag : int {
  kReady = 1,      // I am up and can hold `slots` jobs at once (WorkerHello)
  kJob = 2,        // to worker: check these numbers (Job)
  kResult = 3,     // the answers for one job (a result block, result_block.hpp)
  kSentinel = 4,   // to worker: the poison pill; finish what you hold, then leave
  kDone = 5,       // I have left my loop; nothing more will come (WorkerReport)
  kHeartbeat = 6,  // still here, checking (no data; once a second while busy)
  kSliceRead = 7,  // what a slice job held (SliceReport), before its result
  kCancel = 8,     // to worker: stop this divisor-range job, its number is decided (job id)
};

// A worker's greeting: how many jobs it can hold at once, and where it runs (for --verbose).
struct WorkerHello {
  int slots = 1;
  int threads = 1;
  int cpus = 1;         // CPUs the rank may run on
  std::string host;     // host name
  std::string binding;  // CPUs the rank may run on, e.g. "0-3"
};

// A worker's last word: the seconds each of its compute threads spent checking.
struct WorkerReport {
  std::vector<double> thread_busy;
};

// A slice job, read by its worker: how many numbers and lines it held and its bad line, if any
// (line counted from the slice's first). The numbers themselves travel only when rank 0 needs
// them (every detail but kCounts: rows, primes, the journal).
struct SliceReport {
  std::uint64_t job_id = 0;
  std::uint64_t count = 0;
  std::uint64_t lines = 0;
  NumberList numbers;
  bool bad = false;
  std::uint64_t bad_line = 0;
  std::string bad_text;
  std::string bad_reason;
};

// Boost.Serialization finds these by argument-dependent lookup; each packs its fields in order.
template <class Archive, class... Field>
void fields(Archive& ar, Field&... field) {
  (ar & ... & field);
}

// Boost.Serialization has no 128-bit integers: a Number travels as its two 64-bit halves.
template <class Archive>
void number(Archive& ar, Number& n) {
  std::uint64_t low = static_cast<std::uint64_t>(n), high = static_cast<std::uint64_t>(n >> 64);
  fields(ar, low, high);
  if constexpr (Archive::is_loading::value) n = (Number{high} << 64) | low;
}

// A list of numbers: the low halves, then the high halves only when one of them is not zero
// (numbers below 2^64 cost what they did when they were all there was).
template <class Archive>
void numbers(Archive& ar, std::vector<Number>& list) {
  std::vector<std::uint64_t> low, high;
  if constexpr (Archive::is_saving::value) {
    low.reserve(list.size());
    bool wide = false;
    for (Number n : list) {
      low.push_back(static_cast<std::uint64_t>(n));
      wide = wide || is_wide(n);
    }
    if (wide) {
      high.reserve(list.size());
      for (Number n : list) high.push_back(static_cast<std::uint64_t>(n >> 64));
    }
  }
  fields(ar, low, high);
  if constexpr (Archive::is_loading::value) {
    if (!high.empty() && high.size() != low.size()) {
      throw std::runtime_error("a message with " + std::to_string(low.size()) + " numbers and " +
                               std::to_string(high.size()) + " high halves");
    }
    list.resize(low.size());
    for (std::size_t i = 0; i < low.size(); ++i) {
      list[i] = high.empty() ? Number{low[i]} : (Number{high[i]} << 64) | low[i];
    }
  }
}

template <class Archive>
void serialize(Archive& ar, WorkerHello& h, const unsigned /*version*/) {
  fields(ar, h.slots, h.threads, h.cpus, h.host, h.binding);
}

template <class Archive>
void serialize(Archive& ar, WorkerReport& r, const unsigned /*version*/) {
  fields(ar, r.thread_busy);
}

template <class Archive>
void serialize(Archive& ar, SliceReport& r, const unsigned /*version*/) {
  fields(ar, r.job_id, r.count, r.lines);
  serialize(ar, r.numbers, 0);
  fields(ar, r.bad, r.bad_line, r.bad_text, r.bad_reason);
}

template <class Archive>
void serialize(Archive& ar, FileIdentity& f, const unsigned /*version*/) {
  fields(ar, f.path, f.size, f.device, f.inode, f.mtime_ns, f.ctime_ns, f.sample);
}

// A list: its numbers, then its big numbers' places and digits (two empty vectors without).
template <class Archive>
void serialize(Archive& ar, NumberList& list, const unsigned /*version*/) {
  numbers(ar, list.numbers);
  std::vector<std::uint32_t> offsets;
  std::vector<std::string> digits;
  if constexpr (Archive::is_saving::value) {
    for (const BigEntry& e : list.big) {
      offsets.push_back(e.offset);
      digits.push_back(e.digits);
    }
  }
  fields(ar, offsets, digits);
  if constexpr (Archive::is_loading::value) {
    list.big.clear();
    for (std::size_t i = 0; i < offsets.size(); ++i) {
      if (i >= digits.size() || offsets[i] >= list.numbers.size() ||
          list.numbers[offsets[i]] != 0 || (i > 0 && offsets[i] <= offsets[i - 1]) ||
          digits[i].empty()) {
        throw std::runtime_error("a message with a misplaced big number");
      }
      list.big.push_back({offsets[i], std::move(digits[i])});
    }
  }
}

template <class Archive>
void serialize(Archive& ar, Progression& run, const unsigned /*version*/) {
  number(ar, run.start);
  number(ar, run.step);
  fields(ar, run.count);
}

template <class Archive>
void serialize(Archive& ar, FileSlice& slice, const unsigned /*version*/) {
  fields(ar, slice.offset, slice.bytes, slice.count);
}

// A job: its id and first index, its divisor range (if any), which kind of numbers it has,
// then those.
template <class Archive>
void serialize(Archive& ar, Job& job, const unsigned /*version*/) {
  int kind = static_cast<int>(job.numbers.index());
  fields(ar, job.id, job.first_index, job.search_lo, job.search_hi, job.verify, kind);
  if constexpr (Archive::is_loading::value) {
    switch (kind) {
      case 0: job.numbers.emplace<NumberList>(); break;
      case 1: job.numbers.emplace<Progression>(); break;
      case 2: job.numbers.emplace<FileSlice>(); break;
      default: throw std::runtime_error("a job message of unknown kind " + std::to_string(kind));
    }
  }
  std::visit([&ar](auto& numbers) { ar& numbers; }, job.numbers);
}

}  // namespace primepool
