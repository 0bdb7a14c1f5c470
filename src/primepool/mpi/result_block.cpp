// The compact result block: a 48-byte header (job id, count, primes, busy seconds, detail, primes
// from 2^64 on),
// then for kFull a prime bitmap, every elapsed (f64) and thread (u16); for kPrimesOnly each
// prime's offset (u32), elapsed and thread; for kCounts nothing. Host byte order (one cluster).
#include "primepool/mpi/result_block.hpp"

#include <cstring>
#include <stdexcept>
#include <string>

namespace primepool {

namespace {

constexpr std::size_t kHeader = 48;

template <class T>
void put(std::vector<char>& out, std::size_t& at, T value) {
  std::memcpy(out.data() + at, &value, sizeof value);
  at += sizeof value;
}

template <class T>
T get(const char* data, std::size_t size, std::size_t& at) {
  if (at + sizeof(T) > size) throw std::runtime_error("result block: truncated");
  T value;
  std::memcpy(&value, data + at, sizeof value);
  at += sizeof value;
  return value;
}

}  // namespace

std::vector<char> encode_block(std::uint64_t job_id, const JobTotals& totals,
                               const std::vector<PrimeResult>& rows, bool rows_reduced,
                               ResultDetail detail) {
  const std::uint64_t count = totals.count, primes = totals.primes;
  const std::size_t sent = detail == ResultDetail::kFull         ? count
                           : detail == ResultDetail::kPrimesOnly ? primes
                                                                 : 0;
  const std::size_t per_row = sizeof(double) + sizeof(std::uint16_t) +
                              (detail == ResultDetail::kPrimesOnly ? sizeof(std::uint32_t) : 0);
  const std::size_t bitmap = detail == ResultDetail::kFull ? (count + 7) / 8 : 0;
  std::vector<char> out(kHeader + bitmap + sent * per_row, 0);
  std::size_t at = 0;
  put(out, at, job_id);
  put(out, at, count);
  put(out, at, primes);
  put(out, at, totals.busy);
  put(out, at, static_cast<std::uint8_t>(detail));
  put(out, at, totals.wide_primes);
  at = kHeader;
  if (detail == ResultDetail::kCounts) return out;
  auto sends = [&](const PrimeResult& r) { return rows_reduced || carries(detail, r); };
  for (const PrimeResult& r : rows) {
    const auto i = static_cast<std::uint32_t>(r.index - totals.first_index);
    if (detail == ResultDetail::kFull && r.prime) out[at + i / 8] |= char(1 << (i % 8));
  }
  at += bitmap;
  for (const PrimeResult& r : rows) {
    if (detail == ResultDetail::kPrimesOnly && sends(r))
      put(out, at, static_cast<std::uint32_t>(r.index - totals.first_index));
  }
  for (const PrimeResult& r : rows) {
    if (sends(r)) put(out, at, r.elapsed);
  }
  for (const PrimeResult& r : rows) {
    if (sends(r)) put(out, at, static_cast<std::uint16_t>(r.thread));
  }
  return out;
}

std::optional<std::uint64_t> block_job_id(const std::vector<char>& block) {
  std::uint64_t id = 0;
  if (block.size() < sizeof id) return std::nullopt;
  std::memcpy(&id, block.data(), sizeof id);
  return id;
}

ResultBlock decode_results(const char* data, std::size_t size, const Job& job, int worker) {
  ResultBlock b;
  JobTotals& t = b.totals;
  std::size_t at = 0;
  const auto id = get<std::uint64_t>(data, size, at);
  t.first_index = job.first_index;
  t.count = get<std::uint64_t>(data, size, at);
  t.primes = get<std::uint64_t>(data, size, at);
  t.busy = get<double>(data, size, at);
  t.worker = worker;
  const auto detail = get<std::uint8_t>(data, size, at);
  t.wide_primes = get<std::uint64_t>(data, size, at);
  if (detail > static_cast<std::uint8_t>(ResultDetail::kCounts) || id != job.id ||
      t.count != job.size() || t.primes > t.count || t.wide_primes > t.primes) {
    throw std::runtime_error("result block from rank " + std::to_string(worker) +
                             ": does not fit its job (" + std::to_string(t.count) + " numbers of " +
                             std::to_string(job.size()) + ")");
  }
  b.detail = static_cast<ResultDetail>(detail);
  at = kHeader;
  if (b.detail == ResultDetail::kCounts) return b;
  const bool full = b.detail == ResultDetail::kFull;
  const std::uint64_t rows = full ? t.count : t.primes;
  const std::uint64_t bitmap = full ? (t.count + 7) / 8 : 0;
  const std::uint64_t per_row = sizeof(double) + sizeof(std::uint16_t) + (full ? 0 : 4);
  // Rows have 32-bit offsets; the size must be exactly what the header says (checked before
  // anything is allocated for the rows).
  if (t.count > UINT32_MAX || kHeader + bitmap + rows * per_row != size)
    throw std::runtime_error("result block: truncated, or its size does not fit its header");
  b.rows.resize(static_cast<std::size_t>(rows));
  for (std::size_t k = 0; k < rows; ++k) {
    const std::uint32_t offset = full ? static_cast<std::uint32_t>(k) : 0;
    b.rows[k].prime = full ? ((data[at + k / 8] >> (k % 8)) & 1) != 0 : true;
    b.rows[k].index = t.first_index + offset;
  }
  at += bitmap;
  for (std::size_t k = 0; !full && k < rows; ++k) {
    const auto offset = get<std::uint32_t>(data, size, at);
    if (offset >= t.count) throw std::runtime_error("result block: a prime's offset past its job");
    b.rows[k].index = t.first_index + offset;
  }
  for (PrimeResult& r : b.rows) r.elapsed = get<double>(data, size, at);
  for (PrimeResult& r : b.rows) r.thread = get<std::uint16_t>(data, size, at);
  if (at != size) throw std::runtime_error("result block: trailing bytes");
  std::uint64_t primes = 0, wide_primes = 0;
  for (PrimeResult& r : b.rows) {
    r.n = job.at(r.index - t.first_index);
    if (const std::string* digits = job.big_at(r.index - t.first_index)) r.big = *digits;
    r.worker = worker;
    primes += r.prime ? 1 : 0;
    wide_primes += r.prime && above_64(r) ? 1 : 0;
  }
  if (primes != t.primes || wide_primes != t.wide_primes) {
    throw std::runtime_error("result block: the primes do not add up");
  }
  return b;
}

}  // namespace primepool
