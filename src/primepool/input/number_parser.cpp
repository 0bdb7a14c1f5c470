// Strict parsing of one unsigned 64-bit decimal number, with a reason for every rejection.
// Overflow is detected before it happens, so 18446744073709551616 is refused, not wrapped.
#include "primepool/input/number_parser.hpp"

#include <cstdio>
#include <limits>

namespace primepool {

ParsedNumber parse_number(std::string_view text) {
  ParsedNumber out;
  if (text.empty()) {
    out.error = "empty number";
    return out;
  }
  if (text.front() == '-' || text.front() == '+') {
    out.error = "a sign is not allowed (numbers are 0 to 18446744073709551615)";
    return out;
  }
  std::uint64_t value = 0;
  constexpr std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  for (char c : text) {
    if (c < '0' || c > '9') {
      out.error = "not a decimal digit: " + describe_char(c);
      return out;
    }
    const auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (max - digit) / 10) {
      out.error = "too large (the largest is 18446744073709551615)";
      return out;
    }
    value = value * 10 + digit;
  }
  out.ok = true;
  out.value = value;
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
