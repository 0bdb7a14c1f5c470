// --replay JOURNAL: rank 0 prints the results a journal holds; no pool runs.
#include "app/replay_command.hpp"

#include <exception>
#include <iostream>

#include "app/exit_codes.hpp"
#include "app/root_files.hpp"
#include "app/signals.hpp"
#include "primepool/check/method.hpp"
#include "primepool/input/text.hpp"
#include "primepool/journal/replay.hpp"
#include "primepool/summary.hpp"

namespace primepool::app {

int replay(const Options& o) {
  RootRun run;
  try {
    refuse_shared_files(o);
    run.standard_output->give_up_when(give_up_writing(o.grace));
    if (o.output) run.output = OutputFile::open(*o.output);
    if (run.output) run.output->give_up_when(give_up_writing(o.grace));
    // Refuse damage before any change.
    const JournalContents found = read_journal(*o.replay, false, stop_signal);
    if (run.output) run.output->start();
    auto reporter = make_reporter(o, run.rows(), nullptr, false);
    RunInfo info;
    const Method* method = find_method(found.header.method);
    info.probable_above_64 = method != nullptr && probable_above_64(*method);
    reporter->begin(info);
    const ReplayCounts counts =
        replay_journal(*o.replay, *reporter, o.order == Order::kInput, stop_signal);
    RunSummary summary;
    summary.checked = counts.results;
    reporter->end(summary);
    reporter->close();
    if (run.output) run.output->close();
    run.standard_output->close();
    std::cerr << "primepool: " << counts.results << " results (" << counts.primes
              << " primes) from " << printable(*o.replay, 4096) << ", input '"
              << printable(counts.header.input) << "', method '" << printable(counts.header.method)
              << "'\n";
    if (counts.stopped) {
      std::cerr << "primepool: stopped by " << signal_in_words(stop_signal()) << " after "
                << counts.results << " results; --replay again prints them all\n";
      return kExitStopped;
    }
    const std::uint64_t untimed = o.primes_only ? found.mean_time_primes : found.mean_times;
    if (untimed > 0 && !o.quiet)
      std::cerr << "primepool: " << untimed
                << " of them were journaled without a time of their own (a --quiet or "
                   "--primes-only run): their elapsed is their job's mean time\n";
    return kExitOk;
  } catch (const InputError& e) {
    if (run.output) run.output->abandon();
    std::cerr << "primepool: " << e.what() << "\n";
    return kExitUsage;
  } catch (const StopDuringLoad&) {
    if (run.output) run.output->abandon();
    std::cerr << "primepool: stopped by " << signal_in_words(stop_signal())
              << " while checking the journal; nothing was printed\n";
    return kExitStopped;
  } catch (const WriteError& e) {
    std::cerr << "primepool: " << e.what() << "\n";
    return e.given_up() ? kExitStopped : kExitFailure;
  } catch (const std::exception& e) {
    std::cerr << "primepool: " << e.what() << "\n";
    return kExitFailure;
  }
}

}  // namespace primepool::app
