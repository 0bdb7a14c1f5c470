// --replay JOURNAL: a job's results printed from its journal alone, so that nothing journaled is
// ever out of reach (after a kill, a failed output, or a stop that printed less than it journaled).
#pragma once

#include <cstdint>
#include <string>

#include "primepool/io/journal.hpp"
#include "primepool/report.hpp"

namespace primepool {

struct ReplayCounts {
  JournalHeader header;
  std::uint64_t results = 0;
  std::uint64_t primes = 0;
};

// Passes every journaled result to `reporter` once: in journal order, or with `input_order` in
// input order, read in passes over a window of kReplayWindow indices (memory stays bounded).
// Throws InputError for a damaged journal (a torn last line is left out, as --resume does);
// callers that must change no file on a damaged journal check it first (read_journal).
ReplayCounts replay_journal(const std::string& path, Reporter& reporter, bool input_order);

constexpr std::uint64_t kReplayWindow = 1u << 20;

}  // namespace primepool
