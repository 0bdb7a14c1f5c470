// The command line: Boost.Program_options turns argv into Options, or into a usage error.
// Every rank parses the same argv, so every rank reaches the same decision without messages.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/exit_codes.hpp"
#include "primepool/input/job.hpp"
#include "primepool/methods.hpp"
#include "primepool/run.hpp"
#include "primepool/run/scheduling.hpp"

namespace primepool::app {

// The options that take one of a few words (option_table.hpp lists the words, in this order).
enum class Format { kTable, kCsv, kJsonl };
enum class Order { kCompletion, kInput };
enum class ReadBy { kWorkers, kRank0 };
enum class ProgressMode { kAuto, kAlways, kNever };

// Every default is written here once (the pool's own from PoolConfig); --help, the man page and
// the completion read them from a default Options.
struct Options {
  // Input: at most one of these; the built-in sample when none is given.
  std::optional<NumberList> numbers;          // --numbers
  std::optional<std::string> file;            // FILE or - (standard input)
  std::optional<std::string> range;           // --range A:B[:STEP]
  std::optional<std::uint64_t> random_count;  // --random K
  int bits = 64;                              // --bits B
  std::uint64_t seed = 1;                     // --seed S
  ReadBy read_by = ReadBy::kWorkers;          // --read-by workers | rank0
  bool read_by_given = false;                 // --read-by was on the command line

  const Method* method = PoolConfig{}.method;
  ChunkPolicy chunk = PoolConfig{}.chunk;  // --chunk N | auto
  int threads = 1;     // --threads, default from OMP_NUM_THREADS / SLURM_CPUS_PER_TASK
  bool force = false;  // --force: no limit on a divisor search's estimated time
  bool verbose = false;

  Format format = Format::kTable;     // table | csv | jsonl
  std::optional<std::string> output;  // --output FILE (default standard output)
  Order order = Order::kCompletion;   // completion | input
  bool primes_only = false;
  bool quiet = false;
  std::optional<std::string> summary_json;      // --summary-json FILE
  ProgressMode progress = ProgressMode::kAuto;  // auto | always | never

  std::optional<std::string> journal;                 // --journal FILE
  bool resume = false;                                // --resume
  bool lock = true;                                   // --no-lock: no flock on the journal
  double grace = PoolConfig{}.grace;                  // --grace SECONDS
  double verify = 0.0;                                // --verify FRACTION|all (0: off)
  double stall_warn = PoolConfig{}.stall_warn;        // --stall-warn SECONDS
  double stall_timeout = PoolConfig{}.stall_timeout;  // --stall-timeout SECONDS (0: never)
  std::optional<std::string> replay;                  // --replay JOURNAL
  std::optional<int> expect_ranks;                    // --expect-ranks N
  bool preflight = false;                             // --preflight: check the allocation
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
