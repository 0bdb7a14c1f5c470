// The one-rank run: check every number in input order, like the reference's sequential.py.
// It is the baseline that every speedup figure is measured against.
#pragma once

#include "input.hpp"
#include "pool.hpp"
#include "report.hpp"

namespace primepool {

RunSummary run_sequential(NumberSource& input, Reporter& reporter, const PoolConfig& config);

}  // namespace primepool
