// Workers reading their own parts of a regular file: the file cut into byte slices, handed out
// in file order, and put back in that order as they are read, which gives their numbers indices.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "primepool/input/job.hpp"
#include "primepool/input/sources.hpp"

namespace primepool {

// A slice's numbers are known only once a worker has read it, and their input indices only once
// every slice before it has been read: slices are known here by their job's id, and pop() gives
// the first one its input index. Slices are taken in file order, so results go out in input
// order, and a bad line stops the run exactly where the rank 0 reader would: the slices after
// it, read or not, are dropped.
class FileSlices {
 public:
  // The file `name` of `size` bytes, from `from` (its next unread line; input index `index`).
  FileSlices(std::string name, std::uint64_t size, ReadPosition from, std::uint64_t index);

  bool exhausted() const { return next_offset_ >= size_ || bad_seen_; }
  std::size_t open() const { return slices_.size(); }  // out, or read and waiting for order
  // The input index of the first number of the first slice still open (or of the next one).
  std::uint64_t next_index() const { return index_; }
  // Numbers not handed out yet, estimated from the bytes left (nothing before the first read).
  std::optional<std::uint64_t> remaining() const;
  // The next slice, job `id` (ids increase from slice to slice), sized to hold about `numbers`
  // numbers (at least one line's worth).
  Job next(std::uint64_t numbers, std::uint64_t id);

  // A worker's report on slice job `id`: `count` numbers in `lines` lines, and its bad line.
  void read(std::uint64_t id, std::uint64_t count, std::uint64_t lines,
            std::optional<InputError> error);
  // The slice's results have arrived: true while they are wanted (false after a bad line).
  bool checked(std::uint64_t id);

  struct Ready {
    std::uint64_t id = 0;           // the slice's job
    std::uint64_t first_index = 0;  // the input index of the slice's first number
    std::uint64_t count = 0;
  };
  // The first slice in file order, once it is read and its results are in (or it has none).
  std::optional<Ready> pop();
  // The first bad line (its absolute line number), or a change of the file.
  const std::optional<InputError>& error() const { return error_; }

 private:
  struct Slice {
    std::uint64_t id = 0;
    std::uint64_t bytes = 0;
    std::uint64_t count = 0;
    std::uint64_t lines = 0;
    bool read = false;
    bool checked = false;
    std::optional<InputError> error;
  };
  Slice* find(std::uint64_t id);
  double bytes_per_number() const;

  std::string name_;
  std::uint64_t size_;
  std::uint64_t next_offset_;
  std::uint64_t index_;  // the input index of the first number of slices_.front()
  std::uint64_t lines_;  // the lines before slices_.front()
  std::uint64_t bytes_read_ = 0;
  std::uint64_t numbers_read_ = 0;
  std::deque<Slice> slices_;  // in file order
  std::optional<InputError> error_;
  bool bad_seen_ = false;  // a slice has reported an error: hand out no more
};

}  // namespace primepool
