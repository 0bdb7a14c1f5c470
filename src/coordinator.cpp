// Rank 0's role: hand out jobs on demand, collect every PrimeResult, and stop only after every
// worker has answered the sentinel with "done". Waiting is polite: probe, then a short sleep.
#include "coordinator.hpp"

#include <boost/mpi/collectives.hpp>
#include <iostream>
#include <vector>

#include "check.hpp"
#include "cpu_time.hpp"
#include "placement.hpp"
#include "polite_wait.hpp"
#include "scheduling.hpp"

namespace primepool {

namespace {

// Rank 0's view of the workers: which have been sent the sentinel, which have said done.
class Coordinator {
 public:
  Coordinator(const boost::mpi::communicator& comm, NumberSource& input, Reporter& reporter,
              const PoolConfig& config)
      : comm_(comm), reporter_(reporter), verbose_(config.verbose), jobs_(input, config.chunk),
        sentinel_sent_(comm.size(), false), in_flight_(comm.size(), 0), slots_(comm.size(), 1) {}

  void run(RunSummary& summary) {
    const int workers = comm_.size() - 1;
    int done = 0;
    while (done < workers) {
      const boost::mpi::status status = wait_for_message(comm_, boost::mpi::any_source);
      const int worker = status.source();
      switch (status.tag()) {
        case kReady: {  // a new worker: one job per thread to start with
          WorkerHello hello;
          comm_.recv(worker, kReady, hello);
          describe(worker, hello);
          slots_[worker] = hello.slots;
          for (int thread = 0; thread < hello.threads; ++thread) hand_out(worker);
          break;
        }
        case kResult: {  // answers for one job: report them, then refill that worker
          std::vector<PrimeResult> results;
          comm_.recv(worker, kResult, results);
          for (const PrimeResult& r : results) {
            summary.add(r);
            reporter_.result(r);
          }
          --in_flight_[worker];
          while (in_flight_[worker] < slots_[worker] && hand_out(worker)) {
          }
          break;
        }
        case kDone:  // the worker has left its loop
          comm_.recv(worker, kDone);
          ++done;
          break;
        default:
          throw std::runtime_error("coordinator: unexpected message tag " +
                                   std::to_string(status.tag()) + " from rank " +
                                   std::to_string(worker));
      }
    }
  }

 private:
  // Send the worker its next job and return true, or send the sentinel (once) when the input is
  // exhausted. Messages between two ranks arrive in order: the sentinel follows every job sent.
  bool hand_out(int worker) {
    if (auto job = jobs_.next()) {
      comm_.send(worker, kJob, *job);
      ++in_flight_[worker];
      return true;
    }
    if (!sentinel_sent_[worker]) {
      comm_.send(worker, kSentinel);
      sentinel_sent_[worker] = true;
    }
    return false;
  }

  // Where the worker runs, under --verbose; and always a warning when its threads have fewer
  // CPUs than threads (mpirun binds ranks to one core by default when ranks <= cores).
  void describe(int worker, const WorkerHello& hello) {
    if (verbose_ != nullptr) {
      *verbose_ << "rank " << worker << " on " << hello.host << ": worker, " << hello.threads
                << (hello.threads == 1 ? " thread" : " threads") << ", CPUs " << hello.binding
                << "\n" << std::flush;
    }
    if (hello.threads > hello.cpus) {
      std::cerr << "primepool: warning: rank " << worker << " on " << hello.host << " runs "
                << hello.threads << " threads on " << hello.cpus
                << (hello.cpus == 1 ? " CPU" : " CPUs")
                << "; give each rank T cores (mpirun --map-by slot:pe=T, or --bind-to none)\n";
    }
  }

  const boost::mpi::communicator& comm_;
  Reporter& reporter_;
  std::ostream* verbose_;
  JobMaker jobs_;
  std::vector<bool> sentinel_sent_;
  std::vector<int> in_flight_;  // jobs sent to each worker and not yet answered
  std::vector<int> slots_;      // jobs each worker can hold at once
};

}  // namespace

RunSummary run_coordinator(const boost::mpi::communicator& comm, NumberSource& input,
                           Reporter& reporter, const PoolConfig& config) {
  RunSummary summary;
  summary.workers = comm.size() - 1;
  reporter.begin({input.size(), input.max_value(), summary.workers, config.threads});
  const double t0 = now_seconds();
  const double cpu0 = process_cpu_seconds();

  Coordinator(comm, input, reporter, config).run(summary);

  summary.wall = now_seconds() - t0;
  summary.rank0_cpu = process_cpu_seconds() - cpu0;
  reporter.end(summary);
  return summary;
}

}  // namespace primepool
