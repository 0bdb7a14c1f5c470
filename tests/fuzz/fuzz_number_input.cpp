// libFuzzer target: arbitrary bytes as a numbers file (StreamSource, and cut into slices as
// workers read it), as one number (parse_number, and parse_any_number for any size) and as an
// expression. Anything may be refused, nothing may crash, and accepted numbers must be right:
// numbers are compared as decimal text, so big ones (2^128 and above) are too.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <sys/mman.h>
#include <vector>

#include "primepool/check/big_number.hpp"
#include "primepool/input.hpp"
#include "primepool/input/number_parser.hpp"
#include "primepool/input/slice_reader.hpp"
#include "primepool/input/stream_source.hpp"
#include "primepool/run/file_slices.hpp"

using namespace primepool;

namespace {

// The file format's rules, written plainly: one number a line; '#' starts a comment; spaces, tabs
// and a CR around the number are allowed; a line holds at most StreamSource::kMaxLine bytes
// before LF or CR LF; a number has at most kMaxDigits digits; a NUL byte or anything else is an
// error. Returns the line of the first error, 0 if none.
std::uint64_t reference(const std::string& bytes, std::vector<std::string>& out) {
  std::uint64_t line = 0;
  for (std::size_t at = 0; at < bytes.size();) {
    std::size_t end = bytes.find('\n', at);
    if (end == std::string::npos) end = bytes.size();
    std::string text = bytes.substr(at, end - at);
    at = end + 1;
    ++line;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.size() > StreamSource::kMaxLine || text.find('\0') != std::string::npos) return line;
    text = text.substr(0, text.find('#'));
    const std::size_t first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos) continue;
    const std::string number = text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
    if (number.find_first_not_of("0123456789") != std::string::npos) return line;
    const std::size_t nonzero = number.find_first_not_of('0');
    const std::string digits = nonzero == std::string::npos ? "0" : number.substr(nonzero);
    if (digits.size() > kMaxDigits) return line;
    out.push_back(digits);
  }
  return 0;
}

// The bytes in `fd` as workers read them: slices of sizes taken from the bytes themselves, read
// in file order, put back by FileSlices. The numbers and the error's line, as the reference's.
void read_as_slices(int fd, const std::uint8_t* data, std::size_t size,
                    std::vector<std::string>& got, std::uint64_t& error_line) {
  FileIdentity file = *identify(fd, "/proc/self/fd/" + std::to_string(fd));
  SliceReader reader(file);
  FileSlices slices(file.path, file.size, ReadPosition{}, 0);
  for (std::size_t k = 1; !slices.exhausted(); ++k) {
    const Job job = slices.next(1 + (size > 0 ? data[k % size] % 5 : 0), k);
    SliceRead read = reader.read(job.slice()->offset, job.slice()->bytes);
    slices.read(job.id, read.numbers.numbers.size(), read.lines, read.error);
    slices.checked(job.id);
    const auto ready = slices.pop();
    if (!ready || ready->id != job.id || ready->first_index != got.size()) std::abort();
    for (std::size_t i = 0; i < read.numbers.numbers.size(); ++i) {
      const std::string* big = read.numbers.big_at(i);
      got.push_back(big != nullptr ? *big : to_decimal(read.numbers.numbers[i]));
    }
  }
  error_line = slices.error() ? slices.error()->line() : 0;
  if (slices.error() && error_line == 0) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);

  const ParsedNumber p = parse_number(bytes);
  if (p.ok) {
    // Only digits, and the value is the digits' value: compare with a leading-zero-free form.
    const std::size_t first = bytes.find_first_not_of('0');
    const std::string digits = first == std::string::npos ? "0" : bytes.substr(first);
    if (to_decimal(p.value) != digits) std::abort();
  } else if (p.error.empty()) {
    std::abort();  // every refusal has a reason
  } else if (!bytes.empty() && bytes.find_first_not_of("0123456789") == std::string::npos) {
    // Digits only, refused: the value must be 2^128 or more, not merely long.
    const std::size_t first = bytes.find_first_not_of('0');
    const std::string digits = first == std::string::npos ? "0" : bytes.substr(first);
    const std::string max = "340282366920938463463374607431768211455";
    if (digits.size() < max.size() || (digits.size() == max.size() && digits <= max)) std::abort();
  }
  // Any size: digits only (at most kMaxDigits of them once leading zeros go) are taken, as the
  // Number below 2^128 and as their digits from 2^128 on; everything else is refused.
  const ParsedNumber any = parse_any_number(bytes);
  const bool digits_only =
      !bytes.empty() && bytes.find_first_not_of("0123456789") == std::string::npos;
  std::string digits;
  if (digits_only) {
    const std::size_t first = bytes.find_first_not_of('0');
    digits = first == std::string::npos ? "0" : bytes.substr(first);
  }
  if (any.ok != (digits_only && digits.size() <= kMaxDigits)) std::abort();
  if (!any.ok && any.error.empty()) std::abort();
  if (any.ok && (any.big.empty() ? to_decimal(any.value) : any.big) != digits) std::abort();
  if (any.ok && any.big.empty() != p.ok) std::abort();
  // The same bytes as a command-line value (a number or an expression): refused with a reason or
  // accepted; plain digits give parse_any_number's value.
  const ParsedNumber e = parse_number_or_expression(bytes);
  if (!e.ok && e.error.empty()) std::abort();
  if (any.ok && (!e.ok || e.value != any.value || e.big != any.big)) std::abort();
  if (e.ok && !e.big.empty() && (e.value != 0 || e.big.size() < 39 || e.big[0] == '0'))
    std::abort();

  // The same bytes through the block reader, with a block size taken from the first byte, so
  // lines cross block boundaries at every offset, read as the scheduler reads (bulk take_ready()
  // then next()): the numbers and the line of the first error are the reference's.
  const int fd = memfd_create("fuzz", MFD_CLOEXEC);
  if (fd < 0 || write(fd, bytes.data(), bytes.size()) != static_cast<ssize_t>(bytes.size()) ||
      lseek(fd, 0, SEEK_SET) != 0) {
    std::abort();
  }
  const std::size_t block = size > 0 ? 1 + data[0] % 64 : 1;
  std::vector<std::string> sliced;
  std::uint64_t sliced_error = 0;
  read_as_slices(fd, data, size, sliced, sliced_error);
  lseek(fd, 0, SEEK_SET);
  StreamSource source(fd, "fuzz", true, block);
  std::vector<std::string> got;
  std::uint64_t error_line = 0;
  try {
    Number bulk[7];
    for (int i = 0; i < 100000 && source.wait_ready(0); ++i) {
      const std::size_t taken = source.take_ready(bulk, 1 + i % 7);
      for (std::size_t k = 0; k < taken; ++k) got.push_back(to_decimal(bulk[k]));
      if (taken > 0) continue;
      const auto n = source.next();
      if (!n) break;
      got.push_back(source.big().empty() ? to_decimal(*n) : source.big());
    }
  } catch (const InputError& e) {
    if (std::string(e.what()).rfind("fuzz:", 0) != 0) std::abort();  // names the source
    error_line = e.line();
    if (error_line == 0) std::abort();
  }
  std::vector<std::string> want;
  if (reference(bytes, want) != error_line || got != want) std::abort();
  if (sliced_error != error_line || sliced != want) std::abort();
  return 0;
}
