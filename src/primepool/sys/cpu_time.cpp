// CPU seconds this process has used (user + system, all threads), from getrusage.
// Includes Open MPI's own helper threads: the figure is what the rank really costs.
#include "primepool/sys/cpu_time.hpp"

#include <time.h>

#include <sys/resource.h>

namespace primepool {

namespace {
double seconds(const timeval& tv) {
  return static_cast<double>(tv.tv_sec) + static_cast<double>(tv.tv_usec) * 1e-6;
}
}  // namespace

double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

}  // namespace primepool
