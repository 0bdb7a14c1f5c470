// The pool's entry point: pick the role of this rank and run it.
// One rank alone runs the sequential baseline; otherwise rank 0 coordinates and the rest work.
#include "pool.hpp"

#include <stdexcept>

#include "coordinator.hpp"
#include "sequential.hpp"
#include "worker.hpp"

namespace primepool {

RunSummary run_pool(const boost::mpi::communicator& caller, const PoolConfig& config,
                    NumberSource* input, Reporter* reporter) {
  // A private copy of the communicator: this run's messages can never meet another run's, nor
  // the caller's own traffic.
  const boost::mpi::communicator comm(caller, boost::mpi::comm_duplicate);
  if (comm.rank() != 0) {
    run_worker(comm, config);
    return {};
  }
  if (input == nullptr || reporter == nullptr) {
    throw std::invalid_argument("run_pool: rank 0 needs an input and a reporter");
  }
  if (comm.size() == 1) return run_sequential(*input, *reporter, config);
  return run_coordinator(comm, *input, *reporter, config);
}

}  // namespace primepool
