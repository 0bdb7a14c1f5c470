// libFuzzer target: arbitrary bytes as a journal. Damage is refused with an InputError, nothing
// crashes, and every result the reader accepts writes back to the same line.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "input.hpp"
#include "journal.hpp"

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
  return 0;
}
