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
  // An arithmetic input: a progression, not a list (on --resume, its gaps and past the end).
  if ((skip_ == nullptr || !skip_->contains(next_index_)) && take_run(job, max_numbers)) return job;
  NumberList& numbers = job.numbers.emplace<NumberList>();
  std::vector<Number>& list = numbers.numbers;
  std::size_t big_bytes = 0;  // a job of big numbers is bounded by their digits, too
  try {
    while (list.size() < max_numbers && big_bytes < kMaxBigDigits) {
      if (skip_ != nullptr && pass_over_journaled(job, list)) {
        if (!list.empty()) break;                    // the job's run of indices ends here
        if (take_run(job, max_numbers)) return job;  // the gap after it, as a progression
        continue;
      }
      if (skip_ == nullptr && take_ready(list, max_numbers)) continue;
      if (!input_.wait_ready(list.empty() ? wait_ms : 0)) break;
      auto n = input_.next();
      if (!n) {
        exhausted_ = true;
        break;
      }
      const std::uint64_t index = next_index_++;
      if (skip_ != nullptr && skip_->contains(index)) {
        // A journaled index the input could not pass over: the job is empty (one that holds
        // numbers ended at the loop's top, before the index), and starts after it.
        job.first_index = next_index_;
        if (!skip_->contains(next_index_) && take_run(job, max_numbers)) return job;
        continue;
      }
      big_bytes += input_.big().size();
      numbers.push(*n, input_.big());
    }
  } catch (const InputError& e) {
    error_ = e;
    exhausted_ = true;
  }
  if (list.empty()) return std::nullopt;
  return job;
}

// A journaled stretch starting at the next index, passed over at once when the input allows
// (a resumed input), rather than a number at a time: true if it was. A job that holds numbers
// ends before it; an empty one starts after it.
bool JobMaker::pass_over_journaled(Job& job, const std::vector<Number>& list) {
  if (!skip_->contains(next_index_)) return false;
  if (!list.empty()) return true;
  const std::uint64_t passed = input_.pass_over(skip_->next_missing(next_index_) - next_index_);
  if (passed == 0) return false;
  next_index_ += passed;
  job.first_index = next_index_;
  return true;
}

// An arithmetic input's next run of up to `max_numbers`, as the job's progression: true if any.
bool JobMaker::take_run(Job& job, std::size_t max_numbers) {
  std::uint64_t max = max_numbers;
  if (skip_ != nullptr) max = std::min(max, skip_->next_done(next_index_) - next_index_);
  if (max == 0) return false;
  Progression run;
  run.count = input_.take_run(max, run.start, run.step);
  if (run.count == 0) return false;
  next_index_ += run.count;
  job.numbers = run;
  return true;
}

// The numbers the input has ready at once, in bulk (a stream's plain lines): true if any.
bool JobMaker::take_ready(std::vector<Number>& list, std::size_t max_numbers) {
  const std::size_t room =
      std::min(max_numbers - list.size(), kReadyBlock);  // memory follows input
  const std::size_t taken = input_.take_ready(ready_.get(), room);
  list.insert(list.end(), ready_.get(), ready_.get() + taken);
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
    const std::uint64_t size = chunk_.next_size(slices_->remaining(), threads, kMaxSliceNumbers);
    return slices_->next(size, next_id_++);
  }
  if (waiting_for_window(limit)) return std::nullopt;
  const std::uint64_t size =
      std::min<std::uint64_t>(chunk_.next_size(remaining(), threads), limit - jobs_.next_index());
  auto job = jobs_.next(static_cast<std::size_t>(size), wait_ms);
  if (!job) return std::nullopt;
  return numbered(std::move(*job));
}

Job Dispatcher::numbered(Job job) {
  job.id = next_id_++;
  return job;
}

}  // namespace primepool
