// The pool's entry point: rank 0 coordinates, every other rank runs the worker loop, and a
// single rank checks everything itself in order (the sequential baseline).
#pragma once

#include <boost/mpi/communicator.hpp>
#include <cstddef>
#include <ostream>

#include "input.hpp"
#include "methods.hpp"
#include "scheduling.hpp"
#include "report.hpp"
#include "summary.hpp"

namespace primepool {

class DoneSet;

struct PoolConfig {
  const Method* method = &trial_method();
  ChunkPolicy chunk = ChunkPolicy::fixed(1);  // numbers per job message
  int threads = 1;        // compute threads per worker rank (and on a single rank)
  int prefetch = 1;       // jobs a worker holds beyond one per thread, to hide the round trip
  std::ostream* verbose = nullptr;  // rank 0 writes where each rank runs here, when set
  bool progress = false;            // rank 0 draws progress on standard error
  double grace = 10.0;  // after a stop signal: seconds to collect what is in flight
  const DoneSet* skip = nullptr;  // input indices already checked (--resume)
  double stall_warn = 60.0;     // warn when a worker holding work is silent this long (seconds)
  double stall_timeout = 0.0;   // then end the run (resumable); 0: never
};

// Run the pool on `comm`. On rank 0, `input` and `reporter` must be given; other ranks ignore
// them (pass nullptr). Returns the summary on rank 0 and an empty one elsewhere. Bad input ends
// the input early: everything before it is checked and reported, and the summary says why it
// stopped (complete = false). A stop signal (see signals.hpp) on rank 0 stops handing out work
// and collects what is in flight for up to `grace` seconds; if that runs out, the summary says
// so (abandoned = true) and the caller must abort the job, since workers are still busy.
RunSummary run_pool(const boost::mpi::communicator& comm, const PoolConfig& config,
                    NumberSource* input, Reporter* reporter);

}  // namespace primepool
