// The result journal (--journal, --resume): rank 0 appends a checksummed line per finished job
// (and per divisor range a spread number has been searched over without a divisor),
// written out batch by batch and synced at least once a second, so a kill loses no written line.
#pragma once

#include <cstdint>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "primepool/input/done_set.hpp"
#include "primepool/journal/journal_line.hpp"
#include "primepool/report.hpp"
#include "primepool/result.hpp"
#include "primepool/run.hpp"

namespace primepool {

// What identifies a run's work: the input and the method. A journal refuses other work.
struct JournalHeader {
  std::string input;
  std::string method;
};

// The header line's text (without the newline): "primepool-journal 2 <input> <method>".
std::string journal_header_line(const JournalHeader& h);

// Reading a journal: the header, every intact result, and where the intact part ends (a torn
// last line, from a kill mid-write, is left out). A damaged line before the end is an error.
struct JournalContents {
  JournalHeader header;
  std::vector<PrimeResult> results;  // only when asked for (tests, --replay); the DoneSet otherwise
  DoneSet done;
  std::uint64_t primes = 0;      // journaled results that are prime
  std::uint64_t mean_times = 0;  // results whose own time the journal lacks (see for_each_result)
  std::uint64_t mean_time_primes = 0;  // ... of them, primes
  std::uint64_t last_index = 0;        // the largest journaled index (when done.size() > 0) ...
  std::uint64_t last_index_line = 0;   // ... and its line
  std::uint64_t intact_bytes = 0;      // the file's length up to the end of the last intact line
  bool torn_tail = false;
};

// Parses a journal fed in pieces of any size: memory holds one line, never the file.
class JournalParser {
 public:
  JournalParser(std::string name, bool keep_results);
  void feed(const char* data, std::size_t size);  // throws InputError naming file and line
  JournalContents finish();                       // throws InputError (e.g. no header)
  // With keep_results false: called for each result instead of keeping it.
  std::function<void(const PrimeResult&)> on_result;

 private:
  void line(const std::string& text);
  void header(const std::string& text);
  std::string name_;
  bool keep_;
  std::string partial_;
  std::uint64_t line_no_ = 0;
  std::uint64_t consumed_ = 0;
  JournalContents out_;
};

// Throws InputError naming the file and line when the journal is damaged or not a journal.
// `stop` is asked between blocks and makes this throw StopDuringLoad.
JournalContents read_journal(const std::string& path, bool keep_results = false,
                             const StopRequest& stop = nullptr);
// The same over bytes in memory (the fuzzer's entry point).
JournalContents parse_journal(const std::string& name, const std::string& bytes,
                              bool keep_results = false);

// The journal file of one run. Opening changes nothing on disk: start() writes the header (new
// journal) or cuts a torn last line (resume) once the run is accepted; abandon() removes a file
// that opening created. Only regular files; a FIFO or device is refused, never waited on.
class JournalWriter {
 public:
  // A new journal: refused (InputError) if the file exists and is not empty, or cannot be locked.
  static std::unique_ptr<JournalWriter> open_new(const std::string& path, const JournalHeader& h,
                                                 bool lock);
  // --resume: the lock is taken first, then the journal is read into `found` (in blocks; `stop`
  // is asked between blocks and makes this throw StopDuringLoad). A journal that does not exist
  // yet, is empty, or holds only the start of header `h` (a run killed before its first line was
  // whole) is started anew with `h`, and `fresh` says so: a run killed at any moment is finished
  // by the same command with --resume.
  static std::unique_ptr<JournalWriter> open_existing(const std::string& path,
                                                      const JournalHeader& h, bool lock,
                                                      JournalContents& found,
                                                      const StopRequest& stop, bool& fresh);
  ~JournalWriter();
  void start();
  void abandon();
  void add(const JournalEntry& e);
  void add(const SearchedRange& r);
  void add(const std::string& line);  // a line made elsewhere (--verify's record)
  void write();                       // everything buffered, in one write(2); throws WriteError
  void sync();                        // fdatasync(2); throws WriteError
  void close();                       // write, sync and close(2), each checked
  const std::string& path() const { return path_; }

  static constexpr double kSyncSeconds = 1.0;  // write() syncs when the last sync is this old

 private:
  JournalWriter(int fd, std::string path, bool created)
      : fd_(fd), path_(std::move(path)), created_(created) {}
  int fd_;
  std::string path_;
  bool created_;
  std::string buffer_;
  std::uint64_t cut_to_ = 0;  // resume: the intact length to cut back to in start()
  bool resume_ = false;
  double last_sync_ = 0.0;
};

// A stop signal arrived while a large journal was being read.
struct StopDuringLoad {};

// A Reporter in front of the others: journals every finished job (before any filter or
// reordering), a line per JournalEntry::kMaxNumbers numbers. A batch reaches the output only after
// it is in the journal: what was printed was journaled. The rows must name the primes (a detail
// of kPrimesOnly or kFull): a job's line says which of its numbers are prime.
class JournalReporter : public Reporter {
 public:
  // `times`: journal the rows' times (the output prints them); without, a line holds the job's
  // busy time only (a --quiet run's journal: about a tenth of a byte a number on an mr range).
  JournalReporter(std::unique_ptr<JournalWriter> journal, std::unique_ptr<Reporter> inner,
                  bool times = true)
      : journal_(std::move(journal)), inner_(std::move(inner)), times_(times) {}
  void begin(const RunInfo& info) override { inner_->begin(info); }
  void result(const PrimeResult& r) override { batch_.push_back(r); }
  void job_done(const JobDone& done) override;
  // Written at once (a batch's results wait for flush()): a range is rare and long in coming.
  void searched(const SearchedRange& r) override;
  void flush() override;
  void end(const RunSummary& s) override;
  void close() override;
  std::uint64_t accept_limit() const override { return inner_->accept_limit(); }

 private:
  std::unique_ptr<JournalWriter> journal_;
  std::unique_ptr<Reporter> inner_;
  std::vector<PrimeResult> batch_;  // rows not yet passed on: of this batch's jobs
  std::size_t job_rows_ = 0;        // where in batch_ the rows of the job not yet journaled start
  bool times_;
};

}  // namespace primepool
