// Scheduling: cutting the input stream into Jobs of consecutive numbers.
// Each job records the input index of its first number, so results can be put back in order.
#include "scheduling.hpp"

namespace primepool {

std::optional<Job> JobMaker::next() {
  if (exhausted_) return std::nullopt;
  Job job;
  job.first_index = next_index_;
  while (job.numbers.size() < chunk_) {
    auto n = input_.next();
    if (!n) {
      exhausted_ = true;
      break;
    }
    job.numbers.push_back(*n);
  }
  if (job.numbers.empty()) return std::nullopt;
  next_index_ += job.numbers.size();
  return job;
}

}  // namespace primepool
