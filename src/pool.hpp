// The pool's entry point: rank 0 coordinates, every other rank runs the worker loop, and a
// single rank checks everything itself in order (the sequential baseline).
#pragma once

#include <boost/mpi/communicator.hpp>
#include <cstddef>
#include <ostream>

#include "input.hpp"
#include "methods.hpp"
#include "report.hpp"
#include "summary.hpp"

namespace primepool {

struct PoolConfig {
  const Method* method = &trial_method();
  std::size_t chunk = 1;  // numbers per job message
  int threads = 1;        // compute threads per worker rank (and on a single rank)
  int prefetch = 1;       // jobs a worker holds beyond one per thread, to hide the round trip
  std::ostream* verbose = nullptr;  // rank 0 writes where each rank runs here, when set
};

// Run the pool on `comm`. On rank 0, `input` and `reporter` must be given; other ranks ignore
// them (pass nullptr). Returns the summary on rank 0 and an empty one elsewhere.
RunSummary run_pool(const boost::mpi::communicator& comm, const PoolConfig& config,
                    NumberSource* input, Reporter* reporter);

}  // namespace primepool
