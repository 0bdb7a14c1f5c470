// A worker's own part of a regular file: the lines that start inside a byte range, read with
// every rule of the rank 0 reader, and a check that the file is still the one rank 0 opened.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "primepool/input/job.hpp"
#include "primepool/input/sources.hpp"
#include "primepool/input/stream_source.hpp"

namespace primepool {

/// What the file open on `fd` is now (its sample read too); nothing when fstat fails.
std::optional<FileIdentity> identify(int fd, const std::string& path);
/// Why the file open on `fd` is no longer `was` (size, modification or change time; with
/// `sample`, its first and last 64 KiB too), or "" when it is the same.
std::string change_since(const FileIdentity& was, int fd, bool sample = false);

/// One slice, read. `lines` counts the lines that start in the slice (blank and comment lines
/// too), up to and including a bad one; `error` is the first bad line's, with its line number
/// counted from the slice's first line (1) — rank 0 adds the lines of the slices before.
struct SliceRead {
  NumberList numbers;
  std::uint64_t lines = 0;
  std::optional<InputError> error;
};

class SliceReader {
 public:
  /// Opens `file.path` and checks that it is the file rank 0 opened (same size, modification
  /// and change time, same first and last 64 KiB); throws InputError saying why not (not on a
  /// shared file system, another file at that path, or changed). Numbers `refusal` gives a
  /// reason for are bad lines (BulkSource::refuse).
  explicit SliceReader(const FileIdentity& file, NumberRefusal refusal = {});
  ~SliceReader();
  SliceReader(const SliceReader&) = delete;
  SliceReader& operator=(const SliceReader&) = delete;

  /// The lines that start in bytes [offset, offset + bytes). A line that goes on past the end
  /// is read whole; the bytes before the first line start belong to the slice before. After
  /// reading, the file is checked again: a change is this slice's error.
  SliceRead read(std::uint64_t offset, std::uint64_t bytes);

 private:
  FileIdentity file_;
  int fd_ = -1;
  std::unique_ptr<StreamSource> lines_;  ///< one for every slice: its buffer is reused
};

}  // namespace primepool
