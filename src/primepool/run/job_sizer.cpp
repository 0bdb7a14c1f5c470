// Job sizes: --chunk parsed (ChunkPolicy), and the size of each next job (JobSizer), fixed
// (capped at about a second of measured work) or auto (guided self-scheduling by measured cost).
#include "primepool/run/job_sizer.hpp"

#include <algorithm>
#include <cmath>

#include "primepool/input/number_parser.hpp"

namespace primepool {

std::optional<ChunkPolicy> ChunkPolicy::parse(const std::string& text) {
  if (text == "auto" || text == " auto" || text == "auto ") return automatic();
  const ParsedNumber p = parse_number_field(text);
  if (!p.ok || p.value == 0 || p.value > kMaxChunk) return std::nullopt;
  return fixed(static_cast<std::size_t>(p.value));
}

std::string ChunkPolicy::describe() const {
  if (segment_max_ != 0) return "auto (sieve segments)";
  return is_auto() ? "auto" : std::to_string(fixed_);
}

std::size_t JobSizer::next_size(std::optional<std::uint64_t> remaining, int threads,
                                std::size_t max) {
  if (const std::size_t segment_max = policy_.segment_max(); segment_max != 0) {
    // Equal shares of the whole input, sized once.
    if (last_size_ <= 1 && remaining) {
      const auto pool = static_cast<std::uint64_t>(std::max(threads, 1));
      const std::uint64_t share = (*remaining + pool - 1) / pool;
      last_size_ = static_cast<std::size_t>(std::clamp<std::uint64_t>(share, 1, segment_max));
    } else if (last_size_ <= 1) {
      last_size_ = segment_max;
    }
    return last_size_;
  }
  if (!policy_.is_auto()) {
    // The size asked for, but never more than kMaxJobSeconds of expected work, so that what a
    // stop waits for (and what a kill loses) stays bounded: one number until the cost is known,
    // then at most doubling, so that a few cheap first numbers do not make the next job huge.
    const double cap =
        cost_ > 0.0 ? std::min(kMaxJobSeconds / cost_, 2.0 * static_cast<double>(last_size_)) : 1.0;
    last_size_ =
        static_cast<std::size_t>(std::clamp(cap, 1.0, static_cast<double>(policy_.fixed_size())));
    return last_size_;
  }
  // Until the first job comes back, probe with one number per job.
  // Many threads: longer jobs, so that rank 0 answers at most about 1 / kSecondsPerThread jobs a
  // second however large the pool (measured: bench/coordinator.sh at 128 workers).
  const double target = std::max(kTargetSeconds, kSecondsPerThread * std::max(threads, 1));
  double size = cost_ > 0.0 ? target / cost_ : 1.0;
  // Guided: never more than a share of what is left, so the last jobs are small and no thread
  // waits long for another's final chunk.
  if (remaining)
    size = std::min(size, static_cast<double>(*remaining) / (2.0 * std::max(threads, 1)));
  size = std::min(size, 2.0 * static_cast<double>(last_size_));
  last_size_ = static_cast<std::size_t>(std::clamp(size, 1.0, static_cast<double>(max)));
  return last_size_;
}

void JobSizer::observe(std::size_t numbers, double busy_seconds) {
  if (numbers == 0) return;
  // Timer resolution: a job of trivial numbers may measure 0; count it as 20 ns a number.
  const double cost = std::max(busy_seconds / static_cast<double>(numbers), 2e-8);
  cost_ = cost_ > 0.0 ? 0.7 * cost_ + 0.3 * cost : cost;
}

}  // namespace primepool
