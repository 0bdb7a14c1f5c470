// The summary's arithmetic: load imbalance, parallel efficiency over threads, counts, stops.
#include <gtest/gtest.h>
#include <sstream>

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
  EXPECT_FALSE(s.complete);
  s.signalled_after_all(15);
  EXPECT_TRUE(s.complete);
  EXPECT_EQ(s.stop_signal, 15);
}

TEST(Summary, JournalPrimesCountInBothForms) {
  RunSummary s;
  s.checked = 3;
  s.primes = 1;
  s.resumed = 7;
  s.resumed_primes = 4;
  s.total = 10;
  std::ostringstream text, json;
  print_summary(text, s);
  write_summary_json(json, s);
  EXPECT_NE(text.str().find(
                "3 (+7 from the journal) of 10 numbers checked, 5 primes (+4 from the journal)"),
            std::string::npos)
      << text.str();
  EXPECT_NE(json.str().find("\"primes\":5,\"resumed_primes\":4"), std::string::npos) << json.str();
}
