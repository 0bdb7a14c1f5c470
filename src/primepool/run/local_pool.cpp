// Threads inside one rank: an OpenMP team whose thread 0 is the owner (the only one that calls
// MPI: MPI_THREAD_FUNNELED) and whose other threads check numbers from a shared local queue.
#include "primepool/run/local_pool.hpp"

#include <omp.h>

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <string>

#include "primepool/check/bpsw128.hpp"
#include "primepool/sys/clock.hpp"
#include "primepool/sys/cpu_time.hpp"

namespace primepool {

LocalPool::LocalPool(int threads, const Method& method, int worker, ResultDetail detail)
    : threads_(threads < 1 ? 1 : threads),
      method_(method),
      verifier_(verifier(method)),
      worker_(worker),
      detail_(detail),
      busy_(threads_, 0.0) {}

void LocalPool::run(const std::function<void()>& owner) {
  std::exception_ptr error;
  omp_set_dynamic(0);
#pragma omp parallel num_threads(threads_ + 1)
  {
    const int thread = omp_get_thread_num();
    if (thread == 0) {
      try {
        if (omp_get_num_threads() != threads_ + 1) {
          throw std::runtime_error("OpenMP started " + std::to_string(omp_get_num_threads()) +
                                   " threads, " + std::to_string(threads_ + 1) +
                                   " are needed (--threads " + std::to_string(threads_) +
                                   " plus one for MPI); check OMP_THREAD_LIMIT");
        }
        owner();
      } catch (...) {
        error = std::current_exception();
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        closing_ = true;
        if (error) queue_.clear();  // nobody will take the results: stop at once
      }
      work_ready_.notify_all();
    } else {
      compute(thread);
    }
  }
  if (error) std::rethrow_exception(error);
}

void LocalPool::submit(Job job) {
  auto state = std::make_shared<JobState>();
  state->job.id = job.id;
  state->job.first_index = job.first_index;
  state->job.search_lo = job.search_lo;
  state->job.search_hi = job.search_hi;
  state->job.verify = job.verify;
  const std::size_t count = static_cast<std::size_t>(job.size());
  if (const Progression* run = job.progression()) {
    state->job = job;
    if (method_.progression_test != nullptr) return submit_whole(state);
    state->numbers.resize(count);  // list the progression's numbers here
    for (std::size_t i = 0; i < count; ++i) state->numbers[i] = run->at(i);
  } else {
    NumberList& list = std::get<NumberList>(job.numbers);
    state->numbers = std::move(list.numbers);
    state->big = std::move(list.big);
  }
  state->left = count;
  if (detail_ != ResultDetail::kCounts || job.verify) state->results.resize(count);
  // One span a thread: a job carries a few milliseconds of work, and spans keep the queue's
  // lock off the per-number path.
  const std::size_t span = (count + threads_ - 1) / static_cast<std::size_t>(threads_);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++unfinished_;
    if (job.divisor_range()) {  // (finished ones dropped: the list stays as long as those out)
      ranges_.erase(std::remove_if(ranges_.begin(), ranges_.end(),
                                   [](const std::weak_ptr<JobState>& r) { return r.expired(); }),
                    ranges_.end());
      ranges_.push_back(state);
    }
    if (count == 0) finished_.push_back(state);
    for (std::size_t begin = 0; begin < count; begin += span) {
      Task task;
      task.job = state;
      task.begin = begin;
      task.end = std::min(count, begin + span);
      queue_.push_back(std::move(task));
    }
  }
  work_ready_.notify_all();
  if (count == 0) results_ready_.notify_all();
}

// A progression judged whole is one task: the sieve's set-up is paid once a job, not once a
// thread.
void LocalPool::submit_whole(const std::shared_ptr<JobState>& state) {
  state->whole = true;
  state->left = static_cast<std::size_t>(state->job.size());
  Task task;
  task.job = state;
  task.end = state->left;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++unfinished_;
    queue_.push_back(std::move(task));
  }
  work_ready_.notify_one();
}

std::vector<FinishedJob> LocalPool::take_finished_jobs() {
  std::vector<std::shared_ptr<JobState>> done;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done.swap(finished_);
    unfinished_ -= done.size();
  }
  std::vector<FinishedJob> out;
  out.reserve(done.size());
  for (auto& job : done) {
    if (!job->job.progression()) {
      job->job.numbers = NumberList{std::move(job->numbers), std::move(job->big)};
    }
    FinishedJob f;
    f.totals = {job->job.first_index, job->job.size(), job->primes, job->busy, worker_,
                job->wide_primes};
    f.results = std::move(job->results);
    f.job = std::move(job->job);
    f.reduced = job->whole || (detail_ == ResultDetail::kCounts && !job->job.verify);
    out.push_back(std::move(f));
  }
  return out;
}

void LocalPool::cancel(std::uint64_t job_id) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const std::weak_ptr<JobState>& range : ranges_) {
    const std::shared_ptr<JobState> job = range.lock();
    if (job && job->job.id == job_id) {
      job->cancelled.store(true, std::memory_order_relaxed);
      if (job->split) job->split->stop();
    }
  }
}

void LocalPool::abandon_queued() {
  std::lock_guard<std::mutex> lock(mutex_);
  abandoned_.store(true, std::memory_order_relaxed);
  queue_.clear();
}

std::size_t LocalPool::unfinished_jobs() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return unfinished_;
}

void LocalPool::wait_for_results(std::chrono::microseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  results_ready_.wait_for(lock, timeout, [this] { return !finished_.empty(); });
}

void LocalPool::compute(int thread) {
  double busy = 0.0;
  for (;;) {
    Task task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_ready_.wait(lock, [this] { return !queue_.empty() || closing_; });
      if (queue_.empty()) break;  // closing and nothing left
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    const double t0 = thread_cpu_seconds();
    if (task.job->whole) {
      judge_progression(*task.job, thread);
      Tally whole;  // the test has set the job's primes and busy time itself
      whole.done = task.end;
      complete(task.job, whole);
    } else if (task.split) {
      run_piece(task);
    } else {
      std::uint64_t t = ticks();  // each number's clock starts where the previous one stopped
      Tally tally;                // numbers settled here (not handed to pieces)
      for (std::size_t slot = task.begin; slot < task.end; ++slot) {
        t = check_number(task.job, slot, t, thread, slot + 1 == task.end, tally);
      }
      if (tally.done > 0) complete(task.job, tally);  // one lock a span, not one a number
    }
    busy += thread_cpu_seconds() - t0;
  }
  busy_[thread - 1] = busy;  // read by the owner after the team has joined
}

// One number, from tick t0; returns the tick it was done with (or handed to pieces).
// Methods without a divisor search (or a team of one) just run their test. Divisor searches
// first scan the smallest candidates here; if the rest of the range is large, it is cut into
// pieces that go to the front of the queue for every thread to take.
std::uint64_t LocalPool::check_number(const std::shared_ptr<JobState>& job, std::size_t slot,
                                      std::uint64_t t0, int thread, bool last_of_span,
                                      Tally& tally) {
  const Number n = job->numbers[slot];
  if (n == 0 && !job->big.empty()) {
    if (const std::string* digits = find_big(job->big, slot)) {
      return check_big_number(job, slot, *digits, t0, thread, last_of_span, tally);
    }
  }
  if (job->job.divisor_range()) return search_range(job, slot, t0, thread, tally);
  // Each verdict is computed before the clock is read again (finish() reads it): in a call
  // like finish(test(n), now() - t0) the arguments may be evaluated in either order.
  if (job->job.verify || method_.search == nullptr || threads_ == 1) {
    const bool prime = check(job->job.verify ? verifier_ : method_, n, last_of_span);
    return finish(*job, slot, t0, thread, prime, tally);
  }
  const Screen screen = method_.screen(n);
  if (screen != Screen::kSearch)
    return finish(*job, slot, t0, thread, screen == Screen::kPrime, tally);
  const std::uint64_t root = isqrt128(n);
  const std::uint64_t first = method_.first_divisor;
  const std::uint64_t scan_end = first + 2 * kScanCandidates;  // odd, like first
  if (root < scan_end + 2 * kSplitCandidates) {
    const bool prime = method_.search(n, first, root, nullptr) == 0;
    return finish(*job, slot, t0, thread, prime, tally);
  }
  if (method_.search(n, first, scan_end - 2, nullptr) != 0) {
    return finish(*job, slot, t0, thread, false, tally);
  }
  // Four pieces a thread: threads busy with other numbers join late without leaving a tail.
  queue_pieces(job, slot, std::make_shared<SplitCheck>(method_, n, scan_end, root, 4 * threads_),
               t0, thread);
  return ticks();
}

std::uint64_t LocalPool::check_big_number(const std::shared_ptr<JobState>& job, std::size_t slot,
                                          const std::string& digits, std::uint64_t t0, int thread,
                                          bool last_of_span, Tally& tally) {
  const std::optional<bool> prime =
      check_big(job->job.verify ? verifier_ : method_, digits, last_of_span,
                [this] { return abandoned_.load(std::memory_order_relaxed); });
  if (!prime) return ticks();  // abandoned: the job is never finished, and nobody waits for it
  return finish(*job, slot, t0, thread, *prime, tally);
}

// The range of a divisor-range job: "prime" means no divisor in it. A cancelled job's search
// stops at its next look at the flag.
std::uint64_t LocalPool::search_range(const std::shared_ptr<JobState>& job, std::size_t slot,
                                      std::uint64_t t0, int thread, Tally& tally) {
  const Number n = job->numbers[slot];
  const std::uint64_t lo = job->job.search_lo, hi = job->job.search_hi;
  if (threads_ == 1 || hi - lo < 4 * kSplitCandidates) {
    const bool none = method_.search(n, lo, hi, &job->cancelled) == 0;
    return finish(*job, slot, t0, thread, none, tally);
  }
  auto split = std::make_shared<SplitCheck>(method_, n, lo, hi, 4 * threads_);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    job->split = split;
    if (job->cancelled.load(std::memory_order_relaxed)) split->stop();
  }
  queue_pieces(job, slot, split, t0, thread);
  return ticks();
}

std::uint64_t LocalPool::finish(JobState& job, std::size_t slot, std::uint64_t t0, int thread,
                                bool prime, Tally& tally) {
  const std::uint64_t t = ticks();
  const double elapsed = ticks_to_seconds(t - t0);
  record(job, slot, prime, elapsed, thread);
  tally.add(prime, elapsed, wide(job, slot));
  return t;
}

void LocalPool::queue_pieces(const std::shared_ptr<JobState>& job, std::size_t slot,
                             const std::shared_ptr<SplitCheck>& split, std::uint64_t t0,
                             int thread) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (int i = split->pieces() - 1; i >= 0; --i) {
      Task piece;
      piece.job = job;
      piece.begin = slot;
      piece.split = split;
      piece.piece = i;
      piece.t0 = t0;
      piece.first_thread = thread;
      queue_.push_front(std::move(piece));
    }
  }
  work_ready_.notify_all();
}

void LocalPool::run_piece(const Task& task) {
  if (task.split->run_piece(task.piece)) {
    const bool prime = task.split->no_divisor();
    const double elapsed = ticks_to_seconds(ticks() - task.t0);
    record(*task.job, task.begin, prime, elapsed, task.first_thread);
    Tally tally;
    tally.add(prime, elapsed, wide(*task.job, task.begin));
    complete(task.job, tally);
  }
}

// Every number's elapsed is the job's time divided by its size. The rows kept are what the
// detail carries: every number's, the primes', or none (the counts say the rest).
void LocalPool::judge_progression(JobState& job, int thread) {
  const Progression& run = *job.job.progression();
  std::vector<std::uint32_t> offsets;
  const bool rows = detail_ != ResultDetail::kCounts;
  const std::uint64_t t0 = ticks();
  // The app refuses the sieve on numbers from 2^64 on (libprimesieve's limit).
  job.primes = method_.progression_test(static_cast<std::uint64_t>(run.start),
                                        static_cast<std::uint64_t>(run.step), run.count,
                                        rows ? &offsets : nullptr);
  job.busy = ticks_to_seconds(ticks() - t0);
  const double each = job.busy / static_cast<double>(run.count);
  const std::uint64_t first = job.job.first_index;
  auto row = [&](std::uint64_t i, bool prime) {
    job.results.push_back({run.at(i), prime, each, worker_, thread - 1, first + i, {}});
  };
  if (detail_ == ResultDetail::kFull) {
    job.results.reserve(run.count);
    std::size_t next = 0;
    for (std::uint64_t i = 0; i < run.count; ++i) {
      const bool prime = next < offsets.size() && offsets[next] == i;
      next += prime ? 1 : 0;
      row(i, prime);
    }
  } else if (detail_ == ResultDetail::kPrimesOnly) {
    for (std::uint32_t i : offsets) row(i, true);
  }
}

void LocalPool::record(JobState& job, std::size_t slot, bool prime, double elapsed, int thread) {
  if (detail_ == ResultDetail::kCounts && !job.job.verify)
    return;                            // the tally is all that goes back
  PrimeResult& r = job.results[slot];  // each slot is written by one thread only
  r.n = job.numbers[slot];
  if (r.n == 0 && !job.big.empty()) {
    if (const std::string* digits = find_big(job.big, slot)) r.big = *digits;
  }
  r.prime = prime;
  r.elapsed = elapsed;
  r.worker = worker_;
  r.thread = thread - 1;  // compute threads are numbered from 0; team thread 0 is the owner
  r.index = job.job.first_index + slot;
}

void LocalPool::complete(const std::shared_ptr<JobState>& job, const Tally& tally) {
  bool job_done = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    job->left -= tally.done;
    job->primes += tally.primes;
    job->wide_primes += tally.wide_primes;
    job->busy += tally.busy;
    if (job->left == 0) {
      finished_.push_back(job);
      job_done = true;
    }
  }
  if (job_done) results_ready_.notify_all();
}

}  // namespace primepool
