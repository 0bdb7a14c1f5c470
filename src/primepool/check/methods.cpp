// The primality methods a run can use, by name (--method). trial: the reference text's
// algorithm; wheel: trial division on a 2-3-5 wheel; mr: deterministic Miller-Rabin.
#include "primepool/methods.hpp"

#include "primepool/check/miller_rabin.hpp"
#include "primepool/check/wheel.hpp"

namespace primepool {

namespace {

Screen screen_trial(std::uint64_t n) {
  if (n < 2) return Screen::kComposite;
  if (n == 2) return Screen::kPrime;
  if (n % 2 == 0) return Screen::kComposite;
  return Screen::kSearch;
}

Screen screen_wheel(std::uint64_t n) {
  if (n < 2) return Screen::kComposite;
  for (std::uint64_t p : {2u, 3u, 5u}) {
    if (n % p == 0) return n == p ? Screen::kPrime : Screen::kComposite;
  }
  return Screen::kSearch;
}

const Method kMethods[] = {
    {"trial", is_prime_trial, screen_trial, find_odd_divisor, 3},
    {"wheel", is_prime_wheel, screen_wheel, find_wheel_divisor, 7},
    {"mr", is_prime_mr, nullptr, nullptr, 0},
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
