// Rank 0's role: hand out jobs on demand, collect every PrimeResult, and stop only after every
// worker has answered the sentinel with "done". Waiting is polite: probe, then a short sleep.
#include "primepool/mpi/coordinator.hpp"

#include <algorithm>
#include <boost/mpi/nonblocking.hpp>
#include <iostream>
#include <numeric>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "primepool/check/method.hpp"
#include "primepool/mpi/messages.hpp"
#include "primepool/mpi/polite_wait.hpp"
#include "primepool/mpi/result_block.hpp"
#include "primepool/output/delivery.hpp"
#include "primepool/output/output_file.hpp"
#include "primepool/output/progress.hpp"
#include "primepool/run/scheduling.hpp"
#include "primepool/run/spread.hpp"
#include "primepool/run/stall_watch.hpp"
#include "primepool/run/verify.hpp"
#include "primepool/sys/clock.hpp"
#include "primepool/sys/cpu_time.hpp"
#include "primepool/sys/placement.hpp"

namespace primepool {

namespace {

// A job sent to a worker, kept until its results come back (they carry no numbers).
struct OutJob {
  Job job;
  bool slice = false;  // a slice of the file: its numbers are learnt from the worker
  int worker = 0;      // the rank it went to
};

// A slice's results, held until the slices before it are read (which gives it its indices).
struct HeldSlice {
  Job job;
  ResultBlock results;
  int worker = 0;
};

class Coordinator {
 public:
  Coordinator(const boost::mpi::communicator& comm, BulkSource& input, Reporter& reporter,
              const PoolConfig& config, RunSummary& summary, bool slices)
      : comm_(comm),
        reporter_(reporter),
        config_(config),
        summary_(summary),
        jobs_(input, config.chunk, input.journaled(), slices),
        spread_(
            *config.method, comm.size() - 1, config.threads, [this] { return jobs_.new_id(); },
            input.journaled()),
        progress_(*config.diagnostics, config.progress, input.size()),
        workers_(comm.size()),
        stall_(static_cast<std::size_t>(comm.size()), now_seconds()),
        verify_(config.verify, *config.method, summary),
        pool_threads_((comm.size() - 1) * config.threads) {}

  // Until every worker has said it is done: greet workers, answer results with more work (or
  // the sentinel), count the done. Each tag has a handler of its own below.
  void run() {
    const int workers = comm_.size() - 1;
    if (summary_.writes_ended()) begin_stop();
    while (done_count_ < workers) {
      // Only divisor ranges out (each a second or so): rank 0 polls 50 times a second, not
      // 1000; its wake-ups would take that much from the workers' threads on the same cores.
      const bool only_ranges = ranges_out_ > 0 && ranges_out_ == jobs_in_flight();
      const auto status = wait_for_message(
          comm_, boost::mpi::any_source, [this] { return idle(); },
          std::chrono::microseconds(only_ranges ? 20000 : 1000));
      if (!status) break;  // the grace ran out, or a worker went silent: summary_ says which
      const int worker = status->source();
      stall_.tick(now_seconds());
      stall_.heard(static_cast<std::size_t>(worker), now_seconds());
      switch (status->tag()) {
        case kReady: on_ready(worker); break;
        case kResult: on_result(worker, *status); break;
        case kSliceRead: on_slice_read(worker); break;
        case kHeartbeat: comm_.recv(worker, kHeartbeat); break;  // a busy worker is still there
        case kDone: on_done(worker); break;
        default:
          throw std::runtime_error("coordinator: unexpected message tag " +
                                   std::to_string(status->tag()) + " from rank " +
                                   std::to_string(worker));
      }
    }
    progress_.finish();
    if (done_count_ == workers) boost::mpi::wait_all(sending_.begin(), sending_.end());
    verify_.drop(summary_);  // (a stop: what was sampled and not yet checked again)
    settle();
  }

 private:
  // A new worker: one job per thread to start with.
  void on_ready(int worker) {
    WorkerHello hello;
    comm_.recv(worker, kReady, hello);
    describe(worker, hello);
    verify_.host(worker, hello.host);
    workers_[worker].slots = hello.slots;
    total_slots_ += hello.slots;
    summary_.worker(worker).threads = hello.threads;
    summary_.worker(worker).joined = now_seconds() - started_;
    for (int thread = 0; thread < hello.threads && hand_out(worker); ++thread) {
    }
  }

  // The answers for one job (a compact block of bytes): report them, then top the worker up.
  void on_result(int worker, const boost::mpi::status& status) {
    std::vector<char> block(static_cast<std::size_t>(status.count<char>().value_or(0)));
    comm_.recv(worker, kResult, block.data(), static_cast<int>(block.size()));
    --workers_[worker].in_flight;
    OutJob out = job_of(worker, block);
    ResultBlock results = decode_results(block.data(), block.size(), out.job, worker);
    if (out.job.verify) {  // verdicts checked again: compared, never reported
      verify_.answer(out.job, results.rows, worker, summary_);
    } else if (out.job.divisor_range()) {
      --ranges_out_;
      on_range_result(worker, out.job, results);
    } else if (out.slice) {
      const std::uint64_t id = out.job.id;
      if (jobs_.slices()->checked(id)) {
        held_.emplace(id, HeldSlice{std::move(out.job), std::move(results), worker});
      }
      take_slices();
    } else {
      take(results, out.job, worker);
    }
    top_up(worker);
    feed_hungry();
  }

  // A divisor range of a spread number is back: a divisor decides the number at once (the
  // ranges still out are cancelled), no divisor in its last range makes it prime.
  void on_range_result(int worker, const Job& range, const ResultBlock& results) {
    std::vector<std::uint64_t> cancel;
    std::optional<SearchedRange> searched;
    const auto decided = spread_.answer(range, results.totals.primes == 1, results.totals.busy,
                                        worker, cancel, searched);
    for (std::uint64_t id : cancel) {
      const auto out = out_.find(id);
      if (out != out_.end()) comm_.send(out->second.worker, kCancel, id);  // a few bytes
    }
    if (searched && !summary_.writes_ended()) {  // journaled: a resumed run skips it
      try {
        reporter_.searched(*searched);
      } catch (const std::exception& e) {
        record_failure(summary_, e);
        if (!stopping_) begin_stop();
      }
    }
    if (!decided) return;
    ResultBlock block;
    block.totals = decided->totals;
    if (carries(config_.detail, decided->row)) block.rows.push_back(decided->row);
    take(block, decided->job, worker);
  }

  // A worker has read a slice of the file: its numbers are now known (kept for the results when
  // the detail needs them), and a slice without numbers is done already.
  void on_slice_read(int worker) {
    SliceReport report;
    comm_.recv(worker, kSliceRead, report);
    const auto out = out_.find(report.job_id);
    if (out == out_.end() || !out->second.slice || out->second.job.slice() == nullptr ||
        (config_.detail != ResultDetail::kCounts &&
         report.numbers.numbers.size() != report.count)) {
      throw std::runtime_error("coordinator: a slice report from rank " + std::to_string(worker) +
                               " that fits no slice out");
    }
    Job& job = out->second.job;
    // Under --quiet the numbers stay on the worker: the slice is known by its count alone, and
    // no row is ever rebuilt from it.
    if (config_.detail == ResultDetail::kCounts) {
      std::get<FileSlice>(job.numbers).count = report.count;
    } else {
      job.numbers = std::move(report.numbers);
    }
    std::optional<InputError> bad;
    if (report.bad) bad.emplace("", report.bad_line, report.bad_text, report.bad_reason);
    jobs_.slices()->read(report.job_id, report.count, report.lines, std::move(bad));
    if (report.count == 0) {  // no result will follow
      out_.erase(out);
      --workers_[worker].in_flight;
      take_slices();
      top_up(worker);
      feed_hungry();
    }
  }

  // The slices whose turn has come, in file order: their numbers get their input indices.
  void take_slices() {
    FileSlices& slices = *jobs_.slices();
    while (const auto ready = slices.pop()) {
      const auto held = held_.find(ready->id);
      if (ready->count == 0 || held == held_.end()) continue;
      HeldSlice slice = std::move(held->second);
      held_.erase(held);
      slice.job.first_index = ready->first_index;  // its rows were numbered from 0
      slice.results.totals.first_index = ready->first_index;
      for (PrimeResult& row : slice.results.rows) row.index += ready->first_index;
      take(slice.results, slice.job, slice.worker);
    }
    if (slices.error()) held_.clear();  // past the bad line: never reported
  }

  // The block's job is found by its id; its numbers were kept while it was out.
  OutJob job_of(int worker, const std::vector<char>& block) {
    const auto id = block_job_id(block);
    const auto out = id ? out_.find(*id) : out_.end();
    if (out == out_.end()) {
      throw std::runtime_error("coordinator: a result from rank " + std::to_string(worker) +
                               " for a job that is not out" +
                               (id ? " (job " + std::to_string(*id) + ")" : ""));
    }
    OutJob job = std::move(out->second);
    out_.erase(out);
    return job;
  }

  // The worker has left its loop: nothing more will come from it.
  void on_done(int worker) {
    WorkerReport report;
    comm_.recv(worker, kDone, report);
    summary_.worker(worker).busy =
        std::accumulate(report.thread_busy.begin(), report.thread_busy.end(), 0.0);
    workers_[worker].done = true;
    ++done_count_;
  }

  // Between polls: progress, stop signals, input that has become ready, the grace deadline and
  // silent workers. Returning false ends the wait for good.
  bool idle() {
    stall_.tick(now_seconds());
    if (progress_.due()) progress_.update(summary_.checked, spread_.progress_note(now_seconds()));
    release_sent();
    if (stop_reason(config_) != 0 && !stopping_) begin_stop();
    if (!hungry_.empty() && !stopping_ && jobs_.input_ready()) feed_hungry();
    if (!watch_workers()) return false;
    if (stopping_ && now_seconds() > deadline_ && jobs_in_flight() > 0) {
      // Give up what is in flight once the grace runs out.
      summary_.abandon(std::to_string(jobs_in_flight()) + " jobs still in flight");
      return false;
    }
    return true;
  }

  // Report a job's results. A write error (full disk, closed pipe) stops the run: nothing more
  // is handed out or written, and the workers are sent home.
  void take(const ResultBlock& block, const Job& job, int worker) {
    if (summary_.writes_ended()) return;  // not journaled: a resume checks them again
    const JobDone done{&job, block.totals};
    if (!deliver_or_fail(block.rows, done, ResultDetail::kFull, summary_, reporter_)) {
      if (!stopping_) begin_stop();
      return;
    }
    jobs_.observe(block.totals.count, block.totals.busy);
    verify_.claim(job, block.rows, worker);  // its sampled verdicts, to check again
  }

  // A stop signal or a failure: hand out nothing more; idle workers get the sentinel now, busy
  // ones when their result arrives; wait at most the grace period for what is in flight.
  void begin_stop() {
    stopping_ = true;
    deadline_ = now_seconds() + config_.grace;
    if (!summary_.writes_ended()) summary_.stopped_by(stop_reason(config_));
    for (int worker = 1; worker < comm_.size(); ++worker) {
      if (workers_[worker].in_flight == 0 && workers_[worker].slots > 0) hand_out(worker);
    }
    hungry_.clear();
  }

  // After the loop: a stop that came when every number had been handed out and answered still
  // leaves a complete run; bad input ends it early.
  void settle() {
    const bool all_read =
        (jobs_.exhausted() || jobs_.remaining() == std::uint64_t{0}) && !spread_.busy();
    if (summary_.outcome == Outcome::kStopped && all_read && !jobs_.error() &&
        jobs_in_flight() == 0) {
      summary_.signalled_after_all(summary_.stop_signal);
    }
    if (jobs_.error() && !stopping_) summary_.end(Outcome::kBadInput, jobs_.error()->what());
  }

  // A worker that owes something (a job's results, or "done" after the sentinel) and has sent
  // nothing, not even a heartbeat, for --stall-warn seconds is stopped or hung: warn once. After
  // --stall-timeout (which may be the shorter), end the run (resumable). False: give up.
  bool watch_workers() {
    const double now = now_seconds();
    for (int worker = 1; worker < comm_.size(); ++worker) {
      WorkerState& w = workers_[worker];
      const bool owes = w.in_flight > 0 || (w.sentinel_sent && !w.done);
      const double silent = stall_.silent(static_cast<std::size_t>(worker), now);
      if (!owes) continue;
      if (silent >= config_.stall_warn && !w.warned) {
        w.warned = true;
        *config_.diagnostics << "primepool: warning: rank " << worker << " has sent nothing for "
                             << static_cast<int>(silent)
                             << " s while holding work (stopped or hung?)"
                             << (config_.stall_timeout > 0
                                     ? ""
                                     : "; --stall-timeout SECONDS ends the run then")
                             << "\n";
      }
      if (config_.stall_timeout > 0 && silent >= config_.stall_timeout) {
        summary_.silent_rank = worker;
        summary_.abort_needed = true;
        summary_.end(Outcome::kStalled,
                     "rank " + std::to_string(worker) + " sent nothing for " +
                         std::to_string(static_cast<int>(silent)) +
                         " s (--stall-timeout): stopped with its work unfinished");
        return false;
      }
    }
    return true;
  }

  // Jobs go out without blocking: a large one (a list of numbers from a file) travels by
  // rendezvous, and a blocking send would hold rank 0, spinning, until the worker takes it.
  void release_sent() {
    sending_.erase(std::remove_if(sending_.begin(), sending_.end(),
                                  [](boost::mpi::request& r) { return r.test().has_value(); }),
                   sending_.end());
  }

  int jobs_in_flight() const {
    int jobs = 0;
    for (const WorkerState& w : workers_) jobs += w.in_flight;
    return jobs;
  }

  // Fill the worker's slots: a job per thread plus one, which hides the round trip to rank 0.
  // Near the end of an input of known size the extra job is not sent: a worker holding the
  // last big numbers while others run dry is the tail that hurts most.
  void top_up(int worker) {
    // (Not while a spread number has ranges to hand out: a worker holding one range and waiting
    // for the next would poll, and idle between ranges.)
    const auto remaining = jobs_.remaining();
    const bool near_end = !spread_.has_work() && remaining &&
                          *remaining < static_cast<std::uint64_t>(2 * total_slots_);
    const int target = near_end ? std::max(1, workers_[worker].slots - 1) : workers_[worker].slots;
    while (workers_[worker].in_flight < target && hand_out(worker)) {
    }
  }

  // Workers that got no job because the reorder window was full or the input had nothing ready.
  void feed_hungry() {
    for (int worker : std::exchange(hungry_, {})) top_up(worker);
  }

  // Send the worker its next job and return true. When the input is exhausted, send the
  // sentinel instead (once); messages between two ranks arrive in order, so it follows every
  // job sent. When the output's reorder buffer is full or the input has nothing ready yet, the
  // worker waits among the hungry.
  bool hand_out(int worker) {
    if (!stopping_) {
      const std::uint64_t limit = reporter_.accept_limit();
      // --verify: verdicts of other ranks to check again go first, once enough of them wait
      // (or any, once the input is all handed out).
      auto job = verify_.batch(worker, comm_.size() == 2, jobs_.exhausted());
      if (!job) job = next_job(limit);
      if (job) {
        send_job(worker, std::move(*job));
        return true;
      }
      // (--verify: no sentinel while verdicts wait to be checked, or jobs out may add some:
      // another worker must still be there to check them.)
      if (jobs_.waiting_for_window(limit) || !jobs_.exhausted() ||
          (verify_.on() &&
           (verify_.waiting() || jobs_in_flight() > static_cast<int>(verify_.out())))) {
        if (std::find(hungry_.begin(), hungry_.end(), worker) == hungry_.end()) {
          hungry_.push_back(worker);
        }
        return false;
      }
    }
    if (!workers_[worker].sentinel_sent) {
      comm_.send(worker, kSentinel);
      workers_[worker].sentinel_sent = true;
      if (workers_[worker].in_flight == 0) {  // it owes "done" from now
        stall_.owes_from(static_cast<std::size_t>(worker), now_seconds());
      }
    }
    return false;
  }

  // Send `job` without blocking, and keep it until its results come back (they carry no
  // numbers): from now the worker owes an answer.
  void send_job(int worker, Job job) {
    release_sent();
    sending_.push_back(comm_.isend(worker, kJob, job));  // serialized into the request
    const bool slice = job.slice() != nullptr;
    if (job.divisor_range()) ++ranges_out_;
    if (!job.verify) ++summary_.jobs;
    if (workers_[worker].in_flight == 0) {
      stall_.owes_from(static_cast<std::size_t>(worker), now_seconds());
    }
    ++workers_[worker].in_flight;
    out_.emplace(job.id, OutJob{std::move(job), slice, worker});
  }

  // The next job: a spread number's next divisor range, else the input's next job (taken apart
  // around its hard numbers, which are spread: run/spread.hpp).
  std::optional<Job> next_job(std::uint64_t limit) {
    if (auto job = spread_.next()) return job;
    auto job = jobs_.next(limit, pool_threads_);
    if (job && spread_.split(*job)) {
      if (config_.verbose != nullptr) {
        *config_.verbose << "rank 0: spreading divisor searches over " << comm_.size() - 1
                         << " workers (" << spread_.spread_count() << " numbers so far; "
                         << spread_.journaled_candidates()
                         << " candidates searched before, by the journal)\n"
                         << std::flush;
      }
      return spread_.next();
    }
    return job;
  }

  // Where the worker runs, under --verbose; and always a warning when it has fewer CPUs than
  // threads (mpirun binds ranks to one core by default when ranks <= cores).
  void describe(int worker, const WorkerHello& hello) {
    if (config_.verbose != nullptr) {
      *config_.verbose << "rank " << worker << " on " << hello.host << ": worker, " << hello.threads
                       << (hello.threads == 1 ? " thread" : " threads") << ", CPUs "
                       << hello.binding << "\n"
                       << std::flush;
    }
    if (hello.threads > hello.cpus)
      warn_few_cpus(*config_.diagnostics, worker, hello.host, hello.threads, hello.cpus);
  }

  const boost::mpi::communicator& comm_;
  Reporter& reporter_;
  const PoolConfig& config_;
  RunSummary& summary_;
  Dispatcher jobs_;
  Spreader spread_;     // hard numbers, their divisor ranges out on every worker
  int ranges_out_ = 0;  // divisor-range jobs out
  Progress progress_;
  // What rank 0 knows of one worker (index = rank; rank 0's entry is unused).
  struct WorkerState {
    int slots = 0;               // jobs it can hold at once (0 until its greeting)
    int in_flight = 0;           // jobs sent to it and not yet answered
    bool sentinel_sent = false;  // it has the poison pill
    bool warned = false;         // a stall warning was printed for it
    bool done = false;           // it has said it is done
  };
  std::vector<WorkerState> workers_;
  std::vector<boost::mpi::request> sending_;  // jobs sent, until their sends complete
  StallWatch stall_;                          // each worker's silence (--stall-warn/-timeout)
  Verifier verify_;                           // --verify: sampled verdicts, checked again
  const double started_ = now_seconds();
  int done_count_ = 0;                                 // workers that have said they are done
  std::unordered_map<std::uint64_t, OutJob> out_;      // jobs out, by id
  std::unordered_map<std::uint64_t, HeldSlice> held_;  // checked slices waiting for their turn
  int pool_threads_;                                   // compute threads in all workers
  int total_slots_ = 0;                                // jobs all workers can hold
  std::vector<int> hungry_;  // workers waiting for the window or for input
  bool stopping_ = false;    // a stop signal or a failure: no more jobs
  double deadline_ = 0.0;    // when the grace period ends
};

}  // namespace

RunSummary run_coordinator(const boost::mpi::communicator& comm, BulkSource& input,
                           Reporter& reporter, const PoolConfig& config, bool slices) {
  RunSummary summary;
  summary.ranks = comm.size();
  summary.workers = comm.size() - 1;
  summary.threads = config.threads;
  summary.total = input.size();
  summary.probable_above_64 = probable_above_64(*config.method);
  try {
    reporter.begin({input.size(), input.max_value(), summary.workers, config.threads,
                    summary.probable_above_64});
  } catch (const std::exception& e) {  // the run still sends every worker home
    record_failure(summary, e);
  }
  const double t0 = now_seconds();
  const double cpu0 = process_cpu_seconds();

  Coordinator(comm, input, reporter, config, summary, slices).run();

  summary.wall = now_seconds() - t0;
  summary.rank0_cpu = process_cpu_seconds() - cpu0;
  end_or_fail(summary, reporter);
  return summary;
}

}  // namespace primepool
