// primepool's main: start MPI when a launcher started us, parse the command line on every rank,
// then rank 0 opens its files and coordinates while every other rank runs the worker loop.
#include <boost/mpi/collectives.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <utility>

#include "app/exit_codes.hpp"
#include "app/launch.hpp"
#include "app/options.hpp"
#include "app/outcome.hpp"
#include "app/preflight.hpp"
#include "app/replay_command.hpp"
#include "app/root_files.hpp"
#include "app/run_policy.hpp"
#include "app/signals.hpp"
#include "primepool/pool.hpp"

namespace primepool::app {

namespace {

// Help, version or a usage error: print it (rank 0 only) and return the exit code.
int exit_early(const ParseOutcome& parsed, bool root) {
  if (!root) return parsed.exit_code;
  if (parsed.message_is_error) {
    std::cerr << parsed.message;
    return parsed.exit_code;
  }
  std::cout << parsed.message << std::flush;
  if (!std::cout) {
    std::cerr << "primepool: standard output: write failed\n";
    return kExitFailure;
  }
  return parsed.exit_code;
}

// Rank 0 opens everything; the verdict (0, or an exit code and its message) reaches every rank.
int open_run(const Options& options, const Launch& world, RootRun& run) {
  const bool root = world.rank() == 0;
  std::pair<int, std::string> refusal{0, ""};
  if (root) {
    try {
      run.open(options);
      run.start(options);
    } catch (const InputError& e) {
      refusal = {kExitUsage, e.what()};
    } catch (const StopDuringLoad&) {
      refusal = {kExitStopped, "stopped by " + signal_in_words(stop_signal()) +
                                   " before any work; nothing was changed"};
    } catch (const std::exception& e) {
      refusal = {kExitFailure, e.what()};
    }
    if (refusal.first != 0) run.abandon();
  }
  if (world.mpi()) boost::mpi::broadcast(*world.comm, refusal, 0);
  if (refusal.first != 0 && root) std::cerr << "primepool: " << refusal.second << "\n";
  return refusal.first;
}

// Run the pool and turn its summary into the exit code. Workers still busy (the grace ran out)
// or silent: only an abort of the job ends them.
int run_and_finish(const Options& options, Launch& world, RootRun& run) {
  const bool root = world.rank() == 0;
  int code = kExitOk;
  bool abort_job = false;
  try {
    const PoolConfig config = pool_config(options);
    RunSummary summary = world.mpi()
                             ? run_pool(*world.comm, config, run.input.get(), run.reporter.get())
                             : run_alone(config, *run.input, *run.reporter);
    if (!root) return kExitOk;
    finish_files(options, run, summary);
    explain_outcome(std::cerr, summary, options.journal.has_value());
    code = exit_code(summary.outcome);
    if (!summary.disagreements.empty()) {
      std::cerr << "primepool: --verify: " << summary.disagreements.size()
                << (summary.disagreements.size() == 1 ? " verdict" : " verdicts")
                << " came out otherwise when checked again (the summary names them): do not "
                   "trust this run's results until the ranks named are checked\n";
      if (code == kExitOk) code = kExitDisagreement;
    }
    abort_job = summary.abort_needed;
  } catch (const std::exception& e) {
    std::cerr << "primepool: rank " << world.rank() << ": " << e.what() << "\n";
    code = kExitFailure;
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

}  // namespace primepool::app

using namespace primepool;

int main(int argc, char** argv) {
  // Before MPI_Init (if any), which takes a while: a signal during start-up is a stop.
  // Every rank: rank 0 acts on the first signal, workers carry on until the sentinel.
  app::install_stop_handlers();
  app::Launch world;
  app::start(world, argc, argv);
  const bool root = world.rank() == 0;
  std::ios::sync_with_stdio(false);

  const app::ParseOutcome parsed = app::parse_options(argc, argv);
  if (parsed.exit_now) return app::exit_early(parsed, root);
  app::Options options = parsed.options;
  app::rows_to_standard_output(options);
  if (const int code = app::check_launch(options, world)) return code;
  if (options.replay) return root ? app::replay(options) : app::kExitOk;
  if (options.preflight) return app::preflight(options, world);
  app::choose_standard_input(options, world);
  if (root && world.size() > 1) app::write_past_mpirun();

  app::RootRun run;
  if (root) app::warn_small_sieve_jobs(options);
  if (const int code = app::open_run(options, world, run)) return code;
  return app::run_and_finish(options, world, run);
}
