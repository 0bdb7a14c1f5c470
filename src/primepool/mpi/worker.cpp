// A worker rank's role: the loop that takes jobs until the sentinel tag arrives.
// Like the reference's worker(): get a job, check it, put the results; the poison pill ends it.
#include "primepool/mpi/worker.hpp"

#include <algorithm>
#include <boost/mpi/nonblocking.hpp>
#include <deque>
#include <stdexcept>
#include <string>
#include <vector>

#include "primepool/input/slice_reader.hpp"
#include "primepool/mpi/messages.hpp"
#include "primepool/mpi/polite_wait.hpp"
#include "primepool/mpi/result_block.hpp"
#include "primepool/run/local_pool.hpp"
#include "primepool/sys/clock.hpp"
#include "primepool/sys/placement.hpp"

namespace primepool {

namespace {

constexpr int kCoordinator = 0;
constexpr double kHeartbeatSeconds = 1.0;

// The greeting: how many jobs this rank can hold at once, and where it runs.
WorkerHello hello_of(const LocalPool& pool, const PoolConfig& config, bool reads_file) {
  WorkerHello hello;
  // A slice of the file is read by this thread after it arrives: one more job held hides that.
  hello.slots = pool.threads() + config.prefetch + (reads_file ? 1 : 0);
  hello.threads = pool.threads();
  hello.cpus = cpu_count();
  hello.host = host_name();
  hello.binding = cpu_binding() + " (" + omp_binding_env() + ")";
  return hello;
}

// Results go out with non-blocking sends: a large result and a large job crossing each other
// would otherwise leave both ranks in a blocking send, each waiting for the other's receive.
// Each block is kept until its send completes.
class Outbox {
 public:
  explicit Outbox(const boost::mpi::communicator& comm) : comm_(comm) {}
  void send(const FinishedJob& done, ResultDetail detail) {
    blocks_.push_back(encode_block(done.job.id, done.totals, done.results, done.reduced, detail));
    sending_.push_back(comm_.isend(kCoordinator, kResult, blocks_.back().data(),
                                   static_cast<int>(blocks_.back().size())));
  }
  void send(const SliceReport& report) {
    sending_.push_back(comm_.isend(kCoordinator, kSliceRead, report));  // serialized into it
    blocks_.emplace_back();
  }
  void release_sent() {  // sends to one peer complete in order
    while (!sending_.empty() && sending_.front().test()) {
      sending_.erase(sending_.begin());
      blocks_.pop_front();
    }
  }
  void wait_all() { boost::mpi::wait_all(sending_.begin(), sending_.end()); }

 private:
  const boost::mpi::communicator& comm_;
  std::vector<boost::mpi::request> sending_;
  std::deque<std::vector<char>> blocks_;
};

// A slice job: read the lines that start in its bytes of the file, tell rank 0 what they held
// (before any result for them), and return them as the job to check (numbered from 0: rank 0
// gives the slice its place in the input).
Job read_slice(const Job& job, SliceReader* reader, Outbox& outbox, ResultDetail detail) {
  if (reader == nullptr) throw std::runtime_error("worker: a slice job, but no file is open");
  const FileSlice& slice = *job.slice();
  SliceRead read = reader->read(slice.offset, slice.bytes);
  SliceReport report;
  report.job_id = job.id;
  report.count = read.numbers.numbers.size();
  report.lines = read.lines;
  if (read.error) {
    report.bad = true;
    report.bad_line = read.error->line();
    report.bad_text = read.error->text();
    report.bad_reason = read.error->reason();
  }
  if (detail != ResultDetail::kCounts) report.numbers = read.numbers;
  outbox.send(report);
  Job numbers;
  numbers.id = job.id;
  numbers.numbers = std::move(read.numbers);
  return numbers;
}

// The loop, on the rank's MPI thread. The rank's compute threads check what it submits; it
// forwards each finished job's results, and after the sentinel it waits for the last of them.
// Then run_worker answers "done" with the threads' busy time.
void worker_loop(const boost::mpi::communicator& comm, LocalPool& pool, const PoolConfig& config,
                 SliceReader* file) {
  const WorkerHello hello = hello_of(pool, config, file != nullptr);
  comm.send(kCoordinator, kReady, hello);
  // The coordinator sends only in answer to a Ready or a result, and never more than `slots`
  // jobs in all: while the rank holds that many, or has the sentinel, nothing can arrive, and
  // the loop sleeps until a job finishes instead of probing.
  const std::size_t slots = static_cast<std::size_t>(hello.slots);
  bool sentinel = false;
  Backoff backoff;
  Outbox outbox(comm);
  double last_sent = now_seconds();
  for (;;) {
    for (const FinishedJob& done : pool.take_finished_jobs()) {
      // A verification job's every verdict goes back, whatever the run's detail.
      outbox.send(done, done.job.verify ? ResultDetail::kFull : config.detail);
      last_sent = now_seconds();
      backoff.reset();
    }
    // A long check sends nothing for a while: a heartbeat tells the coordinator that this rank
    // is alive (a stopped or hung rank sends none, and is reported).
    if (pool.unfinished_jobs() > 0 && now_seconds() - last_sent >= kHeartbeatSeconds) {
      comm.send(kCoordinator, kHeartbeat);
      last_sent = now_seconds();
    }
    outbox.release_sent();
    if (sentinel && pool.unfinished_jobs() == 0) {  // the poison pill, and nothing held
      outbox.wait_all();
      return;
    }

    if (auto status = comm.iprobe(kCoordinator, boost::mpi::any_tag)) {
      if (status->tag() == kJob) {
        Job job;
        comm.recv(kCoordinator, kJob, job);
        const bool slice = job.slice() != nullptr;
        if (slice) job = read_slice(job, file, outbox, config.detail);
        if (!slice || job.size() > 0) pool.submit(std::move(job));  // an empty slice owes nothing
      } else if (status->tag() == kCancel) {  // a spread number is decided: drop its range
        std::uint64_t job_id = 0;
        comm.recv(kCoordinator, kCancel, job_id);
        pool.cancel(job_id);
      } else if (status->tag() == kSentinel) {
        comm.recv(kCoordinator, kSentinel);
        sentinel = true;
      } else {
        throw std::runtime_error("worker: unexpected message tag " + std::to_string(status->tag()));
      }
      backoff.reset();
      continue;
    }
    // Poll with a growing sleep: a job rank 0 sends is taken at once, so that a large one
    // (sent by rendezvous) never holds rank 0 in its send.
    const bool nothing_can_arrive = sentinel || pool.unfinished_jobs() >= slots;
    pool.wait_for_results(nothing_can_arrive ? std::chrono::microseconds(100000)
                                             : backoff.next_delay());  // woken when a job ends
  }
}

}  // namespace

void run_worker(const boost::mpi::communicator& comm, const PoolConfig& config, SliceReader* file) {
  LocalPool pool(config.threads, *config.method, comm.rank(), config.detail);
  pool.run(
      [&] { worker_loop(comm, pool, config, file); });  // until the sentinel and the last result
  comm.send(kCoordinator, kDone, WorkerReport{pool.thread_busy()});  // I have left my loop
}

}  // namespace primepool
