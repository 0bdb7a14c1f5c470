// The one-process run: with one thread it checks every number in input order, like the reference's
// sequential.py (the baseline of every speedup); with T threads it is the answer to threads.py.
#pragma once

#include "primepool/input.hpp"
#include "primepool/run.hpp"
#include "primepool/summary.hpp"

namespace primepool {

// What rank 0 says about itself under --verbose (its host, role, threads and CPUs); the MPI pool
// says it too.
void describe_rank0(const PoolConfig& config, const char* role);
// The summary's method, chunk and input, from the run's configuration.
void label_summary(RunSummary& summary, const PoolConfig& config, const NumberSource& input);

}  // namespace primepool
