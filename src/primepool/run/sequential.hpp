// The one-rank run: with one thread it checks every number in input order, like the reference's
// sequential.py (the baseline of every speedup); with T threads it is the answer to threads.py.
#pragma once

#include "primepool/input.hpp"
#include "primepool/pool.hpp"
#include "primepool/report.hpp"

namespace primepool {

RunSummary run_single_rank(NumberSource& input, Reporter& reporter, const PoolConfig& config);

}  // namespace primepool
