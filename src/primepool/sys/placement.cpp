// Where a rank runs: host name, CPU affinity (sched_getaffinity) and OpenMP binding settings.
// The default thread count follows OMP_NUM_THREADS, then Slurm's --cpus-per-task.
#include "primepool/sys/placement.hpp"

#include <sched.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>
#include <string>

namespace primepool {

std::string host_name() {
  char buf[256] = {};
  gethostname(buf, sizeof buf - 1);
  return buf;
}

std::string cpu_binding() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) != 0) return "?";
  std::string out;
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (!CPU_ISSET(cpu, &set)) continue;
    int last = cpu;
    while (last + 1 < CPU_SETSIZE && CPU_ISSET(last + 1, &set)) ++last;
    if (!out.empty()) out += ',';
    out += std::to_string(cpu);
    if (last > cpu) out += '-' + std::to_string(last);
    cpu = last;
  }
  return out;
}

int cpu_count() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) != 0) return 1;
  return CPU_COUNT(&set);
}

void warn_few_cpus(std::ostream& out, int rank, const std::string& host, int threads, int cpus) {
  out << "primepool: warning: rank " << rank << " on " << host << " runs " << threads
      << " threads on " << cpus << (cpus == 1 ? " CPU" : " CPUs")
      << "; give each rank T cores (mpirun --map-by slot:pe=T, or --bind-to none)\n";
}

std::string omp_binding_env() {
  std::string out;
  for (const char* name : {"OMP_PROC_BIND", "OMP_PLACES"}) {
    const char* value = std::getenv(name);
    if (value == nullptr) continue;
    if (!out.empty()) out += ' ';
    out += std::string(name) + "=" + value;
  }
  return out.empty() ? "OMP_PROC_BIND unset" : out;
}

}  // namespace primepool
