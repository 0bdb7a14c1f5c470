// The input indices already checked: inserting runs of them, and the next index in or out.
#include "primepool/input/done_set.hpp"

#include <algorithm>

namespace primepool {

void DoneSet::insert(std::uint64_t index, Number n) { insert_run(index, 1, pair_digest(index, n)); }

bool DoneSet::insert_run(std::uint64_t first, std::uint64_t count, std::uint64_t digest) {
  if (count == 0) return true;
  auto next = runs_.lower_bound(first);  // first run starting at or after `first`
  if (next != runs_.end() && next->first - first < count) return false;
  if (next != runs_.begin() && std::prev(next)->second.end > first) return false;
  size_ += count;
  Run run{first + count, digest};
  if (next != runs_.end() && next->first == run.end) {  // joins the next run
    run = {next->second.end, digest + next->second.digest};
    next = runs_.erase(next);
  }
  if (next != runs_.begin() && std::prev(next)->second.end == first) {  // extends the previous
    Run& previous = std::prev(next)->second;
    previous = {run.end, previous.digest + run.digest};
    return true;
  }
  runs_.emplace_hint(next, first, run);
  return true;
}

bool DoneSet::contains(std::uint64_t index) const {
  auto next = runs_.upper_bound(index);
  if (next == runs_.begin()) return false;
  return index < std::prev(next)->second.end;
}

std::uint64_t DoneSet::next_missing(std::uint64_t index) const {
  auto next = runs_.upper_bound(index);
  if (next == runs_.begin()) return index;
  const Run& run = std::prev(next)->second;
  return index < run.end ? run.end : index;  // runs never touch: run.end is missing
}

std::uint64_t DoneSet::next_done(std::uint64_t index) const {
  auto next = runs_.upper_bound(index);
  if (next != runs_.begin() && index < std::prev(next)->second.end) return index;
  return next == runs_.end() ? UINT64_MAX : next->first;
}

std::vector<std::pair<std::uint64_t, std::uint64_t>> DoneSet::searched(std::uint64_t index,
                                                                       Number n) const {
  std::vector<std::pair<std::uint64_t, std::uint64_t>> ranges;
  const auto found = searched_.find(index);
  if (found == searched_.end()) return ranges;
  for (const SearchedRange& r : found->second) {
    if (r.n == n && r.lo <= r.hi) ranges.emplace_back(r.lo, r.hi);
  }
  std::sort(ranges.begin(), ranges.end());
  std::vector<std::pair<std::uint64_t, std::uint64_t>> merged;
  for (const auto& r : ranges) {
    if (!merged.empty() && r.first <= merged.back().second + 2 &&
        merged.back().second + 2 > merged.back().second) {
      merged.back().second = std::max(merged.back().second, r.second);
    } else {
      merged.push_back(r);
    }
  }
  return merged;
}

}  // namespace primepool
