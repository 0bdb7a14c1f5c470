// Resuming (--resume): the input is checked against the journal before any work, so that a
// journal is never continued with a different input, and the journal's gaps are found.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "primepool/input.hpp"
#include "primepool/io/journal.hpp"

namespace primepool {

// The input seen through a journal. verify() reads the input as far as the journal reaches and
// compares every journaled interval with the input's numbers at those indices (by digest); the
// numbers in the journal's gaps (work in flight when a run stopped) are kept. Then next() yields
// a placeholder for each journaled index (the JobMaker skips them, it has the same DoneSet), the
// kept numbers for the gaps, and after that the rest of the input.
class ResumedSource : public NumberSource {
 public:
  ResumedSource(NumberSource& input, const JournalContents& journal, std::string journal_name);
  // Throws InputError when the input differs or ends before the journal's last index. `stop` is
  // asked while the input is slow; returns false when it said stop (nothing verified).
  bool verify(const std::function<bool()>& stop);

  std::optional<std::uint64_t> next() override;
  bool wait_ready(int timeout_ms) override;
  // Past the journal's last index, an arithmetic input's runs pass through (sieve-sized jobs).
  std::uint64_t take_run(std::uint64_t max, std::uint64_t& first, std::uint64_t& step) override;
  // A journaled stretch is passed over at once (the JobMaker skips it anyway).
  std::uint64_t pass_over(std::uint64_t count) override;
  std::optional<std::uint64_t> size() const override { return input_.size(); }
  std::optional<std::uint64_t> max_value() const override { return input_.max_value(); }
  std::string describe() const override { return input_.describe(); }
  // Past the journal's stretch, workers may read the rest of a regular file themselves.
  const FileIdentity* regular_file() const override { return input_.regular_file(); }
  ReadPosition read_position() const override { return input_.read_position(); }

 private:
  std::uint64_t arithmetic_digest(std::uint64_t& index, std::uint64_t end);

  NumberSource& input_;
  const JournalContents& journal_;
  std::string name_;
  std::uint64_t verified_end_ = 0;   // indices below this were read by verify()
  std::uint64_t produced_ = 0;       // indices handed out by next()
  std::vector<std::uint64_t> gaps_;  // the numbers at unjournaled indices below verified_end_
  std::size_t gap_pos_ = 0;
};

}  // namespace primepool
