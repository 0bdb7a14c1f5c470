// primepool's main: start MPI, parse the command line on every rank, and run the pool.
// Rank 0 owns input and output; every other rank only runs the worker loop.
#include <fcntl.h>
#include <omp.h>
#include <unistd.h>

#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>
#include <optional>
#include <sys/stat.h>
#include <utility>

#include "app/options.hpp"
#include "app/signals.hpp"
#include "primepool/input.hpp"
#include "primepool/input/text.hpp"
#include "primepool/journal/journal.hpp"
#include "primepool/journal/replay.hpp"
#include "primepool/journal/resume.hpp"
#include "primepool/output/output_file.hpp"
#include "primepool/output/progress.hpp"
#include "primepool/pool.hpp"
#include "primepool/report.hpp"
#include "primepool/sample.hpp"

namespace mpi = boost::mpi;
using namespace primepool;

namespace {

// Results held at most by --order input's reorder buffer (about 40 bytes each).
constexpr std::uint64_t kReorderWindow = 1u << 18;

std::unique_ptr<NumberSource> make_input(const app::Options& o) {
  if (o.numbers) return std::make_unique<ListSource>(*o.numbers, "list");
  if (o.file) return open_file_source(*o.file);
  if (o.range) return RangeSource::parse(*o.range);
  if (o.random_count) return std::make_unique<RandomSource>(*o.random_count, o.bits, o.seed);
  return std::make_unique<ListSource>(sample_numbers(), "sample");
}

std::unique_ptr<Reporter> make_reporter(const app::Options& o, std::ostream& out,
                                        const DoneSet* skip, bool input_order) {
  std::unique_ptr<Reporter> reporter;
  if (o.quiet) {
    reporter = std::make_unique<QuietReporter>();
  } else if (o.format == "csv") {
    reporter = std::make_unique<CsvReporter>(out);
  } else if (o.format == "jsonl") {
    reporter = std::make_unique<JsonlReporter>(out);
  } else {
    reporter = std::make_unique<TableReporter>(out);
  }
  if (o.primes_only) reporter = std::make_unique<PrimesOnlyReporter>(std::move(reporter));
  if (input_order) {
    reporter = std::make_unique<InputOrderReporter>(std::move(reporter), kReorderWindow, skip);
  }
  return reporter;
}

// Under mpirun, rank 0's standard output passes through mpirun, and Open MPI 4.1's mpirun
// aborts the job and crashes when its own output is a pipe whose reader has gone
// (`mpirun ... | head -1`). When mpirun is this process's parent and its output is a pipe, rank 0
// writes into that pipe itself: a closed pipe is then rank 0's write error, ended cleanly.
// PRIMEPOOL_DIRECT_STDOUT=0 turns this off.
void write_past_mpirun() {
  const char* env = std::getenv("PRIMEPOOL_DIRECT_STDOUT");
  if (env != nullptr && std::string(env) == "0") return;
  const std::string parent = "/proc/" + std::to_string(getppid());
  std::ifstream comm_file(parent + "/comm");
  std::string comm;
  std::getline(comm_file, comm);
  if (comm != "mpirun" && comm != "mpiexec" && comm != "orterun") return;
  struct stat st {};
  if (::stat((parent + "/fd/1").c_str(), &st) != 0 || !S_ISFIFO(st.st_mode)) return;
  const int fd = ::open((parent + "/fd/1").c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return;
  ::dup2(fd, STDOUT_FILENO);
  ::close(fd);
}

// A file the run touches: its role, the name it was given, and its key (file_key).
struct FileRole {
  std::string role, name, key;
};

// Every file the run touches: the input, the files the options name, and the standard streams.
std::vector<FileRole> file_roles(const app::Options& o) {
  std::vector<FileRole> roles;
  if (o.file && *o.file == "-") {
    roles.push_back({"the input", "standard input", fd_key(STDIN_FILENO)});
  } else if (o.file) {
    roles.push_back({"the input", *o.file, file_key(*o.file)});
  }
  if (o.replay) roles.push_back({"--replay", *o.replay, file_key(*o.replay)});
  if (o.output) roles.push_back({"--output", *o.output, file_key(*o.output)});
  if (o.journal) roles.push_back({"--journal", *o.journal, file_key(*o.journal)});
  if (o.summary_json) {
    roles.push_back({"--summary-json", *o.summary_json, file_key(*o.summary_json)});
  }
  roles.push_back({"standard output", "standard output", fd_key(STDOUT_FILENO)});
  roles.push_back({"standard error", "standard error", fd_key(STDERR_FILENO)});
  return roles;
}

// Refuse one file in two roles (input, -o, --journal, --summary-json, --replay, the standard
// streams), whatever names reach it (links, names not yet created, `< f`, `> f`): a run would
// read its own output or write two streams into one file. Checked before any file is opened.
// Standard output and error may share a file (`>log 2>&1`): both only append.
void refuse_shared_files(const app::Options& o) {
  const auto roles = file_roles(o);
  for (std::size_t i = 0; i < roles.size(); ++i) {
    for (std::size_t j = i + 1; j < roles.size(); ++j) {
      if (roles[i].key.empty() || roles[i].key != roles[j].key) continue;
      if (roles[i].role == "standard output" && roles[j].role == "standard error") continue;
      throw InputError(roles[j].name, 0, "",
                       "the same file is given as " + roles[i].role + " and as " + roles[j].role +
                           "; give each its own file");
    }
  }
}

// `-o -` and `-o NAME` where NAME is standard output's own file (/dev/stdout, `-o f > f`): the
// rows go to standard output as without -o (opening it would truncate what the shell set up,
// and `>> log` would lose the log).
void rows_to_standard_output(app::Options& o) {
  if (!o.output) return;
  if (*o.output == "-") {
    o.output.reset();
    return;
  }
  const std::string out = fd_key(STDOUT_FILENO);
  if (!out.empty() && file_key(*o.output) == out) o.output.reset();
}

// Set when a write to a stalled pipe or terminal was given up after a stop (give_up_writing).
bool g_gave_up_writing = false;

// A write that waits for a reader who takes nothing gives up once a stop has come and its grace
// period has run out: a stop is honoured even while rank 0 is blocked writing its output.
std::function<bool()> give_up_writing(double grace) {
  return [grace] {
    if (!app::stop_requested() || app::seconds_since_stop() < grace) return false;
    g_gave_up_writing = true;
    return true;
  };
}

// Rank 0's side of the run: input, output and journal, opened in an order that changes no file
// until every check that could refuse the run has passed.
struct RootRun {
  std::unique_ptr<OutputFile> standard_output = OutputFile::standard_output();
  std::unique_ptr<NumberSource> input;      // with --resume: seen through the journal
  std::unique_ptr<NumberSource> raw_input;  // with --resume: the input itself
  std::unique_ptr<OutputFile> output;
  std::unique_ptr<OutputFile> summary_json;
  std::unique_ptr<JournalWriter> journal_file;
  std::optional<JournalContents> journal;  // what --resume found
  std::unique_ptr<Reporter> reporter;

  std::ostream& rows() { return output ? output->stream() : standard_output->stream(); }

  // Everything that can refuse the run; throws InputError (exit 2) or StopDuringLoad (exit 3).
  void open(const app::Options& o) {
    refuse_shared_files(o);
    standard_output->give_up_when(give_up_writing(o.grace));
    input = make_input(o);
    if (o.journal) open_journal(o);
    if (o.output) output = OutputFile::open(*o.output);
    if (output) output->give_up_when(give_up_writing(o.grace));
    if (o.summary_json) summary_json = OutputFile::open(*o.summary_json);
  }

  // --journal: a new journal, or with --resume the existing one (locked, then read), checked to
  // belong to this work: same input description and method, and the same numbers.
  void open_journal(const app::Options& o) {
    const JournalHeader header{input->describe(), std::string(o.method->name)};
    if (!o.resume) {
      journal_file = JournalWriter::open_new(*o.journal, header, o.lock);
      return;
    }
    journal.emplace();
    bool fresh = false;
    journal_file = JournalWriter::open_existing(*o.journal, header, o.lock, *journal,
                                                app::stop_requested, fresh);
    if (fresh) {
      std::cerr << "primepool: " << printable(*o.journal, 4096)
                << ": no results journaled yet (--resume): starting this journal\n";
    }
    if (journal->header.input != header.input || journal->header.method != header.method) {
      throw InputError(*o.journal, 1, "",
                       "this journal belongs to input '" + printable(journal->header.input) +
                           "' with method '" + printable(journal->header.method) +
                           "', not to input '" + printable(header.input) + "' with method '" +
                           header.method + "': refusing to resume");
    }
    raw_input = std::move(input);
    auto resumed = std::make_unique<ResumedSource>(*raw_input, *journal, *o.journal);
    if (!resumed->verify(app::stop_requested)) throw StopDuringLoad{};
    input = std::move(resumed);
  }

  // The run is accepted: now files change.
  void start(const app::Options& o) {
    if (output) output->start();
    if (journal_file) journal_file->start();
    const DoneSet* skip = journal ? &journal->done : nullptr;
    reporter = make_reporter(o, rows(), skip, o.order == "input");
    if (journal_file) {
      reporter =
          std::make_unique<JournalReporter>(std::move(journal_file), std::move(reporter), !o.quiet);
    }
  }

  // The run is refused: files that opening created are removed; nothing else was changed.
  void abandon() {
    if (journal_file) journal_file->abandon();
    if (output) output->abandon();
    if (summary_json) summary_json->abandon();
  }
};

// The summary JSON, written whatever the outcome (a failed run's says what failed and what was
// done before it), and first: a failing standard output cannot keep it out. Then the human
// summary, unless the run failed. Returns the first failure of its own ("" if none).
std::string write_summaries(const app::Options& o, RootRun& run, const RunSummary& summary) {
  std::string failure;
  if (run.summary_json) {
    try {
      run.summary_json->start();
      write_summary_json(run.summary_json->stream(), summary);
      run.summary_json->close();
    } catch (const std::exception& e) {
      failure = e.what();
    }
  }
  if (!summary.failure.empty()) return failure;
  // The human summary follows table rows; next to CSV or JSON rows on stdout it goes to stderr.
  const bool rows_on_stdout = !o.quiet && !o.output;
  if (rows_on_stdout && o.format != "table") {
    print_summary(std::cerr, summary);
  } else {
    print_summary(run.standard_output->stream(), summary);
  }
  return failure;
}

// Rank 0 after the pool: the summary, the summary JSON and every close, each checked; then the
// exit code. A failure is reported once, naming the file.
int finish_root(const app::Options& o, RootRun& run, RunSummary& summary, bool& abort_job) {
  if (run.journal) {
    summary.resumed = run.journal->done.size();
    summary.resumed_primes = run.journal->primes;
  }
  try {
    const std::string failure = write_summaries(o, run, summary);
    if (summary.failure.empty()) summary.failure = failure;
    run.reporter->close();
    if (run.output) run.output->close();
    run.standard_output->close();
  } catch (const std::exception& e) {
    if (summary.failure.empty()) summary.failure = e.what();
  }
  abort_job = summary.abandoned || summary.silent_rank != 0;
  const std::string resume_hint = o.journal ? "--resume with the same --journal finishes the job"
                                            : "use --journal FILE to be able to resume";
  if (!summary.failure.empty() && g_gave_up_writing) {
    std::cerr << "primepool: stopped by signal " << app::stop_signal() << "; " << summary.failure
              << "\n"
              << "primepool: " << (o.journal ? "every result checked is in the journal; " : "")
              << resume_hint << "\n";
    return app::kExitStopped;
  }
  if (!summary.failure.empty()) {
    std::cerr << "primepool: " << summary.failure << "\n"
              << "primepool: stopped at the first failed write; " << summary.checked
              << " numbers were checked before it; " << resume_hint << "\n";
    return app::kExitFailure;
  }
  if (summary.silent_rank != 0) {
    std::cerr << "primepool: " << summary.stop_reason << "; " << resume_hint << "\n";
    return app::kExitStalled;
  }
  if (!summary.complete && summary.stop_signal != 0) {
    std::cerr << "primepool: " << summary.stop_reason << "; " << resume_hint << "\n";
    return app::kExitStopped;
  }
  if (!summary.complete) {
    std::cerr << "primepool: " << summary.stop_reason << "\n"
              << "primepool: the " << summary.checked
              << (summary.checked == 1 ? " number" : " numbers")
              << " before it: checked and reported; nothing after it\n";
    return app::kExitUsage;
  }
  if (summary.stop_signal != 0) std::cerr << "primepool: " << summary.stop_reason << "\n";
  return app::kExitOk;
}

// --replay: rank 0 prints the journal's results; no pool runs.
int replay(const app::Options& o) {
  RootRun run;
  try {
    refuse_shared_files(o);
    run.standard_output->give_up_when(give_up_writing(o.grace));
    if (o.output) run.output = OutputFile::open(*o.output);
    if (run.output) run.output->give_up_when(give_up_writing(o.grace));
    // Refuse damage before any change.
    const JournalContents found = read_journal(*o.replay, false, app::stop_requested);
    if (run.output) run.output->start();
    auto reporter = make_reporter(o, run.rows(), nullptr, false);
    reporter->begin({});
    const ReplayCounts counts =
        replay_journal(*o.replay, *reporter, o.order == "input", app::stop_requested);
    RunSummary summary;
    summary.checked = counts.results;
    reporter->end(summary);
    reporter->close();
    if (run.output) run.output->close();
    run.standard_output->close();
    std::cerr << "primepool: " << counts.results << " results (" << counts.primes
              << " primes) from " << printable(*o.replay, 4096) << ", input '"
              << printable(counts.header.input) << "', method '" << printable(counts.header.method)
              << "'\n";
    if (counts.stopped) {
      std::cerr << "primepool: stopped by signal " << app::stop_signal() << " after "
                << counts.results << " results; --replay again prints them all\n";
      return app::kExitStopped;
    }
    const std::uint64_t untimed = o.primes_only ? found.mean_time_primes : found.mean_times;
    if (untimed > 0 && !o.quiet)
      std::cerr << "primepool: " << untimed
                << " of them were journaled without a time of their own (a --quiet or "
                   "--primes-only run): their elapsed is their job's mean time\n";
    return app::kExitOk;
  } catch (const InputError& e) {
    if (run.output) run.output->abandon();
    std::cerr << "primepool: " << e.what() << "\n";
    return app::kExitUsage;
  } catch (const StopDuringLoad&) {
    if (run.output) run.output->abandon();
    std::cerr << "primepool: stopped by signal " << app::stop_signal()
              << " while checking the journal; nothing was printed\n";
    return app::kExitStopped;
  } catch (const WriteError& e) {
    std::cerr << "primepool: " << e.what() << "\n";
    return e.given_up() ? app::kExitStopped : app::kExitFailure;
  } catch (const std::exception& e) {
    std::cerr << "primepool: " << e.what() << "\n";
    return app::kExitFailure;
  }
}

// What the workers send back: only what the output needs. The input-order buffer must see every
// index; a journal's job lines name their primes, so --quiet with a journal sends the primes.
// Every rank decides the same from the same options.
ResultDetail result_detail(const app::Options& o) {
  if (o.order == "input") return ResultDetail::kFull;
  if (o.quiet) return o.journal ? ResultDetail::kPrimesOnly : ResultDetail::kCounts;
  return o.primes_only ? ResultDetail::kPrimesOnly : ResultDetail::kFull;
}

// The largest sieve job. Each job pays libprimesieve's set-up (0.5 s near 10^18), so counts
// only take large segments (2^34 numbers: about 7 s of sieving near 10^18, which bounds what a
// stop waits for); a job's rows are held in memory.
std::size_t sieve_job_max(ResultDetail detail) {
  switch (detail) {
    case ResultDetail::kCounts: return std::size_t{1} << 34;
    case ResultDetail::kPrimesOnly: return std::size_t{1} << 25;
    case ResultDetail::kFull: break;
  }
  return std::size_t{1} << 20;
}

// A fixed --chunk below the sieve's smallest segment: every job pays libprimesieve's set-up
// (about the square root of its last number), so the run is many times slower. Said, not refused.
void warn_small_sieve_jobs(const app::Options& o) {
  const std::size_t smallest = sieve_job_max(ResultDetail::kFull);
  if (!o.method->sieve || o.chunk.is_auto() || o.chunk.fixed_size() >= smallest) return;
  std::cerr << "primepool: warning: --chunk " << o.chunk.fixed_size()
            << " with --method sieve: every job pays the sieve's set-up, so jobs this small make "
               "it many times slower (--chunk 1000: about 34x); leave --chunk out to sieve in "
               "segments of "
            << smallest << " numbers or more\n";
}

PoolConfig pool_config(const app::Options& o, const RootRun& run, bool root) {
  PoolConfig config;
  config.method = o.method;
  config.chunk = o.chunk;
  config.threads = o.threads;
  if (o.verbose) config.verbose = &std::cerr;
  const bool rows_on_stdout = !o.quiet && !o.output;
  config.progress = progress_enabled(o.progress, rows_on_stdout);
  config.grace = o.grace;
  config.stop = [] { return app::stop_signal(); };  // the first SIGTERM/SIGINT/SIGUSR1
  config.stall_warn = o.stall_warn;
  config.stall_timeout = o.stall_timeout;
  if (root && run.journal) config.skip = &run.journal->done;
  config.detail = result_detail(o);
  config.workers_read_files = o.read_by == "workers";
  if (o.method->sieve && o.chunk.is_auto())
    config.chunk = ChunkPolicy::segments(sieve_job_max(config.detail));
  return config;
}

}  // namespace

namespace {

// Help, version or a usage error: print it (rank 0 only) and return the exit code.
int exit_early(const app::ParseOutcome& parsed, bool root) {
  if (!root) return parsed.exit_code;
  if (parsed.message_is_error) {
    std::cerr << parsed.message;
    return parsed.exit_code;
  }
  std::cout << parsed.message << std::flush;
  if (!std::cout) {
    std::cerr << "primepool: standard output: write failed\n";
    return app::kExitFailure;
  }
  return parsed.exit_code;
}

// How this process was started. Under an MPI launcher (mpirun, srun with an MPI plugin, any
// PMI or PMIx one) MPI is initialised as always. Started plainly, the process runs alone without
// MPI_Init: Open MPI's singleton start-up (a helper daemon, about 0.3 s) is not paid.
struct Launch {
  std::optional<mpi::environment> env;
  std::optional<mpi::communicator> comm;
  bool mpi() const { return comm.has_value(); }
  int rank() const { return comm ? comm->rank() : 0; }
  int size() const { return comm ? comm->size() : 1; }
};

bool started_by_mpi_launcher() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE", "PMI_FD",
                           "SLURM_STEP_ID", "MPI_LOCALNRANKS", "HYDRA_CONTROL_FD"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return std::getenv("PRIMEPOOL_MPI") != nullptr &&
         std::string(std::getenv("PRIMEPOOL_MPI")) == "1";
}

// What the launch must provide: the ranks --expect-ranks names, and the OpenMP threads asked
// for (OpenMP may not start them: say so now, not as a failure mid-run). 0 when all is well.
int check_launch(const app::Options& options, const Launch& world) {
  const bool root = world.rank() == 0;
  if (options.expect_ranks && *options.expect_ranks != world.size()) {
    if (root) {
      std::cerr << "primepool: " << (world.mpi() ? "MPI started " : "no MPI launcher started ")
                << world.size() << " rank(s), --expect-ranks says " << *options.expect_ranks
                << " (under Slurm, launch with srun --mpi=pmix or mpirun)\n";
    }
    return app::kExitUsage;
  }
  const int team = options.threads > 1 || world.size() > 1 ? options.threads + 1 : 1;
  if (team > omp_get_thread_limit()) {
    if (root) {
      std::cerr << "primepool: --threads " << options.threads << " needs " << team
                << " OpenMP threads (one more for MPI), but OMP_THREAD_LIMIT allows "
                << omp_get_thread_limit() << "\n";
    }
    return app::kExitUsage;
  }
  return 0;
}

// Rank 0 opens everything; the verdict (0, or an exit code and its message) reaches every rank.
int open_run(const app::Options& options, const Launch& world, RootRun& run) {
  const bool root = world.rank() == 0;
  std::pair<int, std::string> refusal{0, ""};
  if (root) {
    try {
      run.open(options);
      run.start(options);
    } catch (const InputError& e) {
      refusal = {app::kExitUsage, e.what()};
    } catch (const StopDuringLoad&) {
      refusal = {app::kExitStopped, "stopped by signal " + std::to_string(app::stop_signal()) +
                                        " before any work; nothing was changed"};
    } catch (const std::exception& e) {
      refusal = {app::kExitFailure, e.what()};
    }
    if (refusal.first != 0) run.abandon();
  }
  if (world.mpi()) mpi::broadcast(*world.comm, refusal, 0);
  if (refusal.first != 0 && root) std::cerr << "primepool: " << refusal.second << "\n";
  return refusal.first;
}

// Run the pool and turn its summary into the exit code. Workers still busy (the grace ran out)
// or silent: only an abort of the job ends them.
int run_and_finish(const app::Options& options, Launch& world, RootRun& run) {
  const bool root = world.rank() == 0;
  int code = app::kExitOk;
  bool abort_job = false;
  try {
    const PoolConfig config = pool_config(options, run, root);
    RunSummary summary = world.mpi()
                             ? run_pool(*world.comm, config, run.input.get(), run.reporter.get())
                             : run_alone(config, *run.input, *run.reporter);
    if (!root) return app::kExitOk;
    code = finish_root(options, run, summary, abort_job);
  } catch (const std::exception& e) {
    std::cerr << "primepool: rank " << world.rank() << ": " << e.what() << "\n";
    code = app::kExitFailure;
    abort_job = true;
  }
  if (abort_job) {
    run.reporter.reset();
    std::cout.flush();  // the summary: an abort does not flush
    if (world.mpi()) world.env->abort(code);
    std::_Exit(code);  // alone: checks still running on threads that cannot be stopped
  }
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  // Before MPI_Init (if any), which takes a while: a signal during start-up is a stop.
  // Every rank: rank 0 acts on the first signal, workers carry on until the sentinel.
  app::install_stop_handlers();
  Launch world;
  if (started_by_mpi_launcher()) {
    world.env.emplace(argc, argv, mpi::threading::funneled);
    world.comm.emplace();
  }
  const bool root = world.rank() == 0;
  std::ios::sync_with_stdio(false);

  const app::ParseOutcome parsed = app::parse_options(argc, argv);
  if (parsed.exit_now) return exit_early(parsed, root);
  app::Options options = parsed.options;
  rows_to_standard_output(options);
  if (const int code = check_launch(options, world)) return code;
  if (options.replay) return root ? replay(options) : app::kExitOk;
  if (root && world.size() > 1) write_past_mpirun();

  RootRun run;
  if (root) warn_small_sieve_jobs(options);
  if (const int code = open_run(options, world, run)) return code;
  return run_and_finish(options, world, run);
}
