// The pool end to end under mpirun (ctest runs it on 1, 2, 3 and 5 ranks): every number comes
// back exactly once with the right verdict, with more workers than numbers and with none.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <boost/mpi/collectives.hpp>
#include <boost/serialization/string.hpp>
#include <cstdio>
#include <gtest/gtest.h>
#include <map>
#include <regex>
#include <sstream>
#include <tuple>

#include "primepool/input.hpp"
#include "primepool/input/stream_source.hpp"
#include "primepool/output/formats.hpp"
#include "primepool/pool.hpp"

#include "mpi_test.hpp"
#include "recording_reporter.hpp"

using namespace primepool;

namespace {

class Pool : public MpiTest {
 protected:
  // Jobs of one number each (PoolConfig's default sizes them automatically): the most messages.
  static PoolConfig one_number_jobs() {
    PoolConfig config;
    config.chunk = ChunkPolicy::fixed(1);
    return config;
  }

  // Runs the pool on `numbers`; on rank 0 returns what the reporter saw.
  RecordingReporter run(const std::vector<Number>& numbers, PoolConfig config = one_number_jobs()) {
    RecordingReporter reporter;
    ListSource input(numbers);
    const bool root = world.rank() == 0;
    run_pool(world, config, root ? &input : nullptr, root ? &reporter : nullptr);
    return reporter;
  }

  // Each input number exactly once, at its input index, with the kernel's verdict.
  void expect_exactly_once(const std::vector<Number>& numbers, const RecordingReporter& rep) {
    if (world.rank() != 0) return;
    ASSERT_EQ(rep.results.size(), numbers.size());
    std::vector<int> seen(numbers.size(), 0);
    for (const PrimeResult& r : rep.results) {
      ASSERT_LT(r.index, numbers.size());
      ++seen[r.index];
      EXPECT_EQ(r.n, numbers[r.index]);
      EXPECT_EQ(r.prime, check(trial_method(), r.n)) << to_decimal(r.n);
      EXPECT_GE(r.elapsed, 0.0);
      if (world.size() == 1) {
        EXPECT_EQ(r.worker, 0);
      } else {
        EXPECT_GE(r.worker, 1);
        EXPECT_LT(r.worker, world.size());
      }
    }
    for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], 1) << "index " << i;
    EXPECT_EQ(rep.begins, 1);
    EXPECT_EQ(rep.ends, 1);
    EXPECT_EQ(rep.summary.checked, numbers.size());
    EXPECT_EQ(rep.summary.workers, world.size() - 1);
  }
};

}  // namespace

TEST_F(Pool, SampleEveryNumberOnceWithRightVerdict) {
  const auto& numbers = sample_numbers();
  const RecordingReporter rep = run(numbers);
  expect_exactly_once(numbers, rep);
  if (world.rank() == 0) {
    EXPECT_EQ(rep.summary.primes, 9u);
  }
}

// Hybrid mode: every rank runs 2 or 4 compute threads (oversubscribed); big sample numbers are
// split across a rank's threads.
TEST_F(Pool, SampleWithThreadsEveryNumberOnce) {
  for (int threads : {2, 4}) {
    PoolConfig config;
    config.threads = threads;
    const RecordingReporter rep = run(sample_numbers(), config);
    expect_exactly_once(sample_numbers(), rep);
    if (world.rank() != 0) continue;
    EXPECT_EQ(rep.info.threads, threads);
    for (const PrimeResult& r : rep.results) {
      EXPECT_GE(r.thread, 0);
      EXPECT_LT(r.thread, threads);
    }
  }
}

TEST_F(Pool, ThreadsWithChunksAndFewNumbers) {
  PoolConfig config;
  config.threads = 4;
  config.chunk = ChunkPolicy::fixed(3);
  const std::vector<Number> numbers = {99999989ull * 99999989ull, 5, 6, 7, 1};
  expect_exactly_once(numbers, run(numbers, config));
  expect_exactly_once({}, run({}, config));
}

TEST_F(Pool, OneRankKeepsInputOrder) {
  if (world.size() != 1) GTEST_SKIP() << "input order is the one-rank guarantee";
  const RecordingReporter rep = run(sample_numbers());
  ASSERT_EQ(rep.results.size(), sample_numbers().size());
  for (std::size_t i = 0; i < rep.results.size(); ++i) EXPECT_EQ(rep.results[i].index, i);
}

// A worker that has left one run must not have its messages taken by the previous run's
// coordinator (each run works on its own duplicate of the communicator).
TEST_F(Pool, BackToBackRunsDoNotMix) {
  for (std::uint64_t round = 0; round < 20; ++round) {
    const std::vector<Number> numbers = {round, round + 1};
    expect_exactly_once(numbers, run(numbers));
  }
}

TEST_F(Pool, MoreWorkersThanNumbers) {
  const std::vector<Number> numbers = {4444444444444423, 9};
  expect_exactly_once(numbers, run(numbers));
}

TEST_F(Pool, ZeroNumbersEndsCleanly) {
  const RecordingReporter rep = run({});
  expect_exactly_once({}, rep);
  if (world.rank() == 0) {
    EXPECT_EQ(rep.summary.primes, 0u);
  }
}

TEST_F(Pool, DuplicatesInInputAreEachReported) {
  const std::vector<Number> numbers = {7, 7, 8, 7, 0, 1, 18446744073709551615ull};
  expect_exactly_once(numbers, run(numbers));
}

TEST_F(Pool, ChunkedJobsStillReturnEveryNumberOnce) {
  std::vector<Number> numbers;
  for (std::uint64_t n = 1000000; n < 1003000; ++n) numbers.push_back(n);
  PoolConfig config;
  config.chunk = ChunkPolicy::fixed(97);
  expect_exactly_once(numbers, run(numbers, config));
}

// Jobs and results far above MPI's eager limit: a blocking send each way would deadlock (it did,
// once: rank 0 sending a big job while a worker sent a big result).
TEST_F(Pool, LargeJobsAndResultsCrossWithoutDeadlock) {
  std::vector<Number> numbers;
  for (std::uint64_t n = 0; n < 400000; ++n) numbers.push_back(n);
  PoolConfig config;
  config.chunk = ChunkPolicy::fixed(65536);
  expect_exactly_once(numbers, run(numbers, config));
  config.chunk = ChunkPolicy::automatic();
  config.threads = 2;
  expect_exactly_once(numbers, run(numbers, config));
}

TEST_F(Pool, ManyTinyJobsOneAtATime) {
  std::vector<Number> numbers;
  for (std::uint64_t n = 0; n < 2000; ++n) numbers.push_back(n);
  expect_exactly_once(numbers, run(numbers));
}

TEST_F(Pool, TableOutputFormat) {
  std::ostringstream out;
  TableReporter reporter(out);
  ListSource input(sample_numbers());
  const bool root = world.rank() == 0;
  run_pool(world, PoolConfig{}, root ? &input : nullptr, root ? &reporter : nullptr);
  if (!root) return;

  std::istringstream lines(out.str());
  std::string line;
  std::getline(lines, line);
  if (world.size() == 1) {
    EXPECT_EQ(line, "Checking 20 numbers sequentially:");
  } else {
    const int workers = world.size() - 1;
    EXPECT_EQ(line, "Checking 20 numbers with " + std::to_string(workers) +
                        (workers == 1 ? " worker:" : " workers:"));
  }
  const std::regex row(R"( {0,15}(\d{1,16}) ([P ])  ?\d+\.\d{6}s)");
  std::map<std::uint64_t, char> marks;
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(std::getline(lines, line));
    std::smatch m;
    ASSERT_TRUE(std::regex_match(line, m, row)) << "'" << line << "'";
    EXPECT_EQ(line.find(m[1].str()) + m[1].length(), 16u) << "right-aligned in 16: " << line;
    marks[std::stoull(m[1].str())] = m[2].str()[0];
  }
  ASSERT_EQ(marks.size(), 20u);
  for (auto [n, mark] : marks) EXPECT_EQ(mark, is_prime_trial(n) ? 'P' : ' ') << n;
  ASSERT_TRUE(std::getline(lines, line));
  if (world.size() == 1) {
    EXPECT_TRUE(std::regex_match(line, std::regex(R"(Total time: \d+\.\d\ds)"))) << line;
  } else {
    EXPECT_TRUE(std::regex_match(line, std::regex(R"(20 checks in \d+\.\d\ds)"))) << line;
  }
}

// Workers reduce what the output does not need: the primes only, or counts only. The summary's
// counts (numbers, primes, numbers per worker) equal the full run's in every mode.
TEST_F(Pool, ReducedResultsKeepTheSummaryExact) {
  std::vector<Number> numbers;
  for (std::uint64_t n = 1000000; n < 1003000; ++n) numbers.push_back(n);
  PoolConfig full_config;
  full_config.chunk = ChunkPolicy::automatic();
  const RecordingReporter full = run(numbers, full_config);
  expect_exactly_once(numbers, full);
  for (ResultDetail detail : {ResultDetail::kPrimesOnly, ResultDetail::kCounts}) {
    PoolConfig config = full_config;
    config.detail = detail;
    const RecordingReporter rep = run(numbers, config);
    if (world.rank() != 0) continue;
    EXPECT_EQ(rep.summary.checked, numbers.size());
    EXPECT_EQ(rep.summary.primes, full.summary.primes);
    std::uint64_t per_worker = 0;
    for (const WorkerStats& w : rep.summary.per_worker) per_worker += w.numbers;
    EXPECT_EQ(per_worker, numbers.size());
    if (detail == ResultDetail::kCounts) {  // no rows at all, on one rank too
      EXPECT_EQ(rep.results.size(), 0u);
      continue;
    }
    ASSERT_EQ(rep.results.size(), full.summary.primes);
    for (const PrimeResult& r : rep.results) {
      EXPECT_TRUE(r.prime);
      EXPECT_EQ(r.n, numbers[r.index]);
      EXPECT_TRUE(check(trial_method(), r.n));
    }
  }
}

// --method sieve: range jobs sieved by libprimesieve on the workers (on rank 0 alone with one
// rank), in every result detail, with jobs shared out as segments: the same numbers, verdicts
// and counts as a plain test of each number.
TEST_F(Pool, SieveOverARangeInEveryDetail) {
  const std::uint64_t first = 1000000000000ull, count = 20000;
  std::vector<Number> numbers;
  for (std::uint64_t i = 0; i < count; ++i) numbers.push_back(first + i);
  std::uint64_t want_primes = 0;
  for (Number n : numbers) want_primes += check(trial_method(), n) ? 1 : 0;
  for (ResultDetail detail :
       {ResultDetail::kFull, ResultDetail::kPrimesOnly, ResultDetail::kCounts}) {
    PoolConfig config;
    config.method = find_method("sieve");
    config.detail = detail;
    config.chunk = ChunkPolicy::segments(6000);
    RecordingReporter reporter;
    RangeSource input(first, first + count, 1);
    const bool root = world.rank() == 0;
    run_pool(world, config, root ? &input : nullptr, root ? &reporter : nullptr);
    if (!root) continue;
    EXPECT_EQ(reporter.summary.checked, count);
    EXPECT_EQ(reporter.summary.primes, want_primes);
    if (detail == ResultDetail::kCounts) {
      EXPECT_TRUE(reporter.results.empty());
      continue;
    }
    if (detail == ResultDetail::kFull) {
      expect_exactly_once(numbers, reporter);
      continue;
    }
    ASSERT_EQ(reporter.results.size(), want_primes);
    for (const PrimeResult& r : reporter.results) {
      EXPECT_TRUE(r.prime);
      EXPECT_EQ(r.n, first + r.index);
      EXPECT_TRUE(check(trial_method(), r.n)) << to_decimal(r.n);
    }
  }
}

namespace {

// A file of numbers written by rank 0 at a path every rank knows (one host: /tmp is shared).
std::string shared_file(const boost::mpi::communicator& world, const std::string& text) {
  std::string path;
  if (world.rank() == 0) {
    char name[] = "/tmp/primepool-pool-XXXXXX";
    const int fd = mkstemp(name);
    EXPECT_EQ(write(fd, text.data(), text.size()), static_cast<ssize_t>(text.size()));
    close(fd);
    path = name;
  }
  boost::mpi::broadcast(world, path, 0);
  return path;
}

struct FileRun {
  RecordingReporter reporter;
  std::string diagnostics;
};

FileRun run_file(const boost::mpi::communicator& world, const std::string& path, PoolConfig config,
                 std::optional<FileIdentity> identity = std::nullopt) {
  FileRun run;
  std::ostringstream diagnostics;
  config.diagnostics = &diagnostics;
  std::unique_ptr<NumberSource> input;
  if (world.rank() == 0) {
    input = identity ? std::make_unique<StreamSource>(::open(path.c_str(), O_RDONLY), path, true,
                                                      1 << 16, identity)
                     : open_file_source(path);
  }
  run_pool(world, config, input.get(), world.rank() == 0 ? &run.reporter : nullptr);
  run.diagnostics = diagnostics.str();
  return run;
}

// (index, n, prime) of every row, sorted: what must not depend on who read the file.
std::vector<std::tuple<std::uint64_t, std::uint64_t, bool>> rows_of(const RecordingReporter& r) {
  std::vector<std::tuple<std::uint64_t, std::uint64_t, bool>> rows;
  for (const PrimeResult& p : r.results) rows.emplace_back(p.index, p.n, p.prime);
  std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace

// Workers reading their own slices of a file: the rows, counts and bad-line message of rank 0
// reading it, in every result detail; jobs small enough that many slices are out at once.
TEST_F(Pool, WorkersReadingTheFileGiveRankZerosResults) {
  std::string text = "# numbers\n";
  for (std::uint64_t n = 1000000; n < 1020000; ++n) {
    text += (n % 7 == 0 ? "  " : "") + std::to_string(n) + (n % 11 == 0 ? " # c\r\n" : "\n");
    if (n % 13 == 0) text += "\n";
  }
  for (const bool bad : {false, true}) {
    const std::string path = shared_file(world, bad ? text + "12x\n5\n" : text);
    for (ResultDetail detail :
         {ResultDetail::kFull, ResultDetail::kPrimesOnly, ResultDetail::kCounts}) {
      PoolConfig config;
      config.method = find_method("mr");
      config.detail = detail;
      config.chunk = ChunkPolicy::automatic();
      config.workers_read_files = false;
      const FileRun by_rank0 = run_file(world, path, config);
      config.workers_read_files = true;
      const FileRun by_workers = run_file(world, path, config);
      if (world.rank() != 0) continue;
      EXPECT_EQ(by_workers.diagnostics, "");  // no fallback to rank 0
      EXPECT_EQ(by_rank0.reporter.summary.checked, 20000u);
      EXPECT_EQ(by_workers.reporter.summary.checked, by_rank0.reporter.summary.checked);
      EXPECT_EQ(by_workers.reporter.summary.primes, by_rank0.reporter.summary.primes);
      EXPECT_EQ(by_workers.reporter.summary.complete(), !bad);
      EXPECT_EQ(by_workers.reporter.summary.message, by_rank0.reporter.summary.message);
      EXPECT_EQ(rows_of(by_workers.reporter), rows_of(by_rank0.reporter));
      if (detail == ResultDetail::kFull) {
        EXPECT_EQ(by_workers.reporter.results.size(), 20000u);
      }
    }
    world.barrier();
    if (world.rank() == 0) std::remove(path.c_str());
  }
}

// A worker that finds another file at the path (another node's, or a changed one) makes rank 0
// read the input itself, and say so.
TEST_F(Pool, AWorkerThatCannotReadTheFileLeavesItToRankZero) {
  // Rank 0 reads its file; at the path it names, the workers find another of the same size.
  const std::string path = shared_file(world, "7\n8\n9\n10\n11\n");
  const std::string elsewhere = shared_file(world, "7\n8\n9\n10\n13\n");
  std::optional<FileIdentity> rank0s;
  if (world.rank() == 0) {
    rank0s = *open_file(path)->regular_file();
    rank0s->path = elsewhere;
  }
  PoolConfig config;
  const FileRun run = run_file(world, path, config, rank0s);
  if (world.rank() == 0) {
    EXPECT_EQ(run.reporter.summary.checked, 5u);
    EXPECT_EQ(run.reporter.summary.primes, 2u);
    if (world.size() > 1) {
      EXPECT_NE(run.diagnostics.find("cannot read the input file itself"), std::string::npos)
          << run.diagnostics;
    }
  }
  world.barrier();
  if (world.rank() == 0) {
    std::remove(path.c_str());
    std::remove(elsewhere.c_str());
  }
}

namespace {

// A user's own input, through the public interface only: next() and nothing more (no size, no
// bulk paths), as a program that generates its numbers would write it.
class OddNumbers : public NumberSource {
 public:
  explicit OddNumbers(std::uint64_t count) : count_(count) {}
  std::optional<Number> next() override {
    if (made_ == count_) return std::nullopt;
    return 2 * made_++ + 1;
  }
  std::string describe() const override { return "odd numbers"; }

 private:
  std::uint64_t count_, made_ = 0;
};

}  // namespace

// The pool over a NumberSource of the user's (seen by the scheduler through an adapter with none
// of the built-in sources' fast paths): every number once, in jobs of every size, with threads.
TEST_F(Pool, AUsersOwnSourceEveryNumberOnce) {
  // Jobs of one number (300 odd numbers: 108 primes below 600) and auto-sized ones (5000 odd
  // numbers: 1228 primes below 10^4).
  for (const auto& [chunk, count, primes] :
       {std::tuple{"1", 300u, 108u}, std::tuple{"auto", 5000u, 1228u}}) {
    PoolConfig config;
    config.chunk = *ChunkPolicy::parse(chunk);
    config.threads = 2;
    RecordingReporter reporter;
    OddNumbers input(count);
    const bool root = world.rank() == 0;
    const RunSummary summary =
        run_pool(world, config, root ? &input : nullptr, root ? &reporter : nullptr);
    if (!root) continue;
    std::vector<Number> numbers(count);
    for (std::uint64_t i = 0; i < numbers.size(); ++i) numbers[i] = 2 * i + 1;
    expect_exactly_once(numbers, reporter);
    EXPECT_EQ(summary.primes, primes) << chunk;
    EXPECT_EQ(summary.input, "odd numbers");
    EXPECT_TRUE(summary.complete());
  }
}
