// The command line: Boost.Program_options turns argv into Options, or into a usage error.
// Errors name the option and the offending text; the caller exits with kExitUsage.
#include "app/options.hpp"

#include <boost/program_options.hpp>
#include <sstream>

#include "number_parser.hpp"
#include "text.hpp"
#include "placement.hpp"

namespace po = boost::program_options;

namespace primepool::app {

namespace {

const char* const kUsage =
    "Usage: primepool [options] [FILE|-]            (one rank)\n"
    "       mpirun -n N primepool [options] [FILE|-] (rank 0 coordinates, N-1 workers)\n"
    "Checks numbers for primality with a pool of MPI worker ranks (and threads in each).\n"
    "Input: FILE (one number a line, '#' comments; - is standard input), --numbers, --range\n"
    "or --random; without any, the built-in sample of 20 numbers.\n";

std::vector<std::uint64_t> parse_number_list(const std::string& list) {
  std::vector<std::uint64_t> numbers;
  int position = 0;
  for (const std::string& item : split(list, ',')) {
    ++position;
    const ParsedNumber parsed = parse_number_field(item);
    if (!parsed.ok) {
      throw po::error("--numbers: item " + std::to_string(position) + " '" + printable(item) +
                      "': " + parsed.error);
    }
    numbers.push_back(parsed.value);
  }
  return numbers;
}

// Every numeric option value follows one rule: spaces around it are ignored, a sign is not a
// number, and the offending character is named.
std::uint64_t parse_count(const std::string& option, const std::string& text) {
  const ParsedNumber parsed = parse_number_field(text);
  if (!parsed.ok) throw po::error(option + " '" + printable(text) + "': " + parsed.error);
  return parsed.value;
}

std::uint64_t parse_count(const std::string& option, const std::string& text, std::uint64_t min,
                          std::uint64_t max) {
  const std::uint64_t value = parse_count(option, text);
  if (value < min || value > max) {
    throw po::error(option + " " + std::to_string(value) + ": must be " + std::to_string(min) +
                    " to " + std::to_string(max));
  }
  return value;
}

// Seconds: digits with at most one decimal point ("10", "0.5"), no sign, no exponent.
double parse_seconds(const std::string& option, const std::string& text, double max) {
  const std::size_t first = text.find_first_not_of(" \t");
  const std::string t = first == std::string::npos ? "" : text.substr(first, text.find_last_not_of(" \t") - first + 1);
  int points = 0, digits = 0;
  for (char c : t) {
    if (c == '.' && ++points == 1) continue;
    if (c < '0' || c > '9') {
      throw po::error(option + " '" + printable(text) + "': not a number of seconds: " +
                      describe_char(c));
    }
    ++digits;
  }
  if (digits == 0 || digits > 12) throw po::error(option + " '" + printable(text) + "': expected seconds, e.g. 10 or 0.5");
  const double value = std::stod(t);
  if (value > max) throw po::error(option + " " + t + ": must be at most " + std::to_string(static_cast<long>(max)) + " seconds");
  return value;
}

void check_choice(const std::string& option, const std::string& value,
                  std::initializer_list<const char*> choices) {
  std::string list;
  for (const char* c : choices) {
    if (value == c) return;
    list += list.empty() ? c : std::string(", ") + c;
  }
  throw po::error(option + " '" + value + "': expected one of " + list);
}

}  // namespace

ParseOutcome parse_options(int argc, const char* const* argv) {
  ParseOutcome out;
  Options& o = out.options;
  po::options_description input("Input (one of)");
  input.add_options()
      ("numbers", po::value<std::string>()->value_name("LIST"),
       "comma-separated numbers, each 0 to 2^64-1")
      ("range", po::value<std::string>()->value_name("A:B[:STEP]"),
       "A, A+STEP, ... below B (A inclusive, B exclusive)")
      ("random", po::value<std::string>()->value_name("K"), "K random numbers ...")
      ("bits", po::value<std::string>()->value_name("B"), "... of exactly B bits (1-64, default 64) ...")
      ("seed", po::value<std::string>()->value_name("S"), "... from seed S (default 1)");
  po::options_description work("Work");
  work.add_options()
      ("method", po::value<std::string>()->value_name("NAME")->default_value("trial"),
       "trial (the reference's trial division), wheel (2-3-5 wheel), mr (Miller-Rabin)")
      ("chunk", po::value<std::string>()->value_name("N|auto")->default_value("auto"),
       "numbers per job message; auto: a few ms of work each, smaller near the end; N: at most "
       "N and at most about 1 s of measured work")
      ("threads,t", po::value<std::string>()->value_name("T"),
       "compute threads per worker rank (default: OMP_NUM_THREADS, else SLURM_CPUS_PER_TASK, "
       "else 1); on one rank, T threads check the numbers");
  po::options_description output("Output");
  output.add_options()
      ("format", po::value<std::string>()->default_value("table"), "table, csv or jsonl")
      ("output,o", po::value<std::string>()->value_name("FILE"), "write results to FILE")
      ("order", po::value<std::string>()->default_value("completion"),
       "completion (as results arrive) or input (input order, bounded reorder buffer)")
      ("primes-only", "write only the primes")
      ("quiet,q", "write no results, only the summary")
      ("summary-json", po::value<std::string>()->value_name("FILE"),
       "write the run's summary as JSON to FILE")
      ("progress", po::value<std::string>()->default_value("auto"),
       "auto (when stderr is a terminal), always or never")
      ("verbose,v", "print each rank's host, threads and CPU binding at start (stderr)")
      ("expect-ranks", po::value<std::string>()->value_name("N"),
       "refuse to run unless MPI started N ranks (batch jobs: a launch without PMI starts N "
       "separate one-rank copies)");
  po::options_description safety("Nothing lost");
  safety.add_options()
      ("journal", po::value<std::string>()->value_name("FILE"),
       "append every result to FILE as it arrives (checksummed lines, written batch by batch)")
      ("resume", "with --journal: check the input against the journal, skip the numbers it "
       "holds, append the rest")
      ("no-lock", "do not lock the journal (file systems without locks; you make sure that no "
       "other run uses it)")
      ("replay", po::value<std::string>()->value_name("JOURNAL"),
       "print the results held in JOURNAL (any --format, --order, --primes-only, -o) and exit")
      ("grace", po::value<std::string>()->value_name("SECONDS")->default_value("10"),
       "after SIGTERM, SIGINT or SIGUSR1: seconds to collect what is in flight")
      ("stall-warn", po::value<std::string>()->value_name("SECONDS")->default_value("60"),
       "warn when a worker holding work has sent nothing (not even its heartbeat, sent every "
       "second) this long (at least 2)")
      ("stall-timeout", po::value<std::string>()->value_name("SECONDS")->default_value("0"),
       "then end the run, resumable, with exit 5 (0: never)")
      ("help,h", "print this help and exit")
      ("version", "print the version and exit");
  po::options_description hidden;
  hidden.add_options()("input-file", po::value<std::string>());
  po::options_description all;
  all.add(input).add(work).add(output).add(safety).add(hidden);
  po::positional_options_description positional;
  positional.add("input-file", 1);

  try {
    po::variables_map vm;
    // Option names are never abbreviated: --meth is an error, not --method.
    const int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).style(style).run(),
              vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::ostringstream text;
      text << kUsage << "\n" << input << "\n" << work << "\n" << output << "\n" << safety
           << "\nExit codes: 0 done; 1 failure; 2 usage error or bad input (everything before it\n"
              "is reported); 3 stopped by a signal after collecting what was in flight; 4 stopped\n"
              "at once by a second signal; 5 a worker stopped answering (--stall-timeout). After 3, 4\n"
              "or 5 (and after 1 with a journal), --journal FILE --resume finishes the job.\n";
      out.exit_now = true;
      out.message = text.str();
      return out;
    }
    if (vm.count("version")) {
      out.exit_now = true;
      out.message = std::string("primepool ") + PRIMEPOOL_VERSION + "\n";
      return out;
    }
    const int inputs = static_cast<int>(vm.count("numbers") + vm.count("input-file") +
                                        vm.count("range") + vm.count("random"));
    if (inputs > 1) throw po::error("give one input: FILE, --numbers, --range or --random");
    if (vm.count("replay")) {
      o.replay = vm["replay"].as<std::string>();
      if (inputs > 0 || vm.count("journal")) {
        throw po::error("--replay JOURNAL prints a journal: it takes no input and no --journal");
      }
    }
    if ((vm.count("bits") || vm.count("seed")) && !vm.count("random")) {
      throw po::error("--bits and --seed go with --random");
    }
    if (vm.count("numbers")) o.numbers = parse_number_list(vm["numbers"].as<std::string>());
    if (vm.count("input-file")) o.file = vm["input-file"].as<std::string>();
    if (vm.count("range")) o.range = vm["range"].as<std::string>();
    if (vm.count("random")) o.random_count = parse_count("--random", vm["random"].as<std::string>());
    if (vm.count("bits")) o.bits = static_cast<int>(parse_count("--bits", vm["bits"].as<std::string>(), 1, 64));
    if (vm.count("seed")) o.seed = parse_count("--seed", vm["seed"].as<std::string>());

    const std::string method = vm["method"].as<std::string>();
    o.method = find_method(method);
    if (o.method == nullptr) {
      std::string names;
      for (const auto& n : method_names()) names += (names.empty() ? "" : ", ") + n;
      throw po::error("--method '" + method + "': expected one of " + names);
    }
    const std::string chunk = vm["chunk"].as<std::string>();
    const auto policy = ChunkPolicy::parse(chunk);
    if (!policy) {
      throw po::error("--chunk '" + chunk + "': expected auto or a number from 1 to " +
                      std::to_string(ChunkPolicy::kMaxChunk));
    }
    o.chunk = *policy;
    o.threads = vm.count("threads")
                    ? static_cast<int>(parse_count("--threads", vm["threads"].as<std::string>(), 1, 4096))
                    : default_threads();
    o.verbose = vm.count("verbose") > 0;

    o.format = vm["format"].as<std::string>();
    check_choice("--format", o.format, {"table", "csv", "jsonl"});
    if (vm.count("output")) o.output = vm["output"].as<std::string>();
    o.order = vm["order"].as<std::string>();
    check_choice("--order", o.order, {"completion", "input"});
    o.primes_only = vm.count("primes-only") > 0;
    o.quiet = vm.count("quiet") > 0;
    if (vm.count("summary-json")) o.summary_json = vm["summary-json"].as<std::string>();
    o.progress = vm["progress"].as<std::string>();
    check_choice("--progress", o.progress, {"auto", "always", "never"});
    if (vm.count("expect-ranks")) {
      o.expect_ranks = static_cast<int>(
          parse_count("--expect-ranks", vm["expect-ranks"].as<std::string>(), 1, 1000000));
    }
    if (vm.count("journal")) o.journal = vm["journal"].as<std::string>();
    o.resume = vm.count("resume") > 0;
    if (o.resume && !o.journal) throw po::error("--resume needs --journal FILE");
    o.lock = vm.count("no-lock") == 0;
    o.grace = parse_seconds("--grace", vm["grace"].as<std::string>(), 86400);
    o.stall_warn = parse_seconds("--stall-warn", vm["stall-warn"].as<std::string>(), 1e6);
    if (o.stall_warn < 2) {
      throw po::error("--stall-warn: must be at least 2 seconds (busy workers send a heartbeat every second)");
    }
    o.stall_timeout = parse_seconds("--stall-timeout", vm["stall-timeout"].as<std::string>(), 1e6);
  } catch (const po::error& e) {
    out.exit_now = true;
    out.exit_code = kExitUsage;
    out.message_is_error = true;
    out.message = std::string("primepool: ") + e.what() + "\nTry 'primepool --help'.\n";
  }
  return out;
}

}  // namespace primepool::app
