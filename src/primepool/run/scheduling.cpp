// Scheduling: cutting the input stream into Jobs (JobMaker) and handing them to the workers
// that ask (Dispatcher); job sizes come from chunk_policy.cpp.
#include "primepool/run/scheduling.hpp"

#include <algorithm>
#include <cmath>

#include "primepool/input/number_parser.hpp"
#include "primepool/journal/journal.hpp"

namespace primepool {

std::optional<Job> JobMaker::next(std::size_t max_numbers, int wait_ms) {
  if (exhausted_) return std::nullopt;
  Job job;
  job.first_index = next_index_;
  // An arithmetic input: a description, not a list (on --resume, its gaps and past the end).
  if ((skip_ == nullptr || !skip_->contains(next_index_)) && take_run(job, max_numbers)) return job;
  try {
    while (job.numbers.size() < max_numbers) {
      if (skip_ != nullptr && pass_over_journaled(job)) {
        if (!job.numbers.empty()) break;             // the job's run of indices ends here
        if (take_run(job, max_numbers)) return job;  // the gap after it, as a description
        continue;
      }
      if (skip_ == nullptr && take_ready(job, max_numbers)) continue;
      if (!input_.wait_ready(job.numbers.empty() ? wait_ms : 0)) break;
      auto n = input_.next();
      if (!n) {
        exhausted_ = true;
        break;
      }
      const std::uint64_t index = next_index_++;
      if (skip_ != nullptr && skip_->contains(index)) {
        if (!job.numbers.empty()) break;  // the job's run of indices ends here
        job.first_index = next_index_;
        if (!skip_->contains(next_index_) && take_run(job, max_numbers)) return job;
        continue;
      }
      job.numbers.push_back(*n);
    }
  } catch (const InputError& e) {
    error_ = e;
    exhausted_ = true;
  }
  if (job.numbers.empty()) return std::nullopt;
  return job;
}

// A journaled stretch starting at the next index, passed over at once when the input allows
// (a resumed input), rather than a number at a time: true if it was. A job that holds numbers
// ends before it; an empty one starts after it.
bool JobMaker::pass_over_journaled(Job& job) {
  if (!skip_->contains(next_index_)) return false;
  if (!job.numbers.empty()) return true;
  const std::uint64_t passed = input_.pass_over(skip_->next_missing(next_index_) - next_index_);
  if (passed == 0) return false;
  next_index_ += passed;
  job.first_index = next_index_;
  return true;
}

// An arithmetic input's next run of up to `max_numbers`, as the job's description: true if any.
bool JobMaker::take_run(Job& job, std::size_t max_numbers) {
  std::uint64_t max = max_numbers;
  if (skip_ != nullptr) max = std::min(max, skip_->next_done(next_index_) - next_index_);
  if (max == 0) return false;
  job.range_count = input_.take_run(max, job.range_first, job.range_step);
  next_index_ += job.range_count;
  return job.range_count != 0;
}

// The numbers the input has ready at once, in bulk (a stream's plain lines): true if any.
bool JobMaker::take_ready(Job& job, std::size_t max_numbers) {
  const std::size_t held = job.numbers.size();
  const std::size_t room = std::min<std::size_t>(max_numbers - held, 4096);  // memory follows input
  job.numbers.resize(held + room);
  const std::size_t taken = input_.take_ready(job.numbers.data() + held, room);
  job.numbers.resize(held + taken);
  next_index_ += taken;
  return taken > 0;
}

std::optional<std::uint64_t> Dispatcher::remaining() const {
  if (!input_.size()) return std::nullopt;
  return *input_.size() - jobs_.next_index();
}

namespace {
// A slice costs rank 0 nothing to hold (the worker reads its numbers), so an auto-sized slice
// may hold more than a list job: fewer round trips, each of which needs rank 0 and the worker's
// MPI thread to be scheduled on cores that the compute threads keep busy.
constexpr std::size_t kMaxSliceNumbers = std::size_t{1} << 18;
}  // namespace

bool Dispatcher::slicing() {
  if (slices_) return true;
  if (!slice_file_ || input_.regular_file() == nullptr || jobs_.exhausted()) return false;
  if (skip_ != nullptr && jobs_.next_index() < skip_->end()) return false;  // rank 0 reads these
  slices_.emplace(input_.regular_file()->path, input_.regular_file()->size, input_.read_position(),
                  jobs_.next_index());
  return true;
}

std::optional<Job> Dispatcher::next(std::uint64_t limit, int threads, int wait_ms) {
  if (slicing()) {
    // Slices wait in order for the one before: a few per compute thread keep every thread busy
    // while one is slow, and bound what rank 0 holds.
    slice_window_ = 4 * static_cast<std::size_t>(std::max(threads, 1)) + 4;
    if (slices_->exhausted() || waiting_for_window(limit)) return std::nullopt;
    return slices_->next(chunk_.next_size(slices_->remaining(), threads, kMaxSliceNumbers));
  }
  if (waiting_for_window(limit)) return std::nullopt;
  const std::uint64_t size =
      std::min<std::uint64_t>(chunk_.next_size(remaining(), threads), limit - jobs_.next_index());
  return jobs_.next(static_cast<std::size_t>(size), wait_ms);
}

}  // namespace primepool
