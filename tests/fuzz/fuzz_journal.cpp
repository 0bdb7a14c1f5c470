// libFuzzer target: arbitrary bytes as a journal. Damage is refused with an InputError, nothing
// crashes, every line the reader accepts writes back to the same bytes and covers its indices,
// and reading in pieces agrees with reading the whole.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "primepool/input.hpp"
#include "primepool/journal/journal.hpp"

using namespace primepool;

namespace {

// Each line on its own: accepted only as the exact text journal_line() writes for it.
void check_lines(const std::string& bytes) {
  std::size_t at = 0;
  while (at < bytes.size()) {
    std::size_t end = bytes.find('\n', at);
    if (end == std::string::npos) end = bytes.size();
    const std::string line = bytes.substr(at, end - at);
    at = end + 1;
    JournalEntry e;
    if (!parse_journal_line(line, e)) continue;
    if (journal_line(e) != line) std::abort();
    std::uint64_t results = 0, primes = 0;
    e.for_each_result([&](const PrimeResult& r) {
      if (r.index != e.totals.first_index + results || r.n != e.number(results)) std::abort();
      ++results;
      primes += r.prime ? 1 : 0;
    });
    if (results != e.totals.count || primes != e.prime_offsets.size() || primes != e.totals.primes)
      std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  check_lines(bytes);
  try {
    const JournalContents j = parse_journal("fuzz", bytes, true);
    if (j.intact_bytes > bytes.size()) std::abort();
    if (j.done.size() != j.results.size()) std::abort();
    std::uint64_t primes = 0;
    for (const PrimeResult& r : j.results) {
      if (!j.done.contains(r.index)) std::abort();
      primes += r.prime ? 1 : 0;
    }
    if (primes != j.primes) std::abort();
  } catch (const InputError&) {
  }
  // Fed in pieces of every size (as resume reads it, block by block), the verdict is the same.
  const std::size_t piece = size > 0 ? 1 + data[0] % 13 : 1;
  bool whole_ok = true, pieces_ok = true;
  std::uint64_t whole_count = 0, pieces_count = 0, whole_bytes = 0, pieces_bytes = 0;
  try {
    const JournalContents j = parse_journal("fuzz", bytes);
    whole_count = j.done.size();
    whole_bytes = j.intact_bytes;
  } catch (const InputError&) {
    whole_ok = false;
  }
  try {
    JournalParser parser("fuzz", false);
    for (std::size_t at = 0; at < bytes.size(); at += piece) {
      parser.feed(bytes.data() + at, std::min(piece, bytes.size() - at));
    }
    const JournalContents j = parser.finish();
    pieces_count = j.done.size();
    pieces_bytes = j.intact_bytes;
  } catch (const InputError&) {
    pieces_ok = false;
  }
  if (whole_ok != pieces_ok || whole_count != pieces_count || whole_bytes != pieces_bytes) {
    std::abort();
  }
  return 0;
}
