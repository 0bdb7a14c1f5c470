// Rank 0's role: hand out jobs on demand, collect every PrimeResult, and stop only after every
// worker has answered the sentinel with "done". Waiting is polite: probe, then a short sleep.
#include "coordinator.hpp"

#include <algorithm>
#include <iostream>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "clock.hpp"
#include "cpu_time.hpp"
#include "polite_wait.hpp"
#include "progress.hpp"
#include "scheduling.hpp"
#include "signals.hpp"

namespace primepool {

namespace {

class Coordinator {
 public:
  Coordinator(const boost::mpi::communicator& comm, NumberSource& input, Reporter& reporter,
              const PoolConfig& config, RunSummary& summary)
      : comm_(comm), reporter_(reporter), config_(config), summary_(summary),
        jobs_(input, config.chunk, config.skip), progress_(std::cerr, config.progress, input.size()),
        sentinel_sent_(comm.size(), false), in_flight_(comm.size(), 0), slots_(comm.size(), 0),
        pool_threads_((comm.size() - 1) * config.threads) {}

  // Until every worker has said it is done: greet workers, answer results with more work (or
  // the sentinel), count the done.
  void run() {
    const int workers = comm_.size() - 1;
    int done = 0;
    while (done < workers) {
      const auto status = wait_for_message(comm_, boost::mpi::any_source, [this] {
        progress_.update(summary_.checked);
        if (stop_requested() && !stopping_) begin_stop();
        return !(stopping_ && now_seconds() > deadline_);  // give up once the grace runs out
      });
      if (!status) {
        summary_.abandoned = true;
        summary_.stop_reason += "; the grace period ran out with " +
                                std::to_string(jobs_in_flight()) + " jobs still in flight";
        break;
      }
      const int worker = status->source();
      switch (status->tag()) {
        case kReady: {  // a new worker: one job per thread to start with
          WorkerHello hello;
          comm_.recv(worker, kReady, hello);
          describe(worker, hello);
          slots_[worker] = hello.slots;
          total_slots_ += hello.slots;
          summary_.worker(worker).threads = hello.threads;
          for (int thread = 0; thread < hello.threads && hand_out(worker); ++thread) {
          }
          break;
        }
        case kResult: {  // the answers for one job: report them, then top the worker up
          std::vector<PrimeResult> results;
          comm_.recv(worker, kResult, results);
          deliver(results, summary_, reporter_);
          jobs_.observe(results);
          --in_flight_[worker];
          top_up(worker);
          for (int hungry : std::exchange(waiting_for_window_, {})) top_up(hungry);
          break;
        }
        case kDone: {  // the worker has left its loop
          WorkerReport report;
          comm_.recv(worker, kDone, report);
          summary_.worker(worker).busy =
              std::accumulate(report.thread_busy.begin(), report.thread_busy.end(), 0.0);
          ++done;
          break;
        }
        default:
          throw std::runtime_error("coordinator: unexpected message tag " +
                                   std::to_string(status->tag()) + " from rank " +
                                   std::to_string(worker));
      }
    }
    progress_.finish();
    if (jobs_.error() && !stopping_) {
      summary_.complete = false;
      summary_.stop_reason = jobs_.error()->what();
    }
  }

 private:
  // A stop signal: hand out nothing more; idle workers get the sentinel now, busy ones when their
  // result arrives; wait at most the grace period for what is in flight.
  void begin_stop() {
    stopping_ = true;
    deadline_ = now_seconds() + config_.grace;
    summary_.stopped_by(stop_signal());
    for (int worker = 1; worker < comm_.size(); ++worker) {
      if (in_flight_[worker] == 0 && slots_[worker] > 0) hand_out(worker);
    }
    waiting_for_window_.clear();
  }

  int jobs_in_flight() const { return std::accumulate(in_flight_.begin(), in_flight_.end(), 0); }

  // Fill the worker's slots: a job per thread plus one, which hides the round trip to rank 0.
  // Near the end of an input of known size the extra job is not sent: a worker holding the
  // last big numbers while others run dry is the tail that hurts most.
  void top_up(int worker) {
    const auto remaining = jobs_.remaining();
    const bool near_end = remaining && *remaining < static_cast<std::uint64_t>(2 * total_slots_);
    const int target = near_end ? std::max(1, slots_[worker] - 1) : slots_[worker];
    while (in_flight_[worker] < target && hand_out(worker)) {
    }
  }

  // Send the worker its next job and return true. When the input is exhausted, send the
  // sentinel instead (once); messages between two ranks arrive in order, so it follows every
  // job sent. When the output's reorder buffer is full, the worker waits for the window to move.
  bool hand_out(int worker) {
    if (!stopping_) {
      const std::uint64_t limit = reporter_.accept_limit();
      if (auto job = jobs_.next(limit, pool_threads_)) {
        comm_.send(worker, kJob, *job);
        ++in_flight_[worker];
        return true;
      }
      if (jobs_.waiting_for_window(limit)) {
        waiting_for_window_.push_back(worker);
        return false;
      }
    }
    if (!sentinel_sent_[worker]) {
      comm_.send(worker, kSentinel);
      sentinel_sent_[worker] = true;
    }
    return false;
  }

  // Where the worker runs, under --verbose; and always a warning when it has fewer CPUs than
  // threads (mpirun binds ranks to one core by default when ranks <= cores).
  void describe(int worker, const WorkerHello& hello) {
    if (config_.verbose != nullptr) {
      *config_.verbose << "rank " << worker << " on " << hello.host << ": worker, "
                       << hello.threads << (hello.threads == 1 ? " thread" : " threads")
                       << ", CPUs " << hello.binding << "\n" << std::flush;
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
  const PoolConfig& config_;
  RunSummary& summary_;
  Dispatcher jobs_;
  Progress progress_;
  std::vector<bool> sentinel_sent_;
  std::vector<int> in_flight_;  // jobs sent to each worker and not yet answered
  std::vector<int> slots_;      // jobs each worker can hold at once
  int pool_threads_;            // compute threads in all workers
  int total_slots_ = 0;         // jobs all workers can hold
  std::vector<int> waiting_for_window_;  // workers that got no job because of --order input
  bool stopping_ = false;  // a stop signal arrived: no more jobs
  double deadline_ = 0.0;  // when the grace period ends
};

}  // namespace

RunSummary run_coordinator(const boost::mpi::communicator& comm, NumberSource& input,
                           Reporter& reporter, const PoolConfig& config) {
  RunSummary summary;
  summary.ranks = comm.size();
  summary.workers = comm.size() - 1;
  summary.threads = config.threads;
  summary.total = input.size();
  reporter.begin({input.size(), input.max_value(), summary.workers, config.threads});
  const double t0 = now_seconds();
  const double cpu0 = process_cpu_seconds();

  Coordinator(comm, input, reporter, config, summary).run();

  summary.wall = now_seconds() - t0;
  summary.rank0_cpu = process_cpu_seconds() - cpu0;
  reporter.end(summary);
  return summary;
}

}  // namespace primepool
