// Threads inside one rank, without MPI: LocalPool with 1, 2 and 4 threads returns every number of
// every job exactly once with the right verdict, splitting big numbers. Also run under TSan.
#include <gtest/gtest.h>
#include <map>
#include <vector>

#include "primepool/input.hpp"
#include "primepool/run/local_pool.hpp"

using namespace primepool;

namespace {

// A job of these numbers from input index `first`.
Job list_job(std::uint64_t first, std::vector<Number> numbers = {}) {
  Job job;
  job.first_index = first;
  job.numbers = NumberList{std::move(numbers)};
  return job;
}

std::vector<Number>& list_of(Job& job) { return std::get<NumberList>(job.numbers).numbers; }

// Feeds `jobs` to a pool of `threads` threads, `held` jobs at a time, and returns all results.
std::vector<std::vector<PrimeResult>> run_jobs(int threads, const std::vector<Job>& jobs,
                                               std::size_t held) {
  LocalPool pool(threads, trial_method(), 7);
  std::vector<std::vector<PrimeResult>> finished;
  pool.run([&] {
    std::size_t next = 0;
    while (next < jobs.size() || pool.unfinished_jobs() > 0) {
      while (next < jobs.size() && pool.unfinished_jobs() < held) pool.submit(jobs[next++]);
      for (auto& done : pool.take_finished_jobs()) finished.push_back(std::move(done.results));
      pool.wait_for_results(std::chrono::milliseconds(10));
    }
  });
  return finished;
}

void expect_each_once(const std::vector<Job>& jobs,
                      const std::vector<std::vector<PrimeResult>>& finished, int threads) {
  ASSERT_EQ(finished.size(), jobs.size());
  std::map<std::uint64_t, int> seen;  // index -> count
  std::map<std::uint64_t, Number> number_at;
  for (const Job& job : jobs) {
    for (std::size_t i = 0; i < job.size(); ++i) number_at[job.first_index + i] = job.at(i);
  }
  for (const auto& results : finished) {
    for (const PrimeResult& r : results) {
      ++seen[r.index];
      EXPECT_EQ(r.n, number_at.at(r.index));
      EXPECT_EQ(r.prime, check(trial_method(), r.n)) << to_decimal(r.n);
      EXPECT_EQ(r.worker, 7);
      EXPECT_GE(r.thread, 0);
      EXPECT_LT(r.thread, threads);
    }
  }
  EXPECT_EQ(seen.size(), number_at.size());
  for (auto [index, count] : seen) EXPECT_EQ(count, 1) << "index " << index;
}

}  // namespace

class LocalPoolThreads : public testing::TestWithParam<int> {};

TEST_P(LocalPoolThreads, SampleOneNumberPerJob) {
  std::vector<Job> jobs;
  const auto& sample = sample_numbers();
  for (std::size_t i = 0; i < sample.size(); ++i) jobs.push_back(list_job(i, {sample[i]}));
  expect_each_once(jobs, run_jobs(GetParam(), jobs, GetParam() + 1), GetParam());
}

TEST_P(LocalPoolThreads, ManySmallNumbersInChunks) {
  std::vector<Job> jobs;
  std::uint64_t index = 0;
  for (int j = 0; j < 200; ++j) {
    Job job = list_job(index);
    for (int k = 0; k < 1 + j % 37; ++k) list_of(job).push_back(1000000007ull + 2 * index++);
    jobs.push_back(job);
  }
  jobs.push_back(list_job(index));  // an empty job is answered too
  expect_each_once(jobs, run_jobs(GetParam(), jobs, 3), GetParam());
}

TEST_P(LocalPoolThreads, BigNumbersAreSplitAndStillRight) {
  const std::vector<Number> big = {
      99999989ull * 99999989ull,  // only factor is the last candidate
      99999971ull * 99999989ull,
      1000003ull * 4294967291ull,  // factor just past the sequential scan
      131101ull * 4294967291ull,   // factor near the end of the sequential scan
      3333335652092209ull,        9999999999999917ull, 2, 3, 4};
  std::vector<Job> jobs;
  for (std::size_t i = 0; i < big.size(); ++i) jobs.push_back(list_job(i, {big[i]}));
  expect_each_once(jobs, run_jobs(GetParam(), jobs, 2), GetParam());
}

// The elapsed time covers the check itself (it was once taken before the check ran).
TEST_P(LocalPoolThreads, ElapsedTimeCoversTheCheck) {
  const std::vector<Job> jobs = {list_job(0, {18446744073709551557ull}),
                                 list_job(1, {4294967291ull * 4294967291ull})};
  std::size_t count = 0;
  for (const auto& results : run_jobs(GetParam(), jobs, 2)) {
    for (const PrimeResult& r : results) {
      EXPECT_GT(r.elapsed, 0.1) << to_decimal(r.n);  // ~0.7 s of work on one thread
      ++count;
    }
  }
  EXPECT_EQ(count, 2u);
}

INSTANTIATE_TEST_SUITE_P(Threads, LocalPoolThreads, testing::Values(1, 2, 4));

// Under --quiet (kCounts) a job keeps only its totals: no rows, and the same counts, primes and
// (summed) time as the rows would give, split numbers included.
TEST_P(LocalPoolThreads, CountsOnlyKeepsExactTotals) {
  const int threads = GetParam();
  std::vector<Job> jobs;
  std::uint64_t want_primes = 0;
  for (std::uint64_t j = 0; j < 12; ++j) {
    Job job = list_job(j * 500);
    for (std::uint64_t n = 1000000 + j * 500; n < 1000000 + (j + 1) * 500; ++n) {
      list_of(job).push_back(n);
      want_primes += is_prime_trial(n) ? 1 : 0;
    }
    jobs.push_back(job);
  }
  jobs.push_back(list_job(6000, {18446744073709551557ull, 4611686014132420609ull}));  // split, both
  want_primes += 1;
  LocalPool pool(threads, trial_method(), 7, ResultDetail::kCounts);
  std::uint64_t counted = 0, primes = 0;
  double busy = 0.0;
  pool.run([&] {
    std::size_t next = 0;
    while (next < jobs.size() || pool.unfinished_jobs() > 0) {
      while (next < jobs.size() && pool.unfinished_jobs() < 3) pool.submit(jobs[next++]);
      for (auto& done : pool.take_finished_jobs()) {
        EXPECT_TRUE(done.results.empty());
        EXPECT_TRUE(done.reduced);
        EXPECT_EQ(done.totals.count, done.job.size());
        counted += done.totals.count;
        primes += done.totals.primes;
        busy += done.totals.busy;
      }
      pool.wait_for_results(std::chrono::milliseconds(10));
    }
  });
  EXPECT_EQ(counted, 6002u);
  EXPECT_EQ(primes, want_primes);
  EXPECT_GT(busy, 0.0);
}

// Divisor-range jobs (one number spread over the pool, run/spread.hpp): "prime" means no divisor
// in the range; the range is split among the threads when large; a cancelled range ends early.
TEST_P(LocalPoolThreads, DivisorRangeJobsSearchTheirRangeOnly) {
  const int threads = GetParam();
  const Number p = 3221225473ull, q = 22906492243ull;  // primes; p * q is about 2^66
  auto range = [&](std::uint64_t lo, std::uint64_t hi, std::uint64_t id) {
    Job job = list_job(9, {p * q});
    job.id = id;
    job.search_lo = lo;
    job.search_hi = hi;
    return job;
  };
  const std::vector<Job> jobs = {range(3, 1001, 1), range(p - 2000000, p + 2000000, 2),
                                 range(p + 2, p + 40000000, 3), range(p, p, 4)};
  LocalPool pool(threads, trial_method(), 7);
  std::map<std::uint64_t, bool> none;  // job id -> no divisor found
  pool.run([&] {
    for (const Job& job : jobs) pool.submit(job);
    while (pool.unfinished_jobs() > 0) {
      for (auto& done : pool.take_finished_jobs()) {
        ASSERT_EQ(done.results.size(), 1u);
        EXPECT_EQ(done.results[0].index, 9u);
        EXPECT_TRUE(done.job.divisor_range());
        none[done.job.id] = done.results[0].prime;
      }
      pool.wait_for_results(std::chrono::milliseconds(10));
    }
  });
  EXPECT_EQ(none, (std::map<std::uint64_t, bool>{{1, true}, {2, false}, {3, true}, {4, false}}));
}

TEST_P(LocalPoolThreads, ACancelledDivisorRangeEndsEarly) {
  Job job = list_job(0, {(Number{1} << 64) + 13});  // prime: a full range is searched to its end
  job.id = 5;
  job.search_lo = 3;
  job.search_hi = 4294967295ull;  // the whole search, about 8 s on one thread
  LocalPool pool(GetParam(), trial_method(), 7);
  double took = 0.0;
  pool.run([&] {
    const auto t0 = std::chrono::steady_clock::now();
    pool.submit(job);
    pool.wait_for_results(std::chrono::milliseconds(50));
    pool.cancel(5);
    pool.cancel(6);  // not a job: ignored
    while (pool.unfinished_jobs() > 0) {
      (void)pool.take_finished_jobs();
      pool.wait_for_results(std::chrono::milliseconds(10));
    }
    took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  });
  EXPECT_LT(took, 4.0) << "the cancelled search ran on";
}
