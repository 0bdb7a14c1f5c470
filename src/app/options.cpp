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
    "Usage: primepool [options]            (one rank: sequential)\n"
    "       mpirun -n N primepool [options] (rank 0 coordinates, N-1 workers)\n"
    "Checks numbers for primality with a pool of MPI worker ranks.\n"
    "Without input options it checks the built-in sample of 20 numbers.\n";

std::vector<std::uint64_t> parse_number_list(const std::string& list) {
  std::vector<std::uint64_t> numbers;
  std::size_t start = 0;
  int position = 1;
  for (;;) {
    const std::size_t comma = list.find(',', start);
    const std::string item = list.substr(start, comma == std::string::npos ? comma : comma - start);
    const ParsedNumber parsed = parse_number(item);
    if (!parsed.ok) {
      throw po::error("--numbers: item " + std::to_string(position) + " '" + item +
                      "': " + parsed.error);
    }
    numbers.push_back(parsed.value);
    if (comma == std::string::npos) break;
    start = comma + 1;
    ++position;
  }
  return numbers;
}

}  // namespace

ParseOutcome parse_options(int argc, const char* const* argv) {
  ParseOutcome out;
  po::options_description desc("Options");
  desc.add_options()
      ("help,h", "print this help and exit")
      ("version", "print the version and exit")
      ("numbers", po::value<std::string>()->value_name("LIST"),
       "check these comma-separated numbers (0 to 2^64-1) instead of the sample")
      ("threads,t", po::value<int>()->value_name("T"),
       "compute threads per worker rank (default: OMP_NUM_THREADS, else SLURM_CPUS_PER_TASK, "
       "else 1); on one rank, T threads check the numbers")
      ("verbose,v", "print each rank's host, threads and CPU binding at start (stderr)");

  try {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(desc).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::ostringstream text;
      text << kUsage << "\n" << desc;
      out.exit_now = true;
      out.message = text.str();
      return out;
    }
    if (vm.count("version")) {
      out.exit_now = true;
      out.message = std::string("primepool ") + PRIMEPOOL_VERSION + "\n";
      return out;
    }
    if (vm.count("numbers")) out.options.numbers = parse_number_list(vm["numbers"].as<std::string>());
    out.options.threads = vm.count("threads") ? vm["threads"].as<int>() : default_threads();
    if (out.options.threads < 1 || out.options.threads > 4096) {
      throw po::error("--threads: " + std::to_string(out.options.threads) +
                      " is out of range (1 to 4096)");
    }
    out.options.verbose = vm.count("verbose") > 0;
  } catch (const po::error& e) {
    out.exit_now = true;
    out.exit_code = kExitUsage;
    out.message_is_error = true;
    out.message = std::string("primepool: ") + e.what() + "\nTry 'primepool --help'.\n";
  }
  return out;
}

}  // namespace primepool::app
