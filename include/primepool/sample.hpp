// The built-in sample: the reference text's 20 numbers, used when no input is given.
// Nine of them are prime; they range from 2 to 10^16 - 1.
#pragma once

#include <cstdint>
#include <vector>

namespace primepool {

const std::vector<std::uint64_t>& sample_numbers();

}  // namespace primepool
