// Rank 0's files: the input, the output, the journal and the summary JSON, opened in an order that
// changes no file until every check that could refuse the run has passed, and closed, each checked.
#include "app/root_files.hpp"

#include <unistd.h>

#include <exception>
#include <iostream>
#include <utility>
#include <vector>

#include "app/signals.hpp"
#include "primepool/input.hpp"
#include "primepool/input/text.hpp"
#include "primepool/journal/resume.hpp"

namespace primepool::app {

namespace {

// Results held at most by --order input's reorder buffer (about 40 bytes each).
constexpr std::uint64_t kReorderWindow = 1u << 18;

std::unique_ptr<BulkSource> make_input(const Options& o) {
  if (o.numbers) return std::make_unique<ListSource>(*o.numbers, "list");
  if (o.file) return open_file(*o.file);
  if (o.range) return RangeSource::parse(*o.range);
  if (o.random_count) return std::make_unique<RandomSource>(*o.random_count, o.bits, o.seed);
  return std::make_unique<ListSource>(sample_numbers(), "sample");
}

// A file the run touches: its role, the name it was given, and its key (file_key).
struct FileRole {
  std::string role, name, key;
};

// Every file the run touches: the input, the files the options name, and the standard streams.
std::vector<FileRole> file_roles(const Options& o) {
  std::vector<FileRole> roles;
  if (o.file && *o.file == "-") {
    roles.push_back({"the input", "standard input", fd_key(STDIN_FILENO)});
  } else if (o.file) {
    roles.push_back({"the input", *o.file, file_key(*o.file)});
  }
  if (o.replay) roles.push_back({"--replay", *o.replay, file_key(*o.replay)});
  if (o.output) roles.push_back({"--output", *o.output, file_key(*o.output)});
  if (o.journal) roles.push_back({"--journal", *o.journal, file_key(*o.journal)});
  if (o.summary_json) {
    roles.push_back({"--summary-json", *o.summary_json, file_key(*o.summary_json)});
  }
  roles.push_back({"standard output", "standard output", fd_key(STDOUT_FILENO)});
  roles.push_back({"standard error", "standard error", fd_key(STDERR_FILENO)});
  return roles;
}

// The summary JSON, then the human summary (see finish_files); the first failure of its own.
std::string write_summaries(const Options& o, RootRun& run, const RunSummary& summary) {
  std::string failure;
  if (run.summary_json) {
    try {
      run.summary_json->start();
      write_summary_json(run.summary_json->stream(), summary);
      run.summary_json->close();
    } catch (const std::exception& e) {
      failure = e.what();
    }
  }
  if (summary.writes_ended()) return failure;
  // The human summary follows table rows; next to CSV or JSON rows on stdout it goes to stderr.
  const bool rows_on_stdout = !o.quiet && !o.output;
  if (rows_on_stdout && o.format != Format::kTable) {
    print_summary(std::cerr, summary);
  } else {
    print_summary(run.standard_output->stream(), summary);
  }
  return failure;
}

}  // namespace

void refuse_shared_files(const Options& o) {
  const auto roles = file_roles(o);
  for (std::size_t i = 0; i < roles.size(); ++i) {
    for (std::size_t j = i + 1; j < roles.size(); ++j) {
      if (roles[i].key.empty() || roles[i].key != roles[j].key) continue;
      if (roles[i].role == "standard output" && roles[j].role == "standard error") continue;
      throw InputError(roles[j].name, 0, "",
                       "the same file is given as " + roles[i].role + " and as " + roles[j].role +
                           "; give each its own file");
    }
  }
}

void rows_to_standard_output(Options& o) {
  if (!o.output) return;
  if (*o.output == "-") {
    o.output.reset();
    return;
  }
  const std::string out = fd_key(STDOUT_FILENO);
  if (!out.empty() && file_key(*o.output) == out) o.output.reset();
}

std::function<bool()> give_up_writing(double grace) {
  return [grace] { return stop_requested() && seconds_since_stop() >= grace; };
}

std::unique_ptr<Reporter> make_reporter(const Options& o, std::ostream& out, const DoneSet* skip,
                                        bool input_order) {
  std::unique_ptr<Reporter> reporter;
  if (o.quiet) {
    reporter = quiet_reporter();
  } else if (o.format == Format::kCsv) {
    reporter = csv_reporter(out);
  } else if (o.format == Format::kJsonl) {
    reporter = jsonl_reporter(out);
  } else {
    reporter = table_reporter(out);
  }
  if (o.primes_only) reporter = primes_only(std::move(reporter));
  if (input_order) {
    reporter = std::make_unique<InputOrderReporter>(std::move(reporter), kReorderWindow, skip);
  }
  return reporter;
}

void RootRun::open(const Options& o) {
  refuse_shared_files(o);
  standard_output->give_up_when(give_up_writing(o.grace));
  input = make_input(o);
  if (o.journal) open_journal(o);
  if (o.output) output = OutputFile::open(*o.output);
  if (output) output->give_up_when(give_up_writing(o.grace));
  if (o.summary_json) summary_json = OutputFile::open(*o.summary_json);
}

void RootRun::open_journal(const Options& o) {
  const JournalHeader header{input->describe(), std::string(method_name(*o.method))};
  if (!o.resume) {
    journal_file = JournalWriter::open_new(*o.journal, header, o.lock);
    return;
  }
  journal.emplace();
  bool fresh = false;
  journal_file =
      JournalWriter::open_existing(*o.journal, header, o.lock, *journal, stop_signal, fresh);
  if (fresh) {
    std::cerr << "primepool: " << printable(*o.journal, 4096)
              << ": no results journaled yet (--resume): starting this journal\n";
  }
  if (journal->header.input != header.input || journal->header.method != header.method) {
    throw InputError(*o.journal, 1, "",
                     "this journal belongs to input '" + printable(journal->header.input) +
                         "' with method '" + printable(journal->header.method) +
                         "', not to input '" + printable(header.input) + "' with method '" +
                         header.method + "': refusing to resume");
  }
  raw_input = std::move(input);
  auto resumed = std::make_unique<ResumedSource>(*raw_input, *journal, *o.journal);
  if (!resumed->verify(stop_signal)) throw StopDuringLoad{};
  input = std::move(resumed);
}

void RootRun::start(const Options& o) {
  if (output) output->start();
  if (journal_file) journal_file->start();
  const DoneSet* skip = journal ? &journal->done : nullptr;
  reporter = make_reporter(o, rows(), skip, o.order == Order::kInput);
  if (journal_file) {
    reporter =
        std::make_unique<JournalReporter>(std::move(journal_file), std::move(reporter), !o.quiet);
  }
}

void RootRun::abandon() {
  if (journal_file) journal_file->abandon();
  if (output) output->abandon();
  if (summary_json) summary_json->abandon();
}

void finish_files(const Options& o, RootRun& run, RunSummary& summary) {
  if (run.journal) {
    summary.resumed = run.journal->done.size();
    summary.resumed_primes = run.journal->primes;
  }
  try {
    const std::string failure = write_summaries(o, run, summary);
    if (!failure.empty()) summary.end(Outcome::kFailed, failure);
    run.reporter->close();
    if (run.output) run.output->close();
    run.standard_output->close();
  } catch (const std::exception& e) {
    record_failure(summary, e);
  }
}

}  // namespace primepool::app
