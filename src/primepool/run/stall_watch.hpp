// Who is late: each worker's silence, counted from when it began to owe something, with the
// time rank 0 itself was not listening left out. The coordinator's --stall-warn/--stall-timeout.
#pragma once

#include <cstddef>
#include <vector>

namespace primepool {

class StallWatch {
 public:
  // A gap this long between two of rank 0's ticks is rank 0's own pause (it ticks between polls,
  // about a millisecond apart, and after each message).
  static constexpr double kOwnPauseSeconds = 0.5;

  StallWatch(std::size_t ranks, double now) : last_heard_(ranks, now), last_tick_(now) {}

  // Rank 0 is listening at `now`. A long gap since its last tick (stopped by SIGSTOP, blocked on
  // its input or output) is nobody's silence: every rank's clock moves past it.
  void tick(double now) {
    const double pause = now - last_tick_;
    last_tick_ = now;
    if (pause < kOwnPauseSeconds) return;
    for (double& heard : last_heard_) heard += pause;
  }
  // A message came from `rank`.
  void heard(std::size_t rank, double now) { last_heard_[rank] = now; }
  // `rank`, which owed nothing, now owes something (a job's results, or "done" after the
  // sentinel): its silence counts from now, not from its last message.
  void owes_from(std::size_t rank, double now) { last_heard_[rank] = now; }
  // Seconds `rank` has been silent at `now`.
  double silent(std::size_t rank, double now) const { return now - last_heard_[rank]; }

 private:
  std::vector<double> last_heard_;
  double last_tick_;
};

}  // namespace primepool
