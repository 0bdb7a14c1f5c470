// Rank 0's files: the input, the output, the journal and the summary JSON, opened in an order that
// changes no file until every check that could refuse the run has passed, and closed, each checked.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

#include "app/options.hpp"
#include "primepool/input/sources.hpp"
#include "primepool/journal/journal.hpp"
#include "primepool/output/input_order.hpp"
#include "primepool/output/output_file.hpp"
#include "primepool/report.hpp"
#include "primepool/summary.hpp"

namespace primepool::app {

// `-o -` and `-o NAME` where NAME is standard output's own file (/dev/stdout, `-o f > f`): the
// rows go to standard output as without -o (opening it would truncate what the shell set up,
// and `>> log` would lose the log).
void rows_to_standard_output(Options& o);

// Refuse one file in two roles (input, -o, --journal, --summary-json, --replay, the standard
// streams), whatever names reach it (links, names not yet created, `< f`, `> f`): a run would
// read its own output or write two streams into one file. Checked before any file is opened.
// Standard output and error may share a file (`>log 2>&1`): both only append. Throws InputError.
void refuse_shared_files(const Options& o);

// A write that waits for a reader who takes nothing gives up once a stop has come and its grace
// period has run out: a stop is honoured even while rank 0 is blocked writing its output.
std::function<bool()> give_up_writing(double grace);

// The reporter the options ask for, writing rows to `out`; `skip` (with --order input): indices
// that will never arrive.
std::unique_ptr<Reporter> make_reporter(const Options& o, std::ostream& out, const DoneSet* skip,
                                        bool input_order);

// Rank 0's side of the run: input, output and journal, opened in an order that changes no file
// until every check that could refuse the run has passed.
struct RootRun {
  std::unique_ptr<OutputFile> standard_output = OutputFile::standard_output();
  std::unique_ptr<BulkSource> input;      // with --resume: seen through the journal
  std::unique_ptr<BulkSource> raw_input;  // with --resume: the input itself
  std::unique_ptr<OutputFile> output;
  std::unique_ptr<OutputFile> summary_json;
  std::unique_ptr<JournalWriter> journal_file;
  std::optional<JournalContents> journal;  // what --resume found
  std::unique_ptr<Reporter> reporter;

  std::ostream& rows() { return output ? output->stream() : standard_output->stream(); }

  // Everything that can refuse the run; throws InputError (exit 2) or StopDuringLoad (exit 3).
  void open(const Options& o);

  // --journal: a new journal, or with --resume the existing one (locked, then read), checked to
  // belong to this work: same input description and method, and the same numbers.
  void open_journal(const Options& o);

  // The run is accepted: now files change.
  void start(const Options& o);

  // The run is refused: files that opening created are removed; nothing else was changed.
  void abandon();
};

// The summary JSON, written whatever the outcome (a failed run's says what failed and what was
// done before it), and first: a failing standard output cannot keep it out. Then the human
// summary, unless writing ended. Then every close; a failure is recorded in the summary.
void finish_files(const Options& o, RootRun& run, RunSummary& summary);

}  // namespace primepool::app
