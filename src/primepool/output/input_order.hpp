// --order input: results passed on in input order through a bounded reorder buffer, stepping
// over the indices a resumed run will never see.
#pragma once

#include <cstdint>
#include <map>
#include <memory>

#include "primepool/input/done_set.hpp"
#include "primepool/report.hpp"

namespace primepool {

// --order input: results are passed on in input order, through a reorder buffer of at most
// `window` results (the coordinator does not hand out numbers beyond it).
class InputOrderReporter : public Reporter {
 public:
  // `skip`: indices that will never arrive (already in the journal on --resume).
  InputOrderReporter(std::unique_ptr<Reporter> inner, std::uint64_t window,
                     const DoneSet* skip = nullptr)
      : inner_(std::move(inner)), window_(window), skip_(skip) {
    advance();
  }
  void begin(const RunInfo& info) override { inner_->begin(info); }
  void result(const PrimeResult& r) override;
  void job_done(const JobDone& done) override { inner_->job_done(done); }
  void flush() override { inner_->flush(); }
  // Results still buffered at the end (gaps left by a stop) are written in index order.
  void end(const RunSummary& s) override;
  void close() override { inner_->close(); }
  std::uint64_t accept_limit() const override { return next_ + window_; }

 private:
  void advance();  //< pass on what is buffered from next_ on, stepping over skipped indices

  std::unique_ptr<Reporter> inner_;
  std::uint64_t window_;
  const DoneSet* skip_;
  std::uint64_t next_ = 0;  //< the input index to pass on next
  std::map<std::uint64_t, PrimeResult> pending_;
};

}  // namespace primepool
