// Where the numbers come from: lists, streams (files, standard input), ranges, random samples.
// Every rejection names the source, the line and the offending text.
#include "input.hpp"

#include <algorithm>
#include <iostream>
#include <sstream>

#include "number_parser.hpp"

namespace primepool {

namespace {

// Printable form of offending text: control bytes escaped, long text cut.
std::string printable(const std::string& text) {
  std::string out;
  for (char c : text.substr(0, 80)) {
    if (c >= 0x20 && c < 0x7f) {
      out += c;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
      out += buf;
    }
  }
  if (text.size() > 80) out += "...";
  return out;
}

std::string error_message(const std::string& source, std::uint64_t line, const std::string& text,
                          const std::string& reason) {
  std::ostringstream msg;
  msg << source;
  if (line > 0) msg << ":" << line;
  msg << ": " << reason;
  if (!text.empty()) msg << ": '" << printable(text) << "'";
  return msg.str();
}

std::uint64_t parse_or_throw(const std::string& source, const std::string& text,
                             const std::string& what) {
  const ParsedNumber p = parse_number(text);
  if (!p.ok) throw InputError(source, 0, text, what + ": " + p.error);
  return p.value;
}

}  // namespace

InputError::InputError(std::string source, std::uint64_t line, std::string text,
                       std::string reason)
    : std::runtime_error(error_message(source, line, text, reason)),
      source_(std::move(source)), line_(line) {}

std::optional<std::uint64_t> ListSource::next() {
  if (pos_ == numbers_.size()) return std::nullopt;
  return numbers_[pos_++];
}

std::string ListSource::describe() const {
  if (name_ != "list") return name_;
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a over the numbers: the list's identity
  for (std::uint64_t n : numbers_) {
    for (int byte = 0; byte < 8; ++byte) {
      h ^= (n >> (8 * byte)) & 0xffu;
      h *= 1099511628211ull;
    }
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "list:%zu:%016llx", numbers_.size(), static_cast<unsigned long long>(h));
  return buf;
}

std::optional<std::uint64_t> ListSource::max_value() const {
  if (numbers_.empty()) return std::nullopt;
  return *std::max_element(numbers_.begin(), numbers_.end());
}

StreamSource::StreamSource(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {
  buffer_.reserve(kMaxLine + 1);
}

std::optional<std::uint64_t> StreamSource::next() {
  for (;;) {
    // Read one line, never keeping more than kMaxLine + 1 bytes of it.
    buffer_.clear();
    bool any = false, too_long = false;
    for (int c; (c = in_.get()) != EOF;) {
      any = true;
      if (c == '\n') break;
      if (buffer_.size() <= kMaxLine) {
        buffer_ += static_cast<char>(c);
      } else {
        too_long = true;
      }
    }
    if (!any) {
      if (in_.bad()) throw InputError(name_, line_ + 1, "", "read error");
      return std::nullopt;
    }
    ++line_;
    if (too_long || buffer_.size() > kMaxLine) {
      throw InputError(name_, line_, buffer_,
                       "line longer than " + std::to_string(kMaxLine) + " bytes");
    }
    std::string text = buffer_;
    const std::size_t hash = text.find('#');
    if (hash != std::string::npos) text.erase(hash);
    const std::size_t begin = text.find_first_not_of(" \t\r");
    if (begin == std::string::npos) continue;  // blank or comment only
    const std::size_t end = text.find_last_not_of(" \t\r");
    text = text.substr(begin, end - begin + 1);
    const ParsedNumber p = parse_number(text);
    if (!p.ok) throw InputError(name_, line_, buffer_, p.error);
    return p.value;
  }
}

std::unique_ptr<NumberSource> open_file_source(const std::string& path) {
  // The stream lives as long as the source: a small owning wrapper.
  class FileSource : public StreamSource {
   public:
    FileSource(std::unique_ptr<std::ifstream> file, const std::string& path)
        : StreamSource(*file, path), file_(std::move(file)) {}

   private:
    std::unique_ptr<std::ifstream> file_;
  };
  if (path == "-") return std::make_unique<StreamSource>(std::cin, "standard input");
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*file) throw InputError(path, 0, "", "cannot open the file");
  return std::make_unique<FileSource>(std::move(file), path);
}

RangeSource::RangeSource(std::uint64_t first, std::uint64_t end, std::uint64_t step)
    : first_(first), end_(end), step_(step),
      count_(end > first ? (end - first - 1) / step + 1 : 0) {}

std::unique_ptr<RangeSource> RangeSource::parse(const std::string& spec) {
  const std::string source = "--range";
  const std::vector<std::string> parts = split(spec, ':');
  if (parts.size() < 2 || parts.size() > 3) {
    throw InputError(source, 0, spec, "expected A:B or A:B:STEP (A inclusive, B exclusive)");
  }
  const std::uint64_t a = parse_or_throw(source, parts[0], "A");
  const std::uint64_t b = parse_or_throw(source, parts[1], "B");
  const std::uint64_t step = parts.size() == 3 ? parse_or_throw(source, parts[2], "STEP") : 1;
  if (a > b) throw InputError(source, 0, spec, "A is larger than B (the range runs upwards)");
  if (step == 0) throw InputError(source, 0, spec, "STEP must be at least 1");
  return std::make_unique<RangeSource>(a, b, step);
}

std::optional<std::uint64_t> RangeSource::next() {
  if (produced_ == count_) return std::nullopt;
  return first_ + step_ * produced_++;  // < end_ <= 2^64 - 1: no overflow
}

std::optional<std::uint64_t> RangeSource::max_value() const {
  if (count_ == 0) return std::nullopt;
  return first_ + step_ * (count_ - 1);
}

std::string RangeSource::describe() const {
  return "range:" + std::to_string(first_) + ":" + std::to_string(end_) + ":" +
         std::to_string(step_);
}

RandomSource::RandomSource(std::uint64_t count, int bits, std::uint64_t seed)
    : count_(count), bits_(bits), seed_(seed), engine_(seed) {
  if (bits < 1 || bits > 64) {
    throw InputError("--bits", 0, std::to_string(bits), "must be 1 to 64");
  }
}

std::optional<std::uint64_t> RandomSource::next() {
  if (produced_ == count_) return std::nullopt;
  ++produced_;
  const std::uint64_t x = engine_() >> (64 - bits_);
  return x | (std::uint64_t{1} << (bits_ - 1));  // exactly bits_ bits
}

std::optional<std::uint64_t> RandomSource::max_value() const {
  return bits_ == 64 ? UINT64_MAX : (std::uint64_t{1} << bits_) - 1;
}

std::string RandomSource::describe() const {
  return "random:" + std::to_string(count_) + ":" + std::to_string(bits_) + ":" +
         std::to_string(seed_);
}

}  // namespace primepool
