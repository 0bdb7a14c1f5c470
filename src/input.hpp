// Where the numbers come from: a NumberSource hands them out one at a time, in input order.
// Only rank 0 reads input; sources stream, so an input is never held whole in memory.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace primepool {

class NumberSource {
 public:
  virtual ~NumberSource() = default;
  // The next number, or nothing when the input is exhausted.
  virtual std::optional<std::uint64_t> next() = 0;
  // How many numbers the input holds, when that is known before reading it.
  virtual std::optional<std::uint64_t> size() const { return std::nullopt; }
  // The largest number the input can hold, when known (sets the output column width).
  virtual std::optional<std::uint64_t> max_value() const { return std::nullopt; }
};

// Numbers given in full: the built-in sample or --numbers.
class ListSource : public NumberSource {
 public:
  explicit ListSource(std::vector<std::uint64_t> numbers) : numbers_(std::move(numbers)) {}
  std::optional<std::uint64_t> next() override;
  std::optional<std::uint64_t> size() const override { return numbers_.size(); }
  std::optional<std::uint64_t> max_value() const override;

 private:
  std::vector<std::uint64_t> numbers_;
  std::size_t pos_ = 0;
};

}  // namespace primepool
