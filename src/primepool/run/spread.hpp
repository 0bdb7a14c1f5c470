// One hard number spread over the whole pool: rank 0 cuts its divisor search into divisor-range
// jobs for every worker (each splits its range among its threads); the first divisor cancels the
// rest.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "primepool/check/method.hpp"
#include "primepool/input/done_set.hpp"
#include "primepool/input/job.hpp"
#include "primepool/result.hpp"

namespace primepool {

/// Whether a run of `workers` worker ranks spreads numbers: a divisor-search method (trial,
/// wheel) and at least two workers (one rank's threads split a number already).
bool spreads(const Method& method, int workers);

/// The threads one number's search runs on: every worker's when the run spreads, else one rank's
/// (the refusal's estimate, search_estimate.hpp, divides by these).
int search_threads(const Method& method, int workers, int threads);

class Spreader {
 public:
  /// A number is spread when its search would take longer than this on one rank's threads.
  static constexpr double kSpreadSeconds = 0.5;
  /// Candidates rank 0 tries itself first (about 0.3 ms): most composites end there.
  static constexpr std::uint64_t kScanCandidates = 1u << 16;

  /// `new_id`: a fresh job id (the run's jobs are numbered by one counter). `journaled`: what a
  /// resumed run's journal holds; ranges it says were searched are not searched again.
  Spreader(const Method& method, int workers, int threads, std::function<std::uint64_t()> new_id,
           const DoneSet* journaled = nullptr);

  /// Take `job` (a list or a progression) apart around its hard numbers: false when it has none
  /// (the job is untouched). Else its easy runs and its hard numbers queue up in input order.
  bool split(Job& job);
  /// The next job: a divisor range of a number under way (the oldest first), else the next
  /// queued easy run, else a queued hard number's first range. Nothing when none is left.
  std::optional<Job> next();
  /// Work that next() would hand out.
  bool has_work() const { return !queue_.empty() || ranges_left(); }
  /// Numbers spread and not decided yet, or ranges still out.
  bool busy() const { return has_work() || !numbers_.empty(); }

  /// A number decided, with its result row and totals (its job: one number at its index).
  struct Decided {
    Job job;
    PrimeResult row;
    JobTotals totals;
  };
  /// The answer for divisor-range job `range` from `worker`: no divisor in it, or one; `busy`:
  /// the seconds its threads spent. Returns the number once decided (a divisor: at once; prime:
  /// when its last range is back), and appends to `cancel` the ranges still out that no longer
  /// matter (tell their workers). Ranges of a decided number are ignored when they come back.
  /// `searched`: set to the range when it had no divisor and its number is still undecided
  /// (journal it: a resumed run skips it).
  std::optional<Decided> answer(const Job& range, bool no_divisor, double busy, int worker,
                                std::vector<std::uint64_t>& cancel,
                                std::optional<SearchedRange>& searched);
  /// For the progress line: the oldest number under way, how much of its divisor search is done
  /// and an estimate of the time left ("" when none is under way). `now`: now_seconds().
  std::string progress_note(double now) const;
  /// Numbers spread so far.
  std::uint64_t spread_count() const { return spread_count_; }
  /// Divisor candidates of those that the journal says were searched (a resumed run's).
  std::uint64_t journaled_candidates() const { return journaled_candidates_; }

 private:
  struct HardNumber {
    Number n = 0;
    std::uint64_t index = 0;
    std::uint64_t next_lo = 0;       // next range starts here (odd)
    std::uint64_t root = 0;          // the search ends here
    std::uint64_t span = 0;          // a range's width in divisor values (even)
    double started = 0.0;            // when its first range went out
    double busy = 0.0;               // its ranges' threads' seconds
    std::uint64_t candidates = 0;    // of its search beyond rank 0's scan
    std::uint64_t searched = 0;      // ... answered without a divisor, or journaled so
    std::vector<std::uint64_t> out;  // ids of its ranges out
    // Ranges a resumed run's journal says were searched: skipped (sorted, merged).
    std::vector<std::pair<std::uint64_t, std::uint64_t>> skip;
    bool started_out = false;  // its first range has gone out
    bool all_out = false;      // its last range has gone out
    bool decided = false;
    bool ranges_to_hand_out() const { return started_out && !decided && !all_out; }
  };
  bool hard(Number n) const;
  void queue_easy(const Job& from, std::size_t begin, std::size_t end);
  HardNumber make_hard(Number n, std::uint64_t index);
  Job range_job(std::uint64_t key, HardNumber& h);
  bool ranges_left() const;
  Decided decide(HardNumber& h, bool prime, int worker);

  const Method& method_;
  int workers_, threads_;
  std::function<std::uint64_t()> new_id_;
  const DoneSet* journaled_;
  // Input order: an easy run (a job), or a hard number's key in numbers_.
  struct Piece {
    std::optional<Job> easy;
    std::uint64_t hard = 0;
  };
  std::deque<Piece> queue_;
  std::map<std::uint64_t, HardNumber> numbers_;      // spread and not yet settled, by key
  std::map<std::uint64_t, std::uint64_t> range_of_;  // range job id -> its number's key
  std::uint64_t next_key_ = 0;
  std::uint64_t spread_count_ = 0;
  std::uint64_t journaled_candidates_ = 0;
};

}  // namespace primepool
