// Output formats and filters. Rows are written without flushing; flush() after each batch.
// The table's number column is 16 wide, or wider when the input's largest number needs it.
#include "primepool/report.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>

#include "primepool/input/done_set.hpp"
#include "primepool/output/output_file.hpp"

namespace primepool {

namespace {
std::string format(const char* fmt, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, value);
  return buf;
}
}  // namespace

void append_u64(std::string& out, std::uint64_t value) {
  char buf[20];
  const auto end = std::to_chars(buf, buf + sizeof buf, value).ptr;
  out.append(buf, static_cast<std::size_t>(end - buf));
}

void append_seconds(std::string& out, double seconds, int decimals) {
  static constexpr double kScale[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  if (!(seconds >= 0.0) || seconds >= 1e9 || decimals < 1 || decimals > 9) {
    char buf[64];  // not a timing this program makes: the general (slow) path
    std::snprintf(buf, sizeof buf, "%.*f", decimals, seconds);
    out += buf;
    return;
  }
  // Round seconds x scale to the nearest whole unit exactly as printf does: the product's
  // rounding error (fma) decides the cases that look like halves, and a true half goes to even.
  const double product = seconds * kScale[decimals];
  const double error = std::fma(seconds, kScale[decimals], -product);
  const double whole = std::floor(product);
  const double fraction = product - whole;  // exact
  auto units = static_cast<std::uint64_t>(whole);
  if (fraction > 0.5 || (fraction == 0.5 && (error > 0 || (error == 0 && units % 2 == 1)))) ++units;
  const auto scale = static_cast<std::uint64_t>(kScale[decimals]);
  append_u64(out, units / scale);
  char frac[10];
  std::uint64_t rest = units % scale;
  for (int i = decimals - 1; i >= 0; --i, rest /= 10) frac[i] = static_cast<char>('0' + rest % 10);
  out += '.';
  out.append(frac, static_cast<std::size_t>(decimals));
}

void deliver(const std::vector<PrimeResult>& results, const JobDone& job, ResultDetail detail,
             RunSummary& summary, Reporter& reporter) {
  std::uint64_t primes_in_rows = 0;
  for (const PrimeResult& r : results) primes_in_rows += r.prime ? 1 : 0;
  // What the workers reduced away (--quiet: every number; --primes-only: the composites) still
  // counts: the summary is exact in every mode.
  const std::uint64_t unsent = job.checked - results.size();
  summary.checked += unsent;
  summary.primes += job.primes - primes_in_rows;
  if (unsent > 0) summary.worker(job.worker).numbers += unsent;
  for (const PrimeResult& r : results) {
    summary.add(r);
    if (carries(detail, r)) reporter.result(r);
  }
  reporter.job_done(job);
  reporter.flush();
}

bool deliver_or_fail(const std::vector<PrimeResult>& results, const JobDone& job,
                     ResultDetail detail, RunSummary& summary, Reporter& reporter) {
  try {
    deliver(results, job, detail, summary, reporter);
    return true;
  } catch (const std::exception& e) {
    record_failure(summary, e);
    return false;
  }
}

void end_or_fail(RunSummary& summary, Reporter& reporter) {
  if (summary.writes_ended()) return;
  try {
    reporter.end(summary);
  } catch (const std::exception& e) {
    record_failure(summary, e);
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

void LineReporter::drain() {
  out_.write(rows_.data(), static_cast<std::streamsize>(rows_.size()));
  rows_.clear();
}

void LineReporter::flush() {
  drain();
  out_.flush();
}

void CsvReporter::begin(const RunInfo&) { rows_ += "n,prime,elapsed,worker,thread,index\n"; }

// A row's fixed text around its fields: before n, the prime/composite text (which carries the
// text before elapsed), before worker, thread and index, and the end of the row.
struct RowLayout {
  const char* before_n;
  const char* prime;
  const char* composite;
  const char* before_worker;
  const char* before_thread;
  const char* before_index;
  const char* end;
};

void LineReporter::append_row(const PrimeResult& r, const RowLayout& layout) {
  rows_ += layout.before_n;
  append_u64(rows_, r.n);
  rows_ += r.prime ? layout.prime : layout.composite;
  append_seconds(rows_, r.elapsed, 9);
  rows_ += layout.before_worker;
  append_u64(rows_, static_cast<std::uint64_t>(r.worker));
  rows_ += layout.before_thread;
  append_u64(rows_, static_cast<std::uint64_t>(r.thread));
  rows_ += layout.before_index;
  append_u64(rows_, r.index);
  rows_ += layout.end;
  row_added();
}

void CsvReporter::result(const PrimeResult& r) {
  static constexpr RowLayout kCsv{"", ",1,", ",0,", ",", ",", ",", "\n"};
  append_row(r, kCsv);
}

void JsonlReporter::result(const PrimeResult& r) {
  static constexpr RowLayout kJsonl{"{\"n\":",
                                    ",\"prime\":true,\"elapsed\":",
                                    ",\"prime\":false,\"elapsed\":",
                                    ",\"worker\":",
                                    ",\"thread\":",
                                    ",\"index\":",
                                    "}\n"};
  append_row(r, kJsonl);
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
