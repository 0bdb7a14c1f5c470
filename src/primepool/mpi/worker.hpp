// A worker rank's role: the loop that takes jobs until the sentinel tag arrives, sending back a
// PrimeResult for every number, then answers "done" so the coordinator knows it has left.
#pragma once

#include <boost/mpi/communicator.hpp>

#include "primepool/pool.hpp"

namespace primepool {

class SliceReader;

// `file`: the input file, open, when rank 0 hands out slices of it (nullptr otherwise).
void run_worker(const boost::mpi::communicator& comm, const PoolConfig& config,
                SliceReader* file = nullptr);

}  // namespace primepool
