// A Reporter for tests: keeps every header, result and summary it is given, prints nothing.
// Tests use it to check that each number came back exactly once with the right verdict.
#pragma once

#include <vector>

#include "primepool/report.hpp"

struct RecordingReporter : primepool::Reporter {
  primepool::RunInfo info;
  std::vector<primepool::PrimeResult> results;
  primepool::RunSummary summary;
  int begins = 0;
  int ends = 0;

  void begin(const primepool::RunInfo& i) override {
    info = i;
    ++begins;
  }
  void result(const primepool::PrimeResult& r) override { results.push_back(r); }
  void end(const primepool::RunSummary& s) override {
    summary = s;
    ++ends;
  }
};
