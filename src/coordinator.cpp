// Rank 0's role: hand out jobs on demand, collect every PrimeResult, and stop only after every
// worker has answered the sentinel with "done". Waiting is polite: probe, then a short sleep.
#include "coordinator.hpp"

#include <boost/mpi/collectives.hpp>
#include <vector>

#include "check.hpp"
#include "cpu_time.hpp"
#include "polite_wait.hpp"
#include "scheduling.hpp"

namespace primepool {

namespace {

// Rank 0's view of the workers: which have been sent the sentinel, which have said done.
class Coordinator {
 public:
  Coordinator(const boost::mpi::communicator& comm, NumberSource& input, Reporter& reporter,
              const PoolConfig& config)
      : comm_(comm), reporter_(reporter), jobs_(input, config.chunk),
        sentinel_sent_(comm.size(), false) {}

  void run(RunSummary& summary) {
    const int workers = comm_.size() - 1;
    int done = 0;
    while (done < workers) {
      const boost::mpi::status status = wait_for_message(comm_, boost::mpi::any_source);
      const int worker = status.source();
      switch (status.tag()) {
        case kReady: {  // a new worker: fill all its slots
          WorkerHello hello;
          comm_.recv(worker, kReady, hello);
          for (int slot = 0; slot < hello.slots; ++slot) hand_out(worker);
          break;
        }
        case kResult: {  // answers for one job: report them, then refill that worker
          std::vector<PrimeResult> results;
          comm_.recv(worker, kResult, results);
          for (const PrimeResult& r : results) {
            summary.add(r);
            reporter_.result(r);
          }
          hand_out(worker);
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
  // Send the worker its next job, or the sentinel (once) when the input is exhausted. Messages
  // between two ranks arrive in order, so the sentinel follows every job it was sent.
  void hand_out(int worker) {
    if (auto job = jobs_.next()) {
      comm_.send(worker, kJob, *job);
    } else if (!sentinel_sent_[worker]) {
      comm_.send(worker, kSentinel);
      sentinel_sent_[worker] = true;
    }
  }

  const boost::mpi::communicator& comm_;
  Reporter& reporter_;
  JobMaker jobs_;
  std::vector<bool> sentinel_sent_;
};

}  // namespace

RunSummary run_coordinator(const boost::mpi::communicator& comm, NumberSource& input,
                           Reporter& reporter, const PoolConfig& config) {
  RunSummary summary;
  summary.workers = comm.size() - 1;
  reporter.begin({input.size(), input.max_value(), summary.workers, 1});
  const double t0 = now_seconds();
  const double cpu0 = process_cpu_seconds();

  Coordinator(comm, input, reporter, config).run(summary);

  summary.wall = now_seconds() - t0;
  summary.rank0_cpu = process_cpu_seconds() - cpu0;
  reporter.end(summary);
  return summary;
}

}  // namespace primepool
