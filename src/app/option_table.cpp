// option_table.cpp: the option table, the one source of truth for parsing, --help, the man
// page and the bash completion (docs.cpp).
#include "app/option_table.hpp"

namespace po = boost::program_options;

namespace primepool::app {

const char* const kUsage =
    "Usage: primepool [options] [FILE|-]            (one rank)\n"
    "       mpirun -n N primepool [options] [FILE|-] (rank 0 coordinates, N-1 workers)\n"
    "Checks numbers for primality with a pool of MPI worker ranks (and threads in each).\n"
    "Input: FILE (one number a line, '#' comments; - is standard input), --numbers, --range\n"
    "or --random; without any, the built-in sample of 20 numbers.\n";

const char* const kExitCodesHelp =
    "Exit codes: 0 done; 1 failure; 2 usage error or bad input (everything before it\n"
    "is reported); 3 stopped by a signal after collecting what was in flight; 4 stopped\n"
    "at once by a second signal; 5 a worker stopped answering (--stall-timeout). After 3, 4\n"
    "or 5 (and after 1 with a journal), --journal FILE --resume finishes the job.\n";

namespace {
constexpr const char* kInputCaption = "Input (one of)";
constexpr const char* kWorkCaption = "Work";
constexpr const char* kOutputCaption = "Output";
constexpr const char* kSafetyCaption = "Nothing lost";
}  // namespace

std::vector<OptionTable::Group> OptionTable::groups() const {
  return {{kInputCaption, &input},
          {kWorkCaption, &work},
          {kOutputCaption, &output},
          {kSafetyCaption, &safety}};
}

constexpr const char* kMethodHelp =
    "trial (the reference's trial division), wheel (2-3-5 wheel), mr (Miller-Rabin to base 2 "
    "and a strong Lucas test: Baillie-PSW, exact below 2^64), sieve (--range only: each job a "
    "segment sieved by libprimesieve; a number's elapsed is its segment's time divided by its "
    "size); benchmarks only: sleep:DURATION[:exp] (mr's verdict, then a wait of DURATION, e.g. "
    "1ms or 100us, without using the CPU; :exp draws each wait from an exponential "
    "distribution with that mean)";

OptionTable::OptionTable()
    : input(kInputCaption), work(kWorkCaption), output(kOutputCaption), safety(kSafetyCaption) {
  input.add_options()("numbers", po::value<std::string>()->value_name("LIST"),
                      "comma-separated numbers, each 0 to 2^64-1")(
      "range", po::value<std::string>()->value_name("A:B[:STEP]"),
      "A, A+STEP, ... below B (A inclusive, B exclusive)")(
      "random", po::value<std::string>()->value_name("K"), "K random numbers ...")(
      "bits", po::value<std::string>()->value_name("B"),
      "... of exactly B bits (1-64, default 64) ...")(
      "seed", po::value<std::string>()->value_name("S"), "... from seed S (default 1)")(
      "read-by", po::value<std::string>()->value_name("WHO")->default_value("workers"),
      "who reads a regular FILE under mpirun: workers (each reads its own byte slices, cut at "
      "line starts; the file must be at the same path on every node) or rank0 (rank 0 reads "
      "every number and sends it); standard input and pipes are always read by rank 0");
  work.add_options()("method", po::value<std::string>()->value_name("NAME")->default_value("trial"),
                     kMethodHelp)(
      "chunk", po::value<std::string>()->value_name("N|auto")->default_value("auto"),
      "numbers per job message; auto: a few ms of work each, smaller near the end; N: at most "
      "N and at most about 1 s of measured work")(
      "threads,t", po::value<std::string>()->value_name("T"),
      "compute threads per worker rank (default: OMP_NUM_THREADS, else SLURM_CPUS_PER_TASK, "
      "else 1); on one rank, T threads check the numbers");
  output.add_options()("format",
                       po::value<std::string>()->value_name("FORMAT")->default_value("table"),
                       "table, csv or jsonl")(
      "output,o", po::value<std::string>()->value_name("FILE"), "write results to FILE")(
      "order", po::value<std::string>()->value_name("ORDER")->default_value("completion"),
      "completion (as results arrive) or input (input order, bounded reorder buffer)")(
      "primes-only", "write only the primes")("quiet,q", "write no results, only the summary")(
      "summary-json", po::value<std::string>()->value_name("FILE"),
      "write the run's summary as JSON to FILE")(
      "progress", po::value<std::string>()->value_name("WHEN")->default_value("auto"),
      "auto (when stderr is a terminal), always or never")(
      "verbose,v", "print each rank's host, threads and CPU binding at start (stderr)")(
      "expect-ranks", po::value<std::string>()->value_name("N"),
      "refuse to run unless MPI started N ranks (batch jobs: a launch without PMI starts N "
      "separate one-rank copies)");
  safety.add_options()(
      "journal", po::value<std::string>()->value_name("FILE"),
      "append every result to FILE as it arrives (checksummed lines, written batch by batch)")(
      "resume",
      "with --journal: check the input against the journal, skip the numbers it "
      "holds, append the rest")(
      "no-lock",
      "do not lock the journal (file systems without locks; you make sure that no "
      "other run uses it)")(
      "replay", po::value<std::string>()->value_name("JOURNAL"),
      "print the results held in JOURNAL (any --format, --order, --primes-only, -o) and exit")(
      "grace", po::value<std::string>()->value_name("SECONDS")->default_value("10"),
      "after SIGTERM, SIGINT or SIGUSR1: seconds to collect what is in flight")(
      "stall-warn", po::value<std::string>()->value_name("SECONDS")->default_value("60"),
      "warn when a worker holding work has sent nothing (not even its heartbeat, sent every "
      "second) this long (at least 2)")(
      "stall-timeout", po::value<std::string>()->value_name("SECONDS")->default_value("0"),
      "then end the run, resumable, with exit 5 (0: never)")("help,h", "print this help and exit")(
      "version", "print the version and exit");
  hidden.add_options()("input-file", po::value<std::string>());
  all.add(input).add(work).add(output).add(safety).add(hidden);
  positional.add("input-file", 1);
}

}  // namespace primepool::app
