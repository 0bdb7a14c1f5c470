// The primality methods a run can use, by name (--method).
// trial: the reference text's algorithm, 2 then odd divisors up to isqrt(n).
#include "methods.hpp"

namespace primepool {

namespace {

Screen screen_trial(std::uint64_t n) {
  if (n < 2) return Screen::kComposite;
  if (n == 2) return Screen::kPrime;
  if (n % 2 == 0) return Screen::kComposite;
  return Screen::kSearch;
}

const Method kMethods[] = {
    {"trial", is_prime_trial, screen_trial, find_odd_divisor, 3},
};

}  // namespace

const Method& trial_method() { return kMethods[0]; }

const Method* find_method(std::string_view name) {
  for (const Method& m : kMethods) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

std::vector<std::string> method_names() {
  std::vector<std::string> names;
  for (const Method& m : kMethods) names.emplace_back(m.name);
  return names;
}

}  // namespace primepool
