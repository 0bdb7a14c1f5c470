// Seconds on a monotonic clock (steady_clock), for every elapsed time the pool measures.
// On Linux this is a vDSO call of about 20 ns, cheap enough to take once per number.
#include "clock.hpp"

#include <chrono>

namespace primepool {

double now_seconds() {
  using clock = std::chrono::steady_clock;
  return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}

}  // namespace primepool
