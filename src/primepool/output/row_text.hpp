// Numbers and seconds as row text, fast: the csv, jsonl and table rows are built with these.
#pragma once

#include <cstdint>
#include <string>

namespace primepool {

// Append n in decimal (std::to_chars).
void append_u64(std::string& out, std::uint64_t n);
// Append `seconds` with `decimals` (1 to 9) digits after the point, as printf's "%.*f" does.
void append_seconds(std::string& out, double seconds, int decimals);

// Digits in the decimal form of n.
int decimal_digits(std::uint64_t n);

}  // namespace primepool
