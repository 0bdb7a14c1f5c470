// --verify: the sample, the claims kept at rank 0, their verification jobs and the comparison
// of the answers (run/verify.hpp).
#include "primepool/run/verify.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "primepool/check/method.hpp"

namespace primepool {

namespace {
std::uint64_t mix(std::uint64_t z) {  // splitmix64
  z += 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}
}  // namespace

Verifier::Verifier(double fraction, const Method& method, RunSummary& summary)
    : verifier_(verifier(method)) {
  summary.verify_fraction = std::max(fraction, 0.0);
  if (fraction > 0.0) {
    block_ = static_cast<std::uint64_t>(std::llround(1.0 / std::min(fraction, 1.0)));
    block_ = std::max<std::uint64_t>(block_, 1);
    summary.verify_method = std::string(method_name(verifier_));
  }
}

bool Verifier::sampled(std::uint64_t index) const {
  if (block_ <= 1) return block_ == 1;
  if (index < block_lo_ || index - block_lo_ >= block_) {  // another block: its pick (cached)
    block_lo_ = index - index % block_;
    pick_ = block_lo_ + mix(index / block_) % block_;
  }
  return index == pick_;
}

void Verifier::claim(const Job& job, const std::vector<PrimeResult>& rows, int worker) {
  if (!on() || job.verify || job.divisor_range() || job.slice() != nullptr) return;
  const std::uint64_t first = job.first_index, size = job.size();
  if (size == 0) return;
  std::unordered_map<std::uint64_t, const PrimeResult*> by_index;
  for (std::uint64_t b = first / block_; b * block_ < first + size; ++b) {
    const std::uint64_t index = block_ == 1 ? b : b * block_ + mix(b) % block_;
    if (index < first || index >= first + size) continue;
    if (by_index.empty()) {  // the rows, found by index, once the job has a sampled number
      by_index.reserve(rows.size());
      for (const PrimeResult& r : rows) by_index.emplace(r.index, &r);
    }
    const auto row = by_index.find(index);
    Claim c;
    c.index = index;
    c.n = job.at(index - first);
    if (const std::string* digits = job.big_at(index - first)) c.big = *digits;
    c.prime = row != by_index.end() && row->second->prime;  // no row: not a prime (kPrimesOnly)
    c.rank = row != by_index.end() ? row->second->worker : worker;
    pending_[c.rank].push_back(std::move(c));
    ++waiting_;
  }
}

std::optional<Job> Verifier::batch(int worker, bool alone, bool flush) {
  for (auto& [rank, claims] : pending_) {
    if (claims.empty() || (rank == worker && !alone)) continue;
    if (claims.size() < kBatch && !flush) continue;
    const std::size_t take = std::min(claims.size(), kBatch);
    std::vector<Claim> mine(
        std::make_move_iterator(claims.end() - static_cast<std::ptrdiff_t>(take)),
        std::make_move_iterator(claims.end()));
    claims.resize(claims.size() - take);
    waiting_ -= take;
    NumberList list;
    for (const Claim& c : mine) list.push(c.n, c.big);
    Job job;
    job.id = next_id_++;
    job.verify = true;
    job.numbers = std::move(list);
    out_.emplace(job.id, std::move(mine));
    return job;
  }
  return std::nullopt;
}

void Verifier::answer(const Job& job, const std::vector<PrimeResult>& rows, int worker,
                      RunSummary& summary) {
  const auto out = out_.find(job.id);
  if (out == out_.end()) return;
  const std::vector<Claim>& claims = out->second;
  for (const PrimeResult& r : rows) {
    const std::uint64_t at = r.index - job.first_index;
    if (at < claims.size()) compare(claims[at], r.prime, worker, summary);
  }
  out_.erase(out);
}

void Verifier::check_now(const PrimeResult& r, int rank, RunSummary& summary) {
  Claim c;
  c.index = r.index;
  c.n = r.n;
  c.big = r.big;
  c.prime = r.prime;
  c.rank = rank;
  const bool again = r.big.empty() ? check(verifier_, r.n, true)
                                   : check_big(verifier_, r.big, true).value_or(r.prime);
  compare(c, again, rank, summary);
}

void Verifier::compare(const Claim& c, bool again, int rank, RunSummary& summary) const {
  ++summary.verified;
  if (again == c.prime) return;
  Disagreement d;
  d.index = c.index;
  d.number = c.big.empty() ? to_decimal(c.n) : c.big;
  d.first = c.prime;
  d.first_rank = c.rank;
  d.first_host = host_of(c.rank);
  d.second = again;
  d.second_rank = rank;
  d.second_host = host_of(rank);
  summary.disagreements.push_back(std::move(d));
}

void Verifier::host(int rank, const std::string& name) {
  if (rank < 0) return;
  if (hosts_.size() <= static_cast<std::size_t>(rank))
    hosts_.resize(static_cast<std::size_t>(rank) + 1);
  hosts_[static_cast<std::size_t>(rank)] = name;
}

std::string Verifier::host_of(int rank) const {
  return rank >= 0 && static_cast<std::size_t>(rank) < hosts_.size()
             ? hosts_[static_cast<std::size_t>(rank)]
             : "";
}

void Verifier::drop(RunSummary& summary) {
  std::uint64_t left = waiting_;
  for (const auto& [id, claims] : out_) left += claims.size();
  summary.verify_dropped += left;
  pending_.clear();
  out_.clear();
  waiting_ = 0;
}

}  // namespace primepool
