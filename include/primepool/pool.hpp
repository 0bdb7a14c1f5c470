// The pool's entry point under MPI: rank 0 coordinates, every other rank runs the worker loop,
// and a communicator of one rank checks everything itself in order (run_alone).
#pragma once

#include <boost/mpi/communicator.hpp>

#include "primepool/input.hpp"
#include "primepool/report.hpp"
#include "primepool/run.hpp"
#include "primepool/summary.hpp"

namespace primepool {

/// Run the pool on `comm` (MPI initialised with at least MPI_THREAD_FUNNELED, e.g.
/// boost::mpi::environment env(argc, argv, boost::mpi::threading::funneled); std::runtime_error
/// otherwise). On rank 0, `input` and `reporter` must be given; other ranks ignore
/// them (pass nullptr). Returns the summary on rank 0 and an empty one elsewhere. Bad input ends
/// the input early: everything before it is checked and reported, and the summary says why it
/// stopped (complete = false). A stop (config.stop) on rank 0 stops handing out work
/// and collects what is in flight for up to `grace` seconds; if that runs out, the summary says
/// so (abandoned = true) and the caller must abort the job, since workers are still busy.
RunSummary run_pool(const boost::mpi::communicator& comm, const PoolConfig& config,
                    NumberSource* input, Reporter* reporter);

}  // namespace primepool
