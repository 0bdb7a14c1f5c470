// Checked output: write(2) with EINTR retried and every other error thrown as WriteError, and
// output files that a refused run leaves byte-identical (open without O_TRUNC, truncate later).
#include "primepool/output/output_file.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sys/stat.h>

#include "primepool/input.hpp"
#include "primepool/input/text.hpp"
#include "primepool/summary.hpp"

namespace primepool {

namespace {
constexpr std::size_t kBufferBytes = 1 << 16;
}

WriteError::WriteError(const std::string& file, const std::string& what, int error)
    : std::runtime_error(printable(file, 4096) + ": " + what +
                         (error == ECANCELED
                              ? " given up: its reader took nothing until the stop's grace ran out"
                              : " failed: " + std::string(std::strerror(error)))),
      error_(error) {}

bool WriteError::broken_pipe() const { return error_ == EPIPE; }
bool WriteError::given_up() const { return error_ == ECANCELED; }

void record_failure(RunSummary& summary, const std::exception& error) {
  const auto* write = dynamic_cast<const WriteError*>(&error);
  if (write != nullptr && write->given_up()) {
    summary.end(Outcome::kOutputGivenUp,
                summary.message + (summary.message.empty() ? "" : "; ") + error.what());
  } else {
    summary.end(Outcome::kFailed, error.what());
  }
}

FdStreambuf::FdStreambuf(int fd, std::string name) : fd_(fd), name_(std::move(name)) {
  buffer_.resize(kBufferBytes);
  setp(buffer_.data(), buffer_.data() + buffer_.size());
}

void FdStreambuf::write_out() {
  const char* data = pbase();
  std::size_t left = static_cast<std::size_t>(pptr() - pbase());
  setp(buffer_.data(), buffer_.data() + buffer_.size());  // a failed buffer is dropped, not retried
  while (left > 0) {
    const ssize_t n = ::write(fd_, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN) {  // a non-blocking pipe or terminal that is full
        wait_writable();
        continue;
      }
      throw WriteError(name_, "write", errno);
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
}

void FdStreambuf::wait_writable() {
  pollfd p{fd_, POLLOUT, 0};
  while (::poll(&p, 1, 100) == 0 || (p.revents & POLLOUT) == 0) {
    if ((p.revents & (POLLERR | POLLHUP)) != 0) return;  // the write reports it
    if (give_up_ && give_up_()) throw WriteError(name_, "write", ECANCELED);
  }
}

FdStreambuf::int_type FdStreambuf::overflow(int_type c) {
  write_out();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

int FdStreambuf::sync() {
  write_out();
  return 0;
}

OutputFile::OutputFile(int fd, std::string name, bool created)
    : fd_(fd), name_(std::move(name)), created_(created), buffer_(fd, name_), stream_(&buffer_) {
  stream_.exceptions(std::ios::badbit);  // the WriteError from the buffer reaches the caller
}

std::unique_ptr<OutputFile> OutputFile::open(const std::string& path) {
  bool created = false;
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0 && errno == ENOENT) {
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    created = fd >= 0;
  }
  if (fd < 0) {
    const int error = errno;
    throw InputError(path, 0, "",
                     std::string("cannot open for writing: ") +
                         (error == ENXIO ? "a FIFO with no reader" : std::strerror(error)));
  }
  struct stat st {};
  if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    throw InputError(path, 0, "", "is a directory");
  }
  // A FIFO or terminal stays non-blocking (this open file description is the run's own): a
  // stalled reader then cannot hold a write past a stop (FdStreambuf::wait_writable).
  if (!S_ISFIFO(st.st_mode) && !S_ISCHR(st.st_mode)) {
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  }
  return std::unique_ptr<OutputFile>(new OutputFile(fd, path, created));
}

// A pipe or terminal on standard output is written through a descriptor of its own, opened
// non-blocking (/proc/self/fd/1 opens the pipe or terminal anew; O_NONBLOCK on fd 1 itself would
// change it for every process that shares it). Anything else, or when that open fails: fd 1.
std::unique_ptr<OutputFile> OutputFile::standard_output() {
  struct stat st {};
  if (::fstat(STDOUT_FILENO, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode))) {
    const int fd = ::open("/proc/self/fd/1", O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd >= 0) return std::unique_ptr<OutputFile>(new OutputFile(fd, "standard output", false));
  }
  return std::unique_ptr<OutputFile>(new OutputFile(STDOUT_FILENO, "standard output", false));
}

OutputFile::~OutputFile() {
  if (fd_ < 0) return;
  try {
    buffer_.write_out();
  } catch (const WriteError&) {  // the error was reported where it happened, or close() was skipped
  }
  if (fd_ != STDOUT_FILENO) ::close(fd_);
}

void OutputFile::start() {
  struct stat st {};
  if (fstat(fd_, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && ftruncate(fd_, 0) != 0) {
    throw WriteError(name_, "truncate", errno);
  }
  created_ = false;  // the file is the run's now
}

void OutputFile::abandon() {
  if (created_) ::unlink(name_.c_str());
  created_ = false;
}

void OutputFile::close() {
  if (fd_ < 0) return;
  buffer_.write_out();
  if (fd_ == STDOUT_FILENO) return;  // closing fd 1 would let the next open() take its number
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0 && errno != EINTR) throw WriteError(name_, "close", errno);
}

namespace {

std::string stat_key(const struct stat& st) {
  // A device or a socket (ssh without a terminal may give standard input and output one
  // socket) is shared harmlessly: nothing truncates or rereads it.
  if (S_ISCHR(st.st_mode) || S_ISSOCK(st.st_mode)) return "";
  return "inode " + std::to_string(st.st_dev) + " " + std::to_string(st.st_ino);
}

std::string path_key(const std::string& path, int depth) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) return stat_key(st);
  const std::size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos ? "."
                          : slash == 0               ? "/"
                                                     : path.substr(0, slash);
  const std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  if (depth < 40 && ::lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    std::string target(4096, '\0');
    const ssize_t n = ::readlink(path.c_str(), target.data(), target.size());
    if (n > 0) {
      target.resize(static_cast<std::size_t>(n));
      return path_key(target[0] == '/' ? target : dir + "/" + target, depth + 1);
    }
  }
  char* real = ::realpath(dir.c_str(), nullptr);
  const std::string folder = real != nullptr ? real : dir;
  std::free(real);
  return "path " + folder + "/" + base;
}

}  // namespace

std::string file_key(const std::string& path) { return path_key(path, 0); }

std::string fd_key(int fd) {
  struct stat st {};
  return ::fstat(fd, &st) == 0 ? stat_key(st) : "";
}

}  // namespace primepool
