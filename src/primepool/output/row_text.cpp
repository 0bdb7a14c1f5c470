// Numbers and seconds as row text: std::to_chars for integers, and seconds rounded exactly as
// printf rounds them, without printf.
#include "primepool/output/row_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace primepool {

void append_u64(std::string& out, std::uint64_t value) {
  char buf[20];
  const auto end = std::to_chars(buf, buf + sizeof buf, value).ptr;
  out.append(buf, static_cast<std::size_t>(end - buf));
}

void append_seconds(std::string& out, double seconds, int decimals) {
  static constexpr double kScale[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  if (!(seconds >= 0.0) || seconds >= 1e9 || decimals < 1 || decimals > 9) {
    char buf[64];  // not a timing this program makes: the general (slow) path
    std::snprintf(buf, sizeof buf, "%.*f", decimals, seconds);
    out += buf;
    return;
  }
  // Round seconds x scale to the nearest whole unit exactly as printf does: the product's
  // rounding error (fma) decides the cases that look like halves, and a true half goes to even.
  const double product = seconds * kScale[decimals];
  const double error = std::fma(seconds, kScale[decimals], -product);
  const double whole = std::floor(product);
  const double fraction = product - whole;  // exact
  auto units = static_cast<std::uint64_t>(whole);
  if (fraction > 0.5 || (fraction == 0.5 && (error > 0 || (error == 0 && units % 2 == 1)))) ++units;
  const auto scale = static_cast<std::uint64_t>(kScale[decimals]);
  append_u64(out, units / scale);
  char frac[10];
  std::uint64_t rest = units % scale;
  for (int i = decimals - 1; i >= 0; --i, rest /= 10) frac[i] = static_cast<char>('0' + rest % 10);
  out += '.';
  out.append(frac, static_cast<std::size_t>(decimals));
}

int decimal_digits(Number n) {
  int digits = 1;
  while (n >= 10) {
    n /= 10;
    ++digits;
  }
  return digits;
}

}  // namespace primepool
