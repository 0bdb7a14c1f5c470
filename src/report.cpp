// Output in the reference text's table format, flushed line by line as results arrive.
// The number column is 16 wide, or wider when the input's largest number needs it.
#include "report.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

namespace primepool {

int decimal_digits(std::uint64_t n) {
  int digits = 1;
  while (n >= 10) {
    n /= 10;
    ++digits;
  }
  return digits;
}

namespace {
std::string format(const char* fmt, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, value);
  return buf;
}
}  // namespace

void TableReporter::begin(const RunInfo& info) {
  if (info.max_value) width_ = std::max(16, decimal_digits(*info.max_value));
  sequential_ = info.workers == 0 && info.threads == 1;
  threads_only_ = info.workers == 0 && info.threads > 1;
  out_ << "Checking ";
  if (info.count) {
    out_ << *info.count << (*info.count == 1 ? " number" : " numbers");
  } else {
    out_ << "numbers";
  }
  if (sequential_) {
    out_ << " sequentially";
  } else if (threads_only_) {
    out_ << " with " << info.threads << " threads";
  } else {
    out_ << " with " << info.workers << (info.workers == 1 ? " worker" : " workers");
    if (info.threads > 1) out_ << " x " << info.threads << " threads";
  }
  out_ << ":\n" << std::flush;
}

void TableReporter::result(const PrimeResult& r) {
  std::string n = std::to_string(r.n);
  if (static_cast<int>(n.size()) < width_) n.insert(0, width_ - n.size(), ' ');
  out_ << n << (r.prime ? " P " : "   ") << format("%9.6f", r.elapsed) << "s\n" << std::flush;
}

void TableReporter::end(const RunSummary& s) {
  if (sequential_) {
    out_ << "Total time: " << format("%.2f", s.wall) << "s\n" << std::flush;
  } else {
    out_ << s.checked << " checks in " << format("%.2f", s.wall) << "s\n" << std::flush;
    if (threads_only_) return;  // rank 0 was the worker: its CPU time is the work itself
    out_ << "rank 0 CPU: " << format("%.3f", s.rank0_cpu) << "s over " << format("%.2f", s.wall)
         << "s wall (" << format("%.1f", s.wall > 0 ? 100.0 * s.rank0_cpu / s.wall : 0.0)
         << "% of one core)\n" << std::flush;
  }
}

}  // namespace primepool
