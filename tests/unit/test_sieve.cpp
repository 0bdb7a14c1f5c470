// --method sieve: the libprimesieve kernel against Baillie-PSW on ranges of every step, near
// 10^18 and just below 2^64, and sieved jobs through the local pool in every result detail.
#include <cstdint>
#include <gtest/gtest.h>
#include <vector>

#include "primepool/check/bpsw.hpp"
#include "primepool/check/method.hpp"
#include "primepool/check/sieve.hpp"
#include "primepool/run/local_pool.hpp"

using namespace primepool;

namespace {

std::vector<std::uint32_t> offsets_by_mr(std::uint64_t start, std::uint64_t step,
                                         std::uint64_t count) {
  std::vector<std::uint32_t> out;
  for (std::uint64_t i = 0; i < count; ++i)
    if (is_prime_mr(start + step * i)) out.push_back(static_cast<std::uint32_t>(i));
  return out;
}

void expect_sieve(std::uint64_t start, std::uint64_t step, std::uint64_t count) {
  const auto want = offsets_by_mr(start, step, count);
  std::vector<std::uint32_t> got;
  EXPECT_EQ(sieve_primes(start, step, count, &got), want.size()) << start << " step " << step;
  EXPECT_EQ(got, want) << start << " step " << step;
  EXPECT_EQ(sieve_primes(start, step, count, nullptr), want.size()) << start << " step " << step;
}

}  // namespace

TEST(Sieve, SmallRangesOfEveryStep) {
  for (std::uint64_t step : {1u, 2u, 3u, 6u, 7u, 30u, 1000u}) {
    for (std::uint64_t start : {0u, 1u, 2u, 3u, 4u, 97u, 1000000u}) expect_sieve(start, step, 5000);
  }
  expect_sieve(0, 1, 1);
  expect_sieve(2, 1, 1);
  expect_sieve(4, 1, 1);
  EXPECT_EQ(sieve_primes(0, 1, 0, nullptr), 0u);
}

TEST(Sieve, NearTenToThe18AndJustBelowTwoToThe64) {
  expect_sieve(1000000000000000000ull, 1, 100000);
  expect_sieve(1000000000000000001ull, 2, 50000);
  expect_sieve(UINT64_MAX - 200000, 1, 200000);  // the last number is 2^64 - 2
  expect_sieve(UINT64_MAX - 2 * 100000, 2, 100000);
  expect_sieve(18446744073709551557ull, 1, 57);      // the largest prime below 2^64, and after it
  expect_sieve(18446744073709551557ull - 6, 4, 14);  // ... when it is not on the progression
  expect_sieve(18446744073709551557ull - 6, 3, 19);
  // Jobs that start past the largest prime below 2^64 (a range cut into 8 or 16 threads' jobs
  // near its end): no primes, never libprimesieve's "cannot generate primes > 2^64".
  expect_sieve(18446744073709551557ull + 1, 1, 58);  // up to 2^64 - 1
  expect_sieve(18446744073709551600ull, 1, 16);
  expect_sieve(UINT64_MAX, 1, 1);
  expect_sieve(18446744073709551557ull + 2, 2, 29);
}

// A sparse progression is tested number by number: 10^12 apart, a sieve of the interval would
// never end.
TEST(Sieve, SparseProgressionsAreTestedNotSieved) {
  expect_sieve(1000000000000000000ull, 1000000000000ull, 2000);
  expect_sieve(3, kSieveStepLimit + 1, 3000);
  expect_sieve(3, kSieveStepLimit, 3000);
}

TEST(Sieve, TheMethodIsFoundAndJudgesSingleNumbersByBailliePsw) {
  const Method* sieve = find_method("sieve");
  ASSERT_NE(sieve, nullptr);
  EXPECT_NE(sieve->progression_test, nullptr);
  EXPECT_TRUE(check(*sieve, 18446744073709551557ull));
  EXPECT_FALSE(check(*sieve, 3825123056546413051ull));
}

namespace {

// Jobs of a range through a sieving pool of `threads` threads: the finished jobs.
std::vector<FinishedJob> sieve_jobs(int threads, ResultDetail detail, std::uint64_t start,
                                    std::uint64_t count, std::uint64_t per_job) {
  LocalPool pool(threads, *find_method("sieve"), 3, detail);
  std::vector<FinishedJob> out;
  pool.run([&] {
    for (std::uint64_t first = 0; first < count; first += per_job) {
      Job job;
      job.first_index = first;
      job.numbers = Progression{start + first, 1, std::min(per_job, count - first)};
      pool.submit(job);
    }
    while (pool.unfinished_jobs() > 0) {
      for (auto& done : pool.take_finished_jobs()) out.push_back(std::move(done));
      pool.wait_for_results(std::chrono::milliseconds(10));
    }
    for (auto& done : pool.take_finished_jobs()) out.push_back(std::move(done));
  });
  return out;
}

}  // namespace

TEST(Sieve, PoolJobsInEveryDetailAgreeWithMillerRabin) {
  const std::uint64_t start = 1000000000000ull, count = 30000;
  const auto want = offsets_by_mr(start, 1, count);
  for (int threads : {1, 2}) {
    for (ResultDetail detail :
         {ResultDetail::kFull, ResultDetail::kPrimesOnly, ResultDetail::kCounts}) {
      std::vector<bool> prime(count, false);
      std::uint64_t numbers = 0, primes = 0, rows = 0;
      for (const FinishedJob& done : sieve_jobs(threads, detail, start, count, 7000)) {
        numbers += done.totals.count;
        primes += done.totals.primes;
        rows += done.results.size();
        EXPECT_GT(done.totals.busy, 0.0);
        for (const PrimeResult& r : done.results) {
          EXPECT_EQ(r.n, start + r.index);
          EXPECT_EQ(r.worker, 3);
          EXPECT_DOUBLE_EQ(r.elapsed, done.totals.busy / static_cast<double>(done.totals.count));
          if (r.prime) prime[r.index] = true;
        }
      }
      EXPECT_EQ(numbers, count);
      EXPECT_EQ(primes, want.size());
      const std::uint64_t rows_wanted = detail == ResultDetail::kFull         ? count
                                        : detail == ResultDetail::kPrimesOnly ? want.size()
                                                                              : 0;
      EXPECT_EQ(rows, rows_wanted);
      if (detail == ResultDetail::kCounts) continue;
      for (std::uint32_t i : want) EXPECT_TRUE(prime[i]) << i;
    }
  }
}
