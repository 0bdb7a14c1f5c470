// A worker's own part of a regular file: StreamSource reads the window, so every rule (comments,
// CR LF, the line limit, NUL bytes, the bad line's text) is the rank 0 reader's own.
#include "primepool/input/slice_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>

#include "primepool/sys/fnv1a.hpp"

namespace primepool {

namespace {

constexpr std::size_t kSampleBytes = 1 << 16;

// FNV-1a over the first and the last 64 KiB of the file (the whole of a small one).
std::uint64_t sample_of(int fd, std::uint64_t size) {
  std::vector<char> bytes(kSampleBytes);
  std::uint64_t h = kFnv1a64Basis;
  for (const std::uint64_t at : {std::uint64_t{0}, size > kSampleBytes ? size - kSampleBytes : 0}) {
    const ssize_t n = ::pread(fd, bytes.data(), bytes.size(), static_cast<off_t>(at));
    for (ssize_t i = 0; i < n; ++i) h = fnv1a64(static_cast<unsigned char>(bytes[i]), h);
    if (size <= kSampleBytes) break;
  }
  return h;
}

std::int64_t nanoseconds(const timespec& t) {
  return static_cast<std::int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
}

}  // namespace

std::optional<FileIdentity> identify(int fd, const std::string& path) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  FileIdentity id;
  id.path = path;
  id.size = static_cast<std::uint64_t>(st.st_size);
  id.device = static_cast<std::uint64_t>(st.st_dev);
  id.inode = static_cast<std::uint64_t>(st.st_ino);
  id.mtime_ns = nanoseconds(st.st_mtim);
  id.ctime_ns = nanoseconds(st.st_ctim);
  id.sample = sample_of(fd, id.size);
  return id;
}

// Device and inode differ between hosts even on a shared file system: size, the two times and
// the sample say whether this is the same file, unchanged.
std::string change_since(const FileIdentity& was, int fd, bool sample) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    return "is no longer a regular file that can be examined";
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size != was.size) {
    return "the file changed while it was being read: it had " + std::to_string(was.size) +
           " bytes when the run began, now " + std::to_string(size);
  }
  if (nanoseconds(st.st_mtim) != was.mtime_ns || nanoseconds(st.st_ctim) != was.ctime_ns) {
    return "the file changed while it was being read: it was written to or its times were set "
           "after the run began";
  }
  if (sample && sample_of(fd, size) != was.sample) {
    return "the file changed while it was being read: its content is not the one read at the "
           "start (or this host sees another file at this path)";
  }
  return "";
}

SliceReader::SliceReader(const FileIdentity& file, NumberRefusal refusal) : file_(file) {
  fd_ = ::open(file.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    throw InputError(file.path, 0, "",
                     std::string("cannot open the file: ") + std::strerror(errno));
  }
  const std::string why = change_since(file_, fd_, true);
  if (!why.empty()) {
    ::close(fd_);
    throw InputError(file.path, 0, "", why);
  }
  lines_ = std::make_unique<StreamSource>(fd_, file.path);
  lines_->refuse(std::move(refusal));
}

SliceReader::~SliceReader() { ::close(fd_); }

SliceRead SliceReader::read(std::uint64_t offset, std::uint64_t bytes) {
  SliceRead out;
  const std::uint64_t start = offset > 0 ? offset - 1 : 0;
  if (::lseek(fd_, static_cast<off_t>(start), SEEK_SET) < 0) {
    out.error = InputError(file_.path, 0, "", std::string("cannot seek: ") + std::strerror(errno));
    return out;
  }
  // At most a number for every two bytes (a digit and a newline).
  std::vector<Number>& numbers = out.numbers.numbers;
  numbers.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(bytes / 2 + 1, 1 << 22)));
  StreamSource& lines = *lines_;
  try {
    lines.read_window(offset, offset + bytes);
    for (;;) {
      const std::size_t held = numbers.size();
      numbers.resize(held + 4096);
      const std::size_t taken = lines.take_ready(numbers.data() + held, 4096);
      numbers.resize(held + taken);
      if (taken > 0) continue;
      const auto n = lines.next();
      if (!n) break;
      out.numbers.push(*n, lines.big());
    }
  } catch (const InputError& e) {
    out.error = e;
  }
  out.lines = lines.read_position().lines;
  const std::string why = change_since(file_, fd_);
  if (!why.empty()) {  // what was read may be half old, half new: none of it counts
    out.numbers = NumberList{};
    out.error = InputError(file_.path, 0, "", why);
  }
  return out;
}

}  // namespace primepool
