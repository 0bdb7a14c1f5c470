// Resuming: the input checked against the journal (same numbers, changed numbers, an input that
// ends too soon), the gaps handed out, and the stream reader's line rules.
#include <unistd.h>

#include <gtest/gtest.h>
#include <sys/mman.h>

#include "primepool/input/stream_source.hpp"
#include "primepool/journal/journal.hpp"
#include "primepool/journal/resume.hpp"
#include "primepool/run/scheduling.hpp"

using namespace primepool;

namespace {
// A journal that holds the given indices of `numbers`.
JournalContents journal_of(const std::vector<Number>& numbers,
                           const std::vector<std::uint64_t>& indices) {
  JournalContents j;
  for (std::uint64_t i : indices) {
    j.done.insert(i, numbers[i]);
    if (j.done.size() == 1 || i > j.last_index) {
      j.last_index = i;
      j.last_index_line = j.done.size() + 1;
    }
  }
  return j;
}

std::vector<Number> drain(NumberSource& s) {
  std::vector<Number> out;
  while (auto n = s.next()) out.push_back(*n);
  return out;
}

// A stream over `bytes`, read `block` bytes at a time.
std::unique_ptr<StreamSource> stream(const std::string& bytes, std::size_t block = 1 << 16) {
  const int fd = memfd_create("t", 0);
  EXPECT_EQ(write(fd, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
  lseek(fd, 0, SEEK_SET);
  return std::make_unique<StreamSource>(fd, "t", true, block);
}
}  // namespace

TEST(ResumedSource, SameInputYieldsGapsAndTheRest) {
  const std::vector<Number> numbers = {10, 11, 12, 13, 14, 15};
  const JournalContents j = journal_of(numbers, {0, 3, 5});
  ListSource input(numbers);
  ResumedSource resumed(input, j, "j");
  ASSERT_TRUE(resumed.verify(nullptr));
  // Journaled indices give a placeholder (the JobMaker skips them); the gaps (1, 2 and 4, read
  // and kept by verify) and then the rest are the input's numbers.
  const std::vector<Number> expected = {0, 11, 12, 0, 14, 0};
  EXPECT_EQ(drain(resumed), expected);
}

TEST(ResumedSource, ChangedNumbersAreRefused) {
  const std::vector<Number> before = {4, 6, 8, 9};
  const JournalContents j = journal_of(before, {0, 1});
  ListSource changed({7, 11, 8, 9});
  ResumedSource resumed(changed, j, "j");
  EXPECT_THROW(resumed.verify(nullptr), InputError);
  ListSource swapped({6, 4, 8, 9});  // same numbers, other indices: refused too
  ResumedSource again(swapped, j, "j");
  EXPECT_THROW(again.verify(nullptr), InputError);
}

// Numbers above 2^64 that differ only in their high 64 bits are other numbers: refused; the
// same wide numbers resume, their gaps handed out whole.
TEST(ResumedSource, WideNumbersAreComparedInFull) {
  const Number two64 = Number{1} << 64;
  const std::vector<Number> before = {two64 + 5, 6, kMaxNumber, 9};
  const JournalContents j = journal_of(before, {0, 2});
  ListSource high_changed({(two64 << 1) + 5, 6, kMaxNumber, 9});
  ResumedSource resumed(high_changed, j, "j");
  EXPECT_THROW(resumed.verify(nullptr), InputError);
  ListSource same(before);
  ResumedSource again(same, j, "j");
  ASSERT_TRUE(again.verify(nullptr));
  EXPECT_EQ(drain(again), (std::vector<Number>{0, 6, 0, 9}));
}

TEST(ResumedSource, InputShorterThanTheJournalIsRefused) {
  const std::vector<Number> numbers = {4, 6, 8, 9};
  const JournalContents j = journal_of(numbers, {3});
  ListSource shorter({4, 6});
  ResumedSource resumed(shorter, j, "j");
  try {
    resumed.verify(nullptr);
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("input index 3"), std::string::npos) << e.what();
  }
}

TEST(ResumedSource, AStopWhileReadingGivesUp) {
  const std::vector<Number> numbers = {4, 6};
  const JournalContents j = journal_of(numbers, {1});
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  ASSERT_EQ(write(fds[1], "4\n", 2), 2);  // index 1 never arrives
  StreamSource slow(fds[0], "pipe", true);
  ResumedSource resumed(slow, j, "j");
  int asked = 0;
  EXPECT_FALSE(resumed.verify([&] { return ++asked >= 3; }));
  close(fds[1]);
}

namespace {
// A journal holding [first, end) of the progression start, start + step, ... as runs.
void journal_runs(JournalContents& j, std::uint64_t start, std::uint64_t step,
                  const std::vector<std::pair<std::uint64_t, std::uint64_t>>& runs) {
  for (const auto& [first, end] : runs) {
    std::uint64_t digest = 0;
    for (std::uint64_t i = first; i < end; ++i) digest += pair_digest(i, start + step * i);
    ASSERT_TRUE(j.done.insert_run(first, end - first, digest));
    j.last_index = end - 1;
  }
}
}  // namespace

// A resumed range is checked as runs (no number read one at a time) and its journaled stretch
// is passed over at once: the jobs are the gaps and the rest, each as a description (a sieve
// sieves a gap as it sieves the rest; the journal's lines for it stay start+step).
TEST(ResumedSource, ARangeIsCheckedAndSkippedByRuns) {
  const std::uint64_t start = 1000, step = 3, count = 4000000;
  JournalContents j;
  journal_runs(j, start, step, {{0, 2000000}, {2000010, 3999995}});
  RangeSource range(start, start + step * count, step);
  ResumedSource resumed(range, j, "j");
  ASSERT_TRUE(resumed.verify(nullptr));
  JobMaker jobs(resumed, &j.done);
  std::vector<Job> out;
  while (auto job = jobs.next(1 << 20)) out.push_back(*job);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].first_index, 2000000u);
  ASSERT_NE(out[0].progression(), nullptr);
  EXPECT_TRUE(*out[0].progression() == (Progression{start + step * 2000000, step, 10}));
  EXPECT_EQ(out[1].first_index, 3999995u);
  ASSERT_NE(out[1].progression(), nullptr);
  EXPECT_TRUE(*out[1].progression() == (Progression{start + step * 3999995, step, 5}));

  RangeSource again(start, start + step * count, step);
  ResumedSource direct(again, j, "j");
  ASSERT_TRUE(direct.verify(nullptr));
  EXPECT_EQ(direct.pass_over(2000001), 0u);  // not all journaled: read them
  EXPECT_EQ(direct.pass_over(2000000), 2000000u);
  EXPECT_EQ(direct.next(), start + step * 2000000);  // the first gap's number

  // A gap at the start and a gap of 2^25 numbers between two journaled stretches: descriptions
  // of at most the job size, covering each gap exactly, never a list of its numbers.
  JournalContents big;
  const std::uint64_t gap = std::uint64_t{1} << 25;
  journal_runs(big, start, step, {{5, 1000}, {1000 + gap, 1000 + gap + 7}});
  RangeSource whole(start, start + step * (1000 + gap + 7), step);
  ResumedSource gaps(whole, big, "j");
  ASSERT_TRUE(gaps.verify(nullptr));
  JobMaker gap_jobs(gaps, &big.done);
  std::uint64_t expect_index = 0, covered = 0, jobs_in_big_gap = 0;
  while (auto job = gap_jobs.next(1 << 20)) {
    const Progression* run = job->progression();
    ASSERT_NE(run, nullptr) << job->first_index;
    EXPECT_EQ(run->start, start + step * job->first_index);
    EXPECT_LE(run->count, std::uint64_t{1} << 20);
    if (job->first_index == 0) {
      EXPECT_EQ(run->count, 5u);
    }
    if (job->first_index >= 1000) {
      EXPECT_EQ(job->first_index, std::max<std::uint64_t>(expect_index, 1000));
      ++jobs_in_big_gap;
    }
    expect_index = job->first_index + run->count;
    covered += run->count;
  }
  EXPECT_EQ(covered, 5 + gap);
  EXPECT_EQ(jobs_in_big_gap, gap >> 20);

  RangeSource other(start, start + 4 * count, 4);  // another progression under the same journal
  ResumedSource changed(other, j, "j");
  EXPECT_THROW(changed.verify(nullptr), InputError);
}

TEST(StreamSource, LineLimitCountsContentNotLineEnd) {
  const std::size_t limit = StreamSource::kMaxLine;
  const std::string fits = std::string(limit - 1, ' ') + "7\r\n";  // kMaxLine bytes of content
  const std::string over = std::string(limit, ' ') + "11\r\n";     // 2 more
  auto s = stream(fits + over);
  EXPECT_EQ(s->next(), std::optional<std::uint64_t>(7));
  EXPECT_THROW(s->next(), InputError);
}

TEST(StreamSource, NulIsRefusedEvenInAComment) {
  auto s = stream(std::string("7 # note \0 here\n", 16));
  EXPECT_THROW(s->next(), InputError);
}

TEST(StreamSource, EveryBlockSizeReadsTheSame) {
  const std::string text = "# header\n1\n\n  22 \r\n333 # c\n4444\n55555";
  for (std::size_t block = 1; block <= 9; ++block) {
    auto s = stream(text, block);
    EXPECT_EQ(drain(*s), (std::vector<Number>{1, 22, 333, 4444, 55555})) << block;
  }
}

TEST(StreamSource, EndlessLineIsRefusedWithoutReadingOn) {
  auto s = stream(std::string(1000000, '7'));
  try {
    s->next();
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("t:1: line longer than 131072 bytes"), std::string::npos)
        << e.what();
  }
}

TEST(JournalParser, TornLastLineIsNotAResult) {
  const std::string header = journal_header_line({"range:1:9:1", "trial"}) + "\n";
  JournalEntry e;
  e.totals.count = 1;
  e.numbers = NumberList{{1}};
  const std::string line = journal_line(e);
  // Cut just before the newline: every byte of the line is there, but it is not complete.
  const JournalContents cut = parse_journal("j", header + line);
  EXPECT_TRUE(cut.torn_tail);
  EXPECT_EQ(cut.done.size(), 0u);
  EXPECT_EQ(cut.intact_bytes, header.size());
  const JournalContents whole = parse_journal("j", header + line + "\n");
  EXPECT_FALSE(whole.torn_tail);
  EXPECT_EQ(whole.done.size(), 1u);
}

TEST(JournalParser, HeaderFieldsRoundTrip) {
  const JournalHeader h{"file:/a dir/50% x\ty", "trial"};
  const JournalContents j = parse_journal("j", journal_header_line(h) + "\n");
  EXPECT_EQ(j.header.input, h.input);
  EXPECT_EQ(j.header.method, h.method);
}

TEST(DoneSet, DigestsFollowMerges) {
  DoneSet a, b;
  for (std::uint64_t i : {5, 3, 4, 1, 2}) a.insert(i, i * 10);
  for (std::uint64_t i : {1, 2, 3, 4, 5}) b.insert(i, i * 10);
  ASSERT_EQ(a.runs().size(), 1u);
  ASSERT_EQ(b.runs().size(), 1u);
  EXPECT_EQ(a.runs().begin()->second.digest, b.runs().begin()->second.digest);
  EXPECT_EQ(a.runs().begin()->second.end, 6u);
  DoneSet c;
  for (std::uint64_t i : {1, 2, 3, 4, 5}) c.insert(i, i == 3 ? 31 : i * 10);
  EXPECT_NE(c.runs().begin()->second.digest, b.runs().begin()->second.digest);
}
