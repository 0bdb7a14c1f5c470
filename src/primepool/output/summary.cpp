// What a run adds up to, and its two printed forms: a table for people, JSON for scripts.
// Load imbalance and efficiency are computed from the busy seconds the workers report.
#include "primepool/summary.hpp"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>

namespace primepool {

namespace {
std::string fixed(double value, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  return buf;
}

// "1 number", "2 numbers".
std::string count(std::uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}
}  // namespace

WorkerStats& RunSummary::worker(int rank) {
  if (per_worker.size() <= static_cast<std::size_t>(rank)) per_worker.resize(rank + 1);
  return per_worker[rank];
}

void RunSummary::add(const PrimeResult& r) {
  ++checked;
  if (r.prime) ++primes;
  if (r.prime && probable_above_64 && above_64(r) && probable_primes) ++*probable_primes;
  if (r.worker >= 0) ++worker(r.worker).numbers;
}

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::kComplete: return "complete";
    case Outcome::kBadInput: return "bad_input";
    case Outcome::kStopped: return "stopped";
    case Outcome::kOutputGivenUp: return "output_given_up";
    case Outcome::kAbandoned: return "abandoned";
    case Outcome::kStalled: return "stalled";
    case Outcome::kFailed: return "failed";
  }
  return "unknown";
}

void RunSummary::end(Outcome how, std::string why) {
  if (how < outcome || (how == outcome && !message.empty())) return;
  outcome = how;
  message = std::move(why);
}

void RunSummary::abandon(const std::string& what) {
  abort_needed = true;
  end(Outcome::kAbandoned, message + "; the grace period ran out with " + what);
}

std::string signal_in_words(int signal) {
  const std::string number = "signal " + std::to_string(signal);
  switch (signal) {
    case SIGINT: return "Ctrl-C (SIGINT)";
    case SIGUSR2: return "Ctrl-C (SIGINT, passed on as SIGUSR2 by the job script)";
    case SIGTERM: return "SIGTERM (" + number + ": a kill, or the batch system's time limit)";
    case SIGUSR1:
      return "SIGUSR1 (" + number + ": the batch system's warning before the time limit, or kill)";
    default: return number + " (" + strsignal(signal) + ")";
  }
}

void RunSummary::stopped_by(int signal) {
  stop_signal = signal;
  end(Outcome::kStopped, "stopped by " + signal_in_words(signal));
}

void RunSummary::signalled_after_all(int signal) {
  stop_signal = signal;
  if (outcome != Outcome::kComplete && outcome != Outcome::kStopped) return;  // graver news
  outcome = Outcome::kComplete;
  message = signal_in_words(signal) +
            " came after the last number was handed out: every number was checked";
}

double RunSummary::load_imbalance() const {
  double max = 0.0, sum = 0.0;
  int count = 0;
  for (const WorkerStats& w : per_worker) {
    if (w.threads == 0) continue;
    max = std::max(max, w.busy);
    sum += w.busy;
    ++count;
  }
  return count > 0 && sum > 0.0 ? max / (sum / count) : 1.0;
}

double RunSummary::efficiency() const {
  double busy = 0.0;
  int threads_total = 0;
  for (const WorkerStats& w : per_worker) {
    busy += w.busy;
    threads_total += w.threads;
  }
  return wall > 0.0 && threads_total > 0 ? busy / (wall * threads_total) : 0.0;
}

namespace {
std::string verdict(bool prime) { return prime ? "prime" : "composite"; }
std::string rank_on(int rank, const std::string& host) {
  return "rank " + std::to_string(rank) + (host.empty() ? "" : " (" + host + ")");
}

// --verify's lines: how many verdicts were checked again, and each disagreement.
void write_verification(std::ostream& out, const RunSummary& s) {
  if (s.verify_fraction <= 0.0) return;
  out << "  verified: " << count(s.verified, "verdict", "verdicts") << " checked again with "
      << s.verify_method << " (--verify " << s.verify_fraction << ")";
  if (s.verify_dropped > 0)
    out << ", " << s.verify_dropped << " sampled left unchecked by the stop";
  out << (s.disagreements.empty()
              ? ": no disagreement\n"
              : ": " + count(s.disagreements.size(), "DISAGREEMENT", "DISAGREEMENTS") + "\n");
  for (const Disagreement& d : s.disagreements) {
    out << "  DISAGREEMENT: " << d.number << " (input index " << d.index << "): " << s.method
        << " on " << rank_on(d.first_rank, d.first_host) << " said " << verdict(d.first) << ", "
        << s.verify_method << " on " << rank_on(d.second_rank, d.second_host) << " said "
        << verdict(d.second) << "\n";
  }
}
}  // namespace

void print_summary(std::ostream& out, const RunSummary& s) {
  // Totals first; after a resume, this run's part and the journal's.
  const std::uint64_t all = s.checked + s.resumed;
  out << "Summary: " << all;
  if (s.total && (!s.complete() || s.resumed > 0)) out << " of " << *s.total;
  out << (s.total ? (*s.total == 1 ? " number" : " numbers") : (all == 1 ? " number" : " numbers"))
      << " checked";
  if (s.resumed > 0)
    out << " (" << s.checked << " in this run, " << s.resumed << " from the journal)";
  out << ", " << count(s.primes + s.resumed_primes, "prime", "primes");
  if (s.resumed > 0) {
    out << " (" << s.primes << " in this run, " << s.resumed_primes << " from the journal)";
  }
  if (s.probable_primes && *s.probable_primes > 0) {
    out << " (" << *s.probable_primes << " of them probable: Baillie-PSW above 2^64)";
  }
  out << ", " << fixed(s.wall, 3) << "s wall, method " << s.method << ", chunk " << s.chunk << "\n";
  if (!s.complete()) out << "  stopped early: " << s.message << "\n";
  write_verification(out, s);
  for (std::size_t rank = 0; rank < s.per_worker.size(); ++rank) {
    const WorkerStats& w = s.per_worker[rank];
    if (w.threads == 0) continue;
    out << "  rank " << rank << ": " << count(w.numbers, "number", "numbers") << ", "
        << fixed(w.busy, 3) << "s busy over " << w.threads
        << (w.threads == 1 ? " thread" : " threads") << "\n";
  }
  // Shares of a run of no number or one measure the start-up, not the pool: left out.
  if (s.checked >= 2) {
    out << "  load imbalance (max/mean busy) " << fixed(s.load_imbalance(), 3)
        << ", parallel efficiency " << fixed(100.0 * s.efficiency(), 1) << "%\n";
    out << "  rank 0 CPU: " << fixed(s.rank0_cpu, 3) << "s over " << fixed(s.wall, 2) << "s wall ("
        << fixed(s.wall > 0 ? 100.0 * s.rank0_cpu / s.wall : 0.0, 1) << "% of one core)\n";
  }
  out << std::flush;
}

void write_summary_json(std::ostream& out, const RunSummary& s) {
  out << "{\"checked\":" << s.checked + s.resumed << ",\"primes\":" << s.primes + s.resumed_primes
      << ",\"run_checked\":" << s.checked << ",\"run_primes\":" << s.primes
      << ",\"resumed\":" << s.resumed << ",\"resumed_primes\":" << s.resumed_primes
      << ",\"probable_primes\":"
      << (s.probable_primes ? std::to_string(*s.probable_primes) : "null")
      << ",\"total\":" << (s.total ? std::to_string(*s.total) : "null")
      << ",\"complete\":" << (s.complete() ? "true" : "false") << ",\"outcome\":\""
      << outcome_name(s.outcome)
      << "\",\"failure\":" << json_string(s.writes_ended() ? s.message : std::string())
      << ",\"stop_reason\":" << json_string(s.writes_ended() ? std::string() : s.message)
      << ",\"wall\":" << fixed(s.wall, 6) << ",\"rank0_cpu\":" << fixed(s.rank0_cpu, 6)
      << ",\"ranks\":" << s.ranks << ",\"workers\":" << s.workers << ",\"threads\":" << s.threads
      << ",\"method\":" << json_string(s.method) << ",\"chunk\":" << json_string(s.chunk)
      << ",\"input\":" << json_string(s.input) << ",\"jobs\":" << s.jobs
      << ",\"load_imbalance\":" << fixed(s.load_imbalance(), 6)
      << ",\"efficiency\":" << fixed(s.efficiency(), 6) << ",\"per_worker\":[";
  bool first = true;
  for (std::size_t rank = 0; rank < s.per_worker.size(); ++rank) {
    const WorkerStats& w = s.per_worker[rank];
    if (w.threads == 0) continue;
    out << (first ? "" : ",") << "{\"rank\":" << rank << ",\"numbers\":" << w.numbers
        << ",\"busy\":" << fixed(w.busy, 6) << ",\"threads\":" << w.threads
        << ",\"joined\":" << fixed(w.joined, 6) << "}";
    first = false;
  }
  out << "]";
  if (s.verify_fraction > 0.0) {
    out << ",\"verify\":{\"fraction\":" << fixed(s.verify_fraction, 6)
        << ",\"method\":" << json_string(s.verify_method) << ",\"verified\":" << s.verified
        << ",\"left_unchecked\":" << s.verify_dropped << ",\"disagreements\":[";
    for (std::size_t i = 0; i < s.disagreements.size(); ++i) {
      const Disagreement& d = s.disagreements[i];
      out << (i ? "," : "") << "{\"number\":\"" << d.number << "\",\"index\":" << d.index
          << ",\"first\":{\"method\":" << json_string(s.method)
          << ",\"prime\":" << (d.first ? "true" : "false") << ",\"rank\":" << d.first_rank
          << ",\"host\":" << json_string(d.first_host)
          << "},\"second\":{\"method\":" << json_string(s.verify_method)
          << ",\"prime\":" << (d.second ? "true" : "false") << ",\"rank\":" << d.second_rank
          << ",\"host\":" << json_string(d.second_host) << "}}";
    }
    out << "]}";
  }
  out << "}\n";
}

}  // namespace primepool
