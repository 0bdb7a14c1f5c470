// The pool's entry point: pick the role of this rank and run it.
// One rank alone runs the sequential baseline (run_alone); otherwise rank 0 coordinates and the
// rest work.
#include "primepool/pool.hpp"

#include <boost/mpi/collectives.hpp>
#include <boost/mpi/environment.hpp>
#include <climits>
#include <memory>
#include <stdexcept>
#include <string>

#include "primepool/input/slice_reader.hpp"
#include "primepool/mpi/coordinator.hpp"
#include "primepool/mpi/messages.hpp"
#include "primepool/mpi/worker.hpp"
#include "primepool/run/refusal.hpp"
#include "primepool/run/sequential.hpp"
#include "primepool/run/spread.hpp"
#include "primepool/sys/clock.hpp"

namespace primepool {

namespace {

// Whether the workers read their own slices of the input: rank 0 offers a regular file's identity,
// every worker opens the file and checks that it is the same (a path on a file system that all
// nodes share); if one cannot, rank 0 reads the input itself and says why. On a worker, the
// open file is returned; on rank 0, `slices` says whether slices are handed out.
std::unique_ptr<SliceReader> share_input_file(const boost::mpi::communicator& comm,
                                              const PoolConfig& config, BulkSource* input,
                                              bool& slices) {
  FileIdentity file;
  if (comm.rank() == 0 && config.workers_read_files && input != nullptr &&
      input->regular_file() != nullptr) {
    file = *input->regular_file();
  }
  boost::mpi::broadcast(comm, file, 0);
  slices = false;
  if (file.path.empty()) return nullptr;
  std::unique_ptr<SliceReader> reader;
  std::string why;
  if (comm.rank() != 0) {
    try {
      reader = std::make_unique<SliceReader>(file, number_refusal(config));
    } catch (const InputError& e) {
      why = e.what();
    }
  }
  const int failed = why.empty() ? INT_MAX : comm.rank();
  const int first_failed = boost::mpi::all_reduce(comm, failed, boost::mpi::minimum<int>());
  if (first_failed == INT_MAX) {
    slices = true;
    return reader;
  }
  if (comm.rank() == first_failed) comm.send(0, 0, why);
  if (comm.rank() == 0) {
    comm.recv(first_failed, 0, why);
    *config.diagnostics << "primepool: note: rank " << first_failed
                        << " cannot read the input file itself (" << why
                        << "); rank 0 reads it and sends the numbers\n";
  }
  return nullptr;
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
  if (comm.rank() == 0 && (input == nullptr || reporter == nullptr)) {
    throw std::invalid_argument("run_pool: rank 0 needs an input and a reporter");
  }
  if (comm.size() == 1) return run_alone(config, *input, *reporter);
  std::unique_ptr<BulkSource> adapter;  // a NumberSource of the caller's: no fast paths
  BulkSource* bulk = input != nullptr ? &bulk_view(*input, adapter) : nullptr;
  if (bulk != nullptr) {  // rank 0's numbers may be spread over every worker (run/spread.hpp)
    bulk->refuse(
        number_refusal(config, search_threads(*config.method, comm.size() - 1, config.threads)));
  }
  bool slices = false;
  const std::unique_ptr<SliceReader> file = share_input_file(comm, config, bulk, slices);
  if (comm.rank() != 0) {
    run_worker(comm, config, file.get());
    return {};
  }
  describe_rank0(config, "coordinator");
  RunSummary summary = run_coordinator(comm, *bulk, *reporter, config, slices);
  label_summary(summary, config, *input);
  return summary;
}

}  // namespace primepool
