// Strict parsing of one unsigned decimal number: digits only, 0 <= n <= 2^128 - 1. Signs,
// letters, hex, exponents and values of 2^128 and above are rejected with a reason. On the
// command line, an expression too (2^61-1, 1e10). Also the field splitting lists, ranges and
// journal lines share.
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
};

// Parse `text` exactly (no surrounding spaces allowed; callers trim first).
ParsedNumber parse_number(std::string_view text);
// The same after dropping spaces and tabs around the number: the one rule for every number a
// user types (list items, range parts, option values), as in a numbers file.
ParsedNumber parse_number_field(std::string_view text);
// A number a user types on the command line: a decimal number as parse_number_field takes it,
// or an expression as primesieve's command line allows: + - * ^ and parentheses on whole
// numbers, and NeM for N * 10^M ("2^61-1", "10^18+9", "1e10", "(2^32+15)*(2^31-1)"); spaces
// between tokens are ignored. Every step is exact: a value above 2^128 - 1, or below zero, is an
// error naming it. Text without an operator or 'e' gets parse_number's messages.
ParsedNumber parse_number_or_expression(std::string_view text);
// A character named so that it can be seen in a message: 'x', a space, a tab, byte 0x00.
std::string describe_char(char c);

// `text` cut at every `separator`: "1:2:" gives "1", "2", "" (empty fields are kept).
std::vector<std::string> split(const std::string& text, char separator);

}  // namespace primepool
