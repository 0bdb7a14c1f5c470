// --replay: the journal read once (journal order), or indexed once and read back line by line in
// input order; each result passed to the reporter chain that a run would use.
#include "primepool/journal/replay.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <vector>

#include "primepool/input.hpp"

namespace primepool {

namespace {

// Where a journal line is: its first index, its byte offset and length (without the newline).
struct LineAt {
  std::uint64_t first = 0;
  std::uint64_t offset = 0;
  std::uint32_t length = 0;
};

// The line being read across blocks: where it starts and its first field so far.
struct PendingLine {
  std::uint64_t start = 0;
  std::uint64_t number = 0;  // lines seen before it (0: the header)
  std::string first;
  bool in_first = true;
};

// Notes the place of every result line that ends in `data` (the block at byte `offset`); the
// searched-range lines of spread numbers are not results.
void note_lines(const char* data, std::size_t size, std::uint64_t offset, std::vector<LineAt>& at,
                PendingLine& line) {
  std::size_t i = 0;
  while (i < size) {
    const char* newline = static_cast<const char*>(std::memchr(data + i, '\n', size - i));
    const std::size_t end = newline != nullptr ? static_cast<std::size_t>(newline - data) : size;
    for (std::size_t k = i; line.in_first && k < end; ++k) {
      if (data[k] == ' ')
        line.in_first = false;
      else
        line.first += data[k];
    }
    if (newline == nullptr) return;
    // A result line ("s": a range searched; "v", "x": --verify's record of a run)
    if (line.number++ > 0 && line.first != "s" && line.first != "v" && line.first != "x") {
      at.push_back({std::stoull(line.first), line.start,
                    static_cast<std::uint32_t>(offset + end - line.start)});
    }
    line.start = offset + end + 1;
    line.first.clear();
    line.in_first = true;
    i = end + 1;
  }
}

// One pass over the journal file; `take` sees every intact result, and `at` (when given) every
// intact result line's place. Returns false when `stop` said stop.
bool read_pass(const std::string& path, JournalContents& out,
               const std::function<void(const PrimeResult&)>& take, std::vector<LineAt>* at,
               const StopRequest& stop) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw InputError(path, 0, "", std::string("cannot open the journal: ") + std::strerror(errno));
  JournalParser parser(path, false);
  parser.on_result = take;
  std::vector<char> block(1 << 20);
  std::uint64_t offset = 0;
  PendingLine pending;
  try {
    for (;;) {
      if (stop && stop()) {
        ::close(fd);
        return false;
      }
      const ssize_t n = ::read(fd, block.data(), block.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw InputError(path, 0, "", std::string("read error: ") + std::strerror(errno));
      if (n == 0) break;
      parser.feed(block.data(), static_cast<std::size_t>(n));  // validates every line
      if (at != nullptr)
        note_lines(block.data(), static_cast<std::size_t>(n), offset, *at, pending);
      offset += static_cast<std::uint64_t>(n);
    }
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  out = parser.finish();
  return true;
}

// The lines noted in `at`, read back in input order (a line's indices are consecutive and no
// two lines share one). Returns false when `stop` said stop.
bool read_in_order(const std::string& path, std::vector<LineAt>& at,
                   const std::function<void(const PrimeResult&)>& take, const StopRequest& stop) {
  std::sort(at.begin(), at.end(),
            [](const LineAt& a, const LineAt& b) { return a.first < b.first; });
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw InputError(path, 0, "", std::string("cannot open the journal: ") + std::strerror(errno));
  std::string text;
  JournalEntry e;
  for (std::size_t i = 0; i < at.size(); ++i) {
    if (i % 256 == 0 && stop && stop()) {
      ::close(fd);
      return false;
    }
    text.resize(at[i].length);
    const ssize_t n = ::pread(fd, text.data(), text.size(), static_cast<off_t>(at[i].offset));
    if (n != static_cast<ssize_t>(text.size()) || !parse_journal_line(text, e)) {
      ::close(fd);
      throw InputError(path, 0, "", "the journal changed while it was being replayed");
    }
    e.for_each_result(take);
  }
  ::close(fd);
  return true;
}

}  // namespace

ReplayCounts replay_journal(const std::string& path, Reporter& reporter, bool input_order,
                            const StopRequest& stop) {
  ReplayCounts counts;
  std::uint64_t batch = 0;
  auto pass_on = [&](const PrimeResult& r) {
    reporter.result(r);
    ++counts.results;
    if (r.prime) ++counts.primes;
    if (++batch % 4096 == 0) reporter.flush();
  };
  JournalContents j;
  if (!input_order) {
    counts.stopped = !read_pass(path, j, pass_on, nullptr, stop);
    counts.header = j.header;
    reporter.flush();
    return counts;
  }
  std::vector<LineAt> at;
  if (!read_pass(path, j, nullptr, &at, stop)) {
    counts.stopped = true;
    return counts;
  }
  counts.header = j.header;
  counts.stopped = !read_in_order(path, at, pass_on, stop);
  reporter.flush();
  return counts;
}

}  // namespace primepool
