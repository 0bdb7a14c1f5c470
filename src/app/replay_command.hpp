// --replay JOURNAL: print the results a journal holds, in any format and order; no pool runs.
#pragma once

#include "app/options.hpp"

namespace primepool::app {

// Rank 0 prints the journal's results (refusing a damaged journal before any change) and
// returns the exit code.
int replay(const Options& o);

}  // namespace primepool::app
