// libFuzzer target: arbitrary bytes as a journal. Damage is refused with an InputError, nothing
// crashes, every result the reader accepts writes back to the same line, and reading in pieces
// agrees with reading the whole.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "primepool/input.hpp"
#include "primepool/io/journal.hpp"

using namespace primepool;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  try {
    const JournalContents j = parse_journal("fuzz", bytes, true);
    if (j.intact_bytes > bytes.size()) std::abort();
    if (j.done.size() != j.results.size()) std::abort();
    for (const PrimeResult& r : j.results) {
      PrimeResult again;
      if (!parse_journal_line(journal_line(r), again)) std::abort();
      if (again.index != r.index || again.n != r.n || again.prime != r.prime) std::abort();
      if (!j.done.contains(r.index)) std::abort();
    }
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
