// The result journal (--journal, --resume): rank 0 appends every result as a checksummed line,
// written out batch by batch, so a kill at any byte loses at most the torn last line.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "messages.hpp"
#include "report.hpp"

namespace primepool {

// Input indices already checked: a set of intervals, small when results are mostly contiguous.
class DoneSet {
 public:
  void insert(std::uint64_t index);
  bool contains(std::uint64_t index) const;
  // The smallest index >= `index` that is not in the set.
  std::uint64_t next_missing(std::uint64_t index) const;
  std::uint64_t size() const { return size_; }

 private:
  std::map<std::uint64_t, std::uint64_t> runs_;  // first -> last + 1
  std::uint64_t size_ = 0;
};

// What identifies a run's work: the input and the method. A journal refuses other work.
struct JournalHeader {
  std::string input;
  std::string method;
};

// One line's text (without the newline) for a result, and the parse of one line.
std::string journal_line(const PrimeResult& r);
std::string journal_header_line(const JournalHeader& h);
bool parse_journal_line(const std::string& line, PrimeResult& r);

// Reading a journal: the header, every intact result, and where the intact part ends (a torn
// last line, from a kill mid-write, is left out). A damaged line before the end is an error.
struct JournalContents {
  JournalHeader header;
  std::vector<PrimeResult> results;  // only when asked for (tests); the DoneSet otherwise
  DoneSet done;
  std::uint64_t intact_bytes = 0;  // the file's length up to the end of the last intact line
  bool torn_tail = false;
};
// Throws InputError naming the file and line when the journal is damaged or not a journal.
JournalContents read_journal(const std::string& path, bool keep_results = false);
// The same over bytes in memory (the fuzzer's entry point).
JournalContents parse_journal(const std::string& name, const std::string& bytes,
                              bool keep_results = false);

// Appends result lines to the journal file; write() sends everything buffered in one write(2).
class JournalWriter {
 public:
  // A new journal (refused if the file exists and is not empty), or, for --resume, an existing
  // one cut back to `intact_bytes` (dropping a torn last line) and appended to.
  static std::unique_ptr<JournalWriter> create(const std::string& path, const JournalHeader& h);
  static std::unique_ptr<JournalWriter> append_to(const std::string& path,
                                                  std::uint64_t intact_bytes);
  ~JournalWriter();
  void add(const PrimeResult& r);
  void write();  // throws std::runtime_error on a write error

 private:
  JournalWriter(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  int fd_;
  std::string path_;
  std::string buffer_;
};

// A Reporter in front of the others: journals every result (before any filter or reordering)
// and writes the journal at each flush, before the results are passed on.
class JournalReporter : public Reporter {
 public:
  JournalReporter(std::unique_ptr<JournalWriter> journal, std::unique_ptr<Reporter> inner)
      : journal_(std::move(journal)), inner_(std::move(inner)) {}
  void begin(const RunInfo& info) override { inner_->begin(info); }
  void result(const PrimeResult& r) override {
    journal_->add(r);
    inner_->result(r);
  }
  void flush() override {
    journal_->write();
    inner_->flush();
  }
  void end(const RunSummary& s) override {
    journal_->write();
    inner_->end(s);
  }
  std::uint64_t accept_limit() const override { return inner_->accept_limit(); }

 private:
  std::unique_ptr<JournalWriter> journal_;
  std::unique_ptr<Reporter> inner_;
};

}  // namespace primepool
