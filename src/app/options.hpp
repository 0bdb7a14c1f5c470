// The command line: Boost.Program_options turns argv into Options, or into a usage error.
// Every rank parses the same argv, so every rank reaches the same decision without messages.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/exit_codes.hpp"
#include "primepool/methods.hpp"
#include "primepool/run/scheduling.hpp"

namespace primepool::app {

struct Options {
  // Input: at most one of these; the built-in sample when none is given.
  std::optional<std::vector<std::uint64_t>> numbers;  // --numbers
  std::optional<std::string> file;                    // FILE or - (standard input)
  std::optional<std::string> range;                   // --range A:B[:STEP]
  std::optional<std::uint64_t> random_count;          // --random K
  int bits = 64;                                      // --bits B
  std::uint64_t seed = 1;                             // --seed S
  std::string read_by = "workers";                    // --read-by workers | rank0

  const Method* method = &trial_method();
  ChunkPolicy chunk = ChunkPolicy::automatic();
  int threads = 1;  // --threads, default from OMP_NUM_THREADS / SLURM_CPUS_PER_TASK
  bool verbose = false;

  std::string format = "table";       // table | csv | jsonl
  std::optional<std::string> output;  // --output FILE (default standard output)
  std::string order = "completion";   // completion | input
  bool primes_only = false;
  bool quiet = false;
  std::optional<std::string> summary_json;  // --summary-json FILE
  std::string progress = "auto";            // auto | always | never

  std::optional<std::string> journal;  // --journal FILE
  bool resume = false;                 // --resume
  bool lock = true;                    // --no-lock: no flock on the journal
  double grace = 10.0;                 // --grace SECONDS
  double stall_warn = 60.0;            // --stall-warn SECONDS
  double stall_timeout = 0.0;          // --stall-timeout SECONDS (0: never)
  std::optional<std::string> replay;   // --replay JOURNAL
  std::optional<int> expect_ranks;     // --expect-ranks N
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

ParseOutcome parse_options(int argc, const char* const* argv);

}  // namespace primepool::app
