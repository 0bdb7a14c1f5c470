// The silent-worker watch's clock: silence grows while rank 0 listens, rank 0's own pauses are
// nobody's silence, and a rank that begins to owe something is silent from then on only.
#include <gtest/gtest.h>

#include "primepool/run/stall_watch.hpp"

using namespace primepool;

namespace {
// Rank 0 polls every millisecond from `from` to `to`.
void listen(StallWatch& watch, double from, double to) {
  for (double t = from; t <= to; t += 0.001) watch.tick(t);
}
}  // namespace

TEST(StallWatch, SilenceGrowsWhileRankZeroListens) {
  StallWatch watch(3, 0.0);
  watch.heard(1, 0.0);
  listen(watch, 0.0, 5.0);
  EXPECT_NEAR(watch.silent(1, 5.0), 5.0, 0.01);
  watch.heard(1, 5.0);
  EXPECT_NEAR(watch.silent(1, 5.0), 0.0, 1e-9);
  // Gaps shorter than a pause of rank 0's own (busy handlers) still count as silence.
  for (double t = 5.0; t <= 9.0; t += 0.4) watch.tick(t);
  EXPECT_NEAR(watch.silent(1, 9.0), 4.0, 0.01);
}

// Rank 0 stopped (SIGSTOP) for 10 s, or blocked writing to a reader that takes nothing: when it
// listens again, the workers have been silent only for the time it was listening.
TEST(StallWatch, RankZerosOwnPauseIsNobodysSilence) {
  StallWatch watch(3, 0.0);
  watch.heard(1, 0.0);
  watch.heard(2, 0.5);
  listen(watch, 0.0, 1.0);
  watch.tick(11.0);  // rank 0 was not listening from 1 s to 11 s
  EXPECT_NEAR(watch.silent(1, 11.0), 1.0, 0.01);
  EXPECT_NEAR(watch.silent(2, 11.0), 0.5, 0.01);
  listen(watch, 11.0, 14.0);  // then silence grows again
  EXPECT_NEAR(watch.silent(1, 14.0), 4.0, 0.01);
}

// A worker idle for 100 s (owing nothing) that is then sent a job or the sentinel is silent
// from that moment, not for the 100 s before.
TEST(StallWatch, SilenceCountsFromWhenARankBeginsToOwe) {
  StallWatch watch(2, 0.0);
  watch.heard(1, 0.0);
  listen(watch, 0.0, 100.0);
  watch.owes_from(1, 100.0);
  listen(watch, 100.0, 100.5);
  EXPECT_NEAR(watch.silent(1, 100.5), 0.5, 0.01);
}
