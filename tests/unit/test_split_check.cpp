// One number split across threads: the split check must agree with the plain check on primes,
// squares of primes near 2^32, and numbers whose only small factor ends or starts a piece.
#include <atomic>
#include <chrono>
#include <gtest/gtest.h>
#include <thread>
#include <vector>

#include "primepool/check/method.hpp"
#include "primepool/check/split_check.hpp"

using namespace primepool;

namespace {

// Runs every piece, each on its own std::thread, and returns the verdict "no divisor".
bool run_concurrently(SplitCheck& split) {
  std::vector<std::thread> threads;
  int finished_last = 0;
  std::vector<char> last(split.pieces(), 0);
  for (int i = 0; i < split.pieces(); ++i) {
    threads.emplace_back([&split, &last, i] { last[i] = split.run_piece(i); });
  }
  for (auto& t : threads) t.join();
  for (char l : last) finished_last += l;
  EXPECT_EQ(finished_last, 1) << "exactly one piece finishes the check";
  return split.no_divisor();
}

bool split_is_prime(std::uint64_t n, int pieces) {
  const Method& trial = trial_method();
  if (trial.screen(n) != Screen::kSearch) return trial.screen(n) == Screen::kPrime;
  SplitCheck split(trial, n, trial.first_divisor, isqrt(n), pieces);
  return run_concurrently(split);
}

}  // namespace

TEST(SplitCheck, PiecesCoverTheRangeExactlyOnce) {
  for (int pieces : {1, 2, 3, 4, 7, 16}) {
    for (std::uint64_t last : {3ull, 5ull, 101ull, 1000001ull, 4294967295ull}) {
      SplitCheck split(trial_method(), 1, 3, last, pieces);
      std::uint64_t expected_lo = 3;
      for (int i = 0; i < pieces; ++i) {
        const SplitCheck::Range r = split.piece(i);
        if (r.lo > r.hi) continue;  // an empty piece (more pieces than candidates)
        EXPECT_EQ(r.lo, expected_lo) << "pieces " << pieces << " piece " << i;
        EXPECT_EQ(r.lo % 2, 1u);
        EXPECT_EQ(r.hi % 2, 1u);
        expected_lo = r.hi + 2;
      }
      EXPECT_EQ(expected_lo, (last | 1u) + 2) << "pieces " << pieces << " last " << last;
    }
  }
}

TEST(SplitCheck, AgreesWithPlainCheck) {
  const std::vector<std::uint64_t> numbers = {
      2,
      3,
      4,
      9,
      15,
      25,
      49,
      97,
      7919,
      4294967291ull,              // largest prime below 2^32
      65521ull * 65521ull,        // square of the largest prime below 2^16
      99999989ull * 99999989ull,  // square of a prime: the only factor is the last candidate
      9999999999999917ull,
      3333335652092209ull,
      7777777536340681ull};  // sample prime, semiprimes
  for (std::uint64_t n : numbers) {
    for (int pieces : {1, 2, 4, 8}) {
      EXPECT_EQ(split_is_prime(n, pieces), is_prime_trial(n)) << n << " in " << pieces;
    }
  }
}

// Near 2^64 (about 2^31 candidates, seconds each): composite by construction, so the verdict is
// known without a plain check to compare with.
TEST(SplitCheck, SquaresAndProductsOfPrimesNearTwoToThe32) {
  for (std::uint64_t n : {4294967291ull * 4294967291ull, 4294967279ull * 4294967291ull}) {
    EXPECT_FALSE(split_is_prime(n, 3)) << n;
  }
}

// n = p * q with q > sqrt(n): p is the only factor the search can find. The range's end is
// chosen (by binary search) so that p is exactly the last candidate of piece 0, or exactly the
// first of piece 1: an off-by-one at a piece edge would miss it and call n prime.
TEST(SplitCheck, OnlyFactorAtTheEdgeOfAPiece) {
  const Method& trial = trial_method();
  const std::uint64_t q = 4294967291ull;
  for (std::uint64_t p : {1000003ull, 1000033ull, 2000003ull, 3000017ull, 4000037ull}) {
    const std::uint64_t n = p * q;
    for (int pieces : {2, 3, 4, 8}) {
      for (std::uint64_t edge :
           {p, p - 2}) {  // piece 0 ends at p, or at p - 2 (piece 1 starts at p)
        std::uint64_t lo = p, hi = isqrt(n);
        while (lo < hi) {  // smallest `last` whose piece 0 ends at or after `edge`
          const std::uint64_t mid = lo + (hi - lo) / 2;
          if (SplitCheck(trial, n, 3, mid, pieces).piece(0).hi < edge)
            lo = mid + 1;
          else
            hi = mid;
        }
        SplitCheck split(trial, n, 3, lo, pieces);
        ASSERT_EQ(split.piece(0).hi, edge) << p << " in " << pieces;
        ASSERT_EQ(split.piece(edge == p ? 0 : 1).hi >= p, true);
        EXPECT_FALSE(run_concurrently(split))
            << p << " * " << q << " edge " << edge << " pieces " << pieces;
      }
    }
  }
}

namespace {

// A search that stands for a long one: piece 0 (starting at 3) finds 3 after a moment; any
// other piece searches until the stop flag it was given goes up, and records that it saw it.
std::atomic<bool> g_sibling_saw_stop{false};
std::atomic<bool> g_sibling_started{false};
std::uint64_t scripted_search(Number, std::uint64_t lo, std::uint64_t,
                              const std::atomic<bool>* stop) {
  if (lo == 3) return 3;
  g_sibling_started = true;
  for (int spin = 0; spin < 200000; ++spin) {  // about 20 s at most, then give up
    if (stop != nullptr && stop->load()) {
      g_sibling_saw_stop = true;
      return 0;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  return 0;
}

}  // namespace

TEST(SplitCheck, StopsSiblingsEarly) {
  // Piece 1 is already searching when piece 0 finds a divisor: the flag that piece 0 raises
  // must reach piece 1's search, which then gives up instead of finishing its range.
  Method method = trial_method();
  method.search = scripted_search;
  const std::uint64_t n = 3ull * 6148914691236517199ull;  // 18446744073709551597, 3 * prime
  SplitCheck split(method, n, 3, isqrt(n), 2);
  std::thread sibling([&] { split.run_piece(1); });
  while (!g_sibling_started) std::this_thread::yield();
  EXPECT_FALSE(split.run_piece(0));  // finds 3; piece 1 is still running, so not the last
  sibling.join();
  EXPECT_TRUE(g_sibling_saw_stop) << "piece 1 ran on without seeing piece 0's divisor";
  EXPECT_FALSE(split.no_divisor());
}

TEST(SplitCheck, LatePieceIsSkippedOnceFound) {
  const std::uint64_t n = 3ull * 6148914691236517199ull;
  SplitCheck split(trial_method(), n, 3, isqrt(n), 2);
  EXPECT_FALSE(split.run_piece(0));  // piece 0 finds 3
  EXPECT_TRUE(split.run_piece(1));   // skipped: found already; it is the last piece
  EXPECT_FALSE(split.no_divisor());
}
