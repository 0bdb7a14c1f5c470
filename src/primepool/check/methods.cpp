// The primality methods a run can use, by name (--method). trial: the reference text's
// algorithm; wheel: trial division on a 2-3-5 wheel; mr: Baillie-PSW (exact below 2^64); sieve:
// libprimesieve over a --range job (check/sieve.hpp, run by the local pool); and the
// synthetic sleep:DURATION[:exp] for coordinator benchmarks (mr's verdict, then a CPU-free wait).
// Each has a 64-bit kernel and one for numbers from 2^64 on; check() picks by the number's size.
#include <cmath>
#include <deque>
#include <mutex>
#include <string>

#include "primepool/check/big_number.hpp"
#include "primepool/check/bpsw.hpp"
#include "primepool/check/bpsw128.hpp"
#include "primepool/check/method.hpp"
#include "primepool/check/prove128.hpp"
#include "primepool/check/sieve.hpp"
#include "primepool/check/trial.hpp"
#include "primepool/check/trial128.hpp"
#include "primepool/check/wheel.hpp"
#include "primepool/sys/clock.hpp"
#include "primepool/sys/fnv1a.hpp"

namespace primepool {

namespace {

constexpr std::string_view kProveSuffix = " --prove";

Screen screen_trial(Number n) {
  if (n < 2) return Screen::kComposite;
  if (n == 2) return Screen::kPrime;
  if (n % 2 == 0) return Screen::kComposite;
  return Screen::kSearch;
}

Screen screen_wheel(Number n) {
  if (n < 2) return Screen::kComposite;
  for (unsigned p : {2u, 3u, 5u}) {
    if (n % p == 0) return n == p ? Screen::kPrime : Screen::kComposite;
  }
  return Screen::kSearch;
}

// The divisor searches on any n: the vectorized 64-bit scan, or 128-by-64-bit remainders.
std::uint64_t search_odd(Number n, std::uint64_t lo, std::uint64_t hi,
                         const std::atomic<bool>* stop) {
  if (is_wide(n)) return find_odd_divisor128(n, lo, hi, stop);
  return find_odd_divisor(static_cast<std::uint64_t>(n), lo, hi, stop);
}

std::uint64_t search_wheel(Number n, std::uint64_t lo, std::uint64_t hi,
                           const std::atomic<bool>* stop) {
  if (is_wide(n)) return find_wheel_divisor128(n, lo, hi, stop);
  return find_wheel_divisor(static_cast<std::uint64_t>(n), lo, hi, stop);
}

const Method kMethods[] = {
    {"trial", is_prime_trial, is_prime_trial128, screen_trial, search_odd, 3},
    {"wheel", is_prime_wheel, is_prime_wheel128, screen_wheel, search_wheel, 7},
    {"mr", is_prime_mr, is_probable_prime128, nullptr, nullptr, 0},
    {"sieve", is_prime_mr, is_probable_prime128, nullptr, nullptr, 0, 0, false, sieve_primes},
};

// mr's verifier: Miller-Rabin to fixed bases (Sinclair's 7 below 2^64; below 2^128 the 13 bases
// of Sorenson and Webster, with FLINT's proof past 3.3e24: check/prove128.hpp), and GMP's test
// for bigger numbers; none of them is our Baillie-PSW.
const Method kFixedBases = {
    "mr-bases", is_prime_sinclair, is_proven_prime128, nullptr, nullptr, 0, 0, false, nullptr, true,
    true};

// "lie:N" (N below 2^64): mr, but the wrong verdict for N, made once per N and kept.
const Method* lying_method(std::string_view name) {
  static std::mutex mutex;
  static std::deque<std::string> names;
  static std::deque<Method> made;
  if (name.substr(0, 4) != "lie:" || name.size() == 4 || name.size() > 4 + 19) return nullptr;
  std::uint64_t n = 0;
  for (char c : name.substr(4)) {
    if (c < '0' || c > '9') return nullptr;
    n = n * 10 + static_cast<std::uint64_t>(c - '0');
  }
  std::lock_guard<std::mutex> lock(mutex);
  for (const Method& m : made) {
    if (m.name == name) return &m;
  }
  names.emplace_back(name);
  Method lying = kMethods[2];
  lying.name = names.back();
  lying.lies = true;
  lying.lie_about = n;
  made.push_back(lying);
  return &made.back();
}

// "1ms", "100us", "250ns", "2s" as nanoseconds; 0 for anything else (or more than 10 s).
std::uint64_t parse_duration_ns(std::string_view text) {
  std::size_t digits = 0;
  std::uint64_t value = 0;
  while (digits < text.size() && digits < 12 && text[digits] >= '0' && text[digits] <= '9') {
    value = value * 10 + static_cast<std::uint64_t>(text[digits++] - '0');
  }
  const std::string_view unit = text.substr(digits);
  const std::uint64_t scale = unit == "ns"   ? 1
                              : unit == "us" ? 1000
                              : unit == "ms" ? 1000000
                              : unit == "s"  ? 1000000000
                                             : 0;
  if (digits == 0 || scale == 0 || value > 10000000000ull / scale) return 0;
  return value * scale;
}

// A synthetic method for "sleep:DURATION[:exp]", made once per name and kept (stable address).
const Method* synthetic_method(std::string_view name) {
  static std::mutex mutex;
  static std::deque<std::string> names;
  static std::deque<Method> made;
  if (name.substr(0, 6) != "sleep:") return nullptr;
  std::string_view spec = name.substr(6);
  const bool random = spec.size() > 4 && spec.substr(spec.size() - 4) == ":exp";
  if (random) spec.remove_suffix(4);
  const std::uint64_t wait = parse_duration_ns(spec);
  if (wait == 0) return nullptr;
  std::lock_guard<std::mutex> lock(mutex);
  for (const Method& m : made) {
    if (m.name == name) return &m;
  }
  names.emplace_back(name);
  made.push_back(
      {names.back(), is_prime_mr, is_probable_prime128, nullptr, nullptr, 0, wait, random});
  return &made.back();
}

// The method `base` with --prove: "mr --prove", its primes from 2^64 on proven (made once per
// base and kept, like the synthetic methods).
const Method* proving_variant(const Method& base) {
  static std::mutex mutex;
  static std::deque<std::string> names;
  static std::deque<Method> made;
  std::lock_guard<std::mutex> lock(mutex);
  const std::string name = std::string(base.name) + std::string(kProveSuffix);
  for (const Method& m : made) {
    if (m.name == name) return &m;
  }
  names.push_back(name);
  Method proving = base;
  proving.name = names.back();
  proving.wide = is_proven_prime128;
  proving.proves_wide = true;
  made.push_back(proving);
  return &made.back();
}

// A uniform draw in (0, 1] from n (splitmix64), the same for n on every run.
double unit_draw(std::uint64_t n) {
  std::uint64_t z = n + 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  z ^= z >> 31;
  return (static_cast<double>(z >> 11) + 1.0) / 9007199254740992.0;
}

}  // namespace

namespace {
// A synthetic method's wait for one number (`draw` picks its length when random).
void pay_wait(const Method& method, std::uint64_t draw, bool last_of_run) {
  if (method.wait_ns == 0) return;
  constexpr double kBatchNs = 5e6;
  thread_local double owed_ns = 0.0;
  const double wait = method.random_wait
                          ? -std::log(unit_draw(draw)) * static_cast<double>(method.wait_ns)
                          : static_cast<double>(method.wait_ns);
  owed_ns += wait;
  if (last_of_run || owed_ns >= kBatchNs) {
    sleep_ns(static_cast<std::uint64_t>(owed_ns));
    owed_ns = 0.0;
  }
}
}  // namespace

bool check(const Method& method, Number n, bool last_of_run) {
  const bool prime = is_wide(n) ? method.wide(n) : method.test(static_cast<std::uint64_t>(n));
  if (method.lies && n == method.lie_about) return !prime;
  pay_wait(method, static_cast<std::uint64_t>(n ^ (n >> 64)), last_of_run);
  return prime;
}

std::optional<bool> check_big(const Method& method, const std::string& digits, bool last_of_run,
                              const std::function<bool()>& stop) {
  std::optional<bool> prime;
  if (method.search != nullptr) {
    prime = big_divisor_search(digits, method.first_divisor == 7, stop);
  } else if (method.gmp) {
    prime = gmp_is_probable_prime(digits);
  } else {
    prime = method.proves_wide ? big_is_proven_prime(digits) : big_is_probable_prime(digits);
  }
  pay_wait(method, fnv1a64_bytes(digits.data(), digits.size()), last_of_run);
  return prime;
}

bool check(const Method& method, Number n) { return check(method, n, true); }

std::string_view method_name(const Method& method) { return method.name; }

const Method& trial_method() { return kMethods[0]; }

const Method* find_method(std::string_view name) {
  if (name.size() > kProveSuffix.size() &&
      name.substr(name.size() - kProveSuffix.size()) == kProveSuffix) {
    const Method* base = find_method(name.substr(0, name.size() - kProveSuffix.size()));
    return base == nullptr || base->proves_wide ? nullptr : &proving(*base);
  }
  for (const Method& m : kMethods) {
    if (m.name == name) return &m;
  }
  if (const Method* lying = lying_method(name)) return lying;
  return synthetic_method(name);
}

const Method& verifier(const Method& method) {
  if (method.search != nullptr || method.progression_test != nullptr) return kMethods[2];
  return kFixedBases;
}

const Method& proving(const Method& method) {
  if (!probable_above_64(method)) return method;
  return *proving_variant(method);
}

std::vector<std::string> method_names() {
  std::vector<std::string> names;
  for (const Method& m : kMethods) names.emplace_back(m.name);
  return names;
}

}  // namespace primepool
