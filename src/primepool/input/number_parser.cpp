// Strict parsing of one decimal number, with a reason for every rejection, and of expressions
// typed on the command line. Below 2^128 overflow is detected before it happens, so 2^128 (or its
// 39 digits) is refused by parse_number, not wrapped; parse_any_number keeps it as a big number.
#include "primepool/input/number_parser.hpp"

#include <cstdio>

#include "primepool/check/big_number.hpp"

namespace primepool {

namespace {
constexpr const char* kLargest = "340282366920938463463374607431768211455";
constexpr const char* kTooLarge =
    "too large (the largest is 2^128 - 1, "
    "340282366920938463463374607431768211455)";
const std::string kTooManyDigits =
    "too large (numbers have at most " + std::to_string(kMaxDigits) + " digits)";
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

ParsedNumber parse_any_number(std::string_view text) {
  ParsedNumber out = parse_number(text);
  if (out.ok || out.error != kTooLarge) return out;
  for (char c : text) {  // parse_number stopped where the value outgrew 128 bits
    if (c < '0' || c > '9') {
      out.error = "not a decimal digit: " + describe_char(c);
      return out;
    }
  }
  text.remove_prefix(text.find_first_not_of('0'));
  if (text.size() > kMaxDigits) {
    out.error = kTooManyDigits;
    return out;
  }
  out.ok = true;
  out.error.clear();
  out.big = std::string(text);
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

// Recursive descent over an expression: sum := product (('+' | '-') product)*;
// product := power ('*' power)*; power := atom ('^' power)?; atom := number | '(' sum ')';
// number := digits ('e' digits)?. Exact at any size (BigInt); every value, intermediate or not,
// stays below kMaxDigits digits, checked before it is computed. The first error wins and stops
// the parse.
class ExpressionParser {
 public:
  explicit ExpressionParser(std::string_view text) : text_(text) {}

  ParsedNumber parse() {
    ParsedNumber out;
    const BigInt value = sum();
    skip_spaces();
    if (error_.empty() && at_ < text_.size()) fail("unexpected " + describe_char(text_[at_]));
    if (!error_.empty()) {
      out.error = error_;
      return out;
    }
    out.ok = true;
    if (value.fits128()) {
      out.value = value.low128();
    } else {
      out.big = value.decimal();
      if (out.big.size() > kMaxDigits) {
        out.ok = false;
        out.big.clear();
        out.error = kTooManyDigits;
      }
    }
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

  BigInt sum() {
    BigInt value = product();
    for (;;) {
      if (take('+')) {
        value += product();
        if (value.bits() > kMaxBits) fail(kTooManyDigits);
      } else if (take('-')) {
        const BigInt rhs = product();
        if (rhs.compare(value) > 0) fail("the result is below zero");
        if (error_.empty()) value -= rhs;
      } else {
        return value;
      }
      if (!error_.empty()) return BigInt();
    }
  }

  BigInt product() {
    BigInt value = power();
    while (error_.empty() && take('*')) {
      const BigInt rhs = power();
      if (value.bits() + rhs.bits() > kMaxBits + 1) fail(kTooManyDigits);
      if (error_.empty()) value *= rhs;
    }
    return value;
  }

  BigInt power() {
    const BigInt base = atom();
    if (!error_.empty() || !take('^')) return base;
    if (++depth_ > kMaxDepth) {
      fail("more than " + std::to_string(kMaxDepth) + " powers in a row");
      return BigInt();
    }
    const BigInt exponent = power();  // right-associative: 2^3^2 is 2^9
    --depth_;
    return raise(base, exponent);
  }

  // base^exponent, refused before it is computed when it would be too large (0 and 1 to any
  // power are themselves).
  BigInt raise(const BigInt& base, const BigInt& exponent) {
    if (!error_.empty()) return BigInt();
    if (exponent.bits() == 0) return BigInt(1);
    if (base.bits() <= 1) return base;
    if (exponent.bits() > 32 || (base.bits() - 1) * exponent.low128() > kMaxBits) {
      fail(kTooManyDigits);
      return BigInt();
    }
    return base.pow(static_cast<std::uint64_t>(exponent.low128()));
  }

  BigInt atom() {
    skip_spaces();
    if (take('(')) {
      if (++depth_ > kMaxDepth) {
        fail("parentheses nested more than " + std::to_string(kMaxDepth) + " deep");
        return BigInt();
      }
      BigInt value = sum();
      if (error_.empty() && !take(')')) fail("a missing ')'");
      --depth_;
      return value;
    }
    BigInt mantissa = digits();
    if (error_.empty() && at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      ++at_;
      const BigInt exponent = digits();
      BigInt scale = raise(BigInt(10), exponent);
      if (error_.empty() && mantissa.bits() + scale.bits() > kMaxBits + 1) fail(kTooManyDigits);
      if (!error_.empty()) return BigInt();
      mantissa *= scale;
    }
    return mantissa;
  }

  BigInt digits() {
    const std::size_t start = at_;
    while (at_ < text_.size() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
    if (at_ == start) {
      fail(at_ < text_.size() ? "expected a number, not " + describe_char(text_[at_])
                              : std::string("expected a number, not the end"));
      return BigInt();
    }
    const ParsedNumber n = parse_any_number(text_.substr(start, at_ - start));
    if (!n.ok) fail(n.error);
    if (!error_.empty()) return BigInt();
    return n.big.empty() ? BigInt(n.value) : BigInt::from_decimal(n.big);
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
  return plain ? parse_any_number(text) : ExpressionParser(text).parse();
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
