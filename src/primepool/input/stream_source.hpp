// One number a line from a file descriptor (a file, standard input, a pipe, a worker's slice of
// a file): read in blocks, with a fast path for plain lines, never waiting once ready.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "primepool/input/sources.hpp"

namespace primepool {

// One number a line from a file descriptor: blank lines and comments (from '#' to the end of
// the line) are skipped, spaces, tabs and a CR around the number are accepted. Reads in blocks;
// never waits inside next() once wait_ready() said yes, so a slow pipe cannot stall the caller.
class StreamSource : public BulkSource {
 public:
  static constexpr std::size_t kMaxLine = 1 << 17;  //< bytes of content (before LF or CR LF): a
                                                    //< number of 100,000 digits and room
  // `name` is what error messages call the stream ("numbers.txt", "standard input"); `owns_fd`:
  // close it at the end. `block` is the read size (small values are for tests and fuzzing).
  // `file`: the regular file the descriptor reads from its start (open_file_source sets it).
  StreamSource(int fd, std::string name, bool owns_fd = false, std::size_t block = 1 << 16,
               std::optional<FileIdentity> file = std::nullopt);
  ~StreamSource() override;
  StreamSource(const StreamSource&) = delete;
  StreamSource& operator=(const StreamSource&) = delete;
  std::optional<Number> next() override;
  bool wait_ready(int timeout_ms) override;
  std::size_t take_ready(Number* out, std::size_t max) override;
  std::string describe() const override { return "file:" + name_; }
  const FileIdentity* regular_file() const override { return file_ ? &*file_ : nullptr; }
  ReadPosition read_position() const override { return {base_ + begin_, line_}; }

  // A part of a file (slice_reader.cpp): the descriptor is positioned at byte `offset` of the
  // file (one byte before it when `offset` > 0); only the lines that start before byte `end`
  // are read, and the bytes up to the first line start at or after `offset` belong to the line
  // before and are skipped. Lines are then counted from that first line start. May be called
  // again for another window: the stream starts afresh and keeps its buffer's memory.
  void read_window(std::uint64_t offset, std::uint64_t end);

 private:
  bool plain_line(Number& value);       //< the fast path: 1-19 digits and LF, in the buffer
  bool plain_line_slow(Number& value);  //< the same near the buffer's end
  std::optional<Number> any_line();     //< every other line: comments, blanks, CR, errors
  bool line_ready() const;    //< a whole line, the end of input, a read error or an overlong line
  void fill(int timeout_ms);  //< poll, then one read(2) of what is there
  bool past_window() const { return base_ + begin_ >= end_; }
  void skip_partial_line();  //< read_window(): skip through the first newline before end_

  int fd_;
  bool owns_fd_;
  std::string name_;
  std::size_t block_;
  std::uint64_t line_ = 0;
  std::vector<char> buffer_;  //< unread bytes are buffer_[begin_, buffer_.size())
  std::size_t begin_ = 0;
  bool eof_ = false;
  int read_error_ = 0;   //< errno of a failed read, reported at the line it interrupts
  std::string changed_;  //< why the file is no longer the one opened (a regular file's reader)
  std::string read_failure() const;
  std::optional<FileIdentity> file_;
  std::uint64_t base_ = 0;          //< the byte offset of buffer_[0] in the stream
  std::uint64_t end_ = UINT64_MAX;  //< read_window(): lines start before this offset
};

}  // namespace primepool
