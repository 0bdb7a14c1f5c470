// The journal's line format: writing one entry with std::to_chars, and reading it back strictly
// (a line is accepted only if writing what was read gives the same bytes).
#include "primepool/journal/journal_line.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <system_error>

#include "primepool/input/number_parser.hpp"
#include "primepool/output/row_text.hpp"
#include "primepool/sys/fnv1a.hpp"

namespace primepool {

namespace {

void put_u64(std::string& out, std::uint64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void put_seconds(std::string& out, double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);  // shortest exact round trip
  out.append(buf, r.ptr);
}

void put_numbers(std::string& out, const JournalEntry& e) {
  if (const auto* run = std::get_if<Progression>(&e.numbers)) {
    append_number(out, run->start);
    out += '+';
    append_number(out, run->step);
    return;
  }
  const NumberList& list = std::get<NumberList>(e.numbers);
  auto big = list.big.begin();
  for (std::size_t i = 0; i < list.numbers.size(); ++i) {
    if (i > 0) out += ',';
    if (big != list.big.end() && big->offset == i) {
      out += (big++)->digits;
    } else {
      append_number(out, list.numbers[i]);
    }
  }
}

void put_primes(std::string& out, const JournalEntry& e) {
  if (e.prime_offsets.empty()) {
    out += '-';
    return;
  }
  std::uint32_t previous = 0;
  for (std::size_t i = 0; i < e.prime_offsets.size(); ++i) {
    if (i > 0) out += ',';
    put_u64(out, e.prime_offsets[i] - previous);
    previous = e.prime_offsets[i];
  }
}

void put_times(std::string& out, const JournalEntry& e) {
  out += static_cast<char>(e.times);
  for (std::size_t i = 0; i < e.elapsed.size(); ++i) {
    if (i > 0) out += ',';
    put_seconds(out, e.elapsed[i]);
    if (e.threads[i] != 0) {
      out += '@';
      put_u64(out, static_cast<std::uint64_t>(e.threads[i]));
    }
  }
}

// Reads fields of one line left to right; every read fails once anything went wrong.
class Fields {
 public:
  Fields(const char* begin, const char* end) : p_(begin), end_(end) {}
  bool ok() const { return ok_; }
  bool at_end() const { return p_ == end_; }
  bool next_is(char c) const { return p_ != end_ && *p_ == c; }
  bool skip(char c) {
    if (!next_is(c)) return ok_ = false;
    ++p_;
    return true;
  }
  bool take(char c) {  // skip c if it is next
    if (!next_is(c)) return false;
    ++p_;
    return true;
  }
  std::uint64_t u64() {
    std::uint64_t v = 0;
    const auto r = std::from_chars(p_, end_, v);
    if (r.ec != std::errc()) ok_ = false;
    p_ = r.ptr;
    return v;
  }
  // Up to 39 digits (a number below 2^128); fails on anything larger.
  Number number() {
    const char* q = p_;
    while (q != end_ && *q >= '0' && *q <= '9') ++q;
    if (q - p_ <= 19) return u64();
    const ParsedNumber parsed =
        parse_number(std::string_view(p_, static_cast<std::size_t>(q - p_)));
    if (!parsed.ok) ok_ = false;
    p_ = q;
    return parsed.value;
  }
  // A number of any size: below 2^128 as the Number, above as `big`'s digits (the Number 0).
  Number any_number(std::string& big) {
    if (!ok_) return 0;
    const char* q = p_;
    while (q != end_ && *q >= '0' && *q <= '9') ++q;
    if (q - p_ <= 19) return u64();
    ParsedNumber parsed = parse_any_number(std::string_view(p_, static_cast<std::size_t>(q - p_)));
    p_ = q;
    if (!parsed.ok) ok_ = false;
    big = std::move(parsed.big);
    return parsed.value;
  }
  double seconds() {
    double v = 0.0;
    const auto r = std::from_chars(p_, end_, v);
    if (r.ec != std::errc() || !(v >= 0.0) || !std::isfinite(v)) ok_ = false;
    p_ = r.ptr;
    return v;
  }

 private:
  const char* p_;
  const char* end_;
  bool ok_ = true;
};

bool read_numbers(Fields& f, JournalEntry& e) {
  const std::uint64_t count = e.totals.count;
  std::string first_big;
  const Number first = f.any_number(first_big);
  if (f.take('+')) {
    if (!first_big.empty()) return false;  // a progression stays below 2^128
    const Progression run{first, f.number(), count};
    e.numbers = run;
    const std::uint64_t span = count - 1;
    return f.ok() && (span == 0 || run.step <= (kMaxNumber - run.start) / span);
  }
  NumberList& list = e.numbers.emplace<NumberList>();
  std::string big = std::move(first_big);
  list.push(first, std::move(big));
  while (f.ok() && f.take(',') && list.numbers.size() < count) {
    const Number n = f.any_number(big);
    list.push(n, std::move(big));
    big.clear();
  }
  return f.ok() && list.numbers.size() == count;
}

bool read_primes(Fields& f, JournalEntry& e) {
  if (f.take('-')) return true;
  std::uint64_t offset = 0;
  do {
    const std::uint64_t step = f.u64();
    if (!e.prime_offsets.empty() && step == 0) return false;
    offset += step;
    if (!f.ok() || offset >= e.totals.count) return false;
    e.prime_offsets.push_back(static_cast<std::uint32_t>(offset));
  } while (f.take(','));
  e.totals.primes = e.prime_offsets.size();
  return true;
}

bool read_times(Fields& f, JournalEntry& e) {
  if (f.take('-')) return true;
  if (f.take('a')) {
    e.times = JournalEntry::Times::kAll;
  } else if (f.take('p')) {
    e.times = JournalEntry::Times::kPrimes;
  } else {
    return false;
  }
  const std::size_t want =
      e.times == JournalEntry::Times::kAll ? e.totals.count : e.prime_offsets.size();
  do {
    e.elapsed.push_back(f.seconds());
    const std::uint64_t thread = f.take('@') ? f.u64() : 0;
    if (!f.ok() || thread > 100000 || e.elapsed.size() > want) return false;
    e.threads.push_back(static_cast<int>(thread));
  } while (f.take(','));
  return e.elapsed.size() == want;
}

bool read_fields(Fields& f, JournalEntry& e) {
  JobTotals& t = e.totals;
  t.first_index = f.u64();
  f.skip(' ');
  t.count = f.u64();
  if (!f.ok() || t.count == 0 || t.count > JournalEntry::kMaxNumbers ||
      t.first_index > UINT64_MAX - t.count)
    return false;
  if (!f.skip(' ') || !read_numbers(f, e) || !f.skip(' ') || !read_primes(f, e)) return false;
  f.skip(' ');
  t.busy = f.seconds();
  if (!f.skip(' ') || !read_times(f, e) || !f.skip(' ')) return false;
  const std::uint64_t worker = f.u64();
  t.worker = static_cast<int>(worker);
  return f.ok() && f.at_end() && worker <= 1000000;
}

}  // namespace

std::string journal_line(const JournalEntry& e) {
  std::string out;
  out.reserve(64 + (std::holds_alternative<NumberList>(e.numbers) ? 21 * e.totals.count : 0) +
              8 * e.prime_offsets.size() + 24 * e.elapsed.size());
  put_u64(out, e.totals.first_index);
  out += ' ';
  put_u64(out, e.totals.count);
  out += ' ';
  put_numbers(out, e);
  out += ' ';
  put_primes(out, e);
  out += ' ';
  put_seconds(out, e.totals.busy);
  out += ' ';
  put_times(out, e);
  out += ' ';
  put_u64(out, static_cast<std::uint64_t>(e.totals.worker));
  char sum[12];
  std::snprintf(sum, sizeof sum, " %08x", fnv1a32(out.data(), out.size()));
  return out + sum;
}

bool parse_journal_line(const std::string& line, JournalEntry& e) {
  e = JournalEntry{};
  if (line.size() < 10 || line[line.size() - 9] != ' ') return false;
  const std::size_t text = line.size() - 9;
  char expected[12];
  std::snprintf(expected, sizeof expected, "%08x", fnv1a32(line.data(), text));
  if (std::memcmp(expected, line.data() + text + 1, 8) != 0) return false;
  Fields f(line.data(), line.data() + text);
  // Only the canonical text: a line that differs from what would be written is damaged.
  return read_fields(f, e) && journal_line(e) == line;
}

namespace {
std::string with_checksum(std::string text) {
  char sum[12];
  std::snprintf(sum, sizeof sum, " %08x", fnv1a32(text.data(), text.size()));
  return text + sum;
}
}  // namespace

std::vector<std::string> verification_lines(const RunSummary& s) {
  std::vector<std::string> lines;
  if (s.verify_fraction <= 0.0) return lines;
  lines.push_back(with_checksum("v " + std::to_string(s.verified) + " " +
                                std::to_string(s.verify_dropped) + " " +
                                std::to_string(s.disagreements.size())));
  for (const Disagreement& d : s.disagreements) {
    lines.push_back(with_checksum("x " + std::to_string(d.index) + " " + d.number + " " +
                                  (d.first ? "1@" : "0@") + std::to_string(d.first_rank) + " " +
                                  (d.second ? "1@" : "0@") + std::to_string(d.second_rank)));
  }
  return lines;
}

bool is_verification_line(const std::string& line) {
  if (line.size() < 12 || (line[0] != 'v' && line[0] != 'x') || line[1] != ' ' ||
      line[line.size() - 9] != ' ') {
    return false;
  }
  return with_checksum(line.substr(0, line.size() - 9)) == line;
}

std::string searched_line(const SearchedRange& r) {
  std::string out = "s ";
  put_u64(out, r.index);
  out += ' ';
  append_number(out, r.n);
  out += ' ';
  put_u64(out, r.lo);
  out += ' ';
  put_u64(out, r.hi);
  char sum[12];
  std::snprintf(sum, sizeof sum, " %08x", fnv1a32(out.data(), out.size()));
  return out + sum;
}

bool parse_searched_line(const std::string& line, SearchedRange& r) {
  r = SearchedRange{};
  if (line.size() < 12 || line[0] != 's' || line[line.size() - 9] != ' ') return false;
  const std::size_t text = line.size() - 9;
  Fields f(line.data() + 1, line.data() + text);
  f.skip(' ');
  r.index = f.u64();
  f.skip(' ');
  r.n = f.number();
  f.skip(' ');
  r.lo = f.u64();
  f.skip(' ');
  r.hi = f.u64();
  return f.ok() && f.at_end() && r.lo <= r.hi && searched_line(r) == line;
}

void JournalEntry::for_each_result(const std::function<void(const PrimeResult&)>& take) const {
  // The time that numbers without their own get: what is left of `busy`, shared equally.
  const std::uint64_t count = totals.count;
  double untimed_busy = totals.busy;
  std::uint64_t untimed = count - (times == Times::kAll ? count : elapsed.size());
  for (double t : elapsed) untimed_busy -= t;
  const double mean =
      untimed > 0 && untimed_busy > 0 ? untimed_busy / static_cast<double>(untimed) : 0.0;
  std::size_t next_prime = 0;
  for (std::uint64_t i = 0; i < count; ++i) {
    PrimeResult r;
    r.index = totals.first_index + i;
    r.n = number(i);
    if (const std::string* b = big(i)) r.big = *b;
    r.worker = totals.worker;
    r.prime = next_prime < prime_offsets.size() && prime_offsets[next_prime] == i;
    r.elapsed = mean;
    if (times == Times::kAll) {
      r.elapsed = elapsed[i];
      r.thread = threads[i];
    } else if (times == Times::kPrimes && r.prime) {
      r.elapsed = elapsed[next_prime];
      r.thread = threads[next_prime];
    }
    if (r.prime) ++next_prime;
    take(r);
  }
}

}  // namespace primepool
