// FileSlices: byte slices of a regular file handed out in order, and their reports put back in
// order, which numbers the slices' inputs and the lines of a bad one.
#include "primepool/run/file_slices.hpp"

#include <algorithm>
#include <cmath>

namespace primepool {

namespace {
constexpr double kFirstGuess = 16.0;              // bytes a number, before any slice is read
constexpr std::uint64_t kMaxSlice = 64ull << 20;  // bytes: what a worker holds while reading
}  // namespace

FileSlices::FileSlices(std::string name, std::uint64_t size, ReadPosition from, std::uint64_t index)
    : name_(std::move(name)),
      size_(size),
      next_offset_(from.offset),
      index_(index),
      lines_(from.lines) {}

double FileSlices::bytes_per_number() const {
  if (numbers_read_ == 0) return bytes_read_ > 0 ? static_cast<double>(bytes_read_) : kFirstGuess;
  return static_cast<double>(bytes_read_) / static_cast<double>(numbers_read_);
}

std::optional<std::uint64_t> FileSlices::remaining() const {
  if (numbers_read_ == 0) return std::nullopt;
  const std::uint64_t left = size_ > next_offset_ ? size_ - next_offset_ : 0;
  return static_cast<std::uint64_t>(std::ceil(static_cast<double>(left) / bytes_per_number()));
}

Job FileSlices::next(std::uint64_t numbers, std::uint64_t id) {
  const double want = std::ceil(static_cast<double>(numbers) * bytes_per_number());
  const std::uint64_t left = size_ - next_offset_;
  std::uint64_t bytes = static_cast<std::uint64_t>(std::clamp(want, 1.0, double(kMaxSlice)));
  bytes = std::min(bytes, left);
  Job job;
  job.id = id;
  job.numbers = FileSlice{next_offset_, bytes, 0};
  next_offset_ += bytes;
  Slice slice;
  slice.id = id;
  slice.bytes = bytes;
  slices_.push_back(std::move(slice));
  return job;
}

// Slices are in file order, which is the order of their ids. Nothing after an error: the
// slices were dropped.
FileSlices::Slice* FileSlices::find(std::uint64_t id) {
  const auto at = std::lower_bound(slices_.begin(), slices_.end(), id,
                                   [](const Slice& s, std::uint64_t key) { return s.id < key; });
  return at != slices_.end() && at->id == id ? &*at : nullptr;
}

void FileSlices::read(std::uint64_t id, std::uint64_t count, std::uint64_t lines,
                      std::optional<InputError> error) {
  Slice* slice = find(id);
  if (slice == nullptr) return;
  slice->read = true;
  slice->count = count;
  slice->lines = lines;
  if (error) bad_seen_ = true;  // nothing after a bad line is wanted
  slice->error = std::move(error);
  bytes_read_ += slice->bytes;
  numbers_read_ += count;
}

bool FileSlices::checked(std::uint64_t id) {
  Slice* slice = find(id);
  if (slice == nullptr) return false;
  slice->checked = true;
  return true;
}

std::optional<FileSlices::Ready> FileSlices::pop() {
  if (slices_.empty() || error_) return std::nullopt;
  const Slice& front = slices_.front();
  if (!front.read || (front.count > 0 && !front.checked)) return std::nullopt;
  const Ready ready{front.id, index_, front.count};
  if (front.error) {  // the input ends here, as it does for the rank 0 reader
    const InputError& e = *front.error;
    const std::uint64_t line = e.line() == 0 ? 0 : lines_ + e.line();
    error_ = InputError(name_, line, e.text(), e.reason());
    slices_.clear();
    return ready;
  }
  index_ += front.count;
  lines_ += front.lines;
  slices_.pop_front();
  return ready;
}

}  // namespace primepool
