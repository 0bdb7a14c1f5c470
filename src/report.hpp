// Output: a Reporter receives the run's header, each PrimeResult as it arrives, and the summary.
// TableReporter prints the reference text's format ("  n P 0.000001s", "20 checks in 0.53s").
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>

#include "messages.hpp"
#include "summary.hpp"

namespace primepool {

struct RunInfo {
  std::optional<std::uint64_t> count;      // numbers in the input, when known
  std::optional<std::uint64_t> max_value;  // largest input number, when known
  int workers = 0;                         // 0: sequential, on one rank
  int threads = 1;                         // threads per worker rank
};

class Reporter {
 public:
  virtual ~Reporter() = default;
  virtual void begin(const RunInfo& info) = 0;
  virtual void result(const PrimeResult& r) = 0;
  virtual void end(const RunSummary& summary) = 0;
};

class TableReporter : public Reporter {
 public:
  explicit TableReporter(std::ostream& out) : out_(out) {}
  void begin(const RunInfo& info) override;
  void result(const PrimeResult& r) override;
  void end(const RunSummary& summary) override;

 private:
  std::ostream& out_;
  int width_ = 16;
  bool sequential_ = false;    // one rank, one thread: the reference's sequential.py form
  bool threads_only_ = false;  // one rank, several threads
};

// Digits in the decimal form of n.
int decimal_digits(std::uint64_t n);

}  // namespace primepool
