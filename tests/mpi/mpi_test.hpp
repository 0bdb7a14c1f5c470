// Fixture for tests that run on every rank under mpirun: derive from MpiTest, and a failure on
// any rank is reported by rank 0 (which alone prints) at the end of the test.
#pragma once

#include <boost/mpi/communicator.hpp>
#include <gtest/gtest.h>

class MpiTest : public testing::Test {
 protected:
  void TearDown() override;
  boost::mpi::communicator world;
};
