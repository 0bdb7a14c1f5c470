// FNV-1a, the project's one non-cryptographic hash: 32 bits over a journal line's text (its
// checksum), 64 bits over a --numbers list (its identity in the journal header) and a big
// number's digits.
#pragma once

#include <cstddef>
#include <cstdint>

namespace primepool {

// FNV-1a of `size` bytes, with the 32-bit or the 64-bit parameters, continuing from `h`.
inline std::uint32_t fnv1a32(const char* data, std::size_t size, std::uint32_t h = 2166136261u) {
  for (std::size_t i = 0; i < size; ++i) {
    h ^= static_cast<unsigned char>(data[i]);
    h *= 16777619u;
  }
  return h;
}

constexpr std::uint64_t kFnv1a64Basis = 1469598103934665603ull;

// One 64-bit number's eight bytes, least significant first (the same on every machine).
inline std::uint64_t fnv1a64(std::uint64_t value, std::uint64_t h = kFnv1a64Basis) {
  for (int byte = 0; byte < 8; ++byte) {
    h ^= (value >> (8 * byte)) & 0xffu;
    h *= 1099511628211ull;
  }
  return h;
}

// Bytes with the 64-bit parameters (a big number's digits).
inline std::uint64_t fnv1a64_bytes(const char* data, std::size_t size,
                                   std::uint64_t h = kFnv1a64Basis) {
  for (std::size_t i = 0; i < size; ++i) {
    h ^= static_cast<unsigned char>(data[i]);
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace primepool
