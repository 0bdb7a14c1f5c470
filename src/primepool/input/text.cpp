// Escaping of echoed text: printable ASCII stays, every other byte becomes \xNN.
#include "primepool/input/text.hpp"

#include <cstdio>

namespace primepool {

std::string printable(const std::string& text, std::size_t limit) {
  std::string out;
  for (char c : text.substr(0, limit)) {
    if (c >= 0x20 && c < 0x7f) {
      out += c;
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(c));
      out += buf;
    }
  }
  if (text.size() > limit) out += "...";
  return out;
}

}  // namespace primepool
