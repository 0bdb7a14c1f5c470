// The command line: Boost.Program_options turns argv into Options, or into a usage error.
// Errors name the option and the offending text; the caller exits with kExitUsage.
#include "app/options.hpp"

#include <boost/program_options.hpp>
#include <sstream>

#include "number_parser.hpp"
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
    const ParsedNumber parsed = parse_number(item);
    if (!parsed.ok) {
      throw po::error("--numbers: item " + std::to_string(position) + " '" + item +
                      "': " + parsed.error);
    }
    numbers.push_back(parsed.value);
  }
  return numbers;
}

std::uint64_t parse_count(const std::string& option, const std::string& text) {
  const ParsedNumber parsed = parse_number(text);
  if (!parsed.ok) throw po::error(option + " '" + text + "': " + parsed.error);
  return parsed.value;
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
      ("bits", po::value<int>()->value_name("B"), "... of exactly B bits (1-64, default 64) ...")
      ("seed", po::value<std::string>()->value_name("S"), "... from seed S (default 1)");
  po::options_description work("Work");
  work.add_options()
      ("method", po::value<std::string>()->value_name("NAME")->default_value("trial"),
       "trial (the reference's trial division), wheel (2-3-5 wheel), mr (Miller-Rabin)")
      ("chunk", po::value<std::string>()->value_name("N|auto")->default_value("auto"),
       "numbers per job message; auto: a few ms of work each, smaller near the end; N: at most "
       "N and at most about 1 s of measured work")
      ("threads,t", po::value<int>()->value_name("T"),
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
      ("expect-ranks", po::value<int>()->value_name("N"),
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
      ("grace", po::value<double>()->value_name("SECONDS")->default_value(10.0),
       "after SIGTERM, SIGINT or SIGUSR1: seconds to collect what is in flight")
      ("stall-warn", po::value<double>()->value_name("SECONDS")->default_value(60.0),
       "warn when a worker holding work has sent nothing (not even its heartbeat) this long")
      ("stall-timeout", po::value<double>()->value_name("SECONDS")->default_value(0.0),
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
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
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
    if (vm.count("bits")) {
      o.bits = vm["bits"].as<int>();
      if (o.bits < 1 || o.bits > 64) throw po::error("--bits " + std::to_string(o.bits) + ": must be 1 to 64");
    }
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
    o.threads = vm.count("threads") ? vm["threads"].as<int>() : default_threads();
    if (o.threads < 1 || o.threads > 4096) {
      throw po::error("--threads " + std::to_string(o.threads) + ": must be 1 to 4096");
    }
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
    if (vm.count("expect-ranks")) o.expect_ranks = vm["expect-ranks"].as<int>();
    if (vm.count("journal")) o.journal = vm["journal"].as<std::string>();
    o.resume = vm.count("resume") > 0;
    if (o.resume && !o.journal) throw po::error("--resume needs --journal FILE");
    o.lock = vm.count("no-lock") == 0;
    o.grace = vm["grace"].as<double>();
    if (!(o.grace >= 0.0 && o.grace <= 86400.0)) throw po::error("--grace: must be 0 to 86400 seconds");
    o.stall_warn = vm["stall-warn"].as<double>();
    if (!(o.stall_warn >= 0.1 && o.stall_warn <= 1e6)) {
      throw po::error("--stall-warn: must be 0.1 to 1000000 seconds");
    }
    o.stall_timeout = vm["stall-timeout"].as<double>();
    if (!(o.stall_timeout >= 0.0 && o.stall_timeout <= 1e6)) {
      throw po::error("--stall-timeout: must be 0 (never) to 1000000 seconds");
    }
  } catch (const po::error& e) {
    out.exit_now = true;
    out.exit_code = kExitUsage;
    out.message_is_error = true;
    out.message = std::string("primepool: ") + e.what() + "\nTry 'primepool --help'.\n";
  }
  return out;
}

}  // namespace primepool::app
