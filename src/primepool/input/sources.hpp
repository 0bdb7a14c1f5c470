// The built-in sources, and what the scheduler asks of a source beyond NumberSource: numbers in
// bulk (a progression, a stream's ready lines), passing over a journaled stretch, and the
// regular file that workers may read themselves.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "primepool/input.hpp"
#include "primepool/input/done_set.hpp"
#include "primepool/input/job.hpp"

namespace primepool {

// A regular file as it was when opened: what a worker checks before it reads its own part of
// the file, and again after each part, and what rank 0 checks as it reads (so a file that
// changes under a run is detected). The change time is set by the system on every write and
// every change of the modification time (`touch -d`), and no user can set it; the sample (a
// digest of the first and last 64 KiB) tells apart two files that agree on everything else.
struct FileIdentity {
  std::string path;
  std::uint64_t size = 0;
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
  std::uint64_t sample = 0;
  friend bool operator==(const FileIdentity& a, const FileIdentity& b) {
    return a.path == b.path && a.size == b.size && a.device == b.device && a.inode == b.inode &&
           a.mtime_ns == b.mtime_ns && a.ctime_ns == b.ctime_ns && a.sample == b.sample;
  }
};

// Where a line-based input stands: the byte offset of its next unread line, and how many lines
// come before it.
struct ReadPosition {
  std::uint64_t offset = 0;
  std::uint64_t lines = 0;
};

// A NumberSource with the scheduler's fast paths. Every built-in source is one; a user's own
// NumberSource is seen through bulk_view(), which has none of them.
// Why a run will not take a number ("" when it takes it): asked for numbers from 2^64 on only,
// `big` the digits of one of 2^128 or more (n is then 0).
using NumberRefusal = std::function<std::string(Number n, const std::string& big)>;

class BulkSource : public NumberSource {
 public:
  // From now on a number that `refusal` gives a reason for is bad input: next() throws an
  // InputError with the reason where the number stands (file and line, item, range). The
  // built-in sources honour it; a user's NumberSource is not asked.
  virtual void refuse(NumberRefusal refusal) { refusal_ = std::move(refusal); }
  // Arithmetic inputs only: take up to `max` numbers at once as first, first + step, ...;
  // returns how many were taken (0: not an arithmetic input, or exhausted).
  virtual std::uint64_t take_run(std::uint64_t /*max*/, Number& /*first*/, Number& /*step*/) {
    return 0;
  }
  // Up to `max` numbers that are ready at once, into `out`; how many. Only the common case
  // (a stream's plain lines already read): 0 says nothing about the end, for which callers
  // go on with wait_ready() and next(), as they do for every other line.
  virtual std::size_t take_ready(Number* /*out*/, std::size_t /*max*/) { return 0; }
  // Pass over the next `count` numbers without producing them, where that costs nothing (a
  // resumed input's journaled stretch); how many were passed over (0: the caller reads them).
  virtual std::uint64_t pass_over(std::uint64_t /*count*/) { return 0; }
  // A regular file read from its start: what it was when opened (workers may then read parts
  // of it themselves). Nothing for every other source, standard input and pipes included.
  virtual const FileIdentity* regular_file() const { return nullptr; }
  // With regular_file(): where reading stands now.
  virtual ReadPosition read_position() const { return {}; }
  // A resumed input: the indices its journal holds, which no job may hold again.
  virtual const DoneSet* journaled() const { return nullptr; }
  // The digits of the number the last next() returned when it is 2^128 or more (next() then
  // returned 0), else empty. A user's NumberSource gives numbers below 2^128 only.
  const std::string& big() const { return big_; }

 protected:
  // The refusal's reason for n ("" when taken, and for every n below 2^64).
  std::string refused(Number n, const std::string& big = {}) const {
    return (is_wide(n) || !big.empty()) && refusal_ ? refusal_(n, big) : std::string();
  }
  // Throws the InputError for a refused n (or big number: its digits), named by `source`,
  // `line` and `text` (n's decimal form when empty); returns n when it is taken, and sets big().
  Number taken_or_throw(Number n, const std::string& source, std::uint64_t line,
                        const std::string& text = {}, std::string big = {}) {
    const std::string why = refused(n, big);
    if (!why.empty()) {
      throw InputError(source, line, !text.empty() ? text : big.empty() ? to_decimal(n) : big, why);
    }
    big_ = std::move(big);
    return n;
  }
  std::string big_;  // what big() gives

 private:
  NumberRefusal refusal_;
};

// open_file_source() as the BulkSource it is.
std::unique_ptr<BulkSource> open_file(const std::string& path);

// `input` as a BulkSource: itself when it is one, else an adapter kept in `adapter`.
BulkSource& bulk_view(NumberSource& input, std::unique_ptr<BulkSource>& adapter);

// Numbers given in full: the built-in sample or --numbers.
class ListSource : public BulkSource {
 public:
  explicit ListSource(std::vector<Number> numbers, std::string name = "list")
      : name_(std::move(name)) {
    numbers_.numbers = std::move(numbers);
  }
  // With big numbers (--numbers).
  ListSource(NumberList numbers, std::string name)
      : numbers_(std::move(numbers)), name_(std::move(name)) {}
  std::optional<Number> next() override;
  std::optional<std::uint64_t> size() const override { return numbers_.numbers.size(); }
  std::optional<Number> max_value() const override;
  // "sample", or for --numbers "list:<count>:<hash of the numbers>".
  std::string describe() const override;

 private:
  NumberList numbers_;
  std::string name_;
  std::size_t pos_ = 0;
};

// A, A + STEP, ... below B (B exclusive). Parsed from "A:B" or "A:B:STEP".
class RangeSource : public BulkSource {
 public:
  RangeSource(Number first, Number end, Number step);
  // throws InputError; a range that reaches 2^128 is a BigRangeSource
  static std::unique_ptr<BulkSource> parse(const std::string& spec);
  std::optional<Number> next() override;
  std::optional<std::uint64_t> size() const override { return count_; }
  std::optional<Number> max_value() const override;
  std::string describe() const override;
  std::uint64_t take_run(std::uint64_t max, Number& first, Number& step) override;

 private:
  Number first_, end_, step_;
  std::uint64_t count_ = 0, produced_ = 0;
};

// A range whose numbers reach 2^128 (bounds and step of any size, as decimal digits): each
// number is made by next(), those of 2^128 and above as big numbers.
class BigRangeSource : public BulkSource {
 public:
  BigRangeSource(const std::string& first, const std::string& end, const std::string& step);
  ~BigRangeSource() override;
  std::optional<Number> next() override;
  std::optional<std::uint64_t> size() const override { return count_; }
  std::string describe() const override;

 private:
  struct Bounds;
  std::unique_ptr<Bounds> bounds_;
  std::uint64_t count_ = 0, produced_ = 0;
};

// K numbers of exactly B bits (top bit set), from a 64-bit Mersenne Twister seeded with S:
// the same K, B, S give the same numbers everywhere. Above 128 bits, big numbers: 64-bit draws
// from the lowest bits up.
class RandomSource : public BulkSource {
 public:
  static constexpr int kMaxBits = 332192;  // below 2^332192: at most 100,000 digits (kMaxDigits)
  RandomSource(std::uint64_t count, int bits, std::uint64_t seed);
  std::optional<Number> next() override;
  std::optional<std::uint64_t> size() const override { return count_; }
  std::optional<Number> max_value() const override;
  std::string describe() const override;

 private:
  std::uint64_t count_, produced_ = 0;
  int bits_;
  std::uint64_t seed_;
  std::mt19937_64 engine_;  // fully specified by the standard: reproducible output
};

}  // namespace primepool
