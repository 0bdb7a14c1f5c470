// Example: the pool under MPI (mpirun -n 3 example_pool_on_a_range): rank 0 hands out the odd
// numbers of a range, every other rank runs the worker loop until the sentinel. Rank 0 writes
// the primes as CSV rows and the summary as JSON, the way the scaling scripts read it.
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <iostream>
#include <primepool/primepool.hpp>

int main(int argc, char** argv) {
  // Worker ranks run compute threads beside MPI: the pool needs MPI_THREAD_FUNNELED.
  boost::mpi::environment env(argc, argv, boost::mpi::threading::funneled);
  boost::mpi::communicator world;
  const bool root = world.rank() == 0;
  const auto input = primepool::range_source(1000001, 1001001, 2);
  const auto primes = primepool::primes_only(primepool::csv_reporter(std::cout));
  primepool::PoolConfig config;
  config.method = primepool::find_method("wheel");
  const primepool::RunSummary summary = primepool::run_pool(
      world, config, root ? input.get() : nullptr, root ? primes.get() : nullptr);
  if (root) primepool::write_summary_json(std::cerr, summary);
  return summary.complete() ? 0 : 1;
}
