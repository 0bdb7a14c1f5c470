// Threads inside one rank: an OpenMP team whose thread 0 is the owner (the only one that calls
// MPI: MPI_THREAD_FUNNELED) and whose other threads check numbers from a shared local queue.
#include "local_pool.hpp"

#include <omp.h>

#include <exception>
#include <stdexcept>
#include <string>

#include "check.hpp"

namespace primepool {

LocalPool::LocalPool(int threads, const Method& method, int worker)
    : threads_(threads < 1 ? 1 : threads), method_(method), worker_(worker) {}

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

void LocalPool::submit(const Job& job) {
  auto state = std::make_shared<JobState>();
  state->first_index = job.first_index;
  state->left = job.numbers.size();
  state->results.resize(job.numbers.size());
  {
    std::lock_guard<std::mutex> lock(mutex_);
    ++unfinished_;
    if (job.numbers.empty()) finished_.push_back(state);
    for (std::size_t i = 0; i < job.numbers.size(); ++i) {
      Task task;
      task.job = state;
      task.n = job.numbers[i];
      task.slot = i;
      queue_.push_back(std::move(task));
    }
  }
  work_ready_.notify_all();
  if (job.numbers.empty()) results_ready_.notify_all();
}

std::vector<std::vector<PrimeResult>> LocalPool::take_finished_jobs() {
  std::vector<std::shared_ptr<JobState>> done;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    done.swap(finished_);
    unfinished_ -= done.size();
  }
  std::vector<std::vector<PrimeResult>> out;
  out.reserve(done.size());
  for (auto& job : done) out.push_back(std::move(job->results));
  return out;
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
  for (;;) {
    Task task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_ready_.wait(lock, [this] { return !queue_.empty() || closing_; });
      if (queue_.empty()) return;  // closing and nothing left
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    if (task.split) {
      run_piece(task);
    } else {
      check_whole(task, thread);
    }
  }
}

// A whole number: methods without a divisor search (or a team of one) just run their test.
// Divisor searches first scan the smallest candidates here; if the rest of the range is large,
// it is cut into pieces that go to the front of the queue for every thread to take.
void LocalPool::check_whole(const Task& task, int thread) {
  const double t0 = now_seconds();
  // Each verdict is computed before the clock is read again: in a call like
  // finish(test(n), now() - t0) the arguments may be evaluated in either order.
  auto finish_now = [&](bool prime) { finish(task, prime, now_seconds() - t0, thread); };
  if (method_.search == nullptr || threads_ == 1) {
    const bool prime = method_.test(task.n);
    finish_now(prime);
    return;
  }
  const Screen screen = method_.screen(task.n);
  if (screen != Screen::kSearch) {
    finish_now(screen == Screen::kPrime);
    return;
  }
  const std::uint64_t root = isqrt(task.n);
  const std::uint64_t first = method_.first_divisor;
  const std::uint64_t scan_end = first + 2 * kScanCandidates;  // odd, like first
  if (root < scan_end + 2 * kSplitCandidates) {
    const bool prime = method_.search(task.n, first, root, nullptr) == 0;
    finish_now(prime);
    return;
  }
  if (method_.search(task.n, first, scan_end - 2, nullptr) != 0) {
    finish_now(false);
    return;
  }
  // Four pieces a thread: threads busy with other numbers join late without leaving a tail.
  const int pieces = 4 * threads_;
  auto split = std::make_shared<SplitCheck>(method_, task.n, scan_end, root, pieces);
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (int i = pieces - 1; i >= 0; --i) {
      Task piece = task;
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
    finish(task, prime, now_seconds() - task.t0, task.first_thread);
  }
}

void LocalPool::finish(const Task& task, bool prime, double elapsed, int thread) {
  PrimeResult& r = task.job->results[task.slot];  // each slot is written by one thread only
  r.n = task.n;
  r.prime = prime;
  r.elapsed = elapsed;
  r.worker = worker_;
  r.thread = thread - 1;  // compute threads are numbered from 0; team thread 0 is the owner
  r.index = task.job->first_index + task.slot;
  bool job_done = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (--task.job->left == 0) {
      finished_.push_back(task.job);
      job_done = true;
    }
  }
  if (job_done) results_ready_.notify_all();
}

}  // namespace primepool
