// Resuming: read the input through the journal's last index, compare each journaled interval's
// digest with the input's, keep the numbers of the gaps, then hand everything out in order.
#include "primepool/io/resume.hpp"

namespace primepool {

ResumedSource::ResumedSource(NumberSource& input, const JournalContents& journal,
                             std::string journal_name)
    : input_(input), journal_(journal), name_(std::move(journal_name)) {}

bool ResumedSource::verify(const std::function<bool()>& stop) {
  std::uint64_t index = 0;
  auto read = [&]() -> std::uint64_t {
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
      for (; index < first; ++index) gaps_.push_back(read());
      std::uint64_t digest = 0;
      for (; index < run.end; ++index) digest += pair_digest(index, read());
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

std::optional<std::uint64_t> ResumedSource::next() {
  if (produced_ >= verified_end_) {
    auto n = input_.next();
    if (n) ++produced_;
    return n;
  }
  const std::uint64_t index = produced_++;
  if (journal_.done.contains(index)) return 0;  // skipped by the JobMaker
  return gaps_[gap_pos_++];
}

std::uint64_t ResumedSource::take_run(std::uint64_t max, std::uint64_t& first,
                                      std::uint64_t& step) {
  if (produced_ < verified_end_) return 0;  // the journal's stretch: one number at a time
  const std::uint64_t taken = input_.take_run(max, first, step);
  produced_ += taken;
  return taken;
}

bool ResumedSource::wait_ready(int timeout_ms) {
  return produced_ < verified_end_ || input_.wait_ready(timeout_ms);
}

}  // namespace primepool
