// Boost.Serialization round trips of the pool's messages: Job, WorkerHello and the rest,
// through the same packed archives Boost.MPI uses, and through a text archive.
#include <boost/archive/text_iarchive.hpp>
#include <boost/archive/text_oarchive.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/mpi/packed_iarchive.hpp>
#include <boost/mpi/packed_oarchive.hpp>
#include <gtest/gtest.h>
#include <sstream>

#include "primepool/mpi/messages.hpp"

using namespace primepool;

namespace {
template <class T>
T text_round_trip(const T& in) {
  std::stringstream buf;
  {
    boost::archive::text_oarchive oa(buf);
    oa << in;
  }
  T out;
  boost::archive::text_iarchive ia(buf);
  ia >> out;
  return out;
}

template <class T>
T packed_round_trip(const T& in) {
  boost::mpi::communicator world;
  boost::mpi::packed_oarchive oa(world);
  oa << in;
  boost::mpi::packed_iarchive ia(world);
  ia.resize(oa.size());
  std::copy(static_cast<const char*>(oa.address()),
            static_cast<const char*>(oa.address()) + oa.size(), static_cast<char*>(ia.address()));
  T out;
  ia >> out;
  return out;
}

}  // namespace

// Each kind of job, with its id and first index.
TEST(Messages, JobsOfEveryKindRoundTrip) {
  Job list;
  list.id = 7;
  list.first_index = 42;
  list.numbers = NumberList{{0, 1, 2, 18446744073709551615ull}};
  Job run;
  run.id = 8;
  run.first_index = 46;
  run.numbers = Progression{18446744073709551557ull, 2, 29};
  Job slice;
  slice.id = 18446744073709551615ull;
  slice.numbers = FileSlice{1ull << 40, 65536, 0};
  for (const Job& job : {list, run, slice}) {
    for (const Job& out : {text_round_trip(job), packed_round_trip(job)}) {
      EXPECT_EQ(out.id, job.id);
      EXPECT_EQ(out.first_index, job.first_index);
      EXPECT_EQ(out.numbers.index(), job.numbers.index());
      EXPECT_TRUE(out.numbers == job.numbers);
    }
  }
  const Job empty = packed_round_trip(Job{});
  ASSERT_NE(empty.list(), nullptr);
  EXPECT_TRUE(empty.list()->numbers.empty());
}

TEST(Messages, WorkerHelloRoundTrips) {
  WorkerHello hello;
  hello.slots = 5;
  hello.threads = 4;
  hello.host = "node-017";
  hello.binding = "0-3";
  const WorkerHello out = packed_round_trip(hello);
  EXPECT_EQ(out.slots, 5);
  EXPECT_EQ(out.threads, 4);
  EXPECT_EQ(out.host, "node-017");
  EXPECT_EQ(out.binding, "0-3");
}

int main(int argc, char** argv) {
  boost::mpi::environment env(argc, argv);  // packed archives need MPI
  testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
