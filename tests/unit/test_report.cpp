// Output formatting without MPI: the table row layout, the column width for wide numbers,
// and the header and closing lines of the sequential and parallel forms.
#include <cmath>
#include <cstdio>
#include <gtest/gtest.h>
#include <random>
#include <sstream>

#include "primepool/journal/journal.hpp"
#include "primepool/output/delivery.hpp"
#include "primepool/output/formats.hpp"
#include "primepool/output/input_order.hpp"
#include "primepool/output/row_text.hpp"

#include "recording_reporter.hpp"

using namespace primepool;

namespace {
PrimeResult result(Number n, bool prime, double elapsed) {
  PrimeResult r;
  r.n = n;
  r.prime = prime;
  r.elapsed = elapsed;
  return r;
}
}  // namespace

TEST(TableReporter, ReferenceLayout) {
  std::ostringstream out;
  TableReporter rep(out);
  rep.begin({20, 9999999999999999ull, 3, 1});
  rep.result(result(2, true, 0.000001));
  rep.result(result(3333333333333333ull, false, 0.000007));
  rep.result(result(9999999999999917ull, true, 4.678164));
  RunSummary s;
  s.checked = 20;
  s.wall = 0.534;
  s.rank0_cpu = 0.002;
  rep.end(s);
  EXPECT_EQ(out.str(),
            "Checking 20 numbers with 3 workers:\n"
            "               2 P  0.000001s\n"
            "3333333333333333    0.000007s\n"
            "9999999999999917 P  4.678164s\n"
            "20 checks in 0.53s\n");
}

TEST(TableReporter, SequentialForm) {
  std::ostringstream out;
  TableReporter rep(out);
  rep.begin({1, 7, 0, 1});
  rep.result(result(7, true, 0.0));
  RunSummary s;
  s.wall = 40.31;
  rep.end(s);
  EXPECT_EQ(out.str(),
            "Checking 1 number sequentially:\n"
            "               7 P  0.000000s\n"
            "Total time: 40.31s\n");
}

TEST(TableReporter, WidensForNumbersOverSixteenDigits) {
  std::ostringstream out;
  TableReporter rep(out);
  rep.begin({2, 18446744073709551615ull, 1, 1});
  rep.result(result(5, true, 0.0));
  rep.result(result(18446744073709551615ull, false, 12.5));
  EXPECT_EQ(out.str(),
            "Checking 2 numbers with 1 worker:\n"
            "                   5 P  0.000000s\n"
            "18446744073709551615   12.500000s\n");
}

TEST(DecimalDigits, Boundaries) {
  EXPECT_EQ(decimal_digits(0), 1);
  EXPECT_EQ(decimal_digits(9), 1);
  EXPECT_EQ(decimal_digits(10), 2);
  EXPECT_EQ(decimal_digits(18446744073709551615ull), 20);
}

TEST(FastFormat, SecondsMatchPrintfEverywhere) {
  std::mt19937_64 rng(11);
  int mismatches = 0;
  for (int i = 0; i < 2000000 && mismatches < 5; ++i) {
    // Timings as the clock makes them: whole ticks of a few GHz, from ns to an hour.
    const double seconds =
        static_cast<double>(rng() % 4000000000000ull) / 2.9e9 / std::pow(10.0, rng() % 7);
    for (int decimals : {6, 9}) {
      char expected[64];
      std::snprintf(expected, sizeof expected, "%.*f", decimals, seconds);
      std::string got;
      append_seconds(got, seconds, decimals);
      if (got != expected) {
        ++mismatches;
        ADD_FAILURE() << seconds << " with " << decimals << ": " << got << " != " << expected;
      }
    }
  }
  std::string edge;
  append_seconds(edge, 0.0, 9);
  append_seconds(edge, 1e10, 3);  // past the fast path: printf's form
  EXPECT_EQ(edge, "0.00000000010000000000.000");
}

TEST(FastFormat, CsvAndJsonlRows) {
  std::ostringstream csv, jsonl;
  CsvReporter c(csv);
  JsonlReporter j(jsonl);
  c.begin({});
  PrimeResult r = result(18446744073709551557ull, true, 0.000000381);
  r.worker = 3;
  r.thread = 1;
  r.index = 42;
  c.result(r);
  j.result(r);
  r = result(0, false, 12.25);
  c.result(r);
  c.end(RunSummary{});
  j.end(RunSummary{});
  EXPECT_EQ(csv.str(),
            "n,prime,elapsed,worker,thread,index,probable\n"
            "18446744073709551557,1,0.000000381,3,1,42,0\n"
            "0,0,12.250000000,0,0,0,0\n");
  EXPECT_EQ(jsonl.str(),
            "{\"n\":18446744073709551557,\"prime\":true,\"elapsed\":0.000000381,\"worker\":3,"
            "\"thread\":1,\"index\":42}\n");
}

// Input order after a resume: journaled indices never arrive, and the reorder window starts
// past them. Rows go out as soon as the ones before them have (not only at the end), and the
// window the scheduler may fill (accept_limit) counts from the first index still owed: a
// window that waited for journaled indices would hold the run back for good.
TEST(InputOrderReporter, StepsOverJournaledIndicesAtOnce) {
  DoneSet journaled;
  for (std::uint64_t i = 0; i < 10; ++i) journaled.insert(i, i);
  for (std::uint64_t i = 15; i < 20; ++i) journaled.insert(i, i);
  auto recording = std::make_unique<RecordingReporter>();
  RecordingReporter* rows = recording.get();
  InputOrderReporter ordered(std::move(recording), 8, &journaled);
  EXPECT_EQ(ordered.accept_limit(), 18u);  // 10 (the first index owed) + the window
  for (std::uint64_t i : {24, 13, 22, 11, 14, 23, 21, 12, 10, 20}) {
    PrimeResult r;
    r.index = i;
    r.n = 1000 + i;
    ordered.result(r);
  }
  std::vector<std::uint64_t> order;
  for (const PrimeResult& r : rows->results) order.push_back(r.index);
  EXPECT_EQ(order, (std::vector<std::uint64_t>{10, 11, 12, 13, 14, 20, 21, 22, 23, 24}));
  EXPECT_EQ(ordered.accept_limit(), 25u + 8u);
}

// A method whose primes from 2^64 on are probable (Baillie-PSW): those rows say so in every
// format, and only those (a prime below 2^64, a composite above, are as always).
TEST(FastFormat, ProbablePrimesAreMarked) {
  std::ostringstream csv, jsonl, table;
  CsvReporter c(csv);
  JsonlReporter j(jsonl);
  TableReporter t(table);
  RunInfo info;
  info.probable_above_64 = true;
  info.max_value = kMaxNumber;
  for (Reporter* r : std::initializer_list<Reporter*>{&c, &j, &t}) {
    r->begin(info);
    const Number two64 = Number{1} << 64;
    r->result(result(two64 + 13, true, 0.5));
    r->result(result(two64 + 15, false, 0.5));
    r->result(result(7, true, 0.5));
    r->end(RunSummary{});
  }
  EXPECT_EQ(csv.str(),
            "n,prime,elapsed,worker,thread,index,probable\n"
            "18446744073709551629,1,0.500000000,0,0,0,1\n"
            "18446744073709551631,0,0.500000000,0,0,0,0\n"
            "7,1,0.500000000,0,0,0,0\n");
  EXPECT_EQ(jsonl.str(),
            "{\"n\":18446744073709551629,\"prime\":true,\"probable\":true,\"elapsed\":0.500000000,"
            "\"worker\":0,\"thread\":0,\"index\":0}\n"
            "{\"n\":18446744073709551631,\"prime\":false,\"elapsed\":0.500000000,\"worker\":0,"
            "\"thread\":0,\"index\":0}\n"
            "{\"n\":7,\"prime\":true,\"elapsed\":0.500000000,\"worker\":0,\"thread\":0,"
            "\"index\":0}\n");
  EXPECT_NE(table.str().find("\n                   18446744073709551629 P? 0.500000s\n"
                             "                   18446744073709551631    0.500000s\n"
                             "                                      7 P  0.500000s\n"),
            std::string::npos)
      << table.str();
}
