// A worker rank's role: the loop that takes jobs until the sentinel tag arrives, sending back a
// PrimeResult for every number, then answers "done" so the coordinator knows it has left.
#pragma once

#include <boost/mpi/communicator.hpp>

#include "primepool/pool.hpp"

namespace primepool {

void run_worker(const boost::mpi::communicator& comm, const PoolConfig& config);

}  // namespace primepool
