// What a run adds up to: numbers checked, primes, wall time, rank 0's CPU time, per-worker load.
// Filled in by the coordinator (or the sequential run) as results arrive.
#pragma once

#include <cstdint>
#include <vector>

#include "messages.hpp"

namespace primepool {

struct WorkerStats {
  std::uint64_t numbers = 0;
  double busy = 0.0;  // sum of the elapsed seconds of its checks
};

struct RunSummary {
  std::uint64_t checked = 0;
  std::uint64_t primes = 0;
  double wall = 0.0;       // seconds from the first job handed out to the last worker done
  double rank0_cpu = 0.0;  // CPU seconds rank 0 used over that time
  int workers = 0;         // worker ranks (0: one rank ran the checks itself)
  std::vector<WorkerStats> per_worker;  // index = rank (rank 0 used only when workers == 0)

  void add(const PrimeResult& r);
};

}  // namespace primepool
