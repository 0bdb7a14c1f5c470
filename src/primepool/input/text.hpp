// Text from files, journals and the command line, made safe to echo in a message: control
// bytes and non-ASCII bytes shown as \xNN, never sent to the terminal as they are.
#pragma once

#include <cstddef>
#include <string>

namespace primepool {

// `text` with every byte outside printable ASCII escaped; cut after `limit` bytes ("...").
std::string printable(const std::string& text, std::size_t limit = 80);

}  // namespace primepool
