// One line of the journal: a run of consecutive input indices (a finished job, or a part of a
// large one) with its numbers, which of them are prime, and the times the run's output needed.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "primepool/input/done_set.hpp"
#include "primepool/input/job.hpp"
#include "primepool/result.hpp"
#include "primepool/summary.hpp"

namespace primepool {

struct JournalEntry {
  // Which times the line holds: none (a --quiet run's job: only its busy time), every number's
  // (the rows a full output prints), or only the primes' (--primes-only).
  enum class Times : char { kNone = '-', kAll = 'a', kPrimes = 'p' };

  // The indices [first_index, first_index + count) with count 1 .. kMaxNumbers, their primes
  // (as many as prime_offsets), the checks' summed seconds and the rank that checked them.
  JobTotals totals;
  // The numbers: a --range job's progression, or the list of them.
  std::variant<NumberList, Progression> numbers;
  std::vector<std::uint32_t> prime_offsets;  // offsets (< count) of the primes, increasing
  Times times = Times::kNone;
  std::vector<double> elapsed;  // per number (kAll) or per prime (kPrimes)
  std::vector<int> threads;     // the same length as `elapsed`

  Number number(std::uint64_t i) const {
    if (const auto* p = std::get_if<Progression>(&numbers)) return p->at(i);
    return std::get<NumberList>(numbers).numbers[i];
  }
  // The i-th number's digits when it is 2^128 or more (number(i) is then 0), else nullptr.
  const std::string* big(std::uint64_t i) const {
    const auto* l = std::get_if<NumberList>(&numbers);
    return l != nullptr ? l->big_at(static_cast<std::size_t>(i)) : nullptr;
  }
  // Each number's PrimeResult, in index order. A number whose own time the line does not hold
  // gets the mean time of those that have none (its job's), and thread 0.
  void for_each_result(const std::function<void(const PrimeResult&)>& take) const;

  static constexpr std::uint64_t kMaxNumbers = 4096;  // a job larger than this takes more lines
};

// "<first> <count> <numbers> <primes> <busy> <times> <worker> <fnv1a-32 of the text, hex>":
// numbers "start+step" or "n0,n1,..." (a list's numbers of any size, in decimal); primes "-" or
// offsets as differences "o0,d1,d2,..."; times "-", or "a"/"p" then "seconds[@thread],..."; seconds
// in the shortest form that reads back as the same double.
std::string journal_line(const JournalEntry& e);
// False for any line that is not exactly what journal_line() writes for some entry.
bool parse_journal_line(const std::string& line, JournalEntry& e);

// --verify's record of one run, written at its end: "v <verified> <left unchecked>
// <disagreements> <fnv1a-32>", then a line "x <index> <number> <first verdict>@<rank>
// <second verdict>@<rank> <fnv1a-32>" for each disagreement (verdicts 1 prime, 0 composite).
// Not results: loading and replay check their checksums and pass over them.
std::vector<std::string> verification_lines(const RunSummary& s);
// True for a line that starts like one of those ("v " or "x ") and ends in its checksum.
bool is_verification_line(const std::string& line);

// "s <index> <n> <lo> <hi> <fnv1a-32 of the text, hex>": a spread number's divisor range searched
// without a divisor (input/done_set.hpp's SearchedRange).
std::string searched_line(const SearchedRange& r);
// False for any line that is not exactly what searched_line() writes for some range.
bool parse_searched_line(const std::string& line, SearchedRange& r);

}  // namespace primepool
