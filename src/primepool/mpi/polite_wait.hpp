// Waiting for a message without burning a core: non-blocking probe plus a short, growing sleep.
// Open MPI's blocking receive spins at 100 % CPU; on a laptop that steals a core from the workers.
#pragma once

#include <boost/mpi/communicator.hpp>
#include <boost/mpi/status.hpp>
#include <chrono>
#include <functional>
#include <optional>

namespace primepool {

// Sleeps between polls: a few free polls, then 1 us doubling up to `cap` (default 1 ms).
class Backoff {
 public:
  explicit Backoff(std::chrono::microseconds cap = std::chrono::microseconds(1000)) : cap_(cap) {}
  // How long to sleep before the next poll (zero for the first few polls).
  std::chrono::microseconds next_delay();
  void wait();
  void reset() {
    polls_ = 0;
    sleep_ = std::chrono::microseconds(1);
  }

 private:
  std::chrono::microseconds cap_;
  std::chrono::microseconds sleep_{1};
  int polls_ = 0;
};

// Wait until a message from `source` (or any source) with any tag is there; returns its status.
// `idle`, when given, runs between polls; when it returns false the wait gives up (nothing).
// `cap`: the longest sleep between polls (Backoff's).
std::optional<boost::mpi::status> wait_for_message(
    const boost::mpi::communicator& comm, int source, const std::function<bool()>& idle = nullptr,
    std::chrono::microseconds cap = std::chrono::microseconds(1000));

}  // namespace primepool
