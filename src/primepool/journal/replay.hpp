// --replay JOURNAL: a job's results printed from its journal alone, so that nothing journaled is
// ever out of reach (after a kill, a failed output, or a stop that printed less than it journaled).
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "primepool/journal/journal.hpp"
#include "primepool/report.hpp"
#include "primepool/run.hpp"

namespace primepool {

struct ReplayCounts {
  JournalHeader header;
  std::uint64_t results = 0;
  std::uint64_t primes = 0;
  bool stopped = false;  // `stop` said stop: what came before was passed on, nothing after
};

// Passes every journaled result to `reporter` once: in journal order (one pass), or with
// `input_order` in input order: a first pass notes where each line is and which indices it
// holds (a line is a run of consecutive indices), then the lines are read in index order
// (memory: about 24 bytes a journal line, not a result). Throws InputError for a damaged
// journal (a torn last line is left out, as --resume does); callers that must change no file on
// a damaged journal check it first (read_journal). `stop` is asked between blocks and lines.
ReplayCounts replay_journal(const std::string& path, Reporter& reporter, bool input_order,
                            const StopRequest& stop = nullptr);

}  // namespace primepool
