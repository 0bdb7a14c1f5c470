// primepool's main: start MPI, parse the command line on every rank, and run the pool.
// Rank 0 owns input and output; every other rank only runs the worker loop.
#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/string.hpp>
#include <exception>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "app/options.hpp"
#include "input.hpp"
#include "journal.hpp"
#include "pool.hpp"
#include "progress.hpp"
#include "report.hpp"
#include "sample.hpp"
#include "signals.hpp"

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
                                        const DoneSet* skip) {
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
  if (o.order == "input") {
    reporter = std::make_unique<InputOrderReporter>(std::move(reporter), kReorderWindow, skip);
  }
  return reporter;
}

// Rank 0's side of the run: open input and output (failures are usage errors, exit 2, and are
// agreed with the other ranks before any work starts), run, then write the summary.
struct RootRun {
  std::unique_ptr<NumberSource> input;
  std::ofstream file;
  std::optional<JournalContents> journal;  // what --resume found
  std::unique_ptr<Reporter> reporter;
  std::string error;
};

// --journal: a new journal, or with --resume the existing one, checked to belong to this work.
std::unique_ptr<JournalWriter> open_journal(const app::Options& o, const JournalHeader& header,
                                            std::optional<JournalContents>& found) {
  if (!o.resume) return JournalWriter::create(*o.journal, header);
  found = read_journal(*o.journal);
  if (found->header.input != header.input || found->header.method != header.method) {
    throw InputError(*o.journal, 1, "",
                     "this journal belongs to input '" + found->header.input + "' with method '" +
                         found->header.method + "', not to input '" + header.input +
                         "' with method '" + header.method + "': refusing to resume");
  }
  return JournalWriter::append_to(*o.journal, found->intact_bytes);
}

}  // namespace

int main(int argc, char** argv) {
  mpi::environment env(argc, argv, mpi::threading::funneled);
  mpi::communicator world;
  const bool root = world.rank() == 0;
  std::ios::sync_with_stdio(false);
  install_stop_handlers();  // every rank: rank 0 acts on the first signal, workers carry on

  const app::ParseOutcome parsed = app::parse_options(argc, argv);
  if (parsed.exit_now) {
    if (root) (parsed.message_is_error ? std::cerr : std::cout) << parsed.message;
    return parsed.exit_code;
  }
  const app::Options& options = parsed.options;
  if (options.expect_ranks && *options.expect_ranks != world.size()) {
    if (root) {
      std::cerr << "primepool: MPI started " << world.size() << " rank(s), --expect-ranks says "
                << *options.expect_ranks
                << " (under Slurm, launch with srun --mpi=pmix or mpirun)\n";
    }
    return app::kExitUsage;
  }

  RootRun run;
  if (root) {
    try {
      run.input = make_input(options);
      if (options.output) {
        run.file.open(*options.output, std::ios::out | std::ios::trunc);
        if (!run.file) throw InputError(*options.output, 0, "", "cannot open the output file");
      }
      std::unique_ptr<JournalWriter> journal;
      if (options.journal) {
        journal = open_journal(options, {run.input->describe(), std::string(options.method->name)},
                               run.journal);
      }
      const DoneSet* skip = run.journal ? &run.journal->done : nullptr;
      run.reporter = make_reporter(options, options.output ? run.file : std::cout, skip);
      if (journal) {
        run.reporter = std::make_unique<JournalReporter>(std::move(journal), std::move(run.reporter));
      }
    } catch (const InputError& e) {
      run.error = e.what();
    }
  }
  mpi::broadcast(world, run.error, 0);
  if (!run.error.empty()) {
    if (root) std::cerr << "primepool: " << run.error << "\n";
    return app::kExitUsage;
  }

  try {
    PoolConfig config;
    config.method = options.method;
    config.chunk = options.chunk;
    config.threads = options.threads;
    if (options.verbose) config.verbose = &std::cerr;
    config.progress = progress_enabled(options.progress);
    config.grace = options.grace;
    if (root && run.journal) config.skip = &run.journal->done;
    RunSummary summary = run_pool(world, config, run.input.get(), run.reporter.get());
    if (!root) return app::kExitOk;
    if (run.journal) summary.resumed = run.journal->done.size();

    // The human summary follows table rows; next to CSV or JSON rows on stdout it goes to stderr.
    const bool rows_on_stdout = !options.quiet && !options.output;
    std::ostream& human = rows_on_stdout && options.format != "table" ? std::cerr : std::cout;
    print_summary(human, summary);
    if (options.summary_json) {
      std::ofstream json(*options.summary_json);
      write_summary_json(json, summary);
      if (!json) std::cerr << "primepool: cannot write " << *options.summary_json << "\n";
    }
    if (options.output && !run.file.flush()) {
      std::cerr << "primepool: error writing " << *options.output << "\n";
      return app::kExitFailure;
    }
    if (summary.stop_signal != 0) {
      std::cerr << "primepool: " << summary.stop_reason << "; "
                << (options.journal ? "--resume with the same --journal finishes the job"
                                    : "use --journal FILE to be able to resume")
                << "\n";
      run.reporter.reset();  // closes the journal
      if (summary.abandoned) env.abort(kExitStopped);  // workers are still busy: end them
      return kExitStopped;
    }
    if (!summary.complete) {
      std::cerr << "primepool: " << summary.stop_reason << "\n"
                << "primepool: the " << summary.checked
                << " numbers before it were checked and reported; nothing after it was\n";
      return app::kExitUsage;
    }
  } catch (const std::exception& e) {
    std::cerr << "primepool: rank " << world.rank() << ": " << e.what() << "\n";
    env.abort(app::kExitFailure);
  }
  return app::kExitOk;
}
