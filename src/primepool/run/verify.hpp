// --verify: a reproducible sample of the verdicts checked again with another method on another
// worker. Rank 0 (or a single rank) keeps the sampled verdicts as claims, hands them out as
// verification jobs of the pool, and compares the answers. MPI-free.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "primepool/input/job.hpp"
#include "primepool/result.hpp"
#include "primepool/summary.hpp"

namespace primepool {

struct Method;

class Verifier {
 public:
  /// `fraction` of the verdicts (0: none, 1: all) of `method`'s run; `summary` is told the
  /// fraction and the verifying method (its journal record and report need them).
  Verifier(double fraction, const Method& method, RunSummary& summary);

  bool on() const { return block_ != 0; }
  /// Whether input index i is in the sample: one index in each block of round(1 / fraction)
  /// consecutive indices, at a place drawn from the block's number, so the sample is the same
  /// however the input is cut into jobs, on every run and every resume.
  bool sampled(std::uint64_t index) const;
  /// A job's results are in (`rows`: what its detail carries, every number's or the primes'),
  /// from rank `worker` (the rows' own ranks win): its sampled verdicts become claims.
  void claim(const Job& job, const std::vector<PrimeResult>& rows, int worker);
  /// A verification job for rank `worker`: claims of another rank (of any rank when `alone`:
  /// there is no other), once kBatch of them wait, or any when `flush`. Its id is above every
  /// input job's (kFirstId on).
  std::optional<Job> batch(int worker, bool alone, bool flush);
  /// One rank, one thread: a sampled verdict `r` (of rank `rank`) checked again at once.
  void check_now(const PrimeResult& r, int rank, RunSummary& summary);
  /// Claims not yet in a verification job.
  bool waiting() const { return waiting_ > 0; }
  /// Verification jobs out (made by batch(), not yet answered).
  std::size_t out() const { return out_.size(); }
  /// A verification job came back from `worker` with every verdict: each is compared with its
  /// claim; disagreements go to `summary`.
  void answer(const Job& job, const std::vector<PrimeResult>& rows, int worker,
              RunSummary& summary);
  /// Rank r's host, for the disagreements.
  void host(int rank, const std::string& name);
  /// What is left unchecked (a stop): counted in the summary.
  void drop(RunSummary& summary);

  static constexpr std::size_t kBatch = 4096;  // a few ms of checks: few round trips
  static constexpr std::uint64_t kFirstId = std::uint64_t{1} << 62;

 private:
  struct Claim {
    std::uint64_t index = 0;
    Number n = 0;
    std::string big;
    bool prime = false;
    int rank = 0;
  };
  std::string host_of(int rank) const;
  void compare(const Claim& c, bool again, int rank, RunSummary& summary) const;
  const Method& verifier_;
  std::uint64_t block_ = 0;                                        // 0: off
  mutable std::uint64_t block_lo_ = ~std::uint64_t{0}, pick_ = 0;  // sampled()'s last block
  std::map<int, std::vector<Claim>> pending_;                      // by the rank that claimed them
  std::unordered_map<std::uint64_t, std::vector<Claim>> out_;      // by verification job id
  std::size_t waiting_ = 0;
  std::uint64_t next_id_ = kFirstId;
  std::vector<std::string> hosts_;
};

}  // namespace primepool
