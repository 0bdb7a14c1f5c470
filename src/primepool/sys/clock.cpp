// Clocks: steady_clock seconds, and ticks from the time-stamp counter when /proc/cpuinfo says
// it is constant and non-stop (calibrated once against steady_clock), else steady_clock ns; and
// a sleep that does not use the CPU (the synthetic benchmark method).
#include "primepool/sys/clock.hpp"

#include <time.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <string>
#include <sys/prctl.h>
#include <thread>
#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace primepool {

namespace {

std::uint64_t steady_ns() {
  return static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                        std::chrono::steady_clock::now().time_since_epoch())
                                        .count());
}

bool constant_tsc() {
#if defined(__x86_64__)
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line)) {
    if (line.rfind("flags", 0) == 0) {
      return line.find(" constant_tsc") != std::string::npos &&
             line.find(" nonstop_tsc") != std::string::npos;
    }
  }
#endif
  return false;
}

const bool kUseTsc = constant_tsc();

// Seconds per tick: measured over 4 ms the first time it is needed (two clock reads of about
// 30 ns each bound the error to about 2e-5 of any elapsed time; a one-rank run starts in about
// 8 ms, of which this is half).
double seconds_per_tick() {
  static const double value = [] {
    if (!kUseTsc) return 1e-9;
    const std::uint64_t ns0 = steady_ns(), t0 = ticks();
    std::this_thread::sleep_for(std::chrono::milliseconds(4));
    const std::uint64_t ns1 = steady_ns(), t1 = ticks();
    return static_cast<double>(ns1 - ns0) * 1e-9 / static_cast<double>(t1 - t0);
  }();
  return value;
}

}  // namespace

double now_seconds() { return static_cast<double>(steady_ns()) * 1e-9; }

std::uint64_t ticks() {
#if defined(__x86_64__)
  if (kUseTsc) return __rdtsc();
#endif
  return steady_ns();
}

void calibrate_clock() { (void)seconds_per_tick(); }

double ticks_to_seconds(std::uint64_t n) { return static_cast<double>(n) * seconds_per_tick(); }

void sleep_ns(std::uint64_t ns) {
  thread_local bool slack_set = false;
  if (!slack_set) {
    prctl(PR_SET_TIMERSLACK, 1000UL, 0UL, 0UL, 0UL);
    slack_set = true;
  }
  timespec left{static_cast<time_t>(ns / 1000000000u), static_cast<long>(ns % 1000000000u)};
  while (nanosleep(&left, &left) != 0 && errno == EINTR) {
  }
}

}  // namespace primepool
