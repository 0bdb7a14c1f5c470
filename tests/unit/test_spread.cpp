// The spreading of hard numbers (run/spread.hpp), without MPI: which numbers are hard, a job taken
// apart around them in input order, divisor ranges that cover the search exactly once, a prime
// decided by its last range, a composite by its first divisor (the rest cancelled), answers late.
#include <algorithm>
#include <gtest/gtest.h>
#include <optional>
#include <vector>

#include "primepool/check/bpsw128.hpp"
#include "primepool/check/method.hpp"
#include "primepool/run/spread.hpp"

using namespace primepool;

namespace {

const Number kTwo64 = Number{1} << 64;
const Number kPrime = kTwo64 + 13;  // prime: its search runs to its root, 2^32

struct Fixture {
  std::uint64_t ids = 100;
  Spreader spread;
  std::optional<SearchedRange> searched;  // the last answer's range to journal
  explicit Fixture(const char* method = "trial", int workers = 2, const DoneSet* done = nullptr)
      : spread(
            *find_method(method), workers, 1, [this] { return ids++; }, done) {}
  std::optional<Spreader::Decided> answer(const Job& range, bool none, double busy, int worker,
                                          std::vector<std::uint64_t>& cancel) {
    return spread.answer(range, none, busy, worker, cancel, searched);
  }
  // Every job next() gives until it gives none.
  std::vector<Job> drain() {
    std::vector<Job> jobs;
    while (auto job = spread.next()) jobs.push_back(std::move(*job));
    return jobs;
  }
};

Job list_job(std::vector<Number> numbers, std::uint64_t first_index) {
  Job job;
  job.id = 7;
  job.first_index = first_index;
  job.numbers = NumberList{std::move(numbers)};
  return job;
}

}  // namespace

TEST(Spread, OnlyDivisorSearchesOnTwoOrMoreWorkersSpread) {
  EXPECT_TRUE(spreads(*find_method("trial"), 2));
  EXPECT_TRUE(spreads(*find_method("wheel"), 5));
  EXPECT_FALSE(spreads(*find_method("trial"), 1));
  EXPECT_FALSE(spreads(*find_method("mr"), 4));
  EXPECT_EQ(search_threads(*find_method("trial"), 3, 2), 6);
  EXPECT_EQ(search_threads(*find_method("trial"), 1, 2), 2);
  EXPECT_EQ(search_threads(*find_method("mr"), 3, 2), 2);
  Fixture one("trial", 1);
  Job job = list_job({kPrime}, 0);
  EXPECT_FALSE(one.spread.split(job));
}

// Below 2^64 nothing is hard (a search ends within seconds); a wide number with a factor that
// rank 0's first scan finds (131071 = 2^17 - 1, its last candidate but one) is not hard either.
TEST(Spread, EasyNumbersStayInTheirJob) {
  Fixture f;
  Job job = list_job(
      {7, ~std::uint64_t{0} - 58, kTwo64 + 15, (kTwo64 + 13) * 3, (kTwo64 + 13) * 131071}, 0);
  EXPECT_FALSE(f.spread.split(job));
  EXPECT_EQ(job.size(), 5u);
  EXPECT_FALSE(f.spread.busy());
}

// [7, P, 9, 10, P2] becomes [7], P's ranges, [9, 10], P2's ranges, each at its input index; the
// ranges of one number cover first_divisor + 2^17 .. isqrt(n) exactly, in order, odd bounds.
TEST(Spread, AJobIsTakenApartAndTheRangesCoverTheSearchOnce) {
  Fixture f;
  const Number other = kTwo64 + 51;  // prime as well
  Job job = list_job({7, kPrime, 9, 10, other}, 40);
  ASSERT_TRUE(f.spread.split(job));
  EXPECT_EQ(f.spread.spread_count(), 2u);
  const std::vector<Job> jobs = f.drain();
  ASSERT_GE(jobs.size(), 4u);
  EXPECT_EQ(jobs.front().first_index, 40u);
  EXPECT_EQ(jobs.front().size(), 1u);
  EXPECT_FALSE(jobs.front().divisor_range());
  std::vector<std::uint64_t> ids;
  for (const Job& j : jobs) ids.push_back(j.id);
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::unique(ids.begin(), ids.end()), ids.end()) << "job ids repeat";
  for (const Number n : {kPrime, other}) {
    std::uint64_t expect_lo = 3 + 2 * Spreader::kScanCandidates;
    int ranges = 0;
    for (const Job& j : jobs) {
      if (!j.divisor_range() || j.at(0) != n) continue;
      EXPECT_EQ(j.first_index, n == kPrime ? 41u : 44u);
      EXPECT_EQ(j.search_lo, expect_lo) << "a gap or an overlap at range " << ranges;
      EXPECT_EQ(j.search_lo % 2, 1u);
      EXPECT_LE(j.search_lo, j.search_hi);
      expect_lo = j.search_hi + 2;
      ++ranges;
    }
    EXPECT_GE(ranges, 16) << "at least 8 ranges a worker";
    EXPECT_GE(expect_lo - 2, isqrt128(n)) << "the last range stops short of the root";
    EXPECT_LE(expect_lo - 2, isqrt128(n) + 1);
  }
  const auto easy = std::find_if(jobs.begin(), jobs.end(), [](const Job& j) {
    return !j.divisor_range() && j.first_index == 42;
  });
  ASSERT_NE(easy, jobs.end());
  EXPECT_EQ(easy->size(), 2u);
  EXPECT_EQ(easy->at(1), Number{10});
}

TEST(Spread, APrimeIsDecidedByItsLastRange) {
  Fixture f;
  Job job = list_job({kPrime}, 5);
  ASSERT_TRUE(f.spread.split(job));
  const std::vector<Job> ranges = f.drain();
  std::vector<std::uint64_t> cancel;
  EXPECT_EQ(f.spread.progress_note(1e9).substr(0, 39), "index 5: 0% of its divisor search");
  for (std::size_t i = 0; i + 1 < ranges.size(); ++i) {
    if (i == ranges.size() / 2) {  // half of the (equal) ranges answered
      const std::string note = f.spread.progress_note(1e9);
      EXPECT_TRUE(note.rfind("index 5: 50% of its divisor search, about ", 0) == 0 ||
                  note.rfind("index 5: 47% of its divisor search, about ", 0) == 0)
          << note;
    }
    EXPECT_FALSE(f.answer(ranges[i], true, 0.5, 1, cancel)) << "decided early at " << i;
    ASSERT_TRUE(f.searched) << "a range without a divisor is journaled";
    EXPECT_EQ(f.searched->lo, ranges[i].search_lo);
    EXPECT_EQ(f.searched->hi, ranges[i].search_hi);
    EXPECT_EQ(f.searched->index, 5u);
    EXPECT_EQ(f.searched->n, kPrime);
  }
  const auto decided = f.answer(ranges.back(), true, 0.5, 2, cancel);
  ASSERT_TRUE(decided);
  EXPECT_FALSE(f.searched) << "the deciding range need not be journaled";
  EXPECT_TRUE(cancel.empty());
  EXPECT_TRUE(decided->row.prime);
  EXPECT_EQ(decided->row.n, kPrime);
  EXPECT_EQ(decided->row.index, 5u);
  EXPECT_EQ(decided->row.worker, 2);
  EXPECT_EQ(decided->totals.count, 1u);
  EXPECT_EQ(decided->totals.primes, 1u);
  EXPECT_DOUBLE_EQ(decided->totals.busy, 0.5 * static_cast<double>(ranges.size()));
  EXPECT_EQ(decided->job.first_index, 5u);
  EXPECT_EQ(decided->job.at(0), kPrime);
  EXPECT_FALSE(decided->job.divisor_range());
  EXPECT_FALSE(f.spread.busy());
  EXPECT_EQ(f.spread.progress_note(1e9), "");
}

// A divisor in the third of five ranges out decides at once; the other four are cancelled, and
// their answers (whatever they say) change nothing.
TEST(Spread, TheFirstDivisorDecidesAndCancelsTheRest) {
  Fixture f;
  Job job = list_job({kPrime}, 0);
  ASSERT_TRUE(f.spread.split(job));
  std::vector<Job> out;
  for (int i = 0; i < 5; ++i) out.push_back(*f.spread.next());
  std::vector<std::uint64_t> cancel;
  const auto decided = f.answer(out[2], false, 0.25, 1, cancel);
  ASSERT_TRUE(decided);
  EXPECT_FALSE(decided->row.prime);
  EXPECT_EQ(decided->totals.primes, 0u);
  EXPECT_EQ(cancel, (std::vector<std::uint64_t>{out[0].id, out[1].id, out[3].id, out[4].id}));
  EXPECT_FALSE(f.spread.next()) << "ranges handed out after the number was decided";
  EXPECT_TRUE(f.spread.busy());  // four ranges still out
  for (int i : {0, 1, 3, 4}) {
    std::vector<std::uint64_t> more;
    EXPECT_FALSE(f.answer(out[static_cast<std::size_t>(i)], i == 1, 0.1, 2, more));
    EXPECT_TRUE(more.empty());
    EXPECT_FALSE(f.searched) << "a decided number's range journaled";
  }
  EXPECT_FALSE(f.spread.busy());
  std::vector<std::uint64_t> none;
  EXPECT_FALSE(f.answer(out[0], true, 0.1, 1, none)) << "an answer for no range out";
}

// The wheel's ranges start past its first divisor, 7, and its own scan.
TEST(Spread, TheWheelSpreadsToo) {
  Fixture f("wheel", 3);
  Job job = list_job({kPrime}, 0);
  ASSERT_TRUE(f.spread.split(job));
  const auto first = f.spread.next();
  ASSERT_TRUE(first && first->divisor_range());
  EXPECT_EQ(first->search_lo, 7 + 2 * Spreader::kScanCandidates);
}

// A resumed run: the journal's searched ranges (two stretches, one of them in two overlapping
// pieces, and one of another number at that index) are skipped; the ranges handed out cover
// exactly the rest. A journal that has all of it leaves the root alone to search.
TEST(Spread, AResumedRunSearchesOnlyWhatTheJournalLacks) {
  const std::uint64_t first = 3 + 2 * Spreader::kScanCandidates;
  const std::uint64_t root = isqrt128(kPrime);
  DoneSet done;
  done.add_searched({4, kPrime, first, first + 2000000 - 2});
  done.add_searched({4, kPrime, 900000001, 1500000001});
  done.add_searched({4, kPrime, 1200000001, 2000000001});
  done.add_searched({4, kPrime + 2, 2000000003, root});  // another number: not this one's
  Fixture f("trial", 2, &done);
  Job job = list_job({kPrime}, 4);
  ASSERT_TRUE(f.spread.split(job));
  EXPECT_EQ(f.spread.journaled_candidates(), 1000000u + 550000001u);
  std::vector<std::pair<std::uint64_t, std::uint64_t>> got;
  for (const Job& j : f.drain()) got.emplace_back(j.search_lo, j.search_hi);
  std::sort(got.begin(), got.end());
  std::uint64_t expect = first + 2000000;
  for (const auto& [lo, hi] : got) {
    if (expect == 900000001) expect = 2000000003;
    EXPECT_EQ(lo, expect) << "a gap or an overlap";
    EXPECT_FALSE(lo <= 2000000001 && hi >= 900000001) << "a searched stretch searched again";
    expect = hi + 2;
  }
  EXPECT_GE(expect - 2, root);

  DoneSet all;
  all.add_searched({0, kPrime, first, root});
  Fixture whole("trial", 2, &all);
  Job again = list_job({kPrime}, 0);
  ASSERT_TRUE(whole.spread.split(again));
  const std::vector<Job> left = whole.drain();
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].search_lo, root);
  EXPECT_EQ(left[0].search_hi, root);
}
