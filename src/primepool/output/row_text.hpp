// Numbers and seconds as row text, fast: the csv, jsonl and table rows are built with these.
#pragma once

#include <cstdint>
#include <string>

#include "primepool/result.hpp"

namespace primepool {

// Append n in decimal (std::to_chars).
void append_u64(std::string& out, std::uint64_t n);
// The same for any Number (numbers below 2^64 as fast).
inline void append_number(std::string& out, Number n) {
  if (is_wide(n)) {
    out += to_decimal(n);
  } else {
    append_u64(out, static_cast<std::uint64_t>(n));
  }
}
// Append `seconds` with `decimals` (1 to 9) digits after the point, as printf's "%.*f" does.
void append_seconds(std::string& out, double seconds, int decimals);

// The same two written at `p`, which has room for 20 characters (put_u64) or 330 (put_seconds:
// the longest double printf prints with 9 decimals); each returns the end of what it wrote.
char* put_u64(char* p, std::uint64_t n);
char* put_seconds(char* p, double seconds, int decimals);

// Digits in the decimal form of n.
int decimal_digits(Number n);

}  // namespace primepool
