// option_table.cpp: the option table, the one source of truth for parsing, --help, the man
// page and the bash completion (docs.cpp).
#include "app/option_table.hpp"

#include <sstream>

#include "app/options.hpp"

namespace po = boost::program_options;

namespace primepool::app {

const char* const kUsage =
    "Usage: primepool [options] [FILE|-]            (one rank)\n"
    "       mpirun -n N primepool [options] [FILE|-] (rank 0 coordinates, N-1 workers)\n"
    "Checks numbers for primality with a pool of MPI worker ranks (and threads in each).\n"
    "Input: FILE (one number a line, '#' comments; - is standard input), --numbers, --range\n"
    "or --random; without any, standard input when it is a pipe or a file, else the\n"
    "built-in sample of 20 numbers.\n";

const char* const kExamplesHelp =
    "Examples:\n"
    "  primepool                                 the built-in sample, one rank\n"
    "  primepool --numbers 7,11,2^61-1           your own numbers\n"
    "  seq 1 100 | primepool --primes-only       numbers from a pipe\n"
    "  primepool --range 1e9:1e9+1e6 --method mr -q   a range, the fast method, summary only\n"
    "  mpirun -n 3 --oversubscribe primepool numbers.txt -o out.csv\n"
    "                                            2 workers (more ranks than cores needs\n"
    "                                            --oversubscribe); a name ending .csv: CSV rows\n"
    "  primepool numbers.txt --journal run.j     journaled: after a stop, the same command\n"
    "                                            with --resume checks only the rest\n"
    "  primepool --replay run.j                  print the results a journal holds\n";

const char* const kEnvironmentHelp =
    "Environment: OMP_NUM_THREADS, else SLURM_CPUS_PER_TASK: the default --threads;\n"
    "OMP_PROC_BIND, OMP_PLACES: where the threads run; PRIMEPOOL_MPI=1: start MPI even\n"
    "without a known launcher; PRIMEPOOL_DIRECT_STDOUT=0: under mpirun, write through mpirun.\n"
    "As root, Open MPI wants OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1\n"
    "(. jobs/mpi_env.sh sets them).\n";

const char* const kExitCodesHelp =
    "Exit codes: 0 done; 1 failure; 2 usage error or bad input (everything before it\n"
    "is reported); 3 stopped by a signal after collecting what was in flight; 4 stopped\n"
    "at once by a second signal; 5 a worker stopped answering (--stall-timeout); 6\n"
    "--preflight found a problem; 7 --verify found a verdict that disagrees. After 3, 4\n"
    "or 5 (and after 1 with a journal), --journal FILE --resume finishes the job.\n";

namespace {
constexpr const char* kInputCaption = "Input (one of)";
constexpr const char* kWorkCaption = "Work";
constexpr const char* kOutputCaption = "Output";
constexpr const char* kSafetyCaption = "Nothing lost";

// A number of seconds as --help shows its default: 10, 0.5.
std::string seconds(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}
}  // namespace

std::vector<OptionTable::Group> OptionTable::groups() const {
  return {{kInputCaption, &input},
          {kWorkCaption, &work},
          {kOutputCaption, &output},
          {kSafetyCaption, &safety}};
}

constexpr const char* kMethodHelp =
    "trial (the reference's trial division), wheel (2-3-5 wheel), mr (Miller-Rabin to base 2 "
    "and a strong Lucas test: Baillie-PSW, exact below 2^64, a probable-prime test above), sieve "
    "(--range only: each job a "
    "segment sieved by libprimesieve; a number's elapsed is its segment's time divided by its "
    "size; below 2^64 only); benchmarks only: sleep:DURATION[:exp] (mr's verdict, then a wait of "
    "DURATION, e.g. "
    "1ms or 100us, without using the CPU; :exp draws each wait from an exponential "
    "distribution with that mean)";

namespace {

// An option that takes a value (`name` may carry a short form after a comma: "output,o"), with
// its default when it has one.
void value(po::options_description& group, const char* name, const char* value_name,
           const char* help, const std::string& default_value = "") {
  auto* semantic = po::value<std::string>()->value_name(value_name);
  if (!default_value.empty()) semantic->default_value(default_value);
  group.add_options()(name, semantic, help);
}

// An option that is only present or absent.
void flag(po::options_description& group, const char* name, const char* help) {
  group.add_options()(name, help);
}

void add_input_options(po::options_description& group, const Options& defaults) {
  value(group, "numbers", "LIST",
        "comma-separated numbers, each 0 to 2^128-1, or expressions of + - * ^ ( ) and NeM "
        "(2^127-1, 10^18+9, 1e10)");
  value(group, "range", "A:B[:STEP]",
        "A, A+STEP, ... below B (A inclusive, B exclusive; each a number or an expression)");
  value(group, "random", "K", "K random numbers ...");
  value(group, "bits", "B", "... of exactly B bits (1-128, default 64) ...");
  value(group, "seed", "S", "... from seed S (default 1)");
  value(group, "read-by", "WHO",
        "who reads a regular FILE under mpirun: workers (each reads its own byte slices, cut at "
        "line starts; the file must be at the same path on every node) or rank0 (rank 0 reads "
        "every number and sends it); standard input and pipes are always read by rank 0. Left out, "
        "workers, but rank 0 for trial and wheel (a number whose divisor search is long is then "
        "spread over every worker)",
        word(defaults.read_by, kReaders));
}

void add_work_options(po::options_description& group, const Options& defaults) {
  value(group, "method", "NAME", kMethodHelp, std::string(method_name(*defaults.method)));
  value(group, "chunk", "N|auto",
        "numbers per job message; auto: a few ms of work each, smaller near the end; N: at most "
        "N and at most about 1 s of measured work",
        defaults.chunk.describe());
  value(group, "threads,t", "T",
        "compute threads per worker rank (default: OMP_NUM_THREADS, else SLURM_CPUS_PER_TASK, "
        "else 1); on one rank, T threads check the numbers");
  flag(group, "force",
       "trial and wheel: check numbers whose divisor search would take more than an hour (by "
       "the run's estimate, given when such a number is refused)");
  flag(group, "prove",
       "mr (and sieve, sleep:): prove every prime from 2^64 on instead of calling it probable: "
       "13 Miller-Rabin bases below 3.3e24 (Sorenson-Webster), FLINT's fmpz_is_prime above; "
       "the method is then recorded as 'mr --prove'. trial and wheel prove already");
  value(group, "verify", "FRACTION",
        "check this share of the verdicts again (0.01, or all): a reproducible sample, each "
        "checked on another worker rank when there is one, with another method (mr for trial, "
        "wheel and sieve; GMP's test for mr); a disagreement is named and gives exit 7");
}

void add_output_options(po::options_description& group, const Options& defaults) {
  value(group, "format", "FORMAT", "table, csv or jsonl", word(defaults.format, kFormats));
  value(group, "output,o", "FILE",
        "write results to FILE; a FILE ending .csv or .jsonl chooses that format unless --format "
        "says otherwise");
  value(group, "order", "ORDER",
        "completion (as results arrive) or input (input order, bounded reorder buffer)",
        word(defaults.order, kOrders));
  flag(group, "primes-only", "write only the primes");
  flag(group, "quiet,q", "write no results, only the summary");
  value(group, "summary-json", "FILE", "write the run's summary as JSON to FILE");
  value(group, "progress", "WHEN", "auto (when stderr is a terminal), always or never",
        word(defaults.progress, kProgressModes));
  flag(group, "verbose,v", "print each rank's host, threads and CPU binding at start (stderr)");
  flag(group, "preflight",
       "check the allocation instead of running (same launcher and options as the run): every "
       "rank's host, build, vector unit, input file and CPUs in a table, and each problem found; "
       "exit 6 when there is one");
  value(group, "expect-ranks", "N",
        "refuse to run unless MPI started N ranks (batch jobs: a launch without PMI starts N "
        "separate one-rank copies)");
}

void add_safety_options(po::options_description& group, const Options& defaults) {
  value(group, "journal", "FILE",
        "append every result to FILE as it arrives (checksummed lines, written batch by batch)");
  flag(group, "resume",
       "with --journal: check the input against the journal, skip the numbers it holds, append "
       "the rest");
  flag(group, "no-lock",
       "do not lock the journal (file systems without locks; you make sure that no other run "
       "uses it)");
  value(group, "replay", "JOURNAL",
        "print the results held in JOURNAL (any --format, --order, --primes-only, -o) and exit");
  value(group, "grace", "SECONDS",
        "after SIGTERM, SIGINT or SIGUSR1: seconds to collect what is in flight",
        seconds(defaults.grace));
  value(group, "stall-warn", "SECONDS",
        "warn when a worker holding work has sent nothing (not even its heartbeat, sent every "
        "second) this long (at least 2)",
        seconds(defaults.stall_warn));
  value(group, "stall-timeout", "SECONDS", "then end the run, resumable, with exit 5 (0: never)",
        seconds(defaults.stall_timeout));
  flag(group, "help,h", "print this help and exit");
  flag(group, "version", "print the version and exit");
}

}  // namespace

OptionTable::OptionTable()
    : input(kInputCaption), work(kWorkCaption), output(kOutputCaption), safety(kSafetyCaption) {
  const Options defaults;
  add_input_options(input, defaults);
  add_work_options(work, defaults);
  add_output_options(output, defaults);
  add_safety_options(safety, defaults);
  // Every positional word is collected, so that `primepool 7 11` can be answered with --numbers.
  hidden.add_options()("input-file", po::value<std::vector<std::string>>());
  all.add(input).add(work).add(output).add(safety).add(hidden);
  positional.add("input-file", -1);
}

}  // namespace primepool::app
