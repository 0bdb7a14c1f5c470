// Waiting for a message without burning a core: non-blocking probe plus a short, growing sleep.
// At the 1 ms cap a waiting rank wakes ~1000 times a second for a probe: well under 2 % of a core.
#include "primepool/mpi/polite_wait.hpp"

#include <thread>

namespace primepool {

std::chrono::microseconds Backoff::next_delay() {
  constexpr int free_polls = 64;  // answers that come back within microseconds cost no sleep
  if (polls_ < free_polls) {
    ++polls_;
    return std::chrono::microseconds(0);
  }
  const auto delay = sleep_;
  sleep_ = std::min(cap_, sleep_ * 2);
  return delay;
}

void Backoff::wait() {
  const auto delay = next_delay();
  if (delay.count() > 0) std::this_thread::sleep_for(delay);
}

std::optional<boost::mpi::status> wait_for_message(const boost::mpi::communicator& comm, int source,
                                                   const std::function<bool()>& idle,
                                                   std::chrono::microseconds cap) {
  Backoff backoff(cap);
  for (;;) {
    if (auto status = comm.iprobe(source, boost::mpi::any_tag)) return *status;
    if (idle && !idle()) return std::nullopt;
    backoff.wait();
  }
}

}  // namespace primepool
