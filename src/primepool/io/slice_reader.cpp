// A worker's own part of a regular file: StreamSource reads the window, so every rule (comments,
// CR LF, the line limit, NUL bytes, the bad line's text) is the rank 0 reader's own.
#include "primepool/io/slice_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace primepool {

std::optional<FileIdentity> identify(int fd, const std::string& path) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  FileIdentity id;
  id.path = path;
  id.size = static_cast<std::uint64_t>(st.st_size);
  id.device = static_cast<std::uint64_t>(st.st_dev);
  id.inode = static_cast<std::uint64_t>(st.st_ino);
  id.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  return id;
}

SliceReader::SliceReader(const FileIdentity& file) : file_(file) {
  fd_ = ::open(file.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    throw InputError(file.path, 0, "",
                     std::string("cannot open the file: ") + std::strerror(errno));
  }
  const std::string why = changed();
  if (!why.empty()) {
    ::close(fd_);
    throw InputError(file.path, 0, "", why);
  }
  lines_ = std::make_unique<StreamSource>(fd_, file.path);
}

SliceReader::~SliceReader() { ::close(fd_); }

// Device and inode differ between hosts even on a shared file system: size and modification
// time say whether this is the same file, unchanged.
std::string SliceReader::changed() const {
  const auto now = identify(fd_, file_.path);
  if (!now) return "is no longer a regular file that can be examined";
  if (now->size != file_.size) {
    return "the file changed while it was being read: it had " + std::to_string(file_.size) +
           " bytes when the run began, now " + std::to_string(now->size);
  }
  if (now->mtime_ns != file_.mtime_ns) {
    return "the file changed while it was being read: it was modified after the run began";
  }
  return "";
}

SliceRead SliceReader::read(std::uint64_t offset, std::uint64_t bytes) {
  SliceRead out;
  const std::uint64_t start = offset > 0 ? offset - 1 : 0;
  if (::lseek(fd_, static_cast<off_t>(start), SEEK_SET) < 0) {
    out.error = InputError(file_.path, 0, "", std::string("cannot seek: ") + std::strerror(errno));
    return out;
  }
  // At most a number for every two bytes (a digit and a newline).
  out.numbers.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(bytes / 2 + 1, 1 << 22)));
  StreamSource& lines = *lines_;
  try {
    lines.read_window(offset, offset + bytes);
    for (;;) {
      const std::size_t held = out.numbers.size();
      out.numbers.resize(held + 4096);
      const std::size_t taken = lines.take_ready(out.numbers.data() + held, 4096);
      out.numbers.resize(held + taken);
      if (taken > 0) continue;
      const auto n = lines.next();
      if (!n) break;
      out.numbers.push_back(*n);
    }
  } catch (const InputError& e) {
    out.error = e;
  }
  out.lines = lines.read_position().lines;
  const std::string why = changed();
  if (!why.empty()) {  // what was read may be half old, half new: none of it counts
    out.numbers.clear();
    out.error = InputError(file_.path, 0, "", why);
  }
  return out;
}

}  // namespace primepool
