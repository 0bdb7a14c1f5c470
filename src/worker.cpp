// A worker rank's role: the loop that takes jobs until the sentinel tag arrives.
// Like the reference's worker(): get a job, check it, put the result; the poison pill ends it.
#include "worker.hpp"

#include <unistd.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "check.hpp"
#include "polite_wait.hpp"

namespace primepool {

namespace {
std::string host_name() {
  char buf[256] = {};
  gethostname(buf, sizeof buf - 1);
  return buf;
}
}  // namespace

void run_worker(const boost::mpi::communicator& comm, const PoolConfig& config) {
  constexpr int coordinator = 0;
  WorkerHello hello;
  hello.host = host_name();
  comm.send(coordinator, kReady, hello);

  for (;;) {
    const boost::mpi::status status = wait_for_message(comm, coordinator);
    if (status.tag() == kSentinel) {  // the poison pill: leave the loop
      comm.recv(coordinator, kSentinel);
      break;
    }
    if (status.tag() != kJob) {
      throw std::runtime_error("worker: unexpected message tag " + std::to_string(status.tag()));
    }
    Job job;
    comm.recv(coordinator, kJob, job);
    std::vector<PrimeResult> results;
    results.reserve(job.numbers.size());
    for (std::size_t i = 0; i < job.numbers.size(); ++i) {
      results.push_back(check(job.numbers[i], config.test, comm.rank()));
      results.back().index = job.first_index + i;
    }
    comm.send(coordinator, kResult, results);
  }
  comm.send(coordinator, kDone);
}

}  // namespace primepool
