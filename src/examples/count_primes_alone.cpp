// Example: a run without MPI (primepool/run.hpp needs no Boost and no MPI_Init). The numbers
// 10^12 .. 10^12 + 10^5 are checked by 2 threads with Baillie-PSW; a reporter of our own keeps
// the largest prime, and the summary is printed as primepool prints it.
#include <algorithm>
#include <iostream>
#include <primepool/input.hpp>
#include <primepool/report.hpp>
#include <primepool/run.hpp>
#include <primepool/summary.hpp>

namespace {

// A reporter sees every result (in completion order) and the run's summary at the end.
class LargestPrime : public primepool::Reporter {
 public:
  void begin(const primepool::RunInfo&) override {}
  void result(const primepool::PrimeResult& r) override {
    if (r.prime) largest_ = std::max(largest_, r.n);
  }
  void end(const primepool::RunSummary&) override {}
  primepool::Number largest() const { return largest_; }

 private:
  primepool::Number largest_ = 0;
};

}  // namespace

int main() {
  const auto input = primepool::range_source(1000000000000, 1000000100000);
  LargestPrime reporter;
  primepool::PoolConfig config;
  config.method = primepool::find_method("mr");
  config.threads = 2;
  const primepool::RunSummary summary = primepool::run_alone(config, *input, reporter);
  primepool::print_summary(std::cout, summary);
  std::cout << "largest prime: " << primepool::to_decimal(reporter.largest()) << "\n";
  return summary.complete() ? 0 : 1;
}
