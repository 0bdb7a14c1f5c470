// The one-rank run: sequential in input order with one thread, a LocalPool with several.
// Results are reported as they are computed; rank 0 is the only worker.
#include "primepool/run/sequential.hpp"

#include <algorithm>
#include <numeric>
#include <string>

#include "primepool/check/method.hpp"
#include "primepool/output/delivery.hpp"
#include "primepool/output/output_file.hpp"
#include "primepool/output/progress.hpp"
#include "primepool/run/local_pool.hpp"
#include "primepool/run/refusal.hpp"
#include "primepool/run/scheduling.hpp"
#include "primepool/run/verify.hpp"
#include "primepool/sys/clock.hpp"
#include "primepool/sys/cpu_time.hpp"
#include "primepool/sys/placement.hpp"

namespace primepool {

namespace {

// Bad input or a stop signal ends the run early; what came before has been checked. A signal
// that came after the last number was checked leaves the run complete.
void note_early_stop(int stop, bool all_checked, const std::optional<InputError>& input_error,
                     RunSummary& summary) {
  if (stop != 0 && !all_checked) {
    summary.stopped_by(stop);
  } else if (stop != 0) {
    summary.signalled_after_all(stop);
  } else if (input_error) {
    summary.end(Outcome::kBadInput, input_error->what());
  }
}

// Numbers between flushes on one thread: up to 256, but as many as take about kFlushSeconds
// when numbers are slow, so the output and the journal are written (and a kill loses) at most
// about that much work; growing at most fourfold a batch, from one number.
constexpr std::size_t kMaxBatch = 256;
constexpr double kFlushSeconds = 0.25;
std::size_t next_batch(std::size_t batch, const JobTotals& done) {
  if (done.count == 0) return batch;
  const double per_number = done.busy / static_cast<double>(done.count);
  const double fits = per_number > 0.0 ? std::min(kFlushSeconds / per_number, double(kMaxBatch))
                                       : double(kMaxBatch);
  return std::clamp<std::size_t>(std::min(4 * batch, static_cast<std::size_t>(fits)), 1, kMaxBatch);
}

void run_in_order(BulkSource& input, Reporter& reporter, const PoolConfig& config,
                  RunSummary& summary, Progress& progress) {
  JobMaker jobs(input, input.journaled());
  Verifier verify(config.verify, *config.method,
                  summary);  // --verify: each sampled verdict, at once
  verify.host(0, host_name());
  const double cpu0 = thread_cpu_seconds();
  std::uint64_t taken = 0;  // numbers the jobs held: all checked when summary.checked reaches it
  std::size_t batch = 1;    // numbers until the next flush of the output and the journal
  while (stop_reason(config) == 0) {
    auto job = jobs.next(batch, 100);  // waits at most 0.1 s, so a stop is seen while input is slow
    if (!job) {
      if (jobs.exhausted()) break;
      continue;
    }
    taken += job->size();
    JobDone done{&*job, {job->first_index, 0, 0, 0.0, 0, 0}};
    JobTotals& totals = done.totals;  // what is checked of the job so far
    std::uint64_t t = ticks();        // each check's clock starts where the previous one's stopped
    while (totals.count < job->size()) {
      PrimeResult r;
      r.n = job->at(totals.count);
      const bool last = totals.count + 1 == job->size();
      if (const std::string* digits = job->big_at(totals.count)) {
        r.big = *digits;
        const auto prime =
            check_big(*config.method, r.big, last, [&config] { return stop_reason(config) != 0; });
        if (!prime) break;  // stopped in a divisor search: the number waits for --resume
        r.prime = *prime;
      } else {
        r.prime = check(*config.method, r.n, last);
      }
      const std::uint64_t now = ticks();
      r.elapsed = ticks_to_seconds(now - t);
      t = now;
      r.index = job->first_index + totals.count++;
      totals.primes += r.prime ? 1 : 0;
      totals.wide_primes += r.prime && above_64(r) ? 1 : 0;
      totals.busy += r.elapsed;
      summary.add(r);
      if (verify.on() && verify.sampled(r.index)) verify.check_now(r, 0, summary);
      if (carries(config.detail, r)) reporter.result(r);
      progress.update(summary.checked);
      if (stop_reason(config) != 0)
        break;  // what is checked is reported; the rest waits for --resume
    }
    reporter.job_done(done);
    reporter.flush();
    batch = next_batch(batch, totals);
  }
  summary.worker(0) = {summary.checked, thread_cpu_seconds() - cpu0, 1};
  note_early_stop(stop_reason(config), jobs.exhausted() && summary.checked == taken, jobs.error(),
                  summary);
}

// The owner thread keeps threads + prefetch jobs queued and reports results as jobs finish.
// --verify: the sampled verdicts waiting (all of them when `flush`), checked again as jobs of
// the same pool, with the verifying method.
void submit_checks_again(Verifier& verify, LocalPool& pool, bool flush) {
  while (auto job = verify.batch(0, true, flush)) pool.submit(std::move(*job));
}

void run_threads(BulkSource& input, Reporter& reporter, const PoolConfig& config,
                 RunSummary& summary, Progress& progress) {
  LocalPool pool(config.threads, *config.method, 0, config.detail);
  Dispatcher jobs(input, config.chunk, input.journaled());
  Verifier verify(config.verify, *config.method, summary);  // --verify: here, another method
  verify.host(0, host_name());
  pool.run([&] {
    const std::size_t held = static_cast<std::size_t>(config.threads + config.prefetch);
    double deadline = 0.0;  // set by a stop signal or a failure: the end of the grace period
    for (;;) {
      if (stop_reason(config) != 0 && deadline == 0.0) deadline = now_seconds() + config.grace;
      bool input_waits = false;
      while (deadline == 0.0 && pool.unfinished_jobs() < held) {
        auto job = jobs.next(reporter.accept_limit(), config.threads);
        if (!job) {
          input_waits = !jobs.exhausted();
          break;
        }
        pool.submit(std::move(*job));
      }
      for (const FinishedJob& done : pool.take_finished_jobs()) {
        if (done.job.verify) {
          verify.answer(done.job, done.results, 0, summary);
          continue;
        }
        if (summary.writes_ended()) continue;  // not journaled: a resume checks them again
        if (!deliver_or_fail(done.results, {&done.job, done.totals}, config.detail, summary,
                             reporter)) {
          if (deadline == 0.0) deadline = now_seconds() + config.grace;
          continue;
        }
        jobs.observe(static_cast<std::size_t>(done.totals.count), done.totals.busy);
        verify.claim(done.job, done.results, 0);
      }
      if (deadline == 0.0) submit_checks_again(verify, pool, jobs.exhausted());
      progress.update(summary.checked);
      if ((jobs.exhausted() || deadline > 0.0) && pool.unfinished_jobs() == 0) {
        verify.drop(summary);  // (a stop: what was sampled and not yet checked again)
        return;
      }
      if (deadline > 0.0 && now_seconds() > deadline) {
        // The team still ends each check already running; only an exit stops it.
        if (stop_reason(config) != 0) summary.stopped_by(stop_reason(config));
        summary.abandon(std::to_string(pool.unfinished_jobs()) + " jobs unfinished");
        pool.abandon_queued();
        verify.drop(summary);
        return;
      }
      // Slow input: look at it again soon; otherwise sleep until a job ends.
      pool.wait_for_results(std::chrono::milliseconds(deadline > 0.0 || input_waits ? 10 : 100));
    }
  });
  const auto& busy = pool.thread_busy();
  summary.worker(0).busy = std::accumulate(busy.begin(), busy.end(), 0.0);
  summary.worker(0).threads = config.threads;
  note_early_stop(stop_reason(config), jobs.exhausted() && !summary.abort_needed, jobs.error(),
                  summary);
}

RunSummary check_alone(BulkSource& input, Reporter& reporter, const PoolConfig& config) {
  RunSummary summary;
  summary.threads = config.threads;
  summary.total = input.size();
  summary.probable_above_64 = probable_above_64(*config.method);
  Progress progress(*config.diagnostics, config.progress, input.size());
  const double t0 = now_seconds();
  const double cpu0 = process_cpu_seconds();
  if (config.threads > cpu_count())
    warn_few_cpus(*config.diagnostics, 0, host_name(), config.threads, cpu_count());
  try {
    reporter.begin({input.size(), input.max_value(), 0, config.threads, summary.probable_above_64});
    if (config.threads > 1 || config.method->progression_test) {  // a sieve takes whole jobs
      run_threads(input, reporter, config, summary, progress);
    } else {
      run_in_order(input, reporter, config, summary, progress);
    }
  } catch (const WriteError& e) {  // one thread: the write that failed was the run's own
    record_failure(summary, e);
  }
  progress.finish();
  summary.wall = now_seconds() - t0;
  summary.rank0_cpu = process_cpu_seconds() - cpu0;  // rank 0 did all the work itself
  end_or_fail(summary, reporter);
  return summary;
}

}  // namespace

void describe_rank0(const PoolConfig& config, const char* role) {
  if (config.verbose == nullptr) return;
  *config.verbose << "rank 0 on " << host_name() << ": " << role << ", " << config.threads
                  << (config.threads == 1 ? " thread" : " threads") << ", CPUs " << cpu_binding()
                  << " (" << omp_binding_env() << ")\n"
                  << std::flush;
}

void label_summary(RunSummary& summary, const PoolConfig& config, const NumberSource& input) {
  summary.method = std::string(method_name(*config.method));
  summary.chunk = config.chunk.describe();
  summary.input = input.describe();
}

RunSummary run_alone(const PoolConfig& config, NumberSource& input, Reporter& reporter) {
  calibrate_clock();  // before any check is timed
  describe_rank0(config, "checks alone");
  std::unique_ptr<BulkSource> adapter;  // a NumberSource of the caller's: no fast paths
  BulkSource& bulk = bulk_view(input, adapter);
  bulk.refuse(number_refusal(config));
  RunSummary summary = check_alone(bulk, reporter, config);
  label_summary(summary, config, input);
  return summary;
}

}  // namespace primepool
