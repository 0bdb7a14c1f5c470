// Divisor-search estimates. Above 2^64 every candidate divisor costs one 128-by-64-bit remainder:
// 3.9 ns on this project's 2-core test machine (bench/wide_kernels.sh, trial128 near 2^100).
#include "primepool/check/search_estimate.hpp"

#include <cmath>
#include <cstdio>

#include "primepool/check/bpsw128.hpp"

namespace primepool {

namespace {
constexpr double kSecondsPerCandidate = 3.9e-9;

std::string duration_text(double seconds) {
  struct Unit {
    double seconds;
    const char* name;
  };
  static constexpr Unit kUnits[] = {
      {365.25 * 86400, "years"}, {86400, "days"}, {3600, "hours"}, {60, "minutes"}};
  char text[64];
  if (!(seconds < 1e100 * kUnits[0].seconds)) return "more than 10^100 years";
  for (const Unit& unit : kUnits) {
    if (seconds >= 2 * unit.seconds) {
      std::snprintf(text, sizeof text, "%.3g %s", seconds / unit.seconds, unit.name);
      return text;
    }
  }
  std::snprintf(text, sizeof text, "%.0f seconds", seconds);
  return text;
}
}  // namespace

double search_seconds(const Method& method, Number n, int threads) {
  if (method.search == nullptr || !is_wide(n)) return 0.0;
  // Candidates up to isqrt(n): every odd one (trial), or 8 in 30 (wheel: first divisor 7).
  const double root = static_cast<double>(isqrt128(n));
  const double share = method.first_divisor == 7 ? 8.0 / 30.0 : 0.5;
  return root * share * kSecondsPerCandidate / (threads < 1 ? 1 : threads);
}

namespace {
std::string refusal_text(const Method& method, double seconds, int threads, bool big = false) {
  return "--method " + std::string(method.name) +
         ": a divisor search up to its square root would take " +
         (seconds < 1e100 * 365.25 * 86400 ? "about " : "") + duration_text(seconds) + " on " +
         std::to_string(threads) + (threads == 1 ? " thread" : " threads") +
         " if it is prime; --method mr decides it in " + (big ? "milliseconds" : "microseconds") +
         " (Baillie-PSW: a probable prime above 2^64), --method mr --prove proves it in " +
         (big ? "seconds to hours by its size" : "milliseconds") + ", or --force searches anyway";
}
}  // namespace

std::string search_refusal(const Method& method, Number n, int threads, double limit) {
  const double seconds = search_seconds(method, n, threads);
  if (limit <= 0 || seconds <= limit) return "";
  return refusal_text(method, seconds, threads);
}

std::string search_refusal(const Method& method, const std::string& digits, int threads,
                           double limit) {
  if (method.search == nullptr || limit <= 0) return "";
  // The root has about half the digits; the candidates cost at least a 128-bit remainder each.
  const double root = std::pow(10.0, static_cast<double>(digits.size() - 1) / 2.0);
  const double share = method.first_divisor == 7 ? 8.0 / 30.0 : 0.5;
  return refusal_text(method, root * share * kSecondsPerCandidate / (threads < 1 ? 1 : threads),
                      threads, true);
}

}  // namespace primepool
