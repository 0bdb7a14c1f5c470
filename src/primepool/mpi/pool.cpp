// The pool's entry point: pick the role of this rank and run it.
// One rank alone runs the sequential baseline; otherwise rank 0 coordinates and the rest work.
#include "primepool/pool.hpp"

#include <boost/mpi/environment.hpp>
#include <stdexcept>

#include "primepool/mpi/coordinator.hpp"
#include "primepool/mpi/worker.hpp"
#include "primepool/run/sequential.hpp"
#include "primepool/sys/clock.hpp"
#include "primepool/sys/placement.hpp"

namespace primepool {

namespace {

void describe_rank0(const PoolConfig& config, const char* role) {
  if (config.verbose == nullptr) return;
  *config.verbose << "rank 0 on " << host_name() << ": " << role << ", " << config.threads
                  << (config.threads == 1 ? " thread" : " threads") << ", CPUs " << cpu_binding()
                  << " (" << omp_binding_env() << ")\n"
                  << std::flush;
}

void label(RunSummary& summary, const PoolConfig& config, const NumberSource& input) {
  summary.method = std::string(config.method->name);
  summary.chunk = config.chunk.describe();
  summary.input = input.describe();
}

}  // namespace

RunSummary run_pool(const boost::mpi::communicator& caller, const PoolConfig& config,
                    NumberSource* input, Reporter* reporter) {
  // A private copy of the communicator: this run's messages can never meet another run's, nor
  // the caller's own traffic.
  const boost::mpi::communicator comm(caller, boost::mpi::comm_duplicate);
  calibrate_clock();  // before any check is timed
  // Worker ranks run compute threads beside the thread that calls MPI.
  if (comm.size() > 1 &&
      boost::mpi::environment::thread_level() < boost::mpi::threading::funneled) {
    throw std::runtime_error(
        "the MPI library does not provide MPI_THREAD_FUNNELED, which worker threads need");
  }
  if (comm.rank() != 0) {
    run_worker(comm, config);
    return {};
  }
  if (input == nullptr || reporter == nullptr) {
    throw std::invalid_argument("run_pool: rank 0 needs an input and a reporter");
  }
  if (comm.size() == 1) return run_alone(config, *input, *reporter);
  describe_rank0(config, "coordinator");
  RunSummary summary = run_coordinator(comm, *input, *reporter, config);
  label(summary, config, *input);
  return summary;
}

RunSummary run_alone(const PoolConfig& config, NumberSource& input, Reporter& reporter) {
  calibrate_clock();  // before any check is timed
  describe_rank0(config, "checks alone");
  RunSummary summary = run_single_rank(input, reporter, config);
  label(summary, config, input);
  return summary;
}

}  // namespace primepool
