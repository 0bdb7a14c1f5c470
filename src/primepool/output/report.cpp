// Output formats and filters. Rows are written without flushing; flush() after each batch.
// The table's number column is 16 wide, or wider when the input's largest number needs it.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "primepool/output/formats.hpp"
#include "primepool/output/row_text.hpp"

namespace primepool {

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
  probable_above_64_ = info.probable_above_64;
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
  char line[128];
  const char mark = r.prime ? 'P' : ' ';
  if (!r.big.empty()) {  // longer than any column: as it is, with the same marks
    out_ << r.big;
    std::snprintf(line, sizeof line,
                  r.prime && probable_above_64_ ? " %c?%9.6fs\n" : " %c %9.6fs\n", mark, r.elapsed);
  } else if (is_wide(r.n)) {  // a probable prime: "P?" (elapsed keeps its column below 10 s)
    const bool probable = r.prime && probable_above_64_;
    std::snprintf(line, sizeof line, probable ? "%*s %c?%9.6fs\n" : "%*s %c %9.6fs\n", width_,
                  to_decimal(r.n).c_str(), mark, r.elapsed);
  } else {
    std::snprintf(line, sizeof line, "%*llu %c %9.6fs\n", width_,
                  static_cast<unsigned long long>(r.n), mark, r.elapsed);
  }
  out_ << line;
}

void TableReporter::end(const RunSummary& s) {
  if (sequential_) {
    out_ << "Total time: " << format("%.2f", s.wall) << "s\n";
  } else {
    out_ << s.checked << (s.checked == 1 ? " check in " : " checks in ") << format("%.2f", s.wall)
         << "s\n";
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

void CsvReporter::begin(const RunInfo& info) {
  LineReporter::begin(info);
  rows_ += "n,prime,elapsed,worker,thread,index,probable\n";
}

// A row's fixed text around its fields: before n, the prime/composite text (which carries the
// text before elapsed), before worker, thread and index, and the end of the row; a probable
// prime's row has its own prime text and end.
struct RowLayout {
  std::string_view before_n;
  std::string_view prime;
  std::string_view composite;
  std::string_view before_worker;
  std::string_view before_thread;
  std::string_view before_index;
  std::string_view end;
  std::string_view probable_prime;
  std::string_view probable_end;
};

namespace {
char* put(char* p, std::string_view text) {
  std::memcpy(p, text.data(), text.size());
  return p + text.size();
}
}  // namespace

// The row is put together in a buffer and appended once (each field's text of known length).
void LineReporter::append_row(const PrimeResult& r, const RowLayout& layout) {
  const bool probable = r.prime && probable_above_64_ && above_64(r);
  char row[512];  // every field at its longest (a 39-digit n, printf's longest seconds) fits
  char* p = put(row, layout.before_n);
  if (!r.big.empty()) {  // a big number's digits go straight to the rows
    rows_.append(row, static_cast<std::size_t>(p - row));
    rows_ += r.big;
    p = row;
  } else {
    p = is_wide(r.n) ? put(p, to_decimal(r.n)) : put_u64(p, static_cast<std::uint64_t>(r.n));
  }
  p = put(p, probable ? layout.probable_prime : r.prime ? layout.prime : layout.composite);
  p = put_seconds(p, r.elapsed, 9);
  p = put(p, layout.before_worker);
  p = put_u64(p, static_cast<std::uint64_t>(r.worker));
  p = put(p, layout.before_thread);
  p = put_u64(p, static_cast<std::uint64_t>(r.thread));
  p = put(p, layout.before_index);
  p = put_u64(p, r.index);
  p = put(p, probable ? layout.probable_end : layout.end);
  rows_.append(row, static_cast<std::size_t>(p - row));
  row_added();
}

void CsvReporter::result(const PrimeResult& r) {
  static constexpr RowLayout kCsv{"", ",1,", ",0,", ",", ",", ",", ",0\n", ",1,", ",1\n"};
  append_row(r, kCsv);
}

void JsonlReporter::result(const PrimeResult& r) {
  static constexpr RowLayout kJsonl{"{\"n\":",
                                    ",\"prime\":true,\"elapsed\":",
                                    ",\"prime\":false,\"elapsed\":",
                                    ",\"worker\":",
                                    ",\"thread\":",
                                    ",\"index\":",
                                    "}\n",
                                    ",\"prime\":true,\"probable\":true,\"elapsed\":",
                                    "}\n"};
  append_row(r, kJsonl);
}

std::unique_ptr<Reporter> table_reporter(std::ostream& out) {
  return std::make_unique<TableReporter>(out);
}
std::unique_ptr<Reporter> csv_reporter(std::ostream& out) {
  return std::make_unique<CsvReporter>(out);
}
std::unique_ptr<Reporter> jsonl_reporter(std::ostream& out) {
  return std::make_unique<JsonlReporter>(out);
}
std::unique_ptr<Reporter> quiet_reporter() { return std::make_unique<QuietReporter>(); }
std::unique_ptr<Reporter> primes_only(std::unique_ptr<Reporter> inner) {
  return std::make_unique<PrimesOnlyReporter>(std::move(inner));
}

}  // namespace primepool
