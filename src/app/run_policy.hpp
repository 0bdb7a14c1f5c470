// The run's policy from the options: what workers send back, how big a sieve's jobs are, and the
// PoolConfig every rank builds alike from the same command line.
#pragma once

#include "app/options.hpp"
#include "primepool/run.hpp"

namespace primepool::app {

// The pool's configuration from the options (a resumed input itself tells the pool what its
// journal holds).
PoolConfig pool_config(const Options& o);

// A fixed --chunk below the sieve's smallest segment: every job pays libprimesieve's set-up
// (about the square root of its last number), so the run is many times slower. Said, not refused.
void warn_small_sieve_jobs(const Options& o);

}  // namespace primepool::app
