// Resuming (--resume): the input is checked against the journal before any work, so that a
// journal is never continued with a different input, and the journal's gaps are found.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "primepool/input/job.hpp"
#include "primepool/input/sources.hpp"
#include "primepool/journal/journal.hpp"
#include "primepool/run.hpp"

namespace primepool {

// The input seen through a journal. verify() reads the input as far as the journal reaches and
// compares every journaled interval with the input's numbers at those indices (by digest); the
// numbers in the journal's gaps (work in flight when a run stopped) are kept. Then next() yields
// a placeholder for each journaled index (the JobMaker skips them: journaled() tells it which), the
// kept numbers for the gaps, and after that the rest of the input.
class ResumedSource : public BulkSource {
 public:
  ResumedSource(BulkSource& input, const JournalContents& journal, std::string journal_name);
  // Throws InputError when the input differs or ends before the journal's last index. `stop` is
  // asked while the input is slow; returns false when it said stop (nothing verified).
  bool verify(const StopRequest& stop);

  std::optional<Number> next() override;
  bool wait_ready(int timeout_ms) override;
  // An arithmetic input's runs: its gaps and what is past the journal's last index, as
  // descriptions (sieve-sized jobs); 0 at a journaled index.
  std::uint64_t take_run(std::uint64_t max, Number& first, Number& step) override;
  // A journaled stretch is passed over at once (the JobMaker skips it anyway).
  std::uint64_t pass_over(std::uint64_t count) override;
  std::optional<std::uint64_t> size() const override { return input_.size(); }
  std::optional<Number> max_value() const override { return input_.max_value(); }
  std::string describe() const override { return input_.describe(); }
  // Past the journal's stretch, workers may read the rest of a regular file themselves.
  const FileIdentity* regular_file() const override { return input_.regular_file(); }
  ReadPosition read_position() const override { return input_.read_position(); }
  const DoneSet* journaled() const override { return &journal_.done; }
  // The input refuses what it reads from now on; the gaps kept by verify() are asked here.
  void refuse(NumberRefusal refusal) override {
    input_.refuse(refusal);
    BulkSource::refuse(std::move(refusal));
  }

 private:
  std::uint64_t arithmetic_digest(std::uint64_t& index, std::uint64_t end);

  BulkSource& input_;
  const JournalContents& journal_;
  std::string name_;
  std::uint64_t verified_end_ = 0;  // indices below this were read by verify()
  std::uint64_t produced_ = 0;      // indices handed out by next()
  // The unjournaled indices below verified_end_: an arithmetic input's as runs (a gap of 2^25
  // numbers is one entry, and is handed out as descriptions), any other's numbers one by one.
  struct GapRun {
    std::uint64_t index = 0, count = 0;
    Number first = 0, step = 0;
  };
  std::vector<GapRun> gap_runs_;
  std::size_t gap_run_pos_ = 0;
  NumberList gaps_;  // (with their big numbers)
  std::size_t gap_pos_ = 0;
  const GapRun* gap_run_at(std::uint64_t index);
};

}  // namespace primepool
