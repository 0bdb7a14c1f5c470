// One number a line from a file descriptor: blocks read as they come, plain lines parsed eight
// digits at a time, every other line (comments, blanks, CR, errors) the careful way.
#include "primepool/input/stream_source.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string_view>

#include "primepool/input/number_parser.hpp"
#include "primepool/input/slice_reader.hpp"
#include "primepool/input/text.hpp"

namespace primepool {

StreamSource::StreamSource(int fd, std::string name, bool owns_fd, std::size_t block,
                           std::optional<FileIdentity> file)
    : fd_(fd),
      owns_fd_(owns_fd),
      name_(std::move(name)),
      block_(block < 1 ? 1 : block),
      file_(std::move(file)) {}

StreamSource::~StreamSource() {
  if (owns_fd_) ::close(fd_);
}

bool StreamSource::line_ready() const {
  if (eof_ || read_error_ != 0) return true;
  const std::size_t held = buffer_.size() - begin_;
  if (held > kMaxLine + 1) return true;  // overlong whatever comes next (CR LF counts 2 more)
  return held > 0 && std::memchr(buffer_.data() + begin_, '\n', held) != nullptr;
}

void StreamSource::fill(int timeout_ms) {
  pollfd p{fd_, POLLIN, 0};
  const int ready = ::poll(&p, 1, timeout_ms);
  if (ready == 0 || (ready < 0 && errno == EINTR)) return;
  if (begin_ > 0) {  // keep only the unread tail: memory stays bounded by a line and a block
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(begin_));
    base_ += begin_;
    begin_ = 0;
  }
  const std::size_t old = buffer_.size();
  buffer_.resize(old + block_);
  const ssize_t n = ::read(fd_, buffer_.data() + old, block_);
  buffer_.resize(old + (n > 0 ? static_cast<std::size_t>(n) : 0));
  if (n == 0) eof_ = true;
  if (n < 0 && errno != EINTR && errno != EAGAIN) read_error_ = errno;
  // A regular file read by rank 0: after every block, the file must still be the one opened
  // (at the end, its first and last 64 KiB too). A block read after a change may be half old,
  // half new: it is dropped, and the change is the error at the line it would have given.
  if (file_ && n >= 0) {
    changed_ = change_since(*file_, fd_, n == 0);
    if (!changed_.empty()) {
      buffer_.resize(old);
      eof_ = false;
      read_error_ = ESTALE;
    }
  }
}

std::string StreamSource::read_failure() const {
  return changed_.empty() ? std::string("read error: ") + std::strerror(read_error_) : changed_;
}

bool StreamSource::wait_ready(int timeout_ms) {
  if (!line_ready()) fill(timeout_ms);
  while (!line_ready()) {  // take what else is there at once, without waiting again
    const std::size_t before = buffer_.size() - begin_;
    const bool ended = eof_;
    fill(0);
    if (buffer_.size() - begin_ == before && eof_ == ended && read_error_ == 0) return false;
  }
  return true;
}

namespace {

constexpr bool kLittleEndian = __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__;

// Eight ASCII digits (the first in the lowest byte) as their value, three multiplications
// instead of eight dependent ones; `chunk` must hold digits only (all_digits).
inline std::uint64_t eight_digits(std::uint64_t chunk) {
  chunk -= 0x3030303030303030ull;
  chunk = (chunk * 10 + (chunk >> 8)) & 0x00ff00ff00ff00ffull;
  chunk = (chunk * 100 + (chunk >> 16)) & 0x0000ffff0000ffffull;
  return (chunk * 10000 + (chunk >> 32)) & 0xffffffffull;
}

// One bit (the byte's top bit) for each byte of `chunk` that is not an ASCII digit. The low
// seven bits are added without carries between bytes.
inline std::uint64_t non_digits(std::uint64_t chunk) {
  const std::uint64_t x = chunk ^ 0x3030303030303030ull;  // digits become 0..9
  return (((x & 0x7f7f7f7f7f7f7f7full) + 0x7676767676767676ull) | x) & 0x8080808080808080ull;
}

}  // namespace

// Most lines are what `seq` writes: digits and a newline. Those are read here, straight from
// the buffer, eight bytes at a time (19 digits cannot overflow); anything else, including a
// number of 20 to 39 digits, a line cut by the end of the buffer and every line that is an
// error, goes to any_line().
bool StreamSource::plain_line(Number& value) {
  if (past_window()) return false;
  if (!kLittleEndian || buffer_.size() - begin_ < 24) return plain_line_slow(value);
  const char* const start = buffer_.data() + begin_;
  std::uint64_t chunk[3];
  std::memcpy(chunk, start, sizeof chunk);  // the first digit in the lowest byte
  std::size_t length = 24;
  for (int i = 0; i < 3; ++i) {
    const std::uint64_t other = non_digits(chunk[i]);
    if (other != 0) {
      length =
          8 * static_cast<std::size_t>(i) + static_cast<std::size_t>(__builtin_ctzll(other)) / 8;
      break;
    }
  }
  if (length == 0 || length > 19 || start[length] != '\n') return false;
  std::uint64_t v = 0;
  std::size_t at = 0;
  for (; at + 8 <= length; at += 8) v = v * 100000000 + eight_digits(chunk[at / 8]);
  for (; at < length; ++at) v = v * 10 + static_cast<std::uint64_t>(start[at] - '0');
  ++line_;
  begin_ += length + 1;
  value = v;
  return true;
}

// The same, a byte at a time, near the end of the buffer.
bool StreamSource::plain_line_slow(Number& value) {
  const char* const start = buffer_.data() + begin_;
  const char* const end = buffer_.data() + buffer_.size();
  const char* p = start;
  std::uint64_t v = 0;
  while (p != end && p - start < 19 && static_cast<unsigned char>(*p - '0') < 10) {
    v = v * 10 + static_cast<std::uint64_t>(*p - '0');
    ++p;
  }
  if (p == start || p == end || *p != '\n') return false;
  ++line_;
  begin_ += static_cast<std::size_t>(p - start) + 1;
  value = v;
  return true;
}

std::size_t StreamSource::take_ready(Number* out, std::size_t max) {
  std::size_t taken = 0;
  while (taken < max && plain_line(out[taken])) ++taken;
  return taken;
}

std::optional<Number> StreamSource::next() {
  Number value = 0;
  if (plain_line(value)) {
    big_.clear();
    return value;
  }
  return any_line();
}

std::optional<Number> StreamSource::any_line() {
  for (;;) {
    if (past_window()) return std::nullopt;
    while (!line_ready()) fill(1000);
    const char* start = buffer_.data() + begin_;
    const std::size_t held = buffer_.size() - begin_;
    const char* newline =
        held > 0 ? static_cast<const char*>(std::memchr(start, '\n', held)) : nullptr;
    std::size_t length = newline != nullptr ? static_cast<std::size_t>(newline - start) : held;
    if (newline == nullptr && held == 0) {
      if (read_error_ != 0) throw InputError(name_, line_ + 1, "", read_failure());
      return std::nullopt;  // the end, after a last line with or without a newline
    }
    const std::size_t content = length > 0 && start[length - 1] == '\r' ? length - 1 : length;
    if (content > kMaxLine) {
      throw InputError(name_, line_ + 1, std::string(start, std::min(length, kMaxLine)),
                       "line longer than " + std::to_string(kMaxLine) + " bytes");
    }
    if (newline == nullptr && !eof_) {  // a read error cut this line: report it there
      throw InputError(name_, line_ + 1, "", read_failure());
    }
    ++line_;
    begin_ += newline != nullptr ? length + 1 : length;
    const std::string raw(start, length);
    if (std::memchr(raw.data(), '\0', raw.size()) != nullptr) {
      throw InputError(name_, line_, raw, "NUL byte in the line");
    }
    std::string_view text(raw);
    text = text.substr(0, text.find('#'));
    const std::size_t first = text.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) continue;  // blank or comment only
    text = text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
    ParsedNumber p = parse_any_number(text);
    if (!p.ok) throw InputError(name_, line_, raw, p.error);
    return taken_or_throw(p.value, name_, line_, raw, std::move(p.big));
  }
}

void StreamSource::read_window(std::uint64_t offset, std::uint64_t end) {
  buffer_.clear();  // a new window: what was held is dropped, the memory is kept
  begin_ = 0;
  line_ = 0;
  eof_ = false;
  read_error_ = 0;
  changed_.clear();
  // Reads of the window and the longest line that may run past its end, at most 1 MiB each.
  block_ = static_cast<std::size_t>(std::min<std::uint64_t>(end - offset + kMaxLine + 3, 1 << 20));
  base_ = offset;
  end_ = end;
  if (offset > 0) {  // the descriptor stands one byte early, on the newline before a line start
    base_ = offset - 1;
    skip_partial_line();
  }
}

// The line that began before the window ends at the first newline: skip through it. A newline
// at or after end_ - 1 means that no line starts inside the window.
void StreamSource::skip_partial_line() {
  for (;;) {
    const std::uint64_t here = base_ + begin_;
    if (here >= end_) return;
    const std::size_t held = std::min<std::uint64_t>(buffer_.size() - begin_, end_ - here);
    const char* start = buffer_.data() + begin_;
    const void* newline = held > 0 ? std::memchr(start, '\n', held) : nullptr;
    if (newline != nullptr) {
      begin_ += static_cast<std::size_t>(static_cast<const char*>(newline) - start) + 1;
      return;
    }
    begin_ += held;
    if (eof_ || read_error_ != 0) return;
    fill(1000);
  }
}

}  // namespace primepool
