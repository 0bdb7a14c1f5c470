// Strict parsing of one unsigned decimal number: digits only; signs, letters, hex and exponents
// are rejected with a reason. Counts take 0 <= n <= 2^128 - 1; input numbers any size up to
// kMaxDigits digits. On the command line, an expression too (2^61-1, 1e10). Also the field
// splitting lists, ranges and journal lines share.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "primepool/result.hpp"

namespace primepool {

struct ParsedNumber {
  bool ok = false;
  Number value = 0;
  std::string error;  // why the text is not a number, when !ok
  // A number of 2^128 or more (parse_any_number and expressions only): its decimal digits,
  // without leading zeros; `value` is then 0.
  std::string big;
};

// Parse `text` exactly (no surrounding spaces allowed; callers trim first), below 2^128.
ParsedNumber parse_number(std::string_view text);
// The same for a number of any size up to kMaxDigits digits (check/big_number.hpp): an input's
// number, where 2^128 and above is a big number, not an error.
ParsedNumber parse_any_number(std::string_view text);
// The same after dropping spaces and tabs around the number: the one rule for every number a
// user types (list items, range parts, option values), as in a numbers file.
ParsedNumber parse_number_field(std::string_view text);
// A number a user types on the command line: a decimal number as parse_number_field takes it,
// or an expression as primesieve's command line allows: + - * ^ and parentheses on whole
// numbers, and NeM for N * 10^M ("2^61-1", "10^18+9", "1e10", "(2^32+15)*(2^31-1)"); spaces
// between tokens are ignored. Every step is exact, at any size: a value of more than kMaxDigits
// digits, or below zero, is an error naming it. Text without an operator or 'e' gets
// parse_any_number's messages.
ParsedNumber parse_number_or_expression(std::string_view text);
// A character named so that it can be seen in a message: 'x', a space, a tab, byte 0x00.
std::string describe_char(char c);

// `text` cut at every `separator`: "1:2:" gives "1", "2", "" (empty fields are kept).
std::vector<std::string> split(const std::string& text, char separator);

}  // namespace primepool
