// Output files whose every write is checked: a write(2) stream buffer that throws WriteError,
// naming the file, on the first failure (full disk, closed pipe), and files opened untouched.
#pragma once

#include <functional>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <vector>

namespace primepool {

struct RunSummary;

// A failed write, flush or close: names the file and the system's reason.
class WriteError : public std::runtime_error {
 public:
  WriteError(const std::string& file, const std::string& what, int error);
  bool broken_pipe() const;  // the reader went away (EPIPE)
  bool given_up() const;     // a stalled reader, given up on (see FdStreambuf::give_up_when)

 private:
  int error_;
};

// A stream buffer over a file descriptor: buffered, and every write(2) checked. With
// std::ostream::exceptions(badbit) the WriteError reaches the caller of the stream unchanged.
// A failure that ends the run, recorded in its summary: a write given up after a stop (a
// WriteError whose given_up() is true) as Outcome::kOutputGivenUp, anything else as kFailed.
void record_failure(RunSummary& summary, const std::exception& error);

class FdStreambuf : public std::streambuf {
 public:
  FdStreambuf(int fd, std::string name);
  FdStreambuf(const FdStreambuf&) = delete;
  FdStreambuf& operator=(const FdStreambuf&) = delete;
  void write_out();  // everything buffered, now; throws WriteError
  // A pipe or terminal whose reader takes nothing blocks a write for as long as it likes: with a
  // non-blocking descriptor the write waits in short polls and asks `give_up` between them; when
  // it says so the write ends with a WriteError whose given_up() is true.
  void give_up_when(std::function<bool()> give_up) { give_up_ = std::move(give_up); }

 protected:
  int_type overflow(int_type c) override;
  int sync() override;

 private:
  void wait_writable();

  int fd_;
  std::string name_;
  std::vector<char> buffer_;
  std::function<bool()> give_up_;
};

// An output file for one run (-o, --summary-json) or standard output. Opening changes nothing:
// a file is created only if missing, and truncated only by start(), once the run is accepted;
// abandon() removes a file that open() created, so a refused run leaves every file as it was.
class OutputFile {
 public:
  // Throws InputError naming the file when it cannot be opened for writing.
  static std::unique_ptr<OutputFile> open(const std::string& path);
  static std::unique_ptr<OutputFile> standard_output();
  ~OutputFile();

  void start();    // the run is accepted: truncate a regular file
  void abandon();  // the run is refused: remove the file if open() created it
  std::ostream& stream() { return stream_; }
  void give_up_when(std::function<bool()> give_up) { buffer_.give_up_when(std::move(give_up)); }
  void close();  // flush and close(2), both checked: throws WriteError
  const std::string& name() const { return name_; }
  int fd() const { return fd_; }

 private:
  OutputFile(int fd, std::string name, bool created);
  int fd_;
  std::string name_;
  bool created_;
  FdStreambuf buffer_;
  std::ostream stream_;
};

// What names one file, whatever the path: "inode DEV INO" for a file that exists (through any
// links), "path RESOLVED" for a name that does not exist yet (its folder resolved, a dangling link
// followed to the name it would create). Empty for a character device (/dev/null, a terminal)
// or a socket, which several roles share harmlessly. Two roles with one key are one file.
std::string file_key(const std::string& path);
// The same for an open descriptor (standard input, output or error); empty when closed.
std::string fd_key(int fd);

}  // namespace primepool
