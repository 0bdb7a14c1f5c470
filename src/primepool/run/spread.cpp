// One hard number spread over the whole pool (rank 0's side): which numbers are hard, their
// divisor ranges handed out in order, the answers gathered, the first divisor ending the search.
#include "primepool/run/spread.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "primepool/check/bpsw128.hpp"
#include "primepool/check/search_estimate.hpp"
#include "primepool/sys/clock.hpp"

namespace primepool {

namespace {
// A range is about this long on one rank's threads (a cancel waits for at most one), and a
// number has at least 8 ranges a worker (threads busy with other numbers join late).
constexpr double kRangeSeconds = 2.0;
constexpr int kRangesPerWorker = 8;
constexpr std::uint64_t kMinRangeCandidates = std::uint64_t{1} << 20;
}  // namespace

bool spreads(const Method& method, int workers) { return method.search != nullptr && workers >= 2; }

int search_threads(const Method& method, int workers, int threads) {
  return spreads(method, workers) ? workers * threads : threads;
}

Spreader::Spreader(const Method& method, int workers, int threads,
                   std::function<std::uint64_t()> new_id, const DoneSet* journaled)
    : method_(method),
      workers_(workers),
      threads_(threads),
      new_id_(std::move(new_id)),
      journaled_(journaled) {}

// Hard: a search of more than kSpreadSeconds on one rank, and no divisor among the first
// kScanCandidates (tried here: most composites end at once, on rank 0).
bool Spreader::hard(Number n) const {
  if (!is_wide(n) || search_seconds(method_, n, threads_) <= kSpreadSeconds) return false;
  if (method_.screen(n) != Screen::kSearch) return false;
  const std::uint64_t first = method_.first_divisor;
  return method_.search(n, first, first + 2 * kScanCandidates - 2, nullptr) == 0;
}

bool Spreader::split(Job& job) {
  if (!spreads(method_, workers_) || job.divisor_range() || job.slice() != nullptr) return false;
  const std::uint64_t count = job.size();
  std::vector<std::uint64_t> hard_at;
  for (std::uint64_t i = 0; i < count; ++i) {
    if (hard(job.at(i))) hard_at.push_back(i);
  }
  if (hard_at.empty()) return false;
  std::uint64_t begin = 0;
  for (std::uint64_t at : hard_at) {
    queue_easy(job, begin, at);
    const std::uint64_t key = next_key_++;
    numbers_.emplace(key, make_hard(job.at(at), job.first_index + at));
    queue_.push_back({std::nullopt, key});
    ++spread_count_;
    begin = at + 1;
  }
  queue_easy(job, begin, count);
  return true;
}

// Numbers begin..end-1 of `from` as a list job of their own (none when the run is empty).
void Spreader::queue_easy(const Job& from, std::size_t begin, std::size_t end) {
  if (begin >= end) return;
  Job easy;
  easy.id = new_id_();
  easy.first_index = from.first_index + begin;
  if (const NumberList* list = from.list()) {
    easy.numbers = list->part(begin, end);
  } else {
    std::vector<Number>& list_of = easy.numbers.emplace<NumberList>().numbers;
    list_of.reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i) list_of.push_back(from.at(i));
  }
  queue_.push_back({std::move(easy), 0});
}

// Its ranges: from past the candidates tried on rank 0 to its root, about kRangeSeconds each on
// one rank's threads, at least kRangesPerWorker a worker.
Spreader::HardNumber Spreader::make_hard(Number n, std::uint64_t index) {
  HardNumber h;
  h.n = n;
  h.index = index;
  h.next_lo = method_.first_divisor + 2 * kScanCandidates;
  h.root = isqrt128(n);
  const double seconds = search_seconds(method_, n, threads_);
  const std::uint64_t candidates = (h.root - h.next_lo) / 2 + 1;
  const auto ranges = static_cast<std::uint64_t>(
      std::max<double>(kRangesPerWorker * workers_, std::ceil(seconds / kRangeSeconds)));
  h.span = 2 * std::max(kMinRangeCandidates, candidates / ranges + 1);
  h.candidates = candidates;
  if (journaled_ != nullptr) h.skip = journaled_->searched(index, n);
  for (const auto& [lo, hi] : h.skip) h.searched += (hi - lo) / 2 + 1;
  journaled_candidates_ += h.searched;
  return h;
}

bool Spreader::ranges_left() const {
  for (const auto& entry : numbers_) {
    const HardNumber& h = entry.second;
    if (h.ranges_to_hand_out()) return true;
  }
  return false;
}

std::optional<Job> Spreader::next() {
  for (auto& entry : numbers_) {  // the oldest number under way first
    HardNumber& h = entry.second;
    if (h.ranges_to_hand_out()) return range_job(entry.first, h);
  }
  if (queue_.empty()) return std::nullopt;
  Piece piece = std::move(queue_.front());
  queue_.pop_front();
  if (piece.easy) return std::move(*piece.easy);
  HardNumber& h = numbers_.at(piece.hard);
  h.started_out = true;
  h.started = now_seconds();
  return range_job(piece.hard, h);
}

// The next range: span wide from next_lo, past what the journal says was searched and ending
// before the next such stretch. When the journal has all of the rest, the root alone is searched
// (the number still needs an answer from a worker).
Job Spreader::range_job(std::uint64_t key, HardNumber& h) {
  std::uint64_t stop = h.root;  // this range ends at or before it
  for (const auto& [lo, hi] : h.skip) {
    if (hi < h.next_lo) continue;
    if (lo <= h.next_lo) {  // next_lo was searched: go past the stretch (odd, like next_lo)
      h.next_lo = hi >= h.root ? h.root : (hi | 1u) + 2;
      continue;
    }
    stop = std::min(stop, lo - 2);
    break;
  }
  Job range;
  range.id = new_id_();
  range.first_index = h.index;
  range.numbers = NumberList{{h.n}, {}};
  range.search_lo = h.next_lo;
  range.search_hi = stop - h.next_lo < h.span ? stop : h.next_lo + h.span - 2;
  h.all_out = range.search_hi == h.root;
  h.next_lo = range.search_hi + 2;  // (wraps only once all_out)
  h.out.push_back(range.id);
  range_of_[range.id] = key;
  return range;
}

std::optional<Spreader::Decided> Spreader::answer(const Job& range, bool no_divisor, double busy,
                                                  int worker, std::vector<std::uint64_t>& cancel,
                                                  std::optional<SearchedRange>& searched) {
  searched.reset();
  const auto found = range_of_.find(range.id);
  if (found == range_of_.end()) return std::nullopt;
  const std::uint64_t key = found->second;
  range_of_.erase(found);
  HardNumber& h = numbers_.at(key);
  h.out.erase(std::find(h.out.begin(), h.out.end(), range.id));
  h.busy += busy;
  std::optional<Decided> decided;
  if (!h.decided && !no_divisor) {
    cancel.insert(cancel.end(), h.out.begin(), h.out.end());
    decided = decide(h, false, worker);
  } else if (!h.decided && h.all_out && h.out.empty()) {
    decided = decide(h, true, worker);
  } else if (!h.decided) {
    searched = SearchedRange{h.index, h.n, range.search_lo, range.search_hi};
    h.searched += (range.search_hi - range.search_lo) / 2 + 1;
  }
  if (h.decided && h.out.empty()) numbers_.erase(key);
  return decided;
}

std::string Spreader::progress_note(double now) const {
  for (const auto& entry : numbers_) {
    const HardNumber& h = entry.second;
    if (!h.started_out || h.decided || h.candidates == 0) continue;
    const double done =
        std::min(1.0, static_cast<double>(h.searched) / static_cast<double>(h.candidates));
    char text[128];
    const double elapsed = now - h.started;
    if (done > 0.0 && done < 1.0) {
      std::snprintf(text, sizeof text, "index %llu: %.0f%% of its divisor search, about %.0fs left",
                    static_cast<unsigned long long>(h.index), 100.0 * done,
                    elapsed * (1.0 - done) / done);
    } else {
      std::snprintf(text, sizeof text, "index %llu: %.0f%% of its divisor search",
                    static_cast<unsigned long long>(h.index), 100.0 * done);
    }
    return text;
  }
  return "";
}

Spreader::Decided Spreader::decide(HardNumber& h, bool prime, int worker) {
  h.decided = true;
  Decided d;
  d.job.id = new_id_();
  d.job.first_index = h.index;
  d.job.numbers = NumberList{{h.n}, {}};
  d.row = {h.n, prime, now_seconds() - h.started, worker, 0, h.index, {}};
  d.totals = {h.index, 1, prime ? 1u : 0u, h.busy, worker, prime ? 1u : 0u};  // hard: wide
  return d;
}

}  // namespace primepool
