// Where the numbers come from: a NumberSource hands them out one at a time, in input order.
// Every source streams, so an input is never held whole in memory.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "primepool/result.hpp"

namespace primepool {

/// Bad input: names the source, the line (0 when not line-based), the offending text and why.
class InputError : public std::runtime_error {
 public:
  InputError(std::string source, std::uint64_t line, std::string text, std::string reason);
  const std::string& source() const { return source_; }
  std::uint64_t line() const { return line_; }
  const std::string& text() const { return text_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string source_;
  std::uint64_t line_;
  std::string text_;
  std::string reason_;
};

class NumberSource {
 public:
  virtual ~NumberSource() = default;
  /// The next number, or nothing when the input is exhausted. Throws InputError on bad input;
  /// the numbers returned before it stay valid.
  virtual std::optional<Number> next() = 0;
  /// How many numbers the input holds, when that is known before reading it.
  virtual std::optional<std::uint64_t> size() const { return std::nullopt; }
  /// The largest number the input can hold, when known (sets the output column width).
  virtual std::optional<Number> max_value() const { return std::nullopt; }
  /// What this input is, for messages and the journal: "sample", "file:x.txt", "range:1:100:1".
  virtual std::string describe() const = 0;
  /// True when next() will answer without waiting for input (at once for every source but
  /// streams); waits up to `timeout_ms` for that. Callers poll it to stay responsive.
  virtual bool wait_ready(int /*timeout_ms*/) { return true; }
};

/// The built-in sample: the reference text's 20 numbers, used when no input is given. Nine of
/// them are prime; they range from 2 to 10^16 - 1.
const std::vector<Number>& sample_numbers();

/// Numbers given in full: --numbers, or the sample (named "sample").
std::unique_ptr<NumberSource> list_source(std::vector<Number> numbers, std::string name = "list");

/// A file by path, or "-" for standard input: one number a line; blank lines and comments (from
/// '#' to the end of the line) are skipped, spaces, tabs and a CR around the number are
/// accepted. Refuses directories with a clear message; a FIFO is opened without waiting for its
/// writer. Throws InputError when the file cannot be opened.
std::unique_ptr<NumberSource> open_file_source(const std::string& path);

/// first, first + step, ... below end (end exclusive); step >= 1.
std::unique_ptr<NumberSource> range_source(Number first, Number end, Number step = 1);
/// The same from "A:B" or "A:B:STEP" (--range); throws InputError naming the bad part.
std::unique_ptr<NumberSource> parse_range(const std::string& spec);

/// K numbers of exactly B bits (top bit set, 1 <= B <= 128), from a 64-bit Mersenne Twister
/// seeded with S: the same K, B, S give the same numbers everywhere.
std::unique_ptr<NumberSource> random_source(std::uint64_t count, int bits, std::uint64_t seed);

}  // namespace primepool
