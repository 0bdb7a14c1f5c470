// How a run's outcome ends the program: the one map from Outcome to exit code, and rank 0's last
// words on standard error.
#include "app/outcome.hpp"

#include "app/exit_codes.hpp"

namespace primepool::app {

int exit_code(Outcome outcome) {
  switch (outcome) {
    case Outcome::kComplete: return kExitOk;
    case Outcome::kBadInput: return kExitUsage;
    case Outcome::kStopped:
    case Outcome::kOutputGivenUp:
    case Outcome::kAbandoned: return kExitStopped;
    case Outcome::kStalled: return kExitStalled;
    case Outcome::kFailed: return kExitFailure;
  }
  return kExitFailure;
}

void explain_outcome(std::ostream& err, const RunSummary& summary, bool journal) {
  const char* resume_hint = journal ? "--resume with the same --journal finishes the job"
                                    : "use --journal FILE to be able to resume";
  switch (summary.outcome) {
    case Outcome::kComplete:
      if (!summary.message.empty()) err << "primepool: " << summary.message << "\n";
      return;
    case Outcome::kBadInput:
      err << "primepool: " << summary.message << "\n"
          << "primepool: the " << summary.checked << (summary.checked == 1 ? " number" : " numbers")
          << " before it: checked and reported; nothing after it\n";
      return;
    case Outcome::kOutputGivenUp:
      err << "primepool: " << summary.message << "\n"
          << "primepool: " << (journal ? "every result checked is in the journal; " : "")
          << resume_hint << "\n";
      return;
    case Outcome::kStopped:
    case Outcome::kAbandoned:
    case Outcome::kStalled:
      err << "primepool: " << summary.message << "; " << resume_hint << "\n";
      return;
    case Outcome::kFailed:
      err << "primepool: " << summary.message << "\n"
          << "primepool: stopped at the first failed write; " << summary.checked
          << (summary.checked == 1 ? " number was" : " numbers were") << " checked before it; "
          << resume_hint << "\n";
      return;
  }
}

}  // namespace primepool::app
