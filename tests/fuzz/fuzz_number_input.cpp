// libFuzzer target: arbitrary bytes as a numbers file (StreamSource) and as one number
// (parse_number). Anything may be refused, nothing may crash, and accepted numbers must be right.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <sys/mman.h>

#include "primepool/input.hpp"
#include "primepool/io/number_parser.hpp"

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

  // The same bytes through the block reader, with a block size taken from the first byte, so
  // lines cross block boundaries at every offset.
  const int fd = memfd_create("fuzz", MFD_CLOEXEC);
  if (fd < 0 || write(fd, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size()) ||
      lseek(fd, 0, SEEK_SET) != 0) {
    std::abort();
  }
  const std::size_t block = size > 0 ? 1 + data[0] % 64 : 1;
  StreamSource source(fd, "fuzz", true, block);
  try {
    for (int i = 0; i < 100000 && source.wait_ready(0) && source.next(); ++i) {
    }
  } catch (const InputError& e) {
    if (std::string(e.what()).rfind("fuzz:", 0) != 0) std::abort();  // names the source
  }
  return 0;
}
