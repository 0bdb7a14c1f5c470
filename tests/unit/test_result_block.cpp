// The compact result block: every detail round-trips for every job size 0..80 (bitmap edges at
// multiples of 8 included), reduced blocks carry exact counts, and malformed blocks are refused.
#include <cstring>
#include <gtest/gtest.h>
#include <random>
#include <stdexcept>

#include "primepool/mpi/result_block.hpp"

using namespace primepool;

namespace {

struct TestJob {
  primepool::Job numbers;  // the job as rank 0 keeps it
  std::vector<PrimeResult> results;
};

TestJob make_job(std::uint64_t first, std::size_t count, std::mt19937_64& rng) {
  TestJob job;
  job.numbers.id = first + 5000;  // ids and indices differ
  job.numbers.first_index = first;
  std::vector<Number>& list = std::get<NumberList>(job.numbers.numbers).numbers;
  for (std::size_t i = 0; i < count; ++i) {
    PrimeResult r;
    r.n = rng();
    r.prime = rng() % 3 == 0;
    r.elapsed = static_cast<double>(rng() % 1000000) * 1e-9;
    r.worker = 4;
    r.thread = static_cast<int>(rng() % 70);
    r.index = first + i;
    list.push_back(r.n);
    job.results.push_back(r);
  }
  return job;
}

// A block of every result of the job, with its totals counted from the rows.
std::vector<char> encode_results(const TestJob& job, ResultDetail detail) {
  JobTotals totals{job.numbers.first_index, job.results.size(), 0, 0.0, 4};
  for (const PrimeResult& r : job.results) {
    totals.primes += r.prime ? 1 : 0;
    totals.busy += r.elapsed;
  }
  return encode_block(job.numbers.id, totals, job.results, false, detail);
}

std::uint32_t primes_in(const std::vector<PrimeResult>& results) {
  std::uint32_t p = 0;
  for (const auto& r : results) p += r.prime ? 1 : 0;
  return p;
}

}  // namespace

TEST(ResultBlock, FullRoundTripsEveryCount) {
  std::mt19937_64 rng(1);
  for (std::size_t count = 0; count <= 80; ++count) {
    const TestJob job = make_job(1000 + count, count, rng);
    const auto bytes = encode_results(job, ResultDetail::kFull);
    const ResultBlock b = decode_results(bytes.data(), bytes.size(), job.numbers, 4);
    EXPECT_EQ(b.totals.first_index, 1000 + count);
    EXPECT_EQ(b.totals.count, count);
    EXPECT_EQ(b.totals.primes, primes_in(job.results));
    ASSERT_EQ(b.rows, job.results) << "count " << count;
  }
}

TEST(ResultBlock, PrimesOnlyCarriesThePrimesAndExactCounts) {
  std::mt19937_64 rng(2);
  for (std::size_t count = 0; count <= 80; ++count) {
    const TestJob job = make_job(7, count, rng);
    const auto bytes = encode_results(job, ResultDetail::kPrimesOnly);
    const ResultBlock b = decode_results(bytes.data(), bytes.size(), job.numbers, 4);
    std::vector<PrimeResult> primes;
    for (const auto& r : job.results) {
      if (r.prime) primes.push_back(r);
    }
    EXPECT_EQ(b.totals.count, count);
    EXPECT_EQ(b.totals.primes, primes.size());
    ASSERT_EQ(b.rows, primes) << "count " << count;
  }
}

TEST(ResultBlock, CountsOnlyIsTheHeaderAlone) {
  std::mt19937_64 rng(3);
  const TestJob job = make_job(0, 1000, rng);
  const auto bytes = encode_results(job, ResultDetail::kCounts);
  EXPECT_EQ(bytes.size(), 48u);
  const ResultBlock b = decode_results(bytes.data(), bytes.size(), job.numbers, 4);
  EXPECT_EQ(b.totals.count, 1000u);
  EXPECT_EQ(b.totals.primes, primes_in(job.results));
  double busy = 0;
  for (const auto& r : job.results) busy += r.elapsed;
  EXPECT_DOUBLE_EQ(b.totals.busy, busy);
  EXPECT_TRUE(b.rows.empty());
}

TEST(ResultBlock, FullIsCompact) {
  std::mt19937_64 rng(4);
  const TestJob job = make_job(0, 1024, rng);
  // 48-byte header, 1 bit, 8 bytes elapsed and 2 bytes thread a number.
  EXPECT_EQ(encode_results(job, ResultDetail::kFull).size(), 48u + 128u + 1024u * 10u);
}

TEST(ResultBlock, MalformedBlocksAreRefused) {
  std::mt19937_64 rng(5);
  const TestJob job = make_job(0, 20, rng);
  for (auto detail : {ResultDetail::kFull, ResultDetail::kPrimesOnly}) {
    auto bytes = encode_results(job, detail);
    for (std::size_t cut = 0; cut < bytes.size(); ++cut) {  // every truncation
      EXPECT_THROW(decode_results(bytes.data(), cut, job.numbers, 4), std::runtime_error) << cut;
    }
    bytes.push_back(0);
    EXPECT_THROW(decode_results(bytes.data(), bytes.size(), job.numbers, 4), std::runtime_error);
  }
  const auto bytes = encode_results(job, ResultDetail::kFull);
  primepool::Job other = job.numbers;
  std::get<NumberList>(other.numbers).numbers.pop_back();
  EXPECT_THROW(decode_results(bytes.data(), bytes.size(), other, 4), std::runtime_error);
  primepool::Job another = job.numbers;  // the same numbers, another job
  ++another.id;
  EXPECT_THROW(decode_results(bytes.data(), bytes.size(), another, 4), std::runtime_error);
  EXPECT_EQ(block_job_id(bytes), job.numbers.id);
  EXPECT_FALSE(block_job_id(std::vector<char>(7)));
  auto flipped = bytes;
  flipped[40] ^= 1;  // one verdict changed: the header's prime count no longer adds up
  EXPECT_THROW(decode_results(flipped.data(), flipped.size(), job.numbers, 4), std::runtime_error);
  auto bad_detail = bytes;
  bad_detail[32] = 9;
  EXPECT_THROW(decode_results(bad_detail.data(), bad_detail.size(), job.numbers, 4),
               std::runtime_error);
  auto primes_only = encode_results(job, ResultDetail::kPrimesOnly);
  if (primes_in(job.results) > 0) {
    const std::uint32_t past = 20;
    std::memcpy(primes_only.data() + 40, &past, sizeof past);  // a prime's offset past the job
    EXPECT_THROW(decode_results(primes_only.data(), primes_only.size(), job.numbers, 4),
                 std::runtime_error);
  }
}
