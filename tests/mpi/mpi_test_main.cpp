// GoogleTest under mpirun: every rank runs the tests, only rank 0 prints, and a failure on any
// rank fails the test on rank 0 (MpiTest's TearDown gathers the other ranks' failures).
#include <algorithm>
#include <boost/mpi/collectives.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <sstream>

#include "mpi_test.hpp"

namespace {

std::vector<std::string>& local_failures() {
  static std::vector<std::string> failures;
  return failures;
}

// Records this rank's failures so that TearDown can send them to rank 0.
class FailureCollector : public testing::EmptyTestEventListener {
  void OnTestPartResult(const testing::TestPartResult& result) override {
    if (!result.failed()) return;
    std::ostringstream text;
    text << (result.file_name() ? result.file_name() : "?") << ":" << result.line_number() << ": "
         << result.summary();
    std::string line = text.str();
    std::replace(line.begin(), line.end(), '\n', ' ');
    local_failures().push_back(line);
  }
};

}  // namespace

void MpiTest::TearDown() {
  std::vector<std::vector<std::string>> all;
  boost::mpi::gather(world, local_failures(), all, 0);
  local_failures().clear();
  if (world.rank() != 0) return;
  for (int rank = 1; rank < static_cast<int>(all.size()); ++rank) {
    for (const std::string& failure : all[rank])
      ADD_FAILURE() << "on rank " << rank << ": " << failure;
  }
}

int main(int argc, char** argv) {
  boost::mpi::environment env(argc, argv, boost::mpi::threading::funneled);
  boost::mpi::communicator world;
  testing::InitGoogleTest(&argc, argv);
  auto& listeners = testing::UnitTest::GetInstance()->listeners();
  if (world.rank() != 0) delete listeners.Release(listeners.default_result_printer());
  listeners.Append(new FailureCollector);  // owned by GoogleTest

  const int local = RUN_ALL_TESTS();
  int worst = 0;
  boost::mpi::all_reduce(world, local, worst, boost::mpi::maximum<int>());
  return worst;
}
