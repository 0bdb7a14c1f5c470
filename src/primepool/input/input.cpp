// Where the numbers come from: lists, streams (files, standard input), ranges, random samples,
// and a user's own NumberSource seen as a BulkSource.
// Every rejection names the source, the line and the offending text.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sstream>
#include <string_view>
#include <sys/stat.h>

#include "primepool/check/big_number.hpp"
#include "primepool/input/number_parser.hpp"
#include "primepool/input/slice_reader.hpp"
#include "primepool/input/sources.hpp"
#include "primepool/input/stream_source.hpp"
#include "primepool/input/text.hpp"
#include "primepool/sys/fnv1a.hpp"

namespace primepool {

namespace {

std::string error_message(const std::string& source, std::uint64_t line, const std::string& text,
                          const std::string& reason) {
  std::ostringstream msg;
  msg << printable(source, 4096);
  if (line > 0) msg << ":" << line;
  msg << ": " << reason;
  if (!text.empty()) msg << ": '" << printable(text) << "'";
  return msg.str();
}

ParsedNumber parse_or_throw(const std::string& source, const std::string& text,
                            const std::string& what) {
  ParsedNumber p = parse_number_or_expression(text);
  if (!p.ok) throw InputError(source, 0, text, what + ": " + p.error);
  return p;
}

BigInt big_of(const ParsedNumber& p) {
  return p.big.empty() ? BigInt(p.value) : BigInt::from_decimal(p.big);
}

}  // namespace

InputError::InputError(std::string source, std::uint64_t line, std::string text, std::string reason)
    : std::runtime_error(error_message(source, line, text, reason)),
      source_(std::move(source)),
      line_(line),
      text_(std::move(text)),
      reason_(std::move(reason)) {}

std::optional<Number> ListSource::next() {
  if (pos_ == numbers_.numbers.size()) return std::nullopt;
  // Named as --numbers names its items: by position, from 1.
  const std::string* big = numbers_.big_at(pos_);
  const Number n = taken_or_throw(numbers_.numbers[pos_], name_ == "sample" ? name_ : "--numbers",
                                  pos_ + 1, {}, big != nullptr ? *big : std::string());
  ++pos_;
  return n;
}

std::string ListSource::describe() const {
  if (name_ != "list") return name_;
  std::uint64_t h = kFnv1a64Basis;     // FNV-1a over the numbers: the list's identity
  for (Number n : numbers_.numbers) {  // a wide number hashes its high half too
    h = fnv1a64(static_cast<std::uint64_t>(n), h);
    if (is_wide(n)) h = fnv1a64(static_cast<std::uint64_t>(n >> 64), h);
  }
  for (const BigEntry& b : numbers_.big) {  // and a big one its place and digits
    h = fnv1a64(b.offset, h);
    for (char c : b.digits) h = fnv1a64(static_cast<std::uint64_t>(c), h);
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "list:%zu:%016llx", numbers_.numbers.size(),
                static_cast<unsigned long long>(h));
  return buf;
}

std::optional<Number> ListSource::max_value() const {
  if (numbers_.numbers.empty() || !numbers_.big.empty()) return std::nullopt;
  return *std::max_element(numbers_.numbers.begin(), numbers_.numbers.end());
}

std::unique_ptr<NumberSource> open_file_source(const std::string& path) { return open_file(path); }

std::unique_ptr<BulkSource> open_file(const std::string& path) {
  if (path == "-") return std::make_unique<StreamSource>(STDIN_FILENO, "standard input");
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    const int error = errno;
    std::string reason = std::string("cannot open the file: ") + std::strerror(error);
    if (error == ENOENT && parse_number(path).ok) {
      reason += " (to check the number itself, use --numbers " + path + ")";
    }
    throw InputError(path, 0, "", reason);
  }
  struct stat st {};
  if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw InputError(path, 0, "", "is a directory, not a file of numbers");
  }
  // A regular file is read in large blocks; pipes and terminals in what they hold (64 KiB).
  if (!S_ISREG(st.st_mode)) return std::make_unique<StreamSource>(fd, path, true, 1 << 16);
  // A regular file may be read in slices by the workers; one that says it is empty may be a
  // kernel file with content all the same (/proc, /sys): that one is read as a stream.
  if (st.st_size == 0) return std::make_unique<StreamSource>(fd, path, true, 1 << 16);
  return std::make_unique<StreamSource>(fd, path, true, std::size_t{1} << 20, identify(fd, path));
}

namespace {
Number range_count(Number first, Number end, Number step) {
  return end > first ? (end - first - 1) / step + 1 : 0;
}
}  // namespace

RangeSource::RangeSource(Number first, Number end, Number step)
    : first_(first), end_(end), step_(step) {
  const Number count = range_count(first, end, step);
  if (is_wide(count)) {
    throw InputError(
        "--range", 0, describe().substr(6),
        "holds " + to_decimal(count) + " numbers; a run takes at most 18446744073709551615");
  }
  count_ = static_cast<std::uint64_t>(count);
}

std::unique_ptr<BulkSource> RangeSource::parse(const std::string& spec) {
  const std::string source = "--range";
  const std::vector<std::string> parts = split(spec, ':');
  if (parts.size() < 2 || parts.size() > 3) {
    throw InputError(source, 0, spec, "expected A:B or A:B:STEP (A inclusive, B exclusive)");
  }
  const ParsedNumber a = parse_or_throw(source, parts[0], "A");
  const ParsedNumber b = parse_or_throw(source, parts[1], "B");
  ParsedNumber step;
  step.value = 1;
  if (parts.size() == 3) step = parse_or_throw(source, parts[2], "STEP");
  const BigInt first = big_of(a), end = big_of(b), by = big_of(step);
  if (first.compare(end) > 0) {
    throw InputError(source, 0, spec, "A is larger than B (the range runs upwards)");
  }
  if (by.bits() == 0) throw InputError(source, 0, spec, "STEP must be at least 1");
  if (a.big.empty() && b.big.empty() && step.big.empty()) {
    return std::make_unique<RangeSource>(a.value, b.value, step.value);
  }
  return std::make_unique<BigRangeSource>(first.decimal(), end.decimal(), by.decimal());
}

std::optional<Number> RangeSource::next() {
  if (produced_ == count_) return std::nullopt;
  // < end_ <= 2^128 - 1: no overflow
  const Number n = taken_or_throw(first_ + step_ * produced_, "--range", 0);
  ++produced_;
  return n;
}

std::uint64_t RangeSource::take_run(std::uint64_t max, Number& first, Number& step) {
  const std::uint64_t taken = std::min(max, count_ - produced_);
  // A run that ends on a refused number is not taken whole: next() stops at the first of them.
  if (taken > 0 && !refused(first_ + step_ * (produced_ + taken - 1)).empty()) return 0;
  first = first_ + step_ * produced_;
  step = step_;
  produced_ += taken;
  return taken;
}

std::optional<Number> RangeSource::max_value() const {
  if (count_ == 0) return std::nullopt;
  return first_ + step_ * (count_ - 1);
}

std::string RangeSource::describe() const {
  return "range:" + to_decimal(first_) + ":" + to_decimal(end_) + ":" + to_decimal(step_);
}

struct BigRangeSource::Bounds {
  BigInt first, end, step;
};

BigRangeSource::BigRangeSource(const std::string& first, const std::string& end,
                               const std::string& step)
    : bounds_(std::make_unique<Bounds>(Bounds{
          BigInt::from_decimal(first), BigInt::from_decimal(end), BigInt::from_decimal(step)})) {
  if (bounds_->end.compare(bounds_->first) > 0) {  // (end - first - 1) / step + 1 numbers
    BigInt span = bounds_->end;
    span -= bounds_->first;
    span -= BigInt(1);
    const BigInt count = span.divided_by(bounds_->step);
    if (count.bits() > 64 || count.low128() == ~std::uint64_t{0}) {
      throw InputError("--range", 0, describe().substr(6),
                       "holds more than 18446744073709551615 numbers, the most a run takes");
    }
    count_ = static_cast<std::uint64_t>(count.low128()) + 1;
  }
}

BigRangeSource::~BigRangeSource() = default;

std::optional<Number> BigRangeSource::next() {
  if (produced_ == count_) return std::nullopt;
  BigInt n = bounds_->step;
  n *= BigInt(Number{produced_});
  n += bounds_->first;
  ++produced_;
  if (n.fits128()) return taken_or_throw(n.low128(), "--range", 0);
  return taken_or_throw(0, "--range", 0, {}, n.decimal());
}

std::string BigRangeSource::describe() const {
  return "range:" + bounds_->first.decimal() + ":" + bounds_->end.decimal() + ":" +
         bounds_->step.decimal();
}

RandomSource::RandomSource(std::uint64_t count, int bits, std::uint64_t seed)
    : count_(count), bits_(bits), seed_(seed), engine_(seed) {
  if (bits < 1 || bits > kMaxBits) {
    throw InputError("--bits", 0, std::to_string(bits),
                     "must be 1 to " + std::to_string(kMaxBits) + " (100,000 digits)");
  }
}

std::optional<Number> RandomSource::next() {
  if (produced_ == count_) return std::nullopt;
  ++produced_;
  if (bits_ > 128) {
    const BigInt x =
        BigInt::with_bits(static_cast<std::size_t>(bits_), [this] { return engine_(); });
    return taken_or_throw(0, "--random", produced_, {}, x.decimal());
  }
  Number x = engine_() >> (64 - std::min(bits_, 64));  // up to 64 bits: one draw, as always
  if (bits_ > 64) x = (Number{engine_() >> (128 - bits_)} << 64) | x;  // the high bits second
  x |= Number{1} << (bits_ - 1);                                       // exactly bits_ bits
  return taken_or_throw(x, "--random", produced_);
}

std::optional<Number> RandomSource::max_value() const {
  if (bits_ > 128) return std::nullopt;
  return bits_ == 128 ? kMaxNumber : (Number{1} << bits_) - 1;
}

std::string RandomSource::describe() const {
  return "random:" + std::to_string(count_) + ":" + std::to_string(bits_) + ":" +
         std::to_string(seed_);
}

namespace {

// A NumberSource of the user's: none of the fast paths.
class PlainSource : public BulkSource {
 public:
  explicit PlainSource(NumberSource& inner) : inner_(inner) {}
  std::optional<Number> next() override { return inner_.next(); }
  std::optional<std::uint64_t> size() const override { return inner_.size(); }
  std::optional<Number> max_value() const override { return inner_.max_value(); }
  std::string describe() const override { return inner_.describe(); }
  bool wait_ready(int timeout_ms) override { return inner_.wait_ready(timeout_ms); }

 private:
  NumberSource& inner_;
};

}  // namespace

BulkSource& bulk_view(NumberSource& input, std::unique_ptr<BulkSource>& adapter) {
  if (auto* bulk = dynamic_cast<BulkSource*>(&input)) return *bulk;
  adapter = std::make_unique<PlainSource>(input);
  return *adapter;
}

std::unique_ptr<NumberSource> list_source(std::vector<Number> numbers, std::string name) {
  return std::make_unique<ListSource>(std::move(numbers), std::move(name));
}

std::unique_ptr<NumberSource> range_source(Number first, Number end, Number step) {
  return std::make_unique<RangeSource>(first, end, step);
}

std::unique_ptr<NumberSource> parse_range(const std::string& spec) {
  return RangeSource::parse(spec);
}

std::unique_ptr<NumberSource> random_source(std::uint64_t count, int bits, std::uint64_t seed) {
  return std::make_unique<RandomSource>(count, bits, seed);
}

}  // namespace primepool
