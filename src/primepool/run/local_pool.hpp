// Threads inside one rank: T OpenMP compute threads take numbers from a local queue, and a big
// number's divisor range is split among them. The owner thread (MPI's) feeds jobs, takes results.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "primepool/check/method.hpp"
#include "primepool/check/split_check.hpp"
#include "primepool/input/job.hpp"
#include "primepool/result.hpp"

namespace primepool {

// A finished job: its totals, its results and the job as submitted (for the journal).
// `results` holds every number's result (results[i] is input number totals.first_index + i), or
// with `reduced` only the rows the pool's detail carries (a sieved job's; none under kCounts).
struct FinishedJob {
  JobTotals totals;
  std::vector<PrimeResult> results;
  Job job;
  bool reduced = false;
};

class LocalPool {
 public:
  // threads: compute threads; worker: the rank, recorded in every PrimeResult; detail: what a
  // job keeps: under kCounts only its totals; otherwise every number's result (a sieved job:
  // the rows the detail carries; other jobs: all of them, and the caller reduces them).
  LocalPool(int threads, const Method& method, int worker,
            ResultDetail detail = ResultDetail::kFull);

  // Start the team: `owner` runs on the calling (MPI) thread, the compute threads alongside it,
  // until `owner` returns and every submitted number is done. Exceptions from `owner` propagate.
  void run(const std::function<void()>& owner);

  // Owner thread: queue a job's numbers (a list's are moved in, not copied; they come back in
  // its FinishedJob).
  void submit(Job job);
  // Owner thread: move out every finished job.
  std::vector<FinishedJob> take_finished_jobs();
  // Jobs submitted whose results have not been taken yet.
  std::size_t unfinished_jobs() const;
  // Owner thread: drop every queued task (a stop whose grace ran out); checks already running
  // still finish.
  void abandon_queued();
  // Owner thread: end divisor-range job `job_id` early (its number is decided): its search
  // stops, and it finishes with a verdict nobody uses. Unknown or finished jobs are ignored.
  void cancel(std::uint64_t job_id);
  // Owner thread: sleep until a job finishes or `timeout` passes.
  void wait_for_results(std::chrono::microseconds timeout);
  int threads() const { return threads_; }
  // Seconds each compute thread spent checking. Complete once run() has returned.
  const std::vector<double>& thread_busy() const { return busy_; }

  // A number is split among threads when, after a short sequential scan of its smallest
  // divisors (which settles every number with a small factor), more than this many candidates
  // remain. Below it, splitting costs more than it saves.
  static constexpr std::uint64_t kScanCandidates = 1u << 16;
  static constexpr std::uint64_t kSplitCandidates = 1u << 19;

 private:
  struct JobState {
    Job job;  // a progression as it came; a list job's numbers move back here when it is taken
    std::vector<Number> numbers;  // every number of the job, listed
    std::vector<BigEntry> big;    // a list job's numbers of 2^128 and more (their slots hold 0)
    std::size_t left = 0;         // numbers not yet finished
    std::vector<PrimeResult> results;
    bool whole = false;  // a progression for a progression test (the sieve): one task, reduced
    std::atomic<bool> cancelled{false};  // a divisor-range job cancelled (cancel())
    std::shared_ptr<SplitCheck> split;   // a divisor-range job's pieces, once split (locked)
    std::uint64_t primes = 0;            // the totals of the numbers finished so far
    std::uint64_t wide_primes = 0;       // (of the primes, those of 2^64 and more)
    double busy = 0.0;
  };
  struct Tally {  // what a thread settled of a job since it last reported
    std::size_t done = 0;
    std::uint64_t primes = 0, wide_primes = 0;
    double busy = 0.0;
    void add(bool prime, double elapsed, bool wide) {
      ++done;
      primes += prime ? 1 : 0;
      wide_primes += prime && wide ? 1 : 0;
      busy += elapsed;
    }
  };
  struct Task {  // numbers begin..end-1 of a job, or one piece of a split number
    std::shared_ptr<JobState> job;
    std::size_t begin = 0, end = 0;
    std::shared_ptr<SplitCheck> split;  // set for pieces: begin is then the number's slot
    int piece = 0;
    std::uint64_t t0 = 0;  // tick when the split number's check began
    int first_thread = 0;
  };

  void compute(int thread);
  // `tally` counts the numbers settled here (a split number is settled by its pieces).
  std::uint64_t check_number(const std::shared_ptr<JobState>& job, std::size_t slot,
                             std::uint64_t t0, int thread, bool last_of_span, Tally& tally);
  // A divisor-range job's number: its range only, split among the threads when large.
  std::uint64_t search_range(const std::shared_ptr<JobState>& job, std::size_t slot,
                             std::uint64_t t0, int thread, Tally& tally);
  // Queue `split`'s pieces at the front, for every thread to take.
  void queue_pieces(const std::shared_ptr<JobState>& job, std::size_t slot,
                    const std::shared_ptr<SplitCheck>& split, std::uint64_t t0, int thread);
  std::uint64_t finish(JobState& job, std::size_t slot, std::uint64_t t0, int thread, bool prime,
                       Tally& tally);
  // A number of 2^128 or more, checked whole on this thread.
  std::uint64_t check_big_number(const std::shared_ptr<JobState>& job, std::size_t slot,
                                 const std::string& digits, std::uint64_t t0, int thread,
                                 bool last_of_span, Tally& tally);
  void run_piece(const Task& task);
  void submit_whole(const std::shared_ptr<JobState>& state);
  // A progression judged at once by the method's progression test (the sieve), on this thread.
  void judge_progression(JobState& job, int thread);
  // A number's result, written without a lock (each slot has one writer)...
  void record(JobState& job, std::size_t slot, bool prime, double elapsed, int thread);
  // ... and a tally of recorded numbers of `job` counted as done, under the lock: the job goes
  // to the owner when its last number is done.
  void complete(const std::shared_ptr<JobState>& job, const Tally& tally);
  // Whether the job's number in `slot` is 2^64 or more.
  static bool wide(const JobState& job, std::size_t slot) {
    const Number n = job.numbers[slot];
    return is_wide(n) || (n == 0 && !job.big.empty() && find_big(job.big, slot) != nullptr);
  }

  const int threads_;
  const Method& method_;
  const Method& verifier_;  // a verification job's method (--verify)
  const int worker_;
  const ResultDetail detail_;

  mutable std::mutex mutex_;
  std::condition_variable work_ready_;     // compute threads wait here
  std::condition_variable results_ready_;  // the owner waits here
  std::deque<Task> queue_;
  std::vector<std::shared_ptr<JobState>> finished_;
  std::vector<std::weak_ptr<JobState>> ranges_;  // divisor-range jobs submitted (for cancel())
  std::size_t unfinished_ = 0;
  std::vector<double> busy_;  // per compute thread; each written by its thread as it leaves
  bool closing_ = false;      // the owner has returned: leave when the queue is empty
  std::atomic<bool> abandoned_{false};  // abandon_queued(): a big number's divisor search stops
};

}  // namespace primepool
