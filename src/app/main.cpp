// primepool's main: start MPI, parse the command line on every rank, and run the pool.
// Rank 0 owns input and output; every other rank only runs the worker loop.
#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <exception>
#include <iostream>
#include <memory>

#include "app/options.hpp"
#include "input.hpp"
#include "pool.hpp"
#include "report.hpp"
#include "sample.hpp"

namespace mpi = boost::mpi;
using namespace primepool;

int main(int argc, char** argv) {
  mpi::environment env(argc, argv, mpi::threading::funneled);
  mpi::communicator world;
  const bool root = world.rank() == 0;

  const app::ParseOutcome parsed = app::parse_options(argc, argv);
  if (parsed.exit_now) {
    if (root) (parsed.message_is_error ? std::cerr : std::cout) << parsed.message;
    return parsed.exit_code;
  }
  const app::Options& options = parsed.options;

  try {
    std::unique_ptr<NumberSource> input;
    std::unique_ptr<Reporter> reporter;
    if (root) {
      input = std::make_unique<ListSource>(options.numbers ? *options.numbers : sample_numbers());
      reporter = std::make_unique<TableReporter>(std::cout);
    }
    PoolConfig config;
    config.threads = options.threads;
    if (options.verbose) config.verbose = &std::cerr;
    run_pool(world, config, input.get(), reporter.get());
  } catch (const std::exception& e) {
    std::cerr << "primepool: rank " << world.rank() << ": " << e.what() << "\n";
    env.abort(app::kExitFailure);
  }
  return app::kExitOk;
}
