// Rank 0's role: hand out jobs on demand, collect every PrimeResult, and stop only after every
// worker has answered the sentinel with "done" (stopping earlier was the reference's race bug).
#pragma once

#include <boost/mpi/communicator.hpp>

#include "primepool/input/sources.hpp"
#include "primepool/pool.hpp"
#include "primepool/report.hpp"

namespace primepool {

// `slices`: the workers read the input file themselves (every worker has opened it).
RunSummary run_coordinator(const boost::mpi::communicator& comm, BulkSource& input,
                           Reporter& reporter, const PoolConfig& config, bool slices = false);

}  // namespace primepool
