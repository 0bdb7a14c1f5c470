// What travels between ranks: the message tags, a Job (numbers to check) and PrimeResult.
// Every type here has a Boost.Serialization `serialize` so Boost.MPI can send it.
#pragma once

#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace primepool {

// Message tags of the pool protocol, in the order a worker sees them.
enum Tag : int {
  kReady = 1,     // worker -> coordinator: I am up and can hold `slots` jobs at once (WorkerHello)
  kJob = 2,       // coordinator -> worker: check these numbers (Job)
  kResult = 3,    // worker -> coordinator: the answers for one job (std::vector<PrimeResult>)
  kSentinel = 4,  // coordinator -> worker: the poison pill; finish what you hold, then leave
  kDone = 5,      // worker -> coordinator: I have left my loop; nothing more will come (WorkerReport)
  kHeartbeat = 6, // worker -> coordinator: still here, checking (no data; once a second while busy)
};

// A worker's greeting: how many jobs it can hold at once, and where it runs (for --verbose).
struct WorkerHello {
  int slots = 1;
  int threads = 1;
  int cpus = 1;         // CPUs the rank may run on
  std::string host;     // host name
  std::string binding;  // CPUs the rank may run on, e.g. "0-3"

  template <class Archive>
  void serialize(Archive& ar, const unsigned /*version*/) {
    ar & slots & threads & cpus & host & binding;
  }
};

// A worker's last word: the seconds each of its compute threads spent checking.
struct WorkerReport {
  std::vector<double> thread_busy;

  template <class Archive>
  void serialize(Archive& ar, const unsigned /*version*/) {
    ar & thread_busy;
  }
};

// Consecutive numbers of the input: numbers[i] is input number first_index + i.
struct Job {
  std::uint64_t first_index = 0;
  std::vector<std::uint64_t> numbers;

  template <class Archive>
  void serialize(Archive& ar, const unsigned /*version*/) {
    ar & first_index & numbers;
  }
};

// The answer for one number, as the reference's PrimeResult(n, prime, elapsed), plus where it
// was computed and its position in the input.
struct PrimeResult {
  std::uint64_t n = 0;
  bool prime = false;
  double elapsed = 0.0;  // seconds the check itself took
  int worker = 0;        // MPI rank that checked it (0 when running on one rank)
  int thread = 0;        // OpenMP thread inside that rank
  std::uint64_t index = 0;  // position in the input, from 0

  template <class Archive>
  void serialize(Archive& ar, const unsigned /*version*/) {
    ar & n & prime & elapsed & worker & thread & index;
  }

  friend bool operator==(const PrimeResult& a, const PrimeResult& b) {
    return a.n == b.n && a.prime == b.prime && a.elapsed == b.elapsed && a.worker == b.worker &&
           a.thread == b.thread && a.index == b.index;
  }
};

}  // namespace primepool
