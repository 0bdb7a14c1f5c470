// The command line: Boost.Program_options turns argv into Options, or into a usage error.
// Every rank parses the same argv, so every rank reaches the same decision without messages.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace primepool::app {

struct Options {
  std::optional<std::vector<std::uint64_t>> numbers;  // --numbers; the sample when absent
  int threads = 1;       // --threads, default from OMP_NUM_THREADS / SLURM_CPUS_PER_TASK
  bool verbose = false;  // --verbose
};

// What parsing decided: run with `options`, or exit now with `exit_code` after printing
// `message` (help and version text go to stdout, errors to stderr).
struct ParseOutcome {
  Options options;
  bool exit_now = false;
  int exit_code = 0;
  std::string message;
  bool message_is_error = false;
};

// Exit codes of the program.
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;  // an unexpected failure while running
constexpr int kExitUsage = 2;    // a usage error or bad input

ParseOutcome parse_options(int argc, const char* const* argv);

}  // namespace primepool::app
