// The journal's pieces: DoneSet intervals, a job line's round trip and checksum, the reader's
// handling of a torn last line, damage, overlaps and old or missing headers, and the reporter
// that turns finished jobs into lines (a line per 4096 numbers, every detail of rows).
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <gtest/gtest.h>
#include <sstream>
#include <string>

#include "primepool/input.hpp"
#include "primepool/journal/journal.hpp"
#include "primepool/sys/fnv1a.hpp"

#include "../recording_reporter.hpp"

using namespace primepool;

TEST(DoneSet, MergesRunsAndFindsGaps) {
  DoneSet done;
  for (std::uint64_t i : {5u, 3u, 4u, 10u, 6u, 3u, 8u, 9u}) done.insert(i);
  EXPECT_EQ(done.size(), 7u);  // 3 counted once
  for (std::uint64_t i : {3u, 4u, 5u, 6u, 8u, 9u, 10u}) EXPECT_TRUE(done.contains(i)) << i;
  for (std::uint64_t i : {0u, 2u, 7u, 11u}) EXPECT_FALSE(done.contains(i)) << i;
  EXPECT_EQ(done.next_missing(0), 0u);
  EXPECT_EQ(done.next_missing(3), 7u);
  EXPECT_EQ(done.next_missing(8), 11u);
  done.insert(7);
  EXPECT_EQ(done.next_missing(3), 11u);
  EXPECT_EQ(done.runs().size(), 1u);
}

TEST(DoneSet, RunsMergeWithTheirDigestsAndRefuseOverlaps) {
  DoneSet by_run, by_index;
  auto digest = [](std::uint64_t first, std::uint64_t count) {
    std::uint64_t d = 0;
    for (std::uint64_t i = first; i < first + count; ++i) d += pair_digest(i, 1000 + i);
    return d;
  };
  EXPECT_TRUE(by_run.insert_run(10, 5, digest(10, 5)));
  EXPECT_TRUE(by_run.insert_run(20, 5, digest(20, 5)));
  EXPECT_TRUE(by_run.insert_run(15, 5, digest(15, 5)));  // fills the gap: one run
  for (std::uint64_t i = 10; i < 25; ++i) by_index.insert(i, 1000 + i);
  ASSERT_EQ(by_run.runs().size(), 1u);
  EXPECT_EQ(by_run.runs().begin()->first, 10u);
  EXPECT_EQ(by_run.runs().begin()->second.end, 25u);
  EXPECT_EQ(by_run.runs().begin()->second.digest, by_index.runs().begin()->second.digest);
  for (auto [first, count] : {std::pair<int, int>{24, 1}, {9, 2}, {12, 1}, {0, 100}, {10, 15}})
    EXPECT_FALSE(by_run.insert_run(first, count, 0)) << first << "+" << count;
  EXPECT_EQ(by_run.size(), 15u);
  EXPECT_TRUE(by_run.insert_run(25, 1, 0));
  EXPECT_TRUE(by_run.insert_run(9, 1, 0));
  EXPECT_EQ(by_run.runs().size(), 1u);
  EXPECT_EQ(by_run.size(), 17u);
}

namespace {

JournalEntry list_entry() {
  JournalEntry e;
  e.totals = {12, 4, 2, 4.25, 3};
  e.numbers = NumberList{{18446744073709551557ull, 9, 2, 0}};
  e.prime_offsets = {0, 2};
  e.times = JournalEntry::Times::kAll;
  e.elapsed = {4.0, 0.125, 1e-7, 0.125 - 1e-7};
  e.threads = {1, 0, 12, 0};
  return e;
}

JournalEntry range_entry() {
  JournalEntry e;
  e.totals = {0, 4096, 3, 0.0123, 1};
  e.numbers = Progression{1000000000000000000ull, 3, 4096};
  e.prime_offsets = {7, 8, 4095};
  e.times = JournalEntry::Times::kPrimes;
  e.elapsed = {1.5e-6, 2e-6, 3.0517578125e-05};
  e.threads = {0, 0, 0};
  return e;
}

std::vector<PrimeResult> results_of(const JournalEntry& e) {
  std::vector<PrimeResult> out;
  e.for_each_result([&](const PrimeResult& r) { out.push_back(r); });
  return out;
}

}  // namespace

TEST(JournalLine, RoundTripsEveryKindOfEntry) {
  JournalEntry counts = range_entry();
  counts.times = JournalEntry::Times::kNone;
  counts.elapsed.clear();
  counts.threads.clear();
  JournalEntry no_primes = list_entry();
  no_primes.prime_offsets.clear();
  no_primes.totals.primes = 0;
  no_primes.totals.count = 1;
  no_primes.numbers = NumberList{{1}};
  no_primes.times = JournalEntry::Times::kNone;
  no_primes.elapsed.clear();
  no_primes.threads.clear();
  JournalEntry wide_list = list_entry();  // numbers of 65 to 128 bits, beside small ones
  wide_list.numbers = NumberList{{kMaxNumber, 9, (Number{1} << 64) + 13, 0}};
  JournalEntry wide_range = range_entry();
  wide_range.numbers = Progression{(Number{1} << 127) - 1, Number{1} << 100, 3};
  wide_range.totals.count = 3;
  wide_range.totals.primes = 1;
  wide_range.prime_offsets = {1};
  wide_range.elapsed = {2e-6};
  wide_range.threads = {1};
  for (const JournalEntry& e :
       {list_entry(), range_entry(), counts, no_primes, wide_list, wide_range}) {
    const std::string line = journal_line(e);
    JournalEntry back;
    ASSERT_TRUE(parse_journal_line(line, back)) << line;
    EXPECT_EQ(journal_line(back), line);
    EXPECT_EQ(results_of(back), results_of(e));
  }
  EXPECT_EQ(journal_line(list_entry()).substr(0, 71),
            "12 4 18446744073709551557,9,2,0 0,2 4.25 a4@1,0.125,1e-07@12,0.1249999 ");
  EXPECT_EQ(journal_line(wide_list).substr(0, 83),
            "12 4 340282366920938463463374607431768211455,9,18446744073709551629,0 0,2 4.25 a4@1");
}

TEST(JournalLine, RejectsAnyChangedByteAndNonCanonicalText) {
  const std::string line = journal_line(list_entry());
  JournalEntry back;
  for (std::size_t i = 0; i < line.size(); ++i) {
    std::string damaged = line;
    damaged[i] = damaged[i] == '1' ? '2' : '1';
    EXPECT_FALSE(parse_journal_line(damaged, back)) << "byte " << i;
    EXPECT_FALSE(parse_journal_line(line.substr(0, i), back)) << "cut at " << i;
  }
  // Right checksums over wrong texts: every one must still be refused.
  auto with_sum = [](const std::string& text) {
    char sum[12];
    std::snprintf(sum, sizeof sum, " %08x", fnv1a32(text.data(), text.size()));
    return text + sum;
  };
  for (const std::string& text : std::vector<std::string>{
           "0 1 05 - 0 - 0", "0 2 5 - 0 - 0", "0 0 5 - 0 - 0", "0 1 5 1 0 - 0", "0 2 5,6 0,0 0 - 0",
           "0 1 5 - inf - 0", "0 1 5 - -1 - 0", "0 1 5 0 0 p1,2 0", "0 1 5 - 0 a1@0 0",
           "0 2 340282366920938463463374607431768211455+1 - 0 - 0",
           "0 1 0340282366920938463463374607431768211456 - 0 - 0",
           "0 2 340282366920938463463374607431768211456+1 - 0 - 0",
           "0 1 1" + std::string(100000, '0') + " - 0 - 0", "18446744073709551615 1 5 - 0 - 0",
           "0 4097 1+1 - 0 - 0", "0 1 5 - 0 - 0 ", "0 1 5 - 0 x 0"}) {
    EXPECT_FALSE(parse_journal_line(with_sum(text), back)) << text;
  }
  EXPECT_TRUE(parse_journal_line(with_sum("0 1 5 0 0 p1 0"), back));
  // Big numbers in a list, at any place, round trip with their digits.
  const std::string big = "1" + std::string(99998, '0') + "7";  // 100,000 digits
  const std::string big_line =
      with_sum("4 3 " + big + ",0,340282366920938463463374607431768211456 1 0 - 0");
  ASSERT_TRUE(parse_journal_line(big_line, back));
  EXPECT_EQ(back.number(1), 0u);  // a 0 among big numbers is itself
  ASSERT_NE(back.big(0), nullptr);
  EXPECT_EQ(*back.big(0), big);
  EXPECT_EQ(back.big(1), nullptr);
  EXPECT_EQ(*back.big(2), "340282366920938463463374607431768211456");
  EXPECT_EQ(journal_line(back), big_line);
  std::vector<std::string> rows;
  back.for_each_result([&rows](const PrimeResult& r) { rows.push_back(decimal_of(r)); });
  EXPECT_EQ(rows, (std::vector<std::string>{big, "0", "340282366920938463463374607431768211456"}));
}

TEST(JournalLine, NumbersWithoutATimeGetTheirJobsMean) {
  const auto rows = results_of(range_entry());
  ASSERT_EQ(rows.size(), 4096u);
  const double composites = (0.0123 - 1.5e-6 - 2e-6 - 3.0517578125e-05) / 4093;
  EXPECT_DOUBLE_EQ(rows[0].elapsed, composites);
  EXPECT_TRUE(rows[7].prime);
  EXPECT_EQ(rows[7].elapsed, 1.5e-6);
  EXPECT_EQ(rows[4095].n, 1000000000000000000ull + 3 * 4095);
  EXPECT_EQ(rows[4095].index, 4095u);
  EXPECT_EQ(rows[4095].worker, 1);
}

namespace {

std::string header_line() { return journal_header_line({"range:1:5:1", "trial"}) + "\n"; }

}  // namespace

TEST(JournalReader, TornTailIsDroppedAtEveryByteDamageIsRefused) {
  const std::string la = journal_line(list_entry()) + "\n";
  JournalEntry next = range_entry();
  next.totals.first_index = 16;
  const std::string lb = journal_line(next) + "\n";
  const JournalContents whole = parse_journal("j", header_line() + la + lb);
  EXPECT_EQ(whole.header.input, "range:1:5:1");
  EXPECT_EQ(whole.header.method, "trial");
  EXPECT_EQ(whole.done.size(), 4u + 4096u);
  EXPECT_EQ(whole.primes, 5u);
  EXPECT_EQ(whole.last_index, 16u + 4095u);
  EXPECT_EQ(whole.last_index_line, 3u);
  EXPECT_EQ(whole.mean_times, 4093u);
  EXPECT_FALSE(whole.torn_tail);

  for (std::size_t cut = 1; cut < lb.size(); ++cut) {
    const JournalContents j = parse_journal("j", header_line() + la + lb.substr(0, cut));
    EXPECT_TRUE(j.torn_tail) << cut;
    EXPECT_EQ(j.done.size(), 4u) << cut;
    EXPECT_EQ(j.intact_bytes, header_line().size() + la.size()) << cut;
  }
  std::string damaged = header_line() + la + lb;
  damaged[header_line().size() + 2] = '9';
  EXPECT_THROW(parse_journal("j", damaged), InputError);
  EXPECT_THROW(parse_journal("j", header_line() + la + la), InputError);  // the same job twice
  JournalEntry overlapping = list_entry();
  overlapping.totals.first_index = 15;  // 15..18: index 15 is the first job's
  EXPECT_THROW(parse_journal("j", header_line() + la + journal_line(overlapping) + "\n"),
               InputError);
  EXPECT_THROW(parse_journal("j", "hello\n"), InputError);
  EXPECT_THROW(parse_journal("j", ""), InputError);
}

// A spread number's searched divisor ranges ("s" lines): written and read back exactly, any
// changed byte refused, and gathered by the reader per index and number, merged, apart from the
// results.
TEST(JournalReader, SearchedRangesAreReadBackMergedAndApartFromResults) {
  const Number wide = (Number{1} << 64) + 13;
  const SearchedRange a{7, wide, 131075, 2000001}, b{7, wide, 1000001, 3000001},
      c{7, wide + 2, 3000003, 4000001}, d{9, 11, 3, 3};
  for (const SearchedRange& r : {a, b, c, d}) {
    SearchedRange back;
    ASSERT_TRUE(parse_searched_line(searched_line(r), back)) << searched_line(r);
    EXPECT_EQ(back.index, r.index);
    EXPECT_EQ(back.n, r.n);
    EXPECT_EQ(back.lo, r.lo);
    EXPECT_EQ(back.hi, r.hi);
  }
  EXPECT_EQ(searched_line(a).substr(0, 35), "s 7 18446744073709551629 131075 200");
  const std::string line = searched_line(a);
  for (std::size_t i = 0; i < line.size(); ++i) {
    std::string changed = line;
    changed[i] = changed[i] == '1' ? '2' : '1';
    SearchedRange ignored;
    EXPECT_FALSE(parse_searched_line(changed, ignored)) << changed;
  }
  SearchedRange ignored;
  EXPECT_FALSE(parse_searched_line(searched_line({1, 5, 9, 3}), ignored)) << "lo above hi";
  const std::string la = journal_line(list_entry()) + "\n";
  const JournalContents j =
      parse_journal("j", header_line() + searched_line(a) + "\n" + la + searched_line(b) + "\n" +
                             searched_line(c) + "\n" + searched_line(d) + "\n");
  EXPECT_EQ(j.done.size(), 4u);  // the results alone
  using Ranges = std::vector<std::pair<std::uint64_t, std::uint64_t>>;
  EXPECT_EQ(j.done.searched(7, wide), (Ranges{{131075, 3000001}}));
  EXPECT_EQ(j.done.searched(7, wide + 2), (Ranges{{3000003, 4000001}}));
  EXPECT_EQ(j.done.searched(8, wide), Ranges{});
  EXPECT_THROW(parse_journal("j", header_line() + "s 7 1 2\n"), InputError);
}

TEST(JournalReader, RefusesTheOldPerNumberFormatByName) {
  try {
    parse_journal("old.j",
                  "primepool-journal 1 range:1:5:1 trial\n0 1 C 0.000001000 0 0 1234abcd\n");
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("old.j:1"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("format 1"), std::string::npos) << e.what();
  }
}

namespace {

bool is_prime_plain(Number n) {
  if (n < 2) return false;
  for (std::uint64_t d = 2; d * d <= n; ++d)
    if (n % d == 0) return false;
  return true;
}

// Jobs through a JournalReporter into a file, then read back.
class JournalRoundTrip : public ::testing::Test {
 protected:
  void SetUp() override {
    char name[] = "/tmp/primepool-journal-XXXXXX";
    const int fd = mkstemp(name);
    ASSERT_GE(fd, 0);
    close(fd);
    path_ = name;
    unlink(name);
  }
  void TearDown() override { unlink(path_.c_str()); }

  // Jobs of `size` numbers over [0, total) of 1000 + 7i, rows as `detail` carries them; `all`
  // gets every result. Returns the journal read back with its results.
  JournalContents journal(std::uint64_t total, std::uint64_t size, ResultDetail detail,
                          bool arithmetic, std::vector<PrimeResult>& all, bool times = true) {
    auto inner = std::make_unique<RecordingReporter>();
    RecordingReporter* seen = inner.get();
    JournalReporter reporter(JournalWriter::open_new(path_, {"x", "mr"}, true), std::move(inner),
                             times);
    reporter.begin({});
    std::size_t rows = 0;
    for (std::uint64_t first = 0; first < total; first += size) {
      const Job job = make_job(first, std::min(size, total - first), arithmetic);
      JobDone done{&job, {first, job.size(), 0, 0.0, 2}};
      for (std::uint64_t i = 0; i < job.size(); ++i) {
        const PrimeResult r{
            job.at(i), is_prime_plain(job.at(i)), 1e-6 * double(i % 5), 2, int(i % 3), first + i,
            {}};
        all.push_back(r);
        done.totals.primes += r.prime ? 1 : 0;
        done.totals.busy += r.elapsed;
        if (detail == ResultDetail::kFull || (detail == ResultDetail::kPrimesOnly && r.prime)) {
          reporter.result(r);
          ++rows;
        }
      }
      reporter.job_done(done);
      reporter.flush();
    }
    reporter.close();
    EXPECT_EQ(seen->results.size(), rows);  // the rows went on to the output
    return read_journal(path_, true);
  }

  static Job make_job(std::uint64_t first, std::uint64_t count, bool arithmetic) {
    Job job;
    job.first_index = first;
    if (arithmetic) {
      job.numbers = Progression{1000 + 7 * first, 7, count};
    } else {
      std::vector<Number>& list = std::get<NumberList>(job.numbers).numbers;
      for (std::uint64_t i = 0; i < count; ++i) list.push_back(1000 + 7 * (first + i));
    }
    return job;
  }

  std::string path_;
};

std::uint64_t lines_of(const std::string& path) {
  std::ifstream in(path);
  std::uint64_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  return lines;
}

}  // namespace

TEST_F(JournalRoundTrip, FullRowsComeBackExactly) {
  for (bool arithmetic : {true, false}) {
    std::vector<PrimeResult> all;
    const JournalContents j = journal(10000, 5000, ResultDetail::kFull, arithmetic, all);
    EXPECT_EQ(j.results, all) << arithmetic;
    EXPECT_EQ(j.mean_times, 0u);
    EXPECT_EQ(lines_of(path_), 1u + 4u);  // 5000 = 4096 + 904, twice
    unlink(path_.c_str());
  }
}

TEST_F(JournalRoundTrip, PrimesOnlyRowsKeepEveryVerdictAndThePrimesTimes) {
  std::vector<PrimeResult> all;
  const JournalContents j = journal(3000, 700, ResultDetail::kPrimesOnly, true, all);
  ASSERT_EQ(j.results.size(), all.size());
  std::uint64_t primes = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(j.results[i].index, all[i].index);
    EXPECT_EQ(j.results[i].n, all[i].n);
    EXPECT_EQ(j.results[i].prime, all[i].prime);
    if (all[i].prime) {
      EXPECT_EQ(j.results[i], all[i]);
      ++primes;
    }
  }
  EXPECT_GT(primes, 100u);
  EXPECT_EQ(j.primes, primes);
  EXPECT_EQ(j.mean_times, all.size() - primes);
  EXPECT_EQ(j.mean_time_primes, 0u);
  EXPECT_EQ(j.done.size(), 3000u);
}

TEST_F(JournalRoundTrip, WithoutTimesEveryVerdictAndTheBusyTimeRemain) {
  std::vector<PrimeResult> all;
  const JournalContents j = journal(9000, 9000, ResultDetail::kPrimesOnly, true, all, false);
  ASSERT_EQ(j.results.size(), all.size());
  double busy = 0.0, journaled_busy = 0.0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(j.results[i].prime, all[i].prime);
    EXPECT_EQ(j.results[i].n, all[i].n);
    busy += all[i].elapsed;
    journaled_busy += j.results[i].elapsed;
  }
  EXPECT_NEAR(journaled_busy, busy, 1e-9);
  EXPECT_EQ(j.mean_times, 9000u);
  EXPECT_GT(j.mean_time_primes, 500u);
  EXPECT_EQ(lines_of(path_), 1u + 3u);  // 4096 + 4096 + 808
}

TEST_F(JournalRoundTrip, CountsWithoutThePrimesCannotBeJournaled) {
  std::vector<PrimeResult> all;
  EXPECT_THROW(journal(100, 50, ResultDetail::kCounts, true, all), std::logic_error);
}

TEST_F(JournalRoundTrip, AJobCutShortByAStopJournalsWhatWasChecked) {
  JournalReporter reporter(JournalWriter::open_new(path_, {"x", "mr"}, true),
                           std::make_unique<RecordingReporter>());
  const Job job = make_job(0, 10, false);
  for (std::uint64_t i = 0; i < 3; ++i)
    reporter.result({job.at(i), is_prime_plain(job.at(i)), 0.5, 0, 0, i, {}});
  reporter.job_done({&job, {0, 3, 0, 1.5, 0}});
  reporter.flush();
  reporter.close();
  const JournalContents j = read_journal(path_, true);
  EXPECT_EQ(j.done.size(), 3u);
  EXPECT_FALSE(j.done.contains(3));
}
