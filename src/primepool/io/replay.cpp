// --replay: the journal read once (journal order) or once per window of input indices (input
// order), each result passed to the reporter chain that a run would use.
#include "primepool/io/replay.hpp"

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

// One pass over the journal file; `take` sees every intact result.
JournalContents read_pass(const std::string& path,
                          const std::function<void(const PrimeResult&)>& take) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw InputError(path, 0, "", std::string("cannot open the journal: ") + std::strerror(errno));
  JournalParser parser(path, false);
  parser.on_result = take;
  std::vector<char> block(1 << 20);
  try {
    for (;;) {
      const ssize_t n = ::read(fd, block.data(), block.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw InputError(path, 0, "", std::string("read error: ") + std::strerror(errno));
      if (n == 0) break;
      parser.feed(block.data(), static_cast<std::size_t>(n));
    }
  } catch (...) {
    ::close(fd);
    throw;
  }
  ::close(fd);
  return parser.finish();
}

}  // namespace

ReplayCounts replay_journal(const std::string& path, Reporter& reporter, bool input_order) {
  ReplayCounts counts;
  std::uint64_t batch = 0;
  auto pass_on = [&](const PrimeResult& r) {
    reporter.result(r);
    ++counts.results;
    if (r.prime) ++counts.primes;
    if (++batch % 4096 == 0) reporter.flush();
  };
  if (!input_order) {
    counts.header = read_pass(path, pass_on).header;
    reporter.flush();
    return counts;
  }
  std::vector<PrimeResult> window;
  for (std::uint64_t lo = 0;; lo += kReplayWindow) {
    window.clear();
    const JournalContents j = read_pass(path, [&](const PrimeResult& r) {
      if (r.index >= lo && r.index - lo < kReplayWindow) window.push_back(r);
    });
    counts.header = j.header;
    std::sort(window.begin(), window.end(),
              [](const PrimeResult& a, const PrimeResult& b) { return a.index < b.index; });
    for (const PrimeResult& r : window) pass_on(r);
    reporter.flush();
    if (j.done.size() == 0 || j.last_index - lo < kReplayWindow) return counts;
  }
}

}  // namespace primepool
