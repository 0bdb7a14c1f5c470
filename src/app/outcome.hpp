// How a run's outcome ends the program: the one map from Outcome to exit code, and rank 0's last
// words on standard error (what ended the run, and how to finish it).
#pragma once

#include <ostream>

#include "primepool/summary.hpp"

namespace primepool::app {

// The exit code of `outcome` (exit_codes.hpp).
int exit_code(Outcome outcome);

// What ended the run and, when it can be finished, how (--resume with the journal, or
// --journal next time); nothing for a complete run without a signal.
void explain_outcome(std::ostream& err, const RunSummary& summary, bool journal);

}  // namespace primepool::app
