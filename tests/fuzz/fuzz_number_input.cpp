// libFuzzer target: arbitrary bytes as a numbers file (StreamSource) and as one number
// (parse_number). Anything may be refused, nothing may crash, and accepted numbers must be right.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "input.hpp"
#include "number_parser.hpp"

using namespace primepool;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);

  const ParsedNumber p = parse_number(bytes);
  if (p.ok) {
    // Only digits, and the value is the digits' value: compare with a leading-zero-free form.
    const std::size_t first = bytes.find_first_not_of('0');
    const std::string digits = first == std::string::npos ? "0" : bytes.substr(first);
    if (std::to_string(p.value) != digits) std::abort();
  } else if (p.error.empty()) {
    std::abort();  // every refusal has a reason
  }

  std::istringstream in(bytes);
  StreamSource source(in, "fuzz");
  try {
    for (int i = 0; i < 100000 && source.next(); ++i) {
    }
  } catch (const InputError& e) {
    if (std::string(e.what()).rfind("fuzz:", 0) != 0) std::abort();  // names the source
  }
  return 0;
}
