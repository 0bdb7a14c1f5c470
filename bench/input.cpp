// Benchmark (not a test): how fast the number-file reader parses, alone on one core: a file
// read through StreamSource (bulk take_ready() as the scheduler uses it, next() for the rest).
#include "primepool/input.hpp"

#include <fcntl.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <sys/stat.h>
#include <vector>

#include "primepool/input/stream_source.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: primepool_bench_input FILE\n");
    return 2;
  }
  struct stat st {};
  if (stat(argv[1], &st) != 0) return 2;
  double best = 1e300;
  std::uint64_t count = 0, sum = 0;
  for (int round = 0; round < 3; ++round) {
    const auto t0 = std::chrono::steady_clock::now();
    const auto input = primepool::open_file_source(argv[1]);
    std::vector<std::uint64_t> block(4096);
    count = 0;
    sum = 0;
    for (;;) {
      const std::size_t taken = input->take_ready(block.data(), block.size());
      for (std::size_t i = 0; i < taken; ++i) sum += block[i];
      count += taken;
      if (taken > 0) continue;
      input->wait_ready(1000);
      const auto n = input->next();
      if (!n) break;
      sum += *n;
      ++count;
    }
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - t0;
    if (took.count() < best) best = took.count();
  }
  std::printf("parsed %llu numbers (%.0f MB) in %.3fs: %.0f MB/s, %.1f ns a line (checksum %llx)\n",
              static_cast<unsigned long long>(count), static_cast<double>(st.st_size) / 1e6, best,
              static_cast<double>(st.st_size) / 1e6 / best, 1e9 * best / static_cast<double>(count),
              static_cast<unsigned long long>(sum));
  return 0;
}
