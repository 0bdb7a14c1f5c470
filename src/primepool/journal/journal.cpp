// The result journal: "primepool-journal 2 <input> <method>" (fields percent-encoded), then a
// line per finished job (journal_line.hpp); its reader, writer and the Reporter that feeds it.
#include "primepool/journal/journal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iterator>
#include <stdexcept>
#include <sys/file.h>
#include <sys/stat.h>

#include "primepool/input.hpp"
#include "primepool/input/number_parser.hpp"
#include "primepool/output/output_file.hpp"
#include "primepool/sys/clock.hpp"
#include "primepool/sys/fnv1a.hpp"

namespace primepool {

namespace {

constexpr const char* kMagic = "primepool-journal 2";
constexpr const char* kOldMagic = "primepool-journal 1";  // one line a number (earlier builds)
// A line holds at most JournalEntry::kMaxNumbers numbers and times: under 200 KiB.
constexpr std::size_t kMaxJournalLine = 1 << 20;
constexpr std::size_t kReadBlock = 1 << 20;

// Header fields may not hold spaces or line ends: those bytes, '%' and every byte outside
// printable ASCII are percent-encoded, and decoded when read, so every path round-trips.
std::string encode(const std::string& text) {
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7f || c == '%') {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", byte);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

bool decode(const std::string& text, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    unsigned value = 0;
    if (i + 2 >= text.size() || std::sscanf(text.c_str() + i + 1, "%2X", &value) != 1 ||
        !std::isxdigit(static_cast<unsigned char>(text[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      return false;
    }
    out += static_cast<char>(value);
    i += 2;
  }
  return true;
}

}  // namespace

std::string journal_header_line(const JournalHeader& h) {
  return std::string(kMagic) + " " + encode(h.input) + " " + encode(h.method);
}

JournalParser::JournalParser(std::string name, bool keep_results)
    : name_(std::move(name)), keep_(keep_results) {}

void JournalParser::feed(const char* data, std::size_t size) {
  while (size > 0) {
    const void* found = std::memchr(data, '\n', size);
    const std::size_t take =
        found != nullptr ? static_cast<std::size_t>(static_cast<const char*>(found) - data) : size;
    partial_.append(data, take);
    if (partial_.size() > kMaxJournalLine) {
      throw InputError(name_, line_no_ + 1, partial_.substr(0, 80),
                       "damaged journal line (too long)");
    }
    if (found == nullptr) return;
    line(partial_);
    consumed_ += partial_.size() + 1;
    out_.intact_bytes = consumed_;
    partial_.clear();
    data += take + 1;
    size -= take + 1;
  }
}

void JournalParser::line(const std::string& text) {
  ++line_no_;
  if (line_no_ == 1) return header(text);
  if (!text.empty() && (text[0] == 'v' || text[0] == 'x')) {  // --verify's record of a run
    if (!is_verification_line(text)) {
      throw InputError(name_, line_no_, text, "damaged journal line (bad checksum or fields)");
    }
    return;
  }
  if (!text.empty() && text[0] == 's') {  // a spread number's range searched, not a result
    SearchedRange r;
    if (!parse_searched_line(text, r)) {
      throw InputError(name_, line_no_, text, "damaged journal line (bad checksum or fields)");
    }
    out_.done.add_searched(r);
    return;
  }
  JournalEntry e;
  if (!parse_journal_line(text, e)) {  // a torn write leaves no newline: this is damage
    throw InputError(name_, line_no_, text, "damaged journal line (bad checksum or fields)");
  }
  const std::uint64_t first = e.totals.first_index, count = e.totals.count;
  std::uint64_t digest = 0;
  for (std::uint64_t i = 0; i < count; ++i) digest += pair_digest(first + i, e.number(i), e.big(i));
  if (!out_.done.insert_run(first, count, digest)) {
    throw InputError(name_, line_no_, text, "results for these input indices appear twice");
  }
  out_.primes += e.totals.primes;
  out_.mean_times += count - (e.times == JournalEntry::Times::kAll ? count : e.elapsed.size());
  if (e.times == JournalEntry::Times::kNone) out_.mean_time_primes += e.totals.primes;
  if (out_.done.size() == count || first + count - 1 > out_.last_index) {
    out_.last_index = first + count - 1;
    out_.last_index_line = line_no_;
  }
  if (keep_) e.for_each_result([this](const PrimeResult& r) { out_.results.push_back(r); });
  if (on_result) e.for_each_result(on_result);
}

void JournalParser::header(const std::string& text) {
  const auto f = split(text, ' ');
  if (f.size() == 4 && f[0] + " " + f[1] == kOldMagic) {
    throw InputError(name_, 1, text,
                     "a journal of an earlier primepool (format 1, a line a number): this version "
                     "reads format 2 (a line a job); finish or --replay it with the version that "
                     "wrote it, or start a new journal");
  }
  if (f.size() != 4 || f[0] + " " + f[1] != kMagic || !decode(f[2], out_.header.input) ||
      !decode(f[3], out_.header.method)) {
    throw InputError(name_, 1, text, "not a primepool journal (no header line)");
  }
}

JournalContents JournalParser::finish() {
  out_.torn_tail = !partial_.empty();  // the last line has no end: a write torn by a kill
  if (line_no_ == 0) throw InputError(name_, 1, "", "empty journal (no header line)");
  return std::move(out_);
}

JournalContents parse_journal(const std::string& name, const std::string& bytes,
                              bool keep_results) {
  JournalParser parser(name, keep_results);
  parser.feed(bytes.data(), bytes.size());
  return parser.finish();
}

namespace {

// Reads the whole journal from `fd` through the parser, a block at a time.
JournalContents read_fd(int fd, const std::string& path, bool keep_results,
                        const StopRequest& stop) {
  JournalParser parser(path, keep_results);
  std::vector<char> block(kReadBlock);
  for (;;) {
    if (stop && stop()) throw StopDuringLoad{};
    const ssize_t n = ::read(fd, block.data(), block.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      throw InputError(path, 0, "",
                       std::string("cannot read the journal: ") + std::strerror(errno));
    if (n == 0) break;
    parser.feed(block.data(), static_cast<std::size_t>(n));
  }
  return parser.finish();
}

// Opens without waiting (a FIFO would block) and accepts only a regular file; with O_CREAT in
// `flags`, a missing file is created (and `created` says so, for abandon()).
int open_regular(const std::string& path, int flags, bool& created) {
  created = false;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    throw InputError(path, 0, "",
                     "not a regular file: a journal must be one (not a directory, FIFO or device)");
  }
  int fd = ::open(path.c_str(), (flags & ~O_CREAT) | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0 && errno == ENOENT && (flags & O_CREAT) != 0) {
    fd = ::open(path.c_str(), flags | O_EXCL | O_CLOEXEC | O_NONBLOCK, 0644);
    created = fd >= 0;
  }
  if (fd < 0) {
    throw InputError(path, 0, "", std::string("cannot open the journal: ") + std::strerror(errno));
  }
  if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {  // replaced between stat and open
    ::close(fd);
    if (created) ::unlink(path.c_str());
    throw InputError(path, 0, "",
                     "not a regular file: a journal must be one (not a directory, FIFO or device)");
  }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

// One run at a time per journal: two appending runs would duplicate results. The lock goes
// with the descriptor, so a killed run releases it.
void lock_or_throw(int fd, const std::string& path, bool created) {
  if (flock(fd, LOCK_EX | LOCK_NB) == 0) return;
  const int error = errno;
  ::close(fd);
  if (created) ::unlink(path.c_str());
  if (error == EWOULDBLOCK) throw InputError(path, 0, "", "the journal is in use by another run");
  throw InputError(path, 0, "",
                   std::string("cannot lock the journal: ") + std::strerror(error) +
                       " (this file system has no file locks: put the journal on one that has, "
                       "or add --no-lock once you are sure no other run uses it)");
}

}  // namespace

JournalContents read_journal(const std::string& path, bool keep_results, const StopRequest& stop) {
  bool created = false;
  const int fd = open_regular(path, O_RDONLY, created);
  try {
    JournalContents out = read_fd(fd, path, keep_results, stop);
    ::close(fd);
    return out;
  } catch (...) {
    ::close(fd);
    throw;
  }
}

std::unique_ptr<JournalWriter> JournalWriter::open_new(const std::string& path,
                                                       const JournalHeader& h, bool lock) {
  bool created = false;
  const int fd = open_regular(path, O_WRONLY | O_APPEND | O_CREAT, created);
  if (lock) lock_or_throw(fd, path, created);
  struct stat st {};
  if (fstat(fd, &st) == 0 && st.st_size > 0) {
    ::close(fd);
    throw InputError(path, 0, "",
                     "the journal already holds results: add --resume to continue it, or "
                     "remove it to start again");
  }
  std::unique_ptr<JournalWriter> w(new JournalWriter(fd, path, created));
  w->buffer_ = journal_header_line(h) + "\n";
  return w;
}

namespace {

// The journal holds no more than a torn start of `header` (nothing, or a header line cut short).
bool only_torn_header(int fd, const std::string& header) {
  struct stat st {};
  if (fstat(fd, &st) != 0 || static_cast<std::uint64_t>(st.st_size) > header.size()) return false;
  std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
  const ssize_t n = ::pread(fd, bytes.data(), bytes.size(), 0);
  return n == static_cast<ssize_t>(bytes.size()) && header.compare(0, bytes.size(), bytes) == 0;
}

}  // namespace

std::unique_ptr<JournalWriter> JournalWriter::open_existing(const std::string& path,
                                                            const JournalHeader& h, bool lock,
                                                            JournalContents& found,
                                                            const StopRequest& stop, bool& fresh) {
  bool created = false;
  const int fd = open_regular(path, O_RDWR | O_APPEND | O_CREAT, created);
  if (lock) lock_or_throw(fd, path, created);
  std::unique_ptr<JournalWriter> w(new JournalWriter(fd, path, created));
  w->resume_ = true;
  const std::string header = journal_header_line(h) + "\n";
  fresh = created || only_torn_header(fd, header);
  if (fresh) {  // start() cuts the torn header and writes the whole one
    found = JournalContents{};
    found.header = h;
    w->buffer_ = header;
    return w;
  }
  found = read_fd(fd, path, false, stop);  // the writer closes fd if this throws
  w->cut_to_ = found.intact_bytes;
  return w;
}

JournalWriter::~JournalWriter() {
  if (fd_ < 0) return;
  try {
    write();
  } catch (const WriteError&) {  // reported by the caller's close(), or already failing
  }
  ::close(fd_);
}

void JournalWriter::start() {
  if (resume_ && ftruncate(fd_, static_cast<off_t>(cut_to_)) != 0) {
    throw WriteError(path_, "cutting the torn last line", errno);
  }
  write();
  sync();
  created_ = false;  // the file is the run's now
}

void JournalWriter::abandon() {
  buffer_.clear();
  if (created_) ::unlink(path_.c_str());
  created_ = false;
}

void JournalWriter::add(const JournalEntry& e) {
  buffer_ += journal_line(e);
  buffer_ += '\n';
}

void JournalWriter::add(const std::string& line) {
  buffer_ += line;
  buffer_ += '\n';
}

void JournalWriter::add(const SearchedRange& r) {
  buffer_ += searched_line(r);
  buffer_ += '\n';
}

void JournalWriter::write() {
  std::size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int error = errno;
      buffer_.clear();  // never retried: the next batch must not follow a torn one
      throw WriteError(path_, "journal write", error);
    }
    done += static_cast<std::size_t>(n);
  }
  buffer_.clear();
  if (now_seconds() - last_sync_ >= kSyncSeconds) sync();
}

void JournalWriter::sync() {
  if (fdatasync(fd_) != 0 && errno != EINVAL) throw WriteError(path_, "journal sync", errno);
  last_sync_ = now_seconds();
}

void JournalWriter::close() {
  if (fd_ < 0) return;
  write();
  sync();
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0 && errno != EINTR) throw WriteError(path_, "journal close", errno);
}

namespace {

// The part [begin, end) of a finished job as a line, without its primes and times.
JournalEntry part_of(const JobDone& done, std::uint64_t begin, std::uint64_t end) {
  const Job& job = *done.job;
  JournalEntry e;
  e.totals.first_index = done.totals.first_index + begin;
  e.totals.count = end - begin;
  if (const Progression* run = job.progression()) {
    e.numbers = Progression{run->at(begin), run->step, e.totals.count};
  } else {
    e.numbers = std::get<NumberList>(job.numbers)
                    .part(static_cast<std::size_t>(begin), static_cast<std::size_t>(end));
  }
  e.totals.worker = done.totals.worker;
  e.totals.busy = done.totals.busy * static_cast<double>(e.totals.count) /
                  static_cast<double>(done.totals.count);
  return e;
}

// Adds the rows of the part to its line: `rows` are the job's rows in index order (every
// number's, or only the primes'), `row` the first not yet taken. With `times`, their times too.
void add_rows(JournalEntry& e, const PrimeResult* rows, std::size_t row_count, std::size_t& row,
              bool all_rows, bool times) {
  JobTotals& t = e.totals;
  if (times) e.times = all_rows ? JournalEntry::Times::kAll : JournalEntry::Times::kPrimes;
  if (times && all_rows) t.busy = 0.0;  // the exact sum of the part's own times instead
  for (; row < row_count && rows[row].index < t.first_index + t.count; ++row) {
    const PrimeResult& r = rows[row];
    if (r.prime) e.prime_offsets.push_back(static_cast<std::uint32_t>(r.index - t.first_index));
    if (!times || (!all_rows && !r.prime)) continue;
    if (all_rows) t.busy += r.elapsed;
    e.elapsed.push_back(r.elapsed);
    e.threads.push_back(r.thread);
  }
  t.primes = e.prime_offsets.size();
  if (times && e.elapsed.empty()) e.times = JournalEntry::Times::kNone;
}

}  // namespace

// The job's rows are the last ones of batch_ (from job_rows_ on). A job that named no primes
// although it had some came with counts only: the journal could not say which were prime.
void JournalReporter::job_done(const JobDone& done) {
  const PrimeResult* rows = batch_.data() + job_rows_;
  const std::size_t row_count = batch_.size() - job_rows_;
  std::uint64_t primes_in_rows = 0;
  for (std::size_t i = 0; i < row_count; ++i) {
    primes_in_rows += rows[i].prime ? 1 : 0;
    if (rows[i].index - done.totals.first_index >= done.totals.count ||
        (i > 0 && rows[i].index <= rows[i - 1].index))
      throw std::logic_error("journal: a job's rows out of order or outside the job");
  }
  if (primes_in_rows != done.totals.primes)
    throw std::logic_error("journal: the rows must name the primes (ResultDetail kPrimesOnly)");
  std::size_t row = 0;
  const std::uint64_t count = done.totals.count;
  for (std::uint64_t begin = 0; begin < count; begin += JournalEntry::kMaxNumbers) {
    JournalEntry e = part_of(done, begin, std::min(count, begin + JournalEntry::kMaxNumbers));
    add_rows(e, rows, row_count, row, row_count == count, times_);
    journal_->add(e);
  }
  job_rows_ = batch_.size();
}

void JournalReporter::flush() {
  journal_->write();  // first: a result is printed only once it is journaled
  for (const PrimeResult& r : batch_) inner_->result(r);
  batch_.clear();
  job_rows_ = 0;
  inner_->flush();
}

void JournalReporter::searched(const SearchedRange& r) {
  journal_->add(r);
  journal_->write();
}

void JournalReporter::end(const RunSummary& s) {
  if (!s.writes_ended()) {
    for (const std::string& line : verification_lines(s)) journal_->add(line);
  }
  flush();
  journal_->sync();
  inner_->end(s);
}

void JournalReporter::close() {
  journal_->close();
  inner_->close();
}

}  // namespace primepool
