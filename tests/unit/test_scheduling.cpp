// Job sizing and cutting: the tail shrink, the twofold growth, the time cap on fixed chunks,
// the reorder window's exact limit, slow input that yields short jobs, and skipped indices.
#include <unistd.h>

#include <gtest/gtest.h>

#include "primepool/input/stream_source.hpp"
#include "primepool/journal/journal.hpp"
#include "primepool/run/job_sizer.hpp"
#include "primepool/run/scheduling.hpp"

using namespace primepool;

TEST(JobSizer, AutoStartsWithOneAndAtMostDoubles) {
  JobSizer c(ChunkPolicy::automatic());
  EXPECT_EQ(c.next_size(std::nullopt, 1), 1u);  // nothing measured yet
  c.observe(100, 100 * 1e-6);                   // 1 us a number: 5000 would be 5 ms
  EXPECT_EQ(c.next_size(std::nullopt, 1), 2u);
  EXPECT_EQ(c.next_size(std::nullopt, 1), 4u);
  EXPECT_EQ(c.next_size(std::nullopt, 1), 8u);
}

TEST(JobSizer, AutoAimsAtTheTargetTime) {
  JobSizer c(ChunkPolicy::automatic());
  c.observe(10, 10 * 1e-3);  // 1 ms a number: 5 numbers make 5 ms
  std::size_t size = 0;
  for (int i = 0; i < 10; ++i) size = c.next_size(std::nullopt, 1);
  EXPECT_EQ(size, 5u);
}

TEST(JobSizer, AutoShrinksNearTheEnd) {
  JobSizer c(ChunkPolicy::automatic());
  c.observe(1000, 1000 * 1e-8);  // cheap: the target alone would allow thousands
  for (int i = 0; i < 20; ++i) c.next_size(std::nullopt, 4);
  // At most a share of what is left: remaining / (2 x threads).
  EXPECT_EQ(c.next_size(std::uint64_t{800}, 4), 100u);
  EXPECT_EQ(c.next_size(std::uint64_t{80}, 4), 10u);
  EXPECT_EQ(c.next_size(std::uint64_t{3}, 4), 1u);  // never below one
}

TEST(JobSizer, FixedIsCappedByExpectedTime) {
  JobSizer c(ChunkPolicy::fixed(1000));
  EXPECT_EQ(c.next_size(std::nullopt, 1), 1u);  // cost unknown: one number
  c.observe(10, 10 * 0.05);                     // 50 ms a number: 1 s is 20 numbers
  std::size_t size = 0;
  for (int i = 0; i < 20; ++i) size = c.next_size(std::nullopt, 1);
  EXPECT_EQ(size, 20u);
  JobSizer cheap(ChunkPolicy::fixed(7));
  cheap.observe(10, 10 * 1e-6);
  for (int i = 0; i < 20; ++i) size = cheap.next_size(std::nullopt, 1);
  EXPECT_EQ(size, 7u);  // never more than asked for
}

TEST(JobSizer, FixedGrowsAtMostTwofold) {
  JobSizer c(ChunkPolicy::fixed(1000));
  c.next_size(std::nullopt, 1);
  c.observe(1, 1e-9);
  EXPECT_EQ(c.next_size(std::nullopt, 1), 2u);
  EXPECT_EQ(c.next_size(std::nullopt, 1), 4u);
}

TEST(ChunkPolicy, Parse) {
  EXPECT_TRUE(ChunkPolicy::parse("auto")->is_auto());
  EXPECT_EQ(ChunkPolicy::parse("7")->describe(), "7");
  EXPECT_FALSE(ChunkPolicy::parse("0"));
  EXPECT_FALSE(ChunkPolicy::parse("65537"));
  EXPECT_FALSE(ChunkPolicy::parse("-3"));
}

TEST(Dispatcher, NeverReachesPastTheWindowAndFillsItExactly) {
  RangeSource input(0, 100, 1);
  Dispatcher jobs(input, ChunkPolicy::fixed(1), nullptr);
  std::uint64_t next = 0;
  for (int i = 0; i < 200 && !jobs.waiting_for_window(10); ++i) {
    const auto job = jobs.next(10, 1);
    ASSERT_TRUE(job);
    EXPECT_EQ(job->first_index, next);
    next += job->size();
    EXPECT_LE(next, 10u);
    jobs.observe(1, 0.0);
  }
  EXPECT_EQ(next, 10u);  // every index below the limit, none at or above it
  EXPECT_TRUE(jobs.waiting_for_window(10));
  EXPECT_FALSE(jobs.next(10, 1));
  EXPECT_FALSE(jobs.exhausted());
  const auto more = jobs.next(11, 1);  // the window moves by one: exactly one more number
  ASSERT_TRUE(more);
  EXPECT_EQ(more->first_index, 10u);
  EXPECT_EQ(more->size(), 1u);
}

TEST(Dispatcher, RemainingCountsDown) {
  RangeSource input(0, 50, 1);
  Dispatcher jobs(input, ChunkPolicy::fixed(1), nullptr);
  EXPECT_EQ(jobs.remaining(), std::uint64_t{50});
  jobs.next(UINT64_MAX, 1);
  EXPECT_EQ(jobs.remaining(), std::uint64_t{49});
}

TEST(JobMaker, SkipsJournaledIndicesAndKeepsJobsConsecutive) {
  RangeSource input(100, 110, 1);  // indices 0..9 hold 100..109
  DoneSet done;
  for (std::uint64_t i : {2, 3, 7}) done.insert(i, 100 + i);
  JobMaker jobs(input, &done);
  std::vector<std::pair<std::uint64_t, std::size_t>> shape;
  std::vector<bool> described;
  while (auto job = jobs.next(100)) {
    for (std::size_t k = 0; k < job->size(); ++k) {
      EXPECT_EQ(job->at(k), 100 + job->first_index + k);
      EXPECT_FALSE(done.contains(job->first_index + k));
    }
    shape.emplace_back(job->first_index, job->size());
    described.push_back(job->progression() != nullptr);
  }
  const std::vector<std::pair<std::uint64_t, std::size_t>> expected = {{0, 2}, {4, 3}, {8, 2}};
  EXPECT_EQ(shape, expected);
  // An arithmetic input's gaps and what is past the journal's last index are descriptions
  // (sieve-sized jobs; a list of a gap's numbers cost a resumed sieve gigabytes).
  EXPECT_EQ(described, (std::vector<bool>{true, true, true}));
  EXPECT_TRUE(jobs.exhausted());
}

// The same with a list that cannot pass over a journaled stretch at once (only a resumed input
// can): its numbers are read one by one, and a job still ends where an index is skipped.
TEST(JobMaker, SkipsJournaledIndicesOfAListOneByOne) {
  ListSource input({100, 101, 102, 103, 104, 105, 106, 107, 108, 109});
  DoneSet done;
  for (std::uint64_t i : {2, 3, 7}) done.insert(i, 100 + i);
  JobMaker jobs(input, &done);
  std::vector<std::pair<std::uint64_t, std::size_t>> shape;
  while (auto job = jobs.next(100)) {
    ASSERT_NE(job->list(), nullptr);
    for (std::size_t k = 0; k < job->size(); ++k) {
      EXPECT_EQ(job->at(k), 100 + job->first_index + k);
      EXPECT_FALSE(done.contains(job->first_index + k));
    }
    shape.emplace_back(job->first_index, job->size());
  }
  const std::vector<std::pair<std::uint64_t, std::size_t>> expected = {{0, 2}, {4, 3}, {8, 2}};
  EXPECT_EQ(shape, expected);
  EXPECT_TRUE(jobs.exhausted());
}

// Big numbers travel with their digits: a job ends at JobMaker::kMaxBigDigits of them (one number
// of any size still fits), and small numbers among them keep their places.
TEST(JobMaker, BigNumbersBoundAJobByTheirDigits) {
  NumberList list;
  for (int i = 0; i < 20; ++i) {
    list.push(0, std::to_string(i + 1) + std::string(49999, '7'));  // 50,000 digits each
    list.push(static_cast<Number>(i));
  }
  ListSource input(list, "list");
  JobMaker jobs(input, nullptr);
  std::uint64_t next = 0;
  while (auto job = jobs.next(1000)) {
    ASSERT_NE(job->list(), nullptr);
    std::size_t digits = 0;
    for (std::uint64_t k = 0; k < job->size(); ++k) {
      const std::uint64_t index = job->first_index + k;
      const std::string* big = job->big_at(k);
      ASSERT_EQ(big != nullptr, index % 2 == 0) << index;
      if (big != nullptr) {
        EXPECT_EQ(*big, std::to_string(index / 2 + 1) + std::string(49999, '7'));
        digits += big->size();
      } else {
        EXPECT_TRUE(job->at(k) == index / 2);
      }
    }
    EXPECT_EQ(job->first_index, next);
    EXPECT_LT(digits - 50000, JobMaker::kMaxBigDigits) << "a job of " << digits << " digits";
    next += job->size();
  }
  EXPECT_EQ(next, 40u);
}

TEST(JobMaker, SlowInputGivesAShortJobAtOnce) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  ASSERT_EQ(write(fds[1], "7\n11\n", 5), 5);
  StreamSource input(fds[0], "pipe", true);
  JobMaker jobs(input);
  const auto job = jobs.next(100, 50);  // two numbers are there; the third never comes
  ASSERT_TRUE(job);
  ASSERT_NE(job->list(), nullptr);
  EXPECT_EQ(job->list()->numbers, (std::vector<Number>{7, 11}));
  EXPECT_FALSE(jobs.next(100, 10));  // nothing ready: no job, and not the end
  EXPECT_FALSE(jobs.exhausted());
  close(fds[1]);
  EXPECT_FALSE(jobs.next(100, 100));
  EXPECT_TRUE(jobs.exhausted());
}

TEST(JobMaker, RangeJobsAreDescriptionsNotLists) {
  RangeSource input(10, 1000, 3);  // index i holds 10 + 3 i
  JobMaker jobs(input);
  std::uint64_t next = 0;
  while (auto job = jobs.next(64)) {
    EXPECT_NE(job->progression(), nullptr);  // nothing listed: rank 0 sends three numbers
    EXPECT_EQ(job->first_index, next);
    EXPECT_GE(job->size(), 1u);
    EXPECT_LE(job->size(), 64u);
    for (std::uint64_t k = 0; k < job->size(); ++k) EXPECT_EQ(job->at(k), 10 + 3 * (next + k));
    next += job->size();
  }
  EXPECT_EQ(next, *input.size());
  EXPECT_TRUE(jobs.exhausted());
}
