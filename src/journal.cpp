// The result journal: "primepool-journal 1 <input> <method>" then one line a result,
// "<index> <n> <P|C> <elapsed> <worker> <thread> <fnv1a-32 of the text before it, hex>".
#include "journal.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "input.hpp"
#include "number_parser.hpp"

namespace primepool {

namespace {

constexpr const char* kMagic = "primepool-journal 1";

std::uint32_t fnv1a(const char* data, std::size_t size) {
  std::uint32_t h = 2166136261u;
  for (std::size_t i = 0; i < size; ++i) {
    h ^= static_cast<unsigned char>(data[i]);
    h *= 16777619u;
  }
  return h;
}

bool parse_u64(const std::string& text, std::uint64_t& value) {
  const ParsedNumber p = parse_number(text);
  value = p.value;
  return p.ok;
}

bool parse_int(const std::string& text, int& value) {
  std::uint64_t v = 0;
  if (!parse_u64(text, v) || v > 1000000) return false;
  value = static_cast<int>(v);
  return true;
}

// Header fields may not hold spaces or newlines: percent-encode them.
std::string encode(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' || c == '%' || c == '\n' || c == '\r' || c == '\0') {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

void DoneSet::insert(std::uint64_t index) {
  if (contains(index)) return;
  ++size_;
  auto next = runs_.upper_bound(index);  // first run starting after index
  const bool joins_next = next != runs_.end() && next->first == index + 1;
  if (next != runs_.begin()) {
    auto prev = std::prev(next);
    if (prev->second == index) {  // extends the previous run
      prev->second = joins_next ? next->second : index + 1;
      if (joins_next) runs_.erase(next);
      return;
    }
  }
  if (joins_next) {
    const std::uint64_t last = next->second;
    runs_.erase(next);
    runs_.emplace(index, last);
  } else {
    runs_.emplace(index, index + 1);
  }
}

bool DoneSet::contains(std::uint64_t index) const {
  auto next = runs_.upper_bound(index);
  if (next == runs_.begin()) return false;
  return index < std::prev(next)->second;
}

std::uint64_t DoneSet::next_missing(std::uint64_t index) const {
  auto next = runs_.upper_bound(index);
  if (next == runs_.begin()) return index;
  const auto& run = *std::prev(next);
  return index < run.second ? run.second : index;  // runs never touch: run.second is missing
}

std::string journal_line(const PrimeResult& r) {
  char text[160];
  const int len = std::snprintf(text, sizeof text, "%llu %llu %c %.9f %d %d",
                                static_cast<unsigned long long>(r.index),
                                static_cast<unsigned long long>(r.n), r.prime ? 'P' : 'C',
                                r.elapsed, r.worker, r.thread);
  char sum[16];
  std::snprintf(sum, sizeof sum, " %08x", fnv1a(text, static_cast<std::size_t>(len)));
  return std::string(text, static_cast<std::size_t>(len)) + sum;
}

std::string journal_header_line(const JournalHeader& h) {
  return std::string(kMagic) + " " + encode(h.input) + " " + encode(h.method);
}

bool parse_journal_line(const std::string& line, PrimeResult& r) {
  if (line.size() < 10 || line[line.size() - 9] != ' ') return false;
  const std::string text = line.substr(0, line.size() - 9);
  const std::string sum = line.substr(line.size() - 8);
  char expected[16];
  std::snprintf(expected, sizeof expected, "%08x", fnv1a(text.data(), text.size()));
  if (sum != expected) return false;
  const auto f = split(text, ' ');
  if (f.size() != 6 || (f[2] != "P" && f[2] != "C")) return false;
  if (!parse_u64(f[0], r.index) || !parse_u64(f[1], r.n)) return false;
  if (!parse_int(f[4], r.worker) || !parse_int(f[5], r.thread)) return false;
  char* end = nullptr;
  errno = 0;
  r.elapsed = std::strtod(f[3].c_str(), &end);
  if (f[3].empty() || *end != '\0' || errno != 0 || !(r.elapsed >= 0.0)) return false;
  r.prime = f[2] == "P";
  return true;
}

JournalContents parse_journal(const std::string& name, const std::string& bytes,
                              bool keep_results) {
  JournalContents out;
  std::size_t pos = 0;
  std::uint64_t line_no = 0;
  while (pos < bytes.size()) {
    const std::size_t newline = bytes.find('\n', pos);
    ++line_no;
    if (newline == std::string::npos) {  // the last line has no end: a write torn by a kill
      out.torn_tail = true;
      break;
    }
    const std::string line = bytes.substr(pos, newline - pos);
    if (line_no == 1) {
      const auto f = split(line, ' ');
      if (f.size() != 4 || f[0] + " " + f[1] != kMagic) {
        throw InputError(name, 1, line, "not a primepool journal (no header line)");
      }
      out.header = {f[2], f[3]};
    } else {
      PrimeResult r;
      if (!parse_journal_line(line, r)) {  // a torn write leaves no newline: this is damage
        throw InputError(name, line_no, line, "damaged journal line (bad checksum or fields)");
      }
      if (out.done.contains(r.index)) {
        throw InputError(name, line_no, line, "result for this input index appears twice");
      }
      out.done.insert(r.index);
      if (keep_results) out.results.push_back(r);
    }
    pos = newline + 1;
    out.intact_bytes = pos;
  }
  if (line_no == 0 || (line_no == 1 && out.torn_tail)) {
    throw InputError(name, 1, "", "empty journal (no header line)");
  }
  return out;
}

JournalContents read_journal(const std::string& path, bool keep_results) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", "cannot open the journal");
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_journal(path, bytes, keep_results);
}

namespace {
// One run at a time per journal: two appending runs would duplicate results. The lock goes
// with the descriptor, so a killed run releases it.
void lock_or_throw(int fd, const std::string& path) {
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    throw InputError(path, 0, "", "the journal is in use by another run");
  }
}
}  // namespace

std::unique_ptr<JournalWriter> JournalWriter::create(const std::string& path,
                                                     const JournalHeader& h) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) throw InputError(path, 0, "", std::string("cannot open the journal: ") + std::strerror(errno));
  lock_or_throw(fd, path);
  struct stat st {};
  if (fstat(fd, &st) == 0 && st.st_size > 0) {
    ::close(fd);
    throw InputError(path, 0, "",
                     "the journal already holds results: add --resume to continue it, or "
                     "remove it to start again");
  }
  std::unique_ptr<JournalWriter> w(new JournalWriter(fd, path));
  w->buffer_ = journal_header_line(h) + "\n";
  w->write();
  return w;
}

std::unique_ptr<JournalWriter> JournalWriter::append_to(const std::string& path,
                                                        std::uint64_t intact_bytes) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) throw InputError(path, 0, "", std::string("cannot open the journal: ") + std::strerror(errno));
  lock_or_throw(fd, path);
  if (ftruncate(fd, static_cast<off_t>(intact_bytes)) != 0) {
    ::close(fd);
    throw InputError(path, 0, "", std::string("cannot cut the torn last line: ") + std::strerror(errno));
  }
  return std::unique_ptr<JournalWriter>(new JournalWriter(fd, path));
}

JournalWriter::~JournalWriter() {
  try {
    write();
  } catch (...) {
  }
  ::close(fd_);
}

void JournalWriter::add(const PrimeResult& r) {
  buffer_ += journal_line(r);
  buffer_ += '\n';
}

void JournalWriter::write() {
  std::size_t done = 0;
  while (done < buffer_.size()) {
    const ssize_t n = ::write(fd_, buffer_.data() + done, buffer_.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error("journal " + path_ + ": write failed: " + std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
  buffer_.clear();
}

}  // namespace primepool
