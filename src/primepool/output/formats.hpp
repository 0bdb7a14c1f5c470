// The output formats (table, csv, jsonl), --quiet and --primes-only as Reporter classes; the
// public API makes them with table_reporter(), csv_reporter() and the rest (primepool/report.hpp).
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>

#include "primepool/report.hpp"

namespace primepool {

// The reference text's format: "Checking 20 numbers with 3 workers:", rows
// "  n P  0.000001s", then "20 checks in 0.53s" (one rank, one thread: "Total time: 0.53s").
class TableReporter : public Reporter {
 public:
  explicit TableReporter(std::ostream& out) : out_(out) {}
  void begin(const RunInfo& info) override;
  void result(const PrimeResult& r) override;
  void flush() override { out_.flush(); }
  void end(const RunSummary& summary) override;

 private:
  std::ostream& out_;
  int width_ = 16;
  bool sequential_ = false;  // one rank, one thread: the reference's sequential.py form
  bool probable_above_64_ = false;
};

struct RowLayout;  // the fixed text of a csv or jsonl row (report.cpp)

// A format that writes one line a result to a stream. Rows are formatted with std::to_chars
// into a buffer that goes out in large writes at flush() (after each batch) or every 64 KiB:
// a row at a time through the stream would cost more than the formatting.
class LineReporter : public Reporter {
 public:
  explicit LineReporter(std::ostream& out) : out_(out) {}
  void begin(const RunInfo& info) override { probable_above_64_ = info.probable_above_64; }
  void flush() override;
  void end(const RunSummary&) override { flush(); }

 protected:
  // One result as a row laid out by `layout` (the fields are the same in csv and jsonl).
  void append_row(const PrimeResult& r, const RowLayout& layout);
  // After appending a row to rows_: write out a full buffer.
  void row_added() {
    if (rows_.size() >= kRowBuffer) drain();
  }
  void drain();
  std::ostream& out_;
  std::string rows_;
  bool probable_above_64_ = false;
  static constexpr std::size_t kRowBuffer = 1 << 16;
};

// n,prime,elapsed,worker,thread,index,probable with a header line.
class CsvReporter : public LineReporter {
 public:
  using LineReporter::LineReporter;
  void begin(const RunInfo& info) override;
  void result(const PrimeResult& r) override;
};

// One JSON object a line: {"n":7,"prime":true,"elapsed":1e-06,"worker":1,"thread":0,"index":3}
// ("prime":true,"probable":true for a probable prime).
class JsonlReporter : public LineReporter {
 public:
  using LineReporter::LineReporter;
  void result(const PrimeResult& r) override;
};

// --quiet: nothing but the summary (which the caller prints).
class QuietReporter : public Reporter {
 public:
  void begin(const RunInfo&) override {}
  void result(const PrimeResult&) override {}
  void end(const RunSummary&) override {}
};

// --primes-only: passes on the primes' rows only.
class PrimesOnlyReporter : public Reporter {
 public:
  explicit PrimesOnlyReporter(std::unique_ptr<Reporter> inner) : inner_(std::move(inner)) {}
  void begin(const RunInfo& info) override { inner_->begin(info); }
  void result(const PrimeResult& r) override {
    if (r.prime) inner_->result(r);
  }
  void job_done(const JobDone& done) override { inner_->job_done(done); }
  void flush() override { inner_->flush(); }
  void end(const RunSummary& s) override { inner_->end(s); }
  void close() override { inner_->close(); }
  std::uint64_t accept_limit() const override { return inner_->accept_limit(); }

 private:
  std::unique_ptr<Reporter> inner_;
};

}  // namespace primepool
