// --preflight: each rank looks at what a run would need (its build, its CPU's vector unit, the
// input file as it sees it, its CPUs for its threads); rank 0 gathers, prints a table, names
// every problem and sets the exit code.
#include "app/preflight.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <boost/mpi/collectives.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "app/exit_codes.hpp"
#include "primepool/check/divisor_scan.hpp"
#include "primepool/input/slice_reader.hpp"
#include "primepool/input/text.hpp"
#include "primepool/sys/fnv1a.hpp"
#include "primepool/sys/placement.hpp"
#include "primepool/version.hpp"

namespace primepool::app {

namespace {

struct RankReport {
  int rank = 0;
  std::string host, version, build, kernel, cores;
  int threads = 1, cpus = 1;
  std::string input;     // "": no input file; else its size and time, or why not
  std::string identity;  // the input file's size, times and sample digest, compared across ranks
  bool input_ok = true;

  template <class Archive>
  void serialize(Archive& ar, const unsigned /*version*/) {
    ar& rank& host& version& build& kernel& cores& threads& cpus& input& identity& input_ok;
  }
};

// The running executable's bytes hashed (FNV-1a 64): two builds differ here even at one version.
std::string build_id() {
  const int fd = ::open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "unknown";
  std::uint64_t h = kFnv1a64Basis;
  char buffer[1 << 16];
  for (ssize_t got; (got = ::read(fd, buffer, sizeof buffer)) > 0;) {
    h = fnv1a64_bytes(buffer, static_cast<std::size_t>(got), h);
  }
  ::close(fd);
  char text[24];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h));
  return text;
}

std::string kernel_forms() {
  if (scan_form_available(ScanForm::kAvx512)) return "AVX-512";
  if (scan_form_available(ScanForm::kAvx2)) return "AVX2";
  return "SSE2";
}

RankReport look_around(const Options& options, int rank) {
  RankReport r;
  r.rank = rank;
  r.host = host_name();
  r.version = PRIMEPOOL_VERSION;
  r.build = build_id();
  r.kernel = kernel_forms();
  r.threads = options.threads;
  r.cpus = cpu_count();
  r.cores = cpu_binding();
  if (options.file && *options.file != "-") {
    const int fd = ::open(options.file->c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
      r.input_ok = false;
      r.input = std::string("cannot open: ") + std::strerror(errno);
    } else {
      const auto id = identify(fd, *options.file);
      ::close(fd);
      r.input_ok = id.has_value();
      r.input = "cannot stat";
      if (id) {
        const std::time_t seconds = static_cast<std::time_t>(id->mtime_ns / 1000000000);
        char when[32];
        std::strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S UTC", std::gmtime(&seconds));
        r.input = std::to_string(id->size) + " bytes, modified " + when;
        r.identity = std::to_string(id->size) + ":" + std::to_string(id->mtime_ns) + ":" +
                     std::to_string(id->ctime_ns) + ":" + std::to_string(id->sample);
      }
    }
  }
  return r;
}

// Whether rank 0 can create a file in the journal's directory (created and removed at once).
std::string journal_problem(const std::string& journal) {
  const std::size_t slash = journal.rfind('/');
  const std::string dir = slash == std::string::npos ? "." : journal.substr(0, slash + 1);
  std::string probe = dir + (dir.back() == '/' ? "" : "/") + ".primepool-preflight-XXXXXX";
  const int fd = ::mkstemp(probe.data());
  if (fd < 0) {
    return "rank 0 cannot write the journal's directory " + printable(dir) + ": " +
           std::strerror(errno);
  }
  ::close(fd);
  ::unlink(probe.c_str());
  return "";
}

std::vector<std::string> problems_in(const std::vector<RankReport>& all, const Options& options) {
  std::vector<std::string> problems;
  const RankReport& root = all.front();
  for (const RankReport& r : all) {
    const std::string who = "rank " + std::to_string(r.rank) + " (" + r.host + ")";
    if (r.build != root.build || r.version != root.version) {
      problems.push_back(who + " runs another build of primepool (" + r.version + ", build " +
                         r.build + "; rank 0: " + root.version + ", build " + root.build +
                         "): install the same one on every node");
    }
    if (!r.input_ok) {
      problems.push_back(who + " cannot read the input file " + printable(*options.file) + ": " +
                         r.input + " (is it on a file system every node shares?)");
    } else if (r.identity != root.identity && root.input_ok) {
      problems.push_back(who + " sees another input file at " + printable(*options.file) + " (" +
                         r.input + "; rank 0: " + root.input + ")");
    }
    if (r.threads > 1 && r.cpus == 1) {
      problems.push_back(who + " would run " + std::to_string(r.threads) +
                         " threads on one core (CPUs " + r.cores +
                         "): bind it to more cores (srun --cpus-per-task, mpirun --map-by "
                         "slot:pe=N or --bind-to none)");
    }
  }
  if (options.journal) {
    const std::string why = journal_problem(*options.journal);
    if (!why.empty()) problems.push_back(why);
  }
  return problems;
}

void print_table(std::ostream& out, const std::vector<RankReport>& all, const Options& options) {
  out << "rank  host                  version  build             kernel   threads  cores\n";
  for (const RankReport& r : all) {
    char line[256];
    std::snprintf(line, sizeof line, "%4d  %-20s  %-7s  %-16s  %-7s  %7d  %s (%d)\n", r.rank,
                  r.host.substr(0, 20).c_str(), r.version.c_str(), r.build.c_str(),
                  r.kernel.c_str(), r.threads, r.cores.c_str(), r.cpus);
    out << line;
  }
  if (options.file && *options.file != "-") {
    out << "input " << printable(*options.file) << ":\n";
    for (const RankReport& r : all) out << "  rank " << r.rank << ": " << r.input << "\n";
  }
}

}  // namespace

int preflight(const Options& options, const Launch& world) {
  const RankReport mine = look_around(options, world.rank());
  std::vector<RankReport> all;
  if (world.mpi()) {
    boost::mpi::gather(*world.comm, mine, all, 0);
  } else {
    all.push_back(mine);
  }
  int code = kExitOk;
  if (world.rank() == 0) {
    print_table(std::cout, all, options);
    const std::vector<std::string> problems = problems_in(all, options);
    for (const std::string& p : problems) std::cout << "problem: " << p << "\n";
    std::cout << "preflight: " << all.size() << (all.size() == 1 ? " rank, " : " ranks, ")
              << (problems.empty() ? "no problems found"
                                   : std::to_string(problems.size()) +
                                         (problems.size() == 1 ? " problem" : " problems"))
              << "\n"
              << std::flush;
    code = problems.empty() ? kExitOk : kExitPreflight;
  }
  if (world.mpi()) boost::mpi::broadcast(*world.comm, code, 0);
  return code;
}

}  // namespace primepool::app
