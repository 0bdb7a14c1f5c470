// Where the numbers come from: NumberSource implementations.
// ListSource serves the built-in sample and --numbers.
#include "input.hpp"

#include <algorithm>

namespace primepool {

std::optional<std::uint64_t> ListSource::next() {
  if (pos_ == numbers_.size()) return std::nullopt;
  return numbers_[pos_++];
}

std::optional<std::uint64_t> ListSource::max_value() const {
  if (numbers_.empty()) return std::nullopt;
  return *std::max_element(numbers_.begin(), numbers_.end());
}

}  // namespace primepool
