// Strict parsing of one decimal number below 2^128, with a reason for every rejection, and of
// expressions typed on the command line. Overflow is detected before it happens, so 2^128 (or its
// 39 digits) is refused, not wrapped.
#include "primepool/input/number_parser.hpp"

#include <cstdio>

namespace primepool {

namespace {
constexpr const char* kLargest = "340282366920938463463374607431768211455";
constexpr const char* kTooLarge =
    "too large (the largest is 2^128 - 1, "
    "340282366920938463463374607431768211455)";
}  // namespace

ParsedNumber parse_number(std::string_view text) {
  ParsedNumber out;
  if (text.empty()) {
    out.error = "empty number";
    return out;
  }
  if (text.front() == '-' || text.front() == '+') {
    out.error = std::string("a sign is not allowed (numbers are 0 to ") + kLargest + ")";
    return out;
  }
  // The first 19 digits in 64 bits (they cannot overflow it), the rest in 128 with a check.
  std::uint64_t small = 0;
  Number value = 0;
  std::size_t digits = 0;
  constexpr Number kTenth = kMaxNumber / 10;
  constexpr unsigned kLastDigit = static_cast<unsigned>(kMaxNumber % 10);
  for (char c : text) {
    if (c < '0' || c > '9') {
      out.error = "not a decimal digit: " + describe_char(c);
      return out;
    }
    const auto digit = static_cast<unsigned>(c - '0');
    if (digits < 19) {
      small = small * 10 + digit;
      if (++digits == 19) value = small;
      continue;
    }
    if (value > kTenth || (value == kTenth && digit > kLastDigit)) {
      out.error = kTooLarge;
      return out;
    }
    value = value * 10 + digit;
  }
  out.ok = true;
  out.value = digits < 19 ? Number{small} : value;
  return out;
}

std::string describe_char(char c) {
  if (c == ' ') return "a space";
  if (c == '\t') return "a tab";
  if (c > 0x20 && c < 0x7f) return std::string("'") + c + "'";
  char buf[24];
  std::snprintf(buf, sizeof buf, "byte 0x%02x", static_cast<unsigned char>(c));
  return buf;
}

ParsedNumber parse_number_field(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return parse_number({});
  return parse_number(text.substr(first, text.find_last_not_of(" \t") - first + 1));
}

namespace {

using Wide = Number;  // every intermediate value, as the result, below 2^128
constexpr Wide kWideMax = kMaxNumber;

// Recursive descent over an expression: sum := product (('+' | '-') product)*;
// product := power ('*' power)*; power := atom ('^' power)?; atom := number | '(' sum ')';
// number := digits ('e' digits)?. Every value, intermediate or not, must stay below 2^128. The
// first error wins and stops the parse.
class ExpressionParser {
 public:
  explicit ExpressionParser(std::string_view text) : text_(text) {}

  ParsedNumber parse() {
    ParsedNumber out;
    const Wide value = sum();
    skip_spaces();
    if (error_.empty() && at_ < text_.size()) fail("unexpected " + describe_char(text_[at_]));
    if (!error_.empty()) {
      out.error = error_;
      return out;
    }
    out.ok = true;
    out.value = value;
    return out;
  }

 private:
  void fail(const std::string& why) {
    if (error_.empty()) error_ = "at character " + std::to_string(at_ + 1) + ": " + why;
  }
  void skip_spaces() {
    while (at_ < text_.size() && (text_[at_] == ' ' || text_[at_] == '\t')) ++at_;
  }
  bool take(char c) {
    skip_spaces();
    if (at_ < text_.size() && text_[at_] == c) {
      ++at_;
      return true;
    }
    return false;
  }

  Wide sum() {
    Wide value = product();
    for (;;) {
      if (take('+')) {
        const Wide rhs = product();
        if (value > kWideMax - rhs) fail(kTooLarge);
        value += rhs;
      } else if (take('-')) {
        const Wide rhs = product();
        if (rhs > value) fail("the result is below zero");
        value -= rhs;
      } else {
        return value;
      }
      if (!error_.empty()) return 0;
    }
  }

  Wide product() {
    Wide value = power();
    while (error_.empty() && take('*')) {
      if (__builtin_mul_overflow(value, power(), &value)) fail(kTooLarge);
    }
    return value;
  }

  Wide power() {
    const Wide base = atom();
    if (!error_.empty() || !take('^')) return base;
    if (++depth_ > kMaxDepth) {
      fail("more than " + std::to_string(kMaxDepth) + " powers in a row");
      return 0;
    }
    const Wide exponent = power();  // right-associative: 2^3^2 is 2^9
    --depth_;
    return raise(base, exponent);
  }

  Wide raise(Wide base, Wide exponent) {
    Wide result = 1;
    while (exponent > 0 && error_.empty()) {  // squaring: 1^(10^18) takes 60 steps, not 10^18
      if ((exponent & 1u) && __builtin_mul_overflow(result, base, &result)) fail(kTooLarge);
      exponent >>= 1;
      if (exponent > 0 && __builtin_mul_overflow(base, base, &base)) fail(kTooLarge);
    }
    return result;
  }

  Wide atom() {
    skip_spaces();
    if (take('(')) {
      if (++depth_ > kMaxDepth) {
        fail("parentheses nested more than " + std::to_string(kMaxDepth) + " deep");
        return 0;
      }
      const Wide value = sum();
      if (error_.empty() && !take(')')) fail("a missing ')'");
      --depth_;
      return value;
    }
    const Wide mantissa = digits();
    if (error_.empty() && at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      ++at_;
      return raise_ten(mantissa, digits());
    }
    return mantissa;
  }

  Wide raise_ten(Wide mantissa, Wide exponent) {
    const Wide scale = raise(10, exponent);
    Wide value = 0;
    if (error_.empty() && __builtin_mul_overflow(mantissa, scale, &value)) fail(kTooLarge);
    return value;
  }

  Wide digits() {
    const std::size_t start = at_;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
    if (at_ == start) {
      fail(at_ < text_.size() ? "expected a number, not " + describe_char(text_[at_])
                              : std::string("expected a number, not the end"));
      return 0;
    }
    const ParsedNumber n = parse_number(text_.substr(start, at_ - start));
    if (!n.ok) fail(n.error);
    return n.value;
  }

  static constexpr int kMaxDepth = 64;  // the recursion's bound, whatever the text's length
  std::string_view text_;
  std::size_t at_ = 0;
  int depth_ = 0;
  std::string error_;
};

}  // namespace

ParsedNumber parse_number_or_expression(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return parse_number({});
  text = text.substr(first, text.find_last_not_of(" \t") - first + 1);
  const bool plain = text.front() == '+' || text.front() == '-' ||
                     text.find_first_of("^*+-()eE") == std::string_view::npos;
  return plain ? parse_number(text) : ExpressionParser(text).parse();
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (;;) {
    const std::size_t at = text.find(separator, start);
    fields.push_back(text.substr(start, at == std::string::npos ? at : at - start));
    if (at == std::string::npos) return fields;
    start = at + 1;
  }
}

}  // namespace primepool
