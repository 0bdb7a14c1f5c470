// Numbers and seconds as row text: std::to_chars for integers, and seconds rounded exactly as
// printf rounds them, without printf.
#include "primepool/output/row_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace primepool {

char* put_u64(char* p, std::uint64_t value) { return std::to_chars(p, p + 20, value).ptr; }

void append_u64(std::string& out, std::uint64_t value) {
  char buf[20];
  out.append(buf, static_cast<std::size_t>(put_u64(buf, value) - buf));
}

char* put_seconds(char* p, double seconds, int decimals) {
  static constexpr double kScale[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  if (!(seconds >= 0.0) || seconds >= 1e9 || decimals < 1 || decimals > 9) {
    // not a timing this program makes: the general (slow) path
    return p + std::snprintf(p, 330, "%.*f", decimals, seconds);
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
  p = put_u64(p, units / scale);
  *p++ = '.';
  std::uint64_t rest = units % scale;
  for (int i = decimals - 1; i >= 0; --i, rest /= 10) p[i] = static_cast<char>('0' + rest % 10);
  return p + decimals;
}

void append_seconds(std::string& out, double seconds, int decimals) {
  char buf[330];
  out.append(buf, static_cast<std::size_t>(put_seconds(buf, seconds, decimals) - buf));
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
