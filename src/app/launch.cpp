// How this process was started, what the launch must provide, and rank 0's way past mpirun's
// standard output.
#include "app/launch.hpp"

#include <fcntl.h>
#include <omp.h>
#include <poll.h>
#include <unistd.h>

#include <boost/mpi/collectives.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <sys/ioctl.h>
#include <sys/stat.h>

namespace primepool::app {

namespace {

bool started_by_mpi_launcher() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE", "PMI_FD",
                           "SLURM_STEP_ID", "MPI_LOCALNRANKS", "HYDRA_CONTROL_FD"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return std::getenv("PRIMEPOOL_MPI") != nullptr &&
         std::string(std::getenv("PRIMEPOOL_MPI")) == "1";
}

// The name of this process's parent (its /proc comm): mpirun, slurmstepd, bash, ...
std::string parent_name() {
  std::ifstream comm_file("/proc/" + std::to_string(getppid()) + "/comm");
  std::string comm;
  std::getline(comm_file, comm);
  return comm;
}

bool is_mpirun(const std::string& comm) {
  return comm == "mpirun" || comm == "mpiexec" || comm == "orterun" || comm == "prterun";
}

// "/proc/PID" of this process's parent.
std::string parent_dir() { return "/proc/" + std::to_string(getppid()); }

// A pipe, a socket or a regular file: something a user put there to be read.
bool carries_data(const struct stat& st) {
  return S_ISFIFO(st.st_mode) || S_ISREG(st.st_mode) || S_ISSOCK(st.st_mode);
}

// Under srun every task's standard input is a pipe from slurmstepd, whatever srun's own is (a
// terminal, /dev/null in a batch job, a file or a pipe), and srun's cannot be seen from here;
// so is a rank 0 that Open MPI started on another host than mpirun's (its parent is orted). So
// the pipe is asked: a byte within a second is input; an end without one (the launcher had
// /dev/null) or silence (a terminal, or a slow writer) leaves the sample, silence with a note.
bool forwarded_input_carries_data(const std::string& launcher) {
  pollfd ready{STDIN_FILENO, POLLIN, 0};
  if (::poll(&ready, 1, 1000) <= 0) {
    std::cerr << "primepool: note: standard input, passed on by " << launcher
              << ", brought nothing within 1 s: checking the built-in sample (give - to read "
                 "standard input however long it takes)\n";
    return false;
  }
  int bytes = 0;
  return ::ioctl(STDIN_FILENO, FIONREAD, &bytes) == 0 && bytes > 0;
}

bool standard_input_carries_data() {
  struct stat st {};
  if (::fstat(STDIN_FILENO, &st) != 0 || !carries_data(st)) return false;  // a terminal, /dev/null
  const std::string parent = parent_name();
  if ((parent == "slurmstepd" || parent == "orted" || parent == "prted") && S_ISFIFO(st.st_mode))
    return forwarded_input_carries_data(parent == "slurmstepd" ? "srun" : parent);
  if (!is_mpirun(parent)) return true;
  struct stat up {};
  return ::stat((parent_dir() + "/fd/0").c_str(), &up) == 0 && carries_data(up);
}

}  // namespace

void start(Launch& launch, int& argc, char**& argv) {
  if (!started_by_mpi_launcher()) return;
  launch.env.emplace(argc, argv, boost::mpi::threading::funneled);
  launch.comm.emplace();
}

int check_launch(const Options& options, const Launch& world) {
  const bool root = world.rank() == 0;
  if (options.expect_ranks && *options.expect_ranks != world.size()) {
    if (root) {
      std::cerr << "primepool: " << (world.mpi() ? "MPI started " : "no MPI launcher started ")
                << world.size() << " rank(s), --expect-ranks says " << *options.expect_ranks
                << " (under Slurm, launch with srun --mpi=pmix or mpirun)\n";
    }
    return kExitUsage;
  }
  const int team = options.threads > 1 || world.size() > 1 ? options.threads + 1 : 1;
  if (team > omp_get_thread_limit()) {
    if (root) {
      std::cerr << "primepool: --threads " << options.threads << " needs " << team
                << " OpenMP threads (one more for MPI), but OMP_THREAD_LIMIT allows "
                << omp_get_thread_limit() << "\n";
    }
    return kExitUsage;
  }
  return 0;
}

// Under mpirun, rank 0's standard output passes through mpirun, and Open MPI 4.1's mpirun
// aborts the job and crashes when its own output is a pipe whose reader has gone
// (`mpirun ... | head -1`). When mpirun is this process's parent and its output is a pipe, rank 0
// writes into that pipe itself: a closed pipe is then rank 0's write error, ended cleanly.
void write_past_mpirun() {
  const char* env = std::getenv("PRIMEPOOL_DIRECT_STDOUT");
  if (env != nullptr && std::string(env) == "0") return;
  if (!is_mpirun(parent_name())) return;
  const std::string parent = parent_dir();
  struct stat st {};
  if (::stat((parent + "/fd/1").c_str(), &st) != 0 || !S_ISFIFO(st.st_mode)) return;
  const int fd = ::open((parent + "/fd/1").c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return;
  ::dup2(fd, STDOUT_FILENO);
  ::close(fd);
}

void choose_standard_input(Options& o, const Launch& world) {
  if (o.numbers || o.file || o.range || o.random_count) return;
  bool piped = world.rank() == 0 && standard_input_carries_data();
  if (world.mpi()) boost::mpi::broadcast(*world.comm, piped, 0);
  if (piped) o.file = "-";
}

}  // namespace primepool::app
