// The summary's arithmetic: load imbalance, parallel efficiency over threads, counts, stops.
#include <cerrno>
#include <gtest/gtest.h>
#include <sstream>

#include "primepool/input/job.hpp"
#include "primepool/output/delivery.hpp"
#include "primepool/output/output_file.hpp"
#include "primepool/report.hpp"
#include "primepool/summary.hpp"

using namespace primepool;

namespace {
RunSummary two_workers() {
  RunSummary s;
  s.wall = 10.0;
  s.worker(0) = {0, 0.0, 0};   // the coordinator checks nothing
  s.worker(1) = {5, 12.0, 2};  // 2 threads, 12 s busy in all
  s.worker(2) = {5, 4.0, 2};
  return s;
}
}  // namespace

TEST(Summary, EfficiencyDividesByEveryComputeThread) {
  // 16 busy seconds over 10 s wall and 4 threads.
  EXPECT_DOUBLE_EQ(two_workers().efficiency(), 0.4);
}

TEST(Summary, ImbalanceIsMaxOverMean) {
  EXPECT_DOUBLE_EQ(two_workers().load_imbalance(), 12.0 / 8.0);
  RunSummary idle;
  EXPECT_DOUBLE_EQ(idle.load_imbalance(), 1.0);
  EXPECT_DOUBLE_EQ(idle.efficiency(), 0.0);
}

TEST(Summary, CountsPrimesAndNumbersPerWorker) {
  RunSummary s;
  PrimeResult r;
  r.worker = 2;
  r.prime = true;
  s.add(r);
  r.prime = false;
  s.add(r);
  EXPECT_EQ(s.checked, 2u);
  EXPECT_EQ(s.primes, 1u);
  EXPECT_EQ(s.worker(2).numbers, 2u);
}

TEST(Summary, SignalAfterTheLastNumberLeavesItComplete) {
  RunSummary s;
  s.stopped_by(15);
  EXPECT_FALSE(s.complete());
  EXPECT_EQ(s.outcome, Outcome::kStopped);
  s.signalled_after_all(15);
  EXPECT_TRUE(s.complete());
  EXPECT_EQ(s.stop_signal, 15);
  EXPECT_NE(s.message.find("every number was checked"), std::string::npos) << s.message;
}

// One outcome: a graver one replaces a lighter one, an equal one keeps the first message, and a
// signal after the last number cannot turn a failed run into a complete one.
TEST(Summary, TheGravestOutcomeWins) {
  RunSummary s;
  s.end(Outcome::kBadInput, "numbers.txt:3: bad");
  s.stopped_by(15);
  EXPECT_EQ(s.outcome, Outcome::kStopped);
  EXPECT_EQ(s.message, "stopped by SIGTERM (signal 15: a kill, or the batch system's time limit)");
  s.end(Outcome::kFailed, "out.csv: No space left on device");
  s.stopped_by(2);  // lighter: the failure stays, the signal is noted
  s.end(Outcome::kFailed, "a second failure");
  s.signalled_after_all(2);
  EXPECT_EQ(s.outcome, Outcome::kFailed);
  EXPECT_EQ(s.message, "out.csv: No space left on device");
  EXPECT_TRUE(s.writes_ended());
  EXPECT_FALSE(s.abort_needed);
}

TEST(Summary, AbandonedAfterAStopNeedsAnAbortAndSaysWhy) {
  RunSummary s;
  s.stopped_by(10);
  s.abandon("2 jobs still in flight");
  EXPECT_EQ(s.outcome, Outcome::kAbandoned);
  EXPECT_TRUE(s.abort_needed);
  EXPECT_EQ(s.message,
            "stopped by SIGUSR1 (signal 10: the batch system's warning before the time limit, "
            "or kill); the grace period ran out with 2 jobs still in flight");
  RunSummary failed;  // a failure stays the outcome, but the abort is still needed
  failed.end(Outcome::kFailed, "disk full");
  failed.abandon("1 jobs still in flight");
  EXPECT_EQ(failed.outcome, Outcome::kFailed);
  EXPECT_TRUE(failed.abort_needed);
}

TEST(Summary, OutcomeNamesInTheJson) {
  RunSummary s;
  s.end(Outcome::kStalled, "rank 2 sent nothing for 4 s");
  std::ostringstream json;
  write_summary_json(json, s);
  EXPECT_NE(json.str().find("\"complete\":false,\"outcome\":\"stalled\",\"failure\":\"\","
                            "\"stop_reason\":\"rank 2 sent nothing for 4 s\""),
            std::string::npos)
      << json.str();
  EXPECT_STREQ(outcome_name(Outcome::kOutputGivenUp), "output_given_up");
}

// One form in text and JSON: the totals, then this run's part and the journal's (a resumed
// run that found everything journaled said "0 (+2 from the journal) checked, 1 prime (+1 ...)",
// and the JSON mixed this run's count with the total).
TEST(Summary, JournalCountsAreTotalThisRunAndJournal) {
  RunSummary s;
  s.checked = 3;
  s.primes = 1;
  s.resumed = 7;
  s.resumed_primes = 4;
  s.total = 10;
  std::ostringstream text, json;
  print_summary(text, s);
  write_summary_json(json, s);
  EXPECT_NE(
      text.str().find("Summary: 10 of 10 numbers checked (3 in this run, 7 from the journal), "
                      "5 primes (1 in this run, 4 from the journal),"),
      std::string::npos)
      << text.str();
  EXPECT_NE(json.str().find("{\"checked\":10,\"primes\":5,\"run_checked\":3,\"run_primes\":1,"
                            "\"resumed\":7,\"resumed_primes\":4,"),
            std::string::npos)
      << json.str();

  RunSummary all_journaled;
  all_journaled.resumed = 2;
  all_journaled.resumed_primes = 1;
  all_journaled.total = 2;
  std::ostringstream again;
  print_summary(again, all_journaled);
  EXPECT_NE(again.str().find("Summary: 2 of 2 numbers checked (0 in this run, 2 from the journal), "
                             "1 prime (0 in this run, 1 from the journal),"),
            std::string::npos)
      << again.str();
}

// The printed figures, exactly: efficiency as a percentage (0.4 is "40.0%", not "0.4%"), the
// imbalance, rank 0's CPU share.
TEST(Summary, PrintedFiguresAreExact) {
  RunSummary s = two_workers();
  s.checked = 10;
  s.rank0_cpu = 0.25;
  std::ostringstream text, json;
  print_summary(text, s);
  write_summary_json(json, s);
  EXPECT_NE(text.str().find("load imbalance (max/mean busy) 1.500, parallel efficiency 40.0%\n"),
            std::string::npos)
      << text.str();
  EXPECT_NE(text.str().find("rank 0 CPU: 0.250s over 10.00s wall (2.5% of one core)"),
            std::string::npos)
      << text.str();
  EXPECT_NE(json.str().find("\"load_imbalance\":1.500000,\"efficiency\":0.400000"),
            std::string::npos)
      << json.str();
}

// A stop is said in the user's terms: Ctrl-C, also when a job script passed it on as SIGUSR2.
TEST(Summary, StopSignalsInTheUsersTerms) {
  EXPECT_EQ(signal_in_words(2), "Ctrl-C (SIGINT)");
  EXPECT_EQ(signal_in_words(12), "Ctrl-C (SIGINT, passed on as SIGUSR2 by the job script)");
  EXPECT_EQ(signal_in_words(1), "signal 1 (Hangup)");
  RunSummary s;
  s.stopped_by(2);
  EXPECT_EQ(s.message, "stopped by Ctrl-C (SIGINT)");
}

// A run of no number or of one: its efficiency and rank 0's share measure only the start-up, so
// they are left out; from two numbers on they are printed.
TEST(Summary, NoSharesForARunOfOneNumber) {
  for (std::uint64_t checked : {0, 1, 2}) {
    RunSummary s = two_workers();
    s.checked = checked;
    std::ostringstream text;
    print_summary(text, s);
    const bool shares = text.str().find("parallel efficiency") != std::string::npos;
    EXPECT_EQ(shares, checked >= 2) << text.str();
    EXPECT_EQ(text.str().find("rank 0 CPU") != std::string::npos, checked >= 2) << text.str();
  }
}

// A write given up after a stop (ECANCELED) is a stop whose output was given up, not a failure;
// any other failure is kFailed.
TEST(Summary, AGivenUpWriteIsAStopNotAFailure) {
  RunSummary s;
  s.stopped_by(15);
  record_failure(s, WriteError("standard output", "write", ECANCELED));
  EXPECT_EQ(s.outcome, Outcome::kOutputGivenUp);
  EXPECT_EQ(s.message.rfind("stopped by SIGTERM (signal 15: a kill, or the batch system's time "
                            "limit); standard output",
                            0),
            0u)
      << s.message;
  record_failure(s, WriteError("out.csv", "write", ENOSPC));
  EXPECT_EQ(s.outcome, Outcome::kFailed);
  EXPECT_NE(s.message.find("out.csv"), std::string::npos) << s.message;
}

// Probable primes (Baillie-PSW above 2^64) are counted from the rows, said in the text and the
// JSON; when a job's primes came back as a count only (--quiet), the count is unknown (null).
TEST(Summary, ProbablePrimesCountedWhenTheRowsAreThere) {
  RunSummary s;
  s.probable_above_64 = true;
  const Number wide_prime = (Number{1} << 64) + 13;
  PrimeResult r;
  for (const auto& [n, prime] :
       {std::pair<Number, bool>{wide_prime, true}, {7, true}, {wide_prime + 2, false}}) {
    r.n = n;
    r.prime = prime;
    s.add(r);
  }
  ASSERT_TRUE(s.probable_primes);
  EXPECT_EQ(*s.probable_primes, 1u);
  std::ostringstream text, json;
  print_summary(text, s);
  write_summary_json(json, s);
  EXPECT_NE(text.str().find("2 primes (1 of them probable: Baillie-PSW above 2^64)"),
            std::string::npos)
      << text.str();
  EXPECT_NE(json.str().find("\"probable_primes\":1,"), std::string::npos) << json.str();

  std::unique_ptr<Reporter> quiet = quiet_reporter();
  Job job;
  job.numbers = NumberList{{wide_prime}};
  // --quiet: no rows, but the job's totals count its primes from 2^64 on.
  deliver({}, {&job, {3, 1, 1, 0.5, 1, 1}}, ResultDetail::kCounts, s, *quiet);
  ASSERT_TRUE(s.probable_primes);
  EXPECT_EQ(*s.probable_primes, 2u);
  std::ostringstream after;
  write_summary_json(after, s);
  EXPECT_NE(after.str().find("\"probable_primes\":2,"), std::string::npos) << after.str();

  RunSummary proven;  // trial or wheel: nothing is probable
  r.n = wide_prime;
  r.prime = true;
  proven.add(r);
  EXPECT_EQ(*proven.probable_primes, 0u);
}
