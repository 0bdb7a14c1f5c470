// Where a rank runs: its host name and the CPUs it may use, for --verbose and for WorkerHello.
// Also the default thread count from OMP_NUM_THREADS or SLURM_CPUS_PER_TASK.
#pragma once

#include <ostream>
#include <string>

namespace primepool {

std::string host_name();
// The CPUs this thread may run on, as a list like "0-3,8".
std::string cpu_binding();
// How many CPUs this thread may run on.
int cpu_count();
// The warning for a rank with fewer CPUs than compute threads (mpirun binds a rank to one core
// by default when ranks <= cores): its threads share what it has and each runs slower.
void warn_few_cpus(std::ostream& out, int rank, const std::string& host, int threads, int cpus);
// OMP_PROC_BIND and OMP_PLACES as set in the environment, e.g. "OMP_PROC_BIND=close".
std::string omp_binding_env();

}  // namespace primepool
