// Scheduling: cutting the input stream into Jobs, handed out on demand (self-scheduling), and
// sizing them (--chunk N, or auto: a few milliseconds of work each, smaller near the end).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "primepool/input/job.hpp"
#include "primepool/input/sources.hpp"
#include "primepool/result.hpp"
#include "primepool/run/file_slices.hpp"
#include "primepool/run/job_sizer.hpp"

namespace primepool {

class DoneSet;

class JobMaker {
 public:
  // `skip`: input indices already checked (--resume); jobs never hold them, and a job ends where
  // one is skipped, so every job is still a run of consecutive indices.
  explicit JobMaker(BulkSource& input, const DoneSet* skip = nullptr)
      : input_(input), skip_(skip) {}
  // The next job of up to `max_numbers` consecutive numbers, or nothing once the input is
  // exhausted. Bad input ends the input: the numbers before it still form jobs, and the error is
  // kept for error(). A job goes out as soon as the input has nothing more ready (numbers read
  // from a slow pipe are checked at once). With nothing ready, `wait_ms` bounds the wait for
  // the first number; then the answer is nothing, with exhausted() still false.
  std::optional<Job> next(std::size_t max_numbers, int wait_ms = 0);
  bool exhausted() const { return exhausted_; }
  std::uint64_t next_index() const { return next_index_; }  // input index of the next number
  const std::optional<InputError>& error() const { return error_; }
  // A job ends once its big numbers hold this many digits (one number of any size still fits):
  // its message and its journal line stay well under the journal's 1 MiB line.
  static constexpr std::size_t kMaxBigDigits = 1 << 18;

 private:
  bool take_run(Job& job, std::size_t max_numbers);
  bool pass_over_journaled(Job& job, const std::vector<Number>& list);
  bool take_ready(std::vector<Number>& list, std::size_t max_numbers);

  BulkSource& input_;
  const DoneSet* skip_;
  std::uint64_t next_index_ = 0;
  bool exhausted_ = false;
  std::optional<InputError> error_;
  // Where take_ready() reads plain lines to, left uninitialized: a list grown and zeroed for
  // every try cost 64 KiB of memset a number when lines take the careful path (20 digits).
  static constexpr std::size_t kReadyBlock = 4096;
  std::unique_ptr<Number[]> ready_{new Number[kReadyBlock]};
};

// The input as jobs: consecutive numbers, sized by the chunk policy, never reaching past the
// output's reorder window (`limit`), skipping what the journal already holds. With `slices`, a
// regular file is handed out as byte slices that the workers read (after the journal's stretch,
// which rank 0 reads to check it).
class Dispatcher {
 public:
  Dispatcher(BulkSource& input, const ChunkPolicy& chunk, const DoneSet* skip, bool slices = false)
      : input_(input), chunk_(chunk), jobs_(input, skip), skip_(skip), slice_file_(slices) {}
  // The next job for a pool of `threads` compute threads, numbered (Job::id) in the order made,
  // or nothing when the input is exhausted
  // or the next number's index is at or beyond `limit` (then waiting_for_window() is true).
  // Slices are put back in input order (slices()), at most a few per thread at a time; `limit`
  // holds them back only once the slices taken back reach it (the output waits for a gap that
  // rank 0 read: a resumed run's).
  std::optional<Job> next(std::uint64_t limit, int threads, int wait_ms = 0);
  bool exhausted() const { return slices_ ? slices_->exhausted() : jobs_.exhausted(); }
  // True when the next call to next() may find a number at once (or learn of the end).
  bool input_ready() { return slices_ || jobs_.exhausted() || input_.wait_ready(0); }
  bool waiting_for_window(std::uint64_t limit) const {
    if (slices_) {
      return !slices_->exhausted() &&
             (slices_->open() >= slice_window_ || slices_->next_index() >= limit);
    }
    return !jobs_.exhausted() && jobs_.next_index() >= limit;
  }
  // The slices handed out, once the file is read by the workers; nothing before.
  FileSlices* slices() { return slices_ ? &*slices_ : nullptr; }
  // Learn from a finished job (auto chunk sizes): `numbers` checked in `busy_seconds` (summed
  // over the checks).
  void observe(std::size_t numbers, double busy_seconds) { chunk_.observe(numbers, busy_seconds); }
  // Numbers not handed out yet, when the input's size is known.
  std::optional<std::uint64_t> remaining() const;
  const std::optional<InputError>& error() const {
    return slices_ && !jobs_.error() ? slices_->error() : jobs_.error();
  }
  // A fresh job id, for jobs made from the ones next() gave (run/spread.hpp).
  std::uint64_t new_id() { return next_id_++; }

 private:
  bool slicing();  // true once the workers read the file (starts the slices when it is time)
  Job numbered(Job job);

  BulkSource& input_;
  JobSizer chunk_;
  JobMaker jobs_;
  const DoneSet* skip_;
  bool slice_file_;
  std::optional<FileSlices> slices_;
  std::size_t slice_window_ = 4;
  std::uint64_t next_id_ = 0;
};

}  // namespace primepool
