// Output formatting without MPI: the table row layout, the column width for wide numbers,
// and the header and closing lines of the sequential and parallel forms.
#include <gtest/gtest.h>
#include <sstream>

#include "primepool/report.hpp"

using namespace primepool;

namespace {
PrimeResult result(std::uint64_t n, bool prime, double elapsed) {
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
