// Runs primepool's pool from another program through the public API only: the built-in sample
// on MPI_COMM_WORLD, results counted by a reporter of our own. Prints one line on rank 0.
#include <boost/mpi/environment.hpp>
#include <iostream>
#include <primepool/primepool.hpp>

namespace {

class CountingReporter : public primepool::Reporter {
 public:
  void begin(const primepool::RunInfo&) override {}
  void result(const primepool::PrimeResult& r) override { primes_ += r.prime ? 1 : 0; }
  void end(const primepool::RunSummary&) override {}
  int primes() const { return primes_; }

 private:
  int primes_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  // The pool runs compute threads beside MPI: it needs at least MPI_THREAD_FUNNELED.
  boost::mpi::environment env(argc, argv, boost::mpi::threading::funneled);
  boost::mpi::communicator world;
  const auto input = primepool::list_source(primepool::sample_numbers(), "sample");
  CountingReporter reporter;
  primepool::PoolConfig config;
  config.method = primepool::find_method("mr");
  const bool root = world.rank() == 0;
  const primepool::RunSummary summary =
      primepool::run_pool(world, config, root ? input.get() : nullptr, root ? &reporter : nullptr);
  if (root) {
    std::cout << "consumer: primepool " << PRIMEPOOL_VERSION << ", " << summary.checked
              << " numbers, " << reporter.primes() << " primes, " << world.size() << " ranks\n";
  }
  return summary.complete() ? 0 : 1;
}
