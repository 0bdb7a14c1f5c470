// Progress on standard error: "\r| 1234/5000 numbers  812/s  ETA 5s", redrawn at most 10 times
// a second, erased at the end so that the summary stands alone.
#include "primepool/output/progress.hpp"

#include <unistd.h>

#include <cstdio>

#include "primepool/sys/clock.hpp"

namespace primepool {

Progress::Progress(std::ostream& out, bool enabled, std::optional<std::uint64_t> total)
    : out_(out), enabled_(enabled), total_(total), start_(now_seconds()) {}

bool Progress::due() const { return enabled_ && now_seconds() - last_draw_ >= 0.1; }

void Progress::update(std::uint64_t done, const std::string& note) {
  if (!enabled_) return;
  const double now = now_seconds();
  if (now - last_draw_ < 0.1) return;
  last_draw_ = now;
  static const char kFrames[] = "\\|/-";
  const double elapsed = now - start_;
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0.0;
  char line[256];
  int len = std::snprintf(line, sizeof line, "\r%c %llu", kFrames[frame_++ % 4],
                          static_cast<unsigned long long>(done));
  if (total_)
    len += std::snprintf(line + len, sizeof line - len, "/%llu",
                         static_cast<unsigned long long>(*total_));
  len += std::snprintf(line + len, sizeof line - len, " numbers  %.0f/s", rate);
  if (total_ && rate > 0 && done <= *total_) {
    len += std::snprintf(line + len, sizeof line - len, "  ETA %.0fs",
                         static_cast<double>(*total_ - done) / rate);
  }
  if (!note.empty()) {
    len += std::snprintf(line + len, sizeof line - len, "  %.120s", note.c_str());
  }
  const std::size_t width = static_cast<std::size_t>(len);
  std::string text(line, width);
  if (width < width_) text.append(width_ - width, ' ');  // over the longer line before
  width_ = width;
  out_ << text << std::flush;
  drawn_ = true;
}

void Progress::finish() {
  if (!drawn_) return;
  out_ << "\r" << std::string(width_, ' ') << "\r" << std::flush;
  drawn_ = false;
}

bool progress_by_default(bool rows_on_stdout) {
  return isatty(STDERR_FILENO) == 1 && !(rows_on_stdout && isatty(STDOUT_FILENO) == 1);
}

}  // namespace primepool
