// CPU time: a process's figure counts what the kernel spent on its behalf (system time) as well
// as its own code (user time), as rank 0's CPU share in the summary must.
#include <fcntl.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <vector>

#include "primepool/sys/cpu_time.hpp"

using namespace primepool;

namespace {
double system_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_stime.tv_sec) +
         static_cast<double>(usage.ru_stime.tv_usec) * 1e-6;
}
}  // namespace

// Work that is nearly all system time (copying zeros out of the kernel): the process's CPU
// seconds grow by at least the system time it took.
TEST(CpuTime, ProcessFigureCountsSystemTime) {
  const int fd = ::open("/dev/zero", O_RDONLY);
  ASSERT_GE(fd, 0);
  std::vector<char> buffer(1 << 20);
  const double cpu0 = process_cpu_seconds();
  const double sys0 = system_seconds();
  while (system_seconds() - sys0 < 0.05) {
    ASSERT_EQ(::read(fd, buffer.data(), buffer.size()), static_cast<ssize_t>(buffer.size()));
  }
  const double sys = system_seconds() - sys0;
  const double cpu = process_cpu_seconds() - cpu0;
  ::close(fd);
  EXPECT_GE(cpu + 1e-6, sys) << "system " << sys << " s, counted " << cpu << " s";
}

TEST(CpuTime, ThreadFigureGrowsWithWork) {
  const double t0 = thread_cpu_seconds();
  volatile double x = 0;
  for (int i = 0; i < 20000000; ++i) x = x + i * 1e-9;
  EXPECT_GT(thread_cpu_seconds(), t0);
}
