// Checks the MPI test harness itself: with PRIMEPOOL_LISTENER_SELFTEST=1 rank 1 fails on
// purpose, and rank 0 must report that failure (ctest expects a non-zero exit and "on rank 1").
#include <cstdlib>

#include "mpi_test.hpp"

class Listener : public MpiTest {};

TEST_F(Listener, FailureOnAnotherRankReachesRankZero) {
  const bool selftest = std::getenv("PRIMEPOOL_LISTENER_SELFTEST") != nullptr;
  if (selftest && world.rank() == 1) ADD_FAILURE() << "deliberate failure on rank 1";
  SUCCEED();
}
