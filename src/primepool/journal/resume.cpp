// Resuming: read the input through the journal's last index, compare each journaled interval's
// digest with the input's, keep the numbers of the gaps, then hand everything out in order.
#include "primepool/journal/resume.hpp"

#include <algorithm>

namespace primepool {

ResumedSource::ResumedSource(BulkSource& input, const JournalContents& journal,
                             std::string journal_name)
    : input_(input), journal_(journal), name_(std::move(journal_name)) {}

// An arithmetic input's numbers from `index` up to `end`, taken as runs (first, step) and
// digested in a tight loop: a 10^10-number range is checked in seconds, not minutes. Moves
// `index` past what it took; 0 and nothing taken for any other input.
std::uint64_t ResumedSource::arithmetic_digest(std::uint64_t& index, std::uint64_t end) {
  std::uint64_t digest = 0;
  while (index < end) {
    Number first = 0, step = 0;
    const std::uint64_t taken = input_.take_run(end - index, first, step);
    if (taken == 0) break;
    for (std::uint64_t i = 0; i < taken; ++i) digest += pair_digest(index + i, first + step * i);
    index += taken;
  }
  return digest;
}

bool ResumedSource::verify(const StopRequest& stop) {
  std::uint64_t index = 0;
  auto read = [&]() -> Number {  // (a big number: 0, and input_.big() holds it)
    while (!input_.wait_ready(100)) {
      if (stop && stop()) throw StopDuringLoad{};
    }
    const auto n = input_.next();
    if (!n) {
      throw InputError(name_, journal_.last_index_line, "",
                       "the journal holds a result for input index " +
                           std::to_string(journal_.last_index) + ", but the input has only " +
                           std::to_string(index) +
                           " numbers: this journal belongs to other input; refusing to resume");
    }
    return *n;
  };
  try {
    for (const auto& [first, run] : journal_.done.runs()) {
      while (index < first) {  // a gap: an arithmetic input's as runs, not numbers
        GapRun gap{index, 0, 0, 0};
        gap.count = input_.take_run(first - index, gap.first, gap.step);
        if (gap.count == 0) break;
        gap_runs_.push_back(gap);
        index += gap.count;
      }
      for (; index < first; ++index) {
        const Number n = read();
        gaps_.push(n, input_.big());
      }
      std::uint64_t digest = arithmetic_digest(index, run.end);  // a range: without next()
      for (; index < run.end; ++index) {
        const Number n = read();
        digest += input_.big().empty() ? pair_digest(index, n) : pair_digest(index, input_.big());
      }
      if (digest != run.digest) {
        throw InputError(name_, 0, "",
                         "the input has changed since this journal was written: its numbers at "
                         "input indices " +
                             std::to_string(first) + " to " + std::to_string(run.end - 1) +
                             " differ from the journaled ones; refusing to resume (use a new "
                             "journal for the new input)");
      }
    }
  } catch (const StopDuringLoad&) {
    return false;
  }
  verified_end_ = index;
  return true;
}

std::optional<Number> ResumedSource::next() {
  if (produced_ >= verified_end_) {
    auto n = input_.next();
    if (n) ++produced_;
    big_ = input_.big();
    return n;
  }
  const std::uint64_t index = produced_++;
  big_.clear();
  if (journal_.done.contains(index)) return 0;  // skipped by the JobMaker
  if (const GapRun* gap = gap_run_at(index)) {
    return taken_or_throw(gap->first + gap->step * (index - gap->index), describe(), 0);
  }
  const std::string* big = gaps_.big_at(gap_pos_);
  const Number n = taken_or_throw(gaps_.numbers[gap_pos_], describe(), 0, {},
                                  big != nullptr ? *big : std::string());
  ++gap_pos_;
  return n;
}

// The gap run that holds `index`, if any (gaps are asked for in increasing order).
const ResumedSource::GapRun* ResumedSource::gap_run_at(std::uint64_t index) {
  while (gap_run_pos_ < gap_runs_.size() &&
         gap_runs_[gap_run_pos_].index + gap_runs_[gap_run_pos_].count <= index) {
    ++gap_run_pos_;
  }
  if (gap_run_pos_ == gap_runs_.size() || gap_runs_[gap_run_pos_].index > index) return nullptr;
  return &gap_runs_[gap_run_pos_];
}

std::uint64_t ResumedSource::pass_over(std::uint64_t count) {
  if (count == 0 || produced_ + count > verified_end_ ||
      journal_.done.next_missing(produced_) < produced_ + count) {
    return 0;  // not all journaled: the caller reads them one by one
  }
  produced_ += count;
  return count;
}

std::uint64_t ResumedSource::take_run(std::uint64_t max, Number& first, Number& step) {
  if (produced_ < verified_end_) {  // the journal's stretch: a gap run, or one number at a time
    const GapRun* gap = gap_run_at(produced_);
    if (gap == nullptr) return 0;
    const std::uint64_t taken = std::min(max, gap->index + gap->count - produced_);
    first = gap->first + gap->step * (produced_ - gap->index);
    step = gap->step;
    produced_ += taken;
    return taken;
  }
  const std::uint64_t taken = input_.take_run(max, first, step);
  produced_ += taken;
  return taken;
}

bool ResumedSource::wait_ready(int timeout_ms) {
  return produced_ < verified_end_ || input_.wait_ready(timeout_ms);
}

}  // namespace primepool
