// Output formats and filters. Rows are written without flushing; flush() after each batch.
// The table's number column is 16 wide, or wider when the input's largest number needs it.
#include "primepool/report.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "primepool/io/journal.hpp"

namespace primepool {

namespace {
std::string format(const char* fmt, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, value);
  return buf;
}
}  // namespace

void deliver(const std::vector<PrimeResult>& results, RunSummary& summary, Reporter& reporter) {
  for (const PrimeResult& r : results) {
    summary.add(r);
    reporter.result(r);
  }
  reporter.flush();
}

bool deliver_or_fail(const std::vector<PrimeResult>& results, RunSummary& summary,
                     Reporter& reporter) {
  try {
    deliver(results, summary, reporter);
    return true;
  } catch (const std::exception& e) {
    summary.failure = e.what();
    summary.complete = false;
    return false;
  }
}

void end_or_fail(RunSummary& summary, Reporter& reporter) {
  if (!summary.failure.empty()) return;
  try {
    reporter.end(summary);
  } catch (const std::exception& e) {
    summary.failure = e.what();
  }
}

int decimal_digits(std::uint64_t n) {
  int digits = 1;
  while (n >= 10) {
    n /= 10;
    ++digits;
  }
  return digits;
}

void TableReporter::begin(const RunInfo& info) {
  if (info.max_value) width_ = std::max(16, decimal_digits(*info.max_value));
  sequential_ = info.workers == 0 && info.threads == 1;
  out_ << "Checking ";
  if (info.count) {
    out_ << *info.count << (*info.count == 1 ? " number" : " numbers");
  } else {
    out_ << "numbers";
  }
  if (sequential_) {
    out_ << " sequentially";
  } else if (info.workers == 0) {
    out_ << " with " << info.threads << " threads";
  } else {
    out_ << " with " << info.workers << (info.workers == 1 ? " worker" : " workers");
    if (info.threads > 1) out_ << " x " << info.threads << " threads";
  }
  out_ << ":\n" << std::flush;
}

void TableReporter::result(const PrimeResult& r) {
  char line[96];
  std::snprintf(line, sizeof line, "%*llu %c %9.6fs\n", width_,
                static_cast<unsigned long long>(r.n), r.prime ? 'P' : ' ', r.elapsed);
  out_ << line;
}

void TableReporter::end(const RunSummary& s) {
  if (sequential_) {
    out_ << "Total time: " << format("%.2f", s.wall) << "s\n";
  } else {
    out_ << s.checked << " checks in " << format("%.2f", s.wall) << "s\n";
  }
  out_ << std::flush;
}

void CsvReporter::begin(const RunInfo&) { out_ << "n,prime,elapsed,worker,thread,index\n"; }

void CsvReporter::result(const PrimeResult& r) {
  char line[128];
  std::snprintf(line, sizeof line, "%llu,%d,%.9f,%d,%d,%llu\n",
                static_cast<unsigned long long>(r.n), r.prime ? 1 : 0, r.elapsed, r.worker,
                r.thread, static_cast<unsigned long long>(r.index));
  out_ << line;
}

void JsonlReporter::result(const PrimeResult& r) {
  char line[160];
  std::snprintf(line, sizeof line,
                "{\"n\":%llu,\"prime\":%s,\"elapsed\":%.9f,\"worker\":%d,\"thread\":%d,"
                "\"index\":%llu}\n",
                static_cast<unsigned long long>(r.n), r.prime ? "true" : "false", r.elapsed,
                r.worker, r.thread, static_cast<unsigned long long>(r.index));
  out_ << line;
}

void InputOrderReporter::result(const PrimeResult& r) {
  pending_.emplace(r.index, r);
  advance();
}

void InputOrderReporter::advance() {
  for (;;) {
    if (skip_ != nullptr) next_ = skip_->next_missing(next_);
    auto it = pending_.find(next_);
    if (it == pending_.end()) return;
    inner_->result(it->second);
    pending_.erase(it);
    ++next_;
  }
}

void InputOrderReporter::end(const RunSummary& s) {
  for (const auto& [index, r] : pending_) inner_->result(r);
  pending_.clear();
  inner_->end(s);
}

}  // namespace primepool
