// The journal's pieces: DoneSet intervals, a result line's round trip and checksum, and the
// reader's handling of a torn last line, a damaged middle line, duplicates and a missing header.
#include <gtest/gtest.h>
#include <string>

#include "primepool/input.hpp"
#include "primepool/io/journal.hpp"

using namespace primepool;

TEST(DoneSet, MergesRunsAndFindsGaps) {
  DoneSet done;
  for (std::uint64_t i : {5u, 3u, 4u, 10u, 6u, 3u, 8u, 9u}) done.insert(i);
  EXPECT_EQ(done.size(), 7u);  // 3 counted once
  for (std::uint64_t i : {3u, 4u, 5u, 6u, 8u, 9u, 10u}) EXPECT_TRUE(done.contains(i)) << i;
  for (std::uint64_t i : {0u, 2u, 7u, 11u}) EXPECT_FALSE(done.contains(i)) << i;
  EXPECT_EQ(done.next_missing(0), 0u);
  EXPECT_EQ(done.next_missing(3), 7u);
  EXPECT_EQ(done.next_missing(8), 11u);
  done.insert(7);
  EXPECT_EQ(done.next_missing(3), 11u);
}

TEST(JournalLine, RoundTripsAndRejectsAnyChangedByte) {
  PrimeResult r;
  r.index = 12;
  r.n = 18446744073709551557ull;
  r.prime = true;
  r.elapsed = 4.25;
  r.worker = 3;
  r.thread = 1;
  const std::string line = journal_line(r);
  PrimeResult back;
  ASSERT_TRUE(parse_journal_line(line, back));
  EXPECT_EQ(back.index, 12u);
  EXPECT_EQ(back.n, r.n);
  EXPECT_TRUE(back.prime);
  EXPECT_EQ(back.worker, 3);
  EXPECT_EQ(back.thread, 1);
  for (std::size_t i = 0; i < line.size(); ++i) {
    std::string damaged = line;
    damaged[i] = damaged[i] == '1' ? '2' : '1';
    EXPECT_FALSE(parse_journal_line(damaged, back)) << "byte " << i;
  }
}

TEST(JournalReader, TornTailIsDroppedDamageIsRefused) {
  const std::string header = journal_header_line({"range:1:5:1", "trial"}) + "\n";
  PrimeResult a, b;
  a.index = 0;
  a.n = 1;
  b.index = 1;
  b.n = 2;
  b.prime = true;
  const std::string la = journal_line(a) + "\n", lb = journal_line(b) + "\n";

  const JournalContents whole = parse_journal("j", header + la + lb);
  EXPECT_EQ(whole.header.input, "range:1:5:1");
  EXPECT_EQ(whole.header.method, "trial");
  EXPECT_EQ(whole.done.size(), 2u);
  EXPECT_FALSE(whole.torn_tail);

  const std::string torn = header + la + lb.substr(0, 7);
  const JournalContents cut = parse_journal("j", torn);
  EXPECT_TRUE(cut.torn_tail);
  EXPECT_EQ(cut.done.size(), 1u);
  EXPECT_EQ(cut.intact_bytes, header.size() + la.size());

  std::string damaged = header + la + lb;
  damaged[header.size() + 2] = '9';
  EXPECT_THROW(parse_journal("j", damaged + la), InputError);
  EXPECT_THROW(parse_journal("j", header + la + la), InputError);  // index 0 twice
  EXPECT_THROW(parse_journal("j", "hello\n"), InputError);
  EXPECT_THROW(parse_journal("j", ""), InputError);
}
