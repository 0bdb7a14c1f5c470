// Workers reading their own slices of a file: any cutting of a file into slices, read in any
// order and put back by FileSlices, gives the rank 0 reader's numbers and its first error.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <random>
#include <sys/stat.h>

#include "primepool/input/slice_reader.hpp"
#include "primepool/run/file_slices.hpp"
#include "primepool/run/scheduling.hpp"

using namespace primepool;

namespace {

// What a reader made of a file: its numbers, its lines and its first error (as printed).
struct Reading {
  std::vector<Number> numbers;
  std::string error;  // InputError::what(), "" when none
};

std::string temp_file(const std::string& bytes) {
  char name[] = "/tmp/primepool-slices-XXXXXX";
  const int fd = mkstemp(name);
  EXPECT_GE(fd, 0);
  EXPECT_EQ(write(fd, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
  close(fd);
  return name;
}

// The rank 0 reader, the whole file at once.
Reading read_whole(const std::string& path) {
  Reading r;
  const auto input = open_file(path);
  try {
    while (auto n = input->next()) r.numbers.push_back(*n);
  } catch (const InputError& e) {
    r.error = e.what();
  }
  return r;
}

// Slices of about `sizes(rng)` numbers each, read in a shuffled order, reported to FileSlices
// in that order and taken back in file order, as the coordinator does.
template <class Sizes>
Reading read_sliced(const std::string& path, std::mt19937_64& rng, Sizes sizes) {
  const FileIdentity file = *open_file(path)->regular_file();
  SliceReader reader(file);
  FileSlices slices(path, file.size, ReadPosition{}, 0);
  std::vector<Job> jobs;
  std::uint64_t next_id = 0;
  std::map<std::uint64_t, SliceRead> read;
  Reading r;
  auto take = [&] {
    while (const auto ready = slices.pop()) {
      EXPECT_EQ(ready->first_index, r.numbers.size());
      const auto& numbers = read.at(ready->id).numbers.numbers;
      r.numbers.insert(r.numbers.end(), numbers.begin(), numbers.end());
    }
  };
  while (!slices.exhausted() || !jobs.empty()) {
    while (!slices.exhausted() && jobs.size() < 8)
      jobs.push_back(slices.next(sizes(rng), next_id++));
    std::swap(jobs[rng() % jobs.size()], jobs.back());  // any one of them finishes first
    const Job job = jobs.back();
    jobs.pop_back();
    SliceRead s = reader.read(job.slice()->offset, job.slice()->bytes);
    slices.read(job.id, s.numbers.numbers.size(), s.lines, s.error);
    if (!s.numbers.numbers.empty() && !slices.checked(job.id)) continue;  // past a bad line
    read.emplace(job.id, std::move(s));
    take();
  }
  if (slices.error()) r.error = slices.error()->what();
  return r;
}

// A file of `lines` lines drawn from every kind the reader knows, and maybe one bad line.
std::string make_file(std::mt19937_64& rng, int lines, bool with_bad_line) {
  const std::vector<std::string> good = {
      "7\n",
      "18446744073709551615\n",
      "  42 \n",
      "11\r\n",
      "# a comment\n",
      "\n",
      "\r\n",
      "0012 # twelve\n",
      "\t5\t\n",
      "1000000000000000003\n",
      std::string(3000, '#') + "\n",
      "9",  // no newline: only valid as the last line, replaced below otherwise
  };
  const std::vector<std::string> bad = {"12x\n", "-5\n", std::string(5000, '1') + "\n",
                                        std::string("5\0 6\n", 5), "18446744073709551616\n"};
  std::string text;
  const int bad_at = with_bad_line ? static_cast<int>(rng() % lines) : -1;
  for (int i = 0; i < lines; ++i) {
    std::string line = i == bad_at ? bad[rng() % bad.size()] : good[rng() % good.size()];
    if (line.back() != '\n' && i + 1 < lines) line += "\n";
    text += line;
  }
  return text;
}

}  // namespace

TEST(FileSlices, AnyCuttingReadsWhatRankZeroReads) {
  std::mt19937_64 rng(20261127);
  for (int round = 0; round < 200; ++round) {
    const std::string path =
        temp_file(make_file(rng, 1 + static_cast<int>(rng() % 300), round % 3 == 0));
    const Reading whole = read_whole(path);
    // Slices from a byte or two (most hold no line start) to whole files.
    const std::uint64_t max = round % 2 == 0 ? 4 : 400;
    const Reading sliced =
        read_sliced(path, rng, [max](std::mt19937_64& g) { return 1 + g() % max; });
    EXPECT_EQ(sliced.numbers, whole.numbers) << "round " << round;
    EXPECT_EQ(sliced.error, whole.error) << "round " << round;
    std::remove(path.c_str());
  }
}

TEST(FileSlices, EveryOffsetSplitsLinesOnce) {
  const std::string text = "1\n22\n\n# c\n333\r\n4444";
  const std::string path = temp_file(text);
  const FileIdentity file = *open_file(path)->regular_file();
  SliceReader reader(file);
  for (std::uint64_t cut = 0; cut <= text.size(); ++cut) {
    const SliceRead a = reader.read(0, cut);
    const SliceRead b = reader.read(cut, text.size() - cut);
    std::vector<Number> both = a.numbers.numbers;
    both.insert(both.end(), b.numbers.numbers.begin(), b.numbers.numbers.end());
    EXPECT_EQ(both, (std::vector<Number>{1, 22, 333, 4444})) << "cut at " << cut;
    EXPECT_EQ(a.lines + b.lines, 6u) << "cut at " << cut;
  }
  std::remove(path.c_str());
}

TEST(FileSlices, ABadLineIsNumberedFromTheFileStart) {
  std::string text;
  for (int i = 1; i <= 1000; ++i) text += std::to_string(i) + "\n";
  text += "# the next line is bad\nx7\n8\n";
  const std::string path = temp_file(text);
  std::mt19937_64 rng(7);
  const Reading r = read_sliced(path, rng, [](std::mt19937_64& g) { return 1 + g() % 50; });
  EXPECT_EQ(r.numbers.size(), 1000u);
  EXPECT_EQ(r.error, path + ":1002: not a decimal digit: 'x': 'x7'");
  std::remove(path.c_str());
}

TEST(FileSlices, AFileThatChangesIsDetected) {
  const std::string path = temp_file("1\n2\n3\n");
  const FileIdentity file = *open_file(path)->regular_file();
  SliceReader reader(file);
  EXPECT_FALSE(reader.read(0, 2).error);
  std::ofstream(path, std::ios::app) << "4\n";
  const SliceRead after = reader.read(2, 2);
  ASSERT_TRUE(after.error);
  EXPECT_TRUE(after.numbers.numbers.empty());  // nothing read from a changed file counts
  EXPECT_NE(std::string(after.error->what()).find("changed while it was being read"),
            std::string::npos);
  EXPECT_THROW(SliceReader{file}, InputError);  // a worker that opens it now refuses too
  std::remove(path.c_str());
}

TEST(FileSlices, AFileRewrittenInPlaceIsDetected) {
  const std::string path = temp_file("11\n13\n17\n");
  FileIdentity file = *open_file(path)->regular_file();
  file.mtime_ns -= 1000000;  // as if it was written a millisecond before it was opened
  EXPECT_THROW(SliceReader{file}, InputError);
  file = *open_file(path)->regular_file();
  SliceReader reader(file);
  usleep(20000);  // a later modification time, whatever the clock's tick
  {
    std::fstream f(path, std::ios::in | std::ios::out);
    f.seekp(3);
    f << "19";  // the same size
  }
  const SliceRead after = reader.read(0, 9);
  ASSERT_TRUE(after.error);
  EXPECT_NE(std::string(after.error->what()).find("written to or its times were set"),
            std::string::npos);
  std::remove(path.c_str());
}

// Size and modification time can lie (an in-place rewrite, then `touch -r`); the change time
// and the sample cannot: a worker and rank 0's own reader both see the change.
TEST(FileSlices, ARewriteWithItsTimePutBackIsDetected) {
  const std::string path = temp_file("11\n13\n17\n");
  const FileIdentity file = *open_file(path)->regular_file();
  SliceReader reader(file);
  struct stat before {};
  ASSERT_EQ(stat(path.c_str(), &before), 0);
  usleep(20000);
  {
    std::fstream f(path, std::ios::in | std::ios::out);
    f.seekp(3);
    f << "19";
  }
  const timespec times[2] = {before.st_atim, before.st_mtim};
  ASSERT_EQ(utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
  const SliceRead after = reader.read(0, 9);
  ASSERT_TRUE(after.error);
  EXPECT_TRUE(after.numbers.numbers.empty());
  EXPECT_THROW(SliceReader{file}, InputError);

  FileIdentity other = *open_file(path)->regular_file();
  other.sample ^= 1;  // another file of the same size and times at this path
  try {
    SliceReader refused(other);
    FAIL() << "read another file's content";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("another file at this path"), std::string::npos);
  }
  std::remove(path.c_str());
}

// Rank 0 reading a regular file itself checks it after every block and at the end: a rewrite
// with its time put back ends the input with an error, not with numbers from two files.
TEST(FileSlices, RankZerosReaderSeesARewriteWithItsTimePutBack) {
  std::string text;
  for (int i = 0; i < 300000; ++i) text += std::to_string(1000000 + i) + "\n";  // 2.4 MB
  const std::string path = temp_file(text);
  struct stat before {};
  ASSERT_EQ(stat(path.c_str(), &before), 0);
  auto input = open_file(path);
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(input->next());  // the first block is read
  usleep(20000);
  {
    std::fstream f(path, std::ios::in | std::ios::out);
    f.seekp(static_cast<std::streamoff>(text.size() - 8));
    f << "9";
  }
  const timespec times[2] = {before.st_atim, before.st_mtim};
  ASSERT_EQ(utimensat(AT_FDCWD, path.c_str(), times, 0), 0);
  std::uint64_t read = 1000;
  try {
    while (input->next()) ++read;
    FAIL() << "read " << read << " numbers of a changed file without a word";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("changed while it was being read"), std::string::npos);
    EXPECT_LT(read, 300000u);
  }
  std::remove(path.c_str());
}

TEST(FileSlices, AWorkerWithoutTheFileSaysWhy) {
  FileIdentity gone;
  gone.path = "/nonexistent/numbers.txt";
  try {
    SliceReader reader(gone);
    FAIL() << "opened a file that does not exist";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("cannot open the file"), std::string::npos);
  }
}

TEST(FileSlices, SlicesAfterABadOneAreDroppedAndNoMoreGoOut) {
  FileSlices slices("f", 1000, ReadPosition{100, 5}, 40);
  const Job a = slices.next(1, 0), b = slices.next(1, 1), c = slices.next(1, 2);
  EXPECT_EQ(a.slice()->offset, 100u);
  EXPECT_EQ(b.slice()->offset, a.slice()->offset + a.slice()->bytes);
  slices.read(c.id, 3, 3, std::nullopt);
  EXPECT_TRUE(slices.checked(c.id));
  EXPECT_FALSE(slices.pop());  // a and b come first
  slices.read(b.id, 1, 2, InputError("", 2, "x", "bad"));
  EXPECT_TRUE(slices.exhausted());  // nothing after a bad line is wanted
  EXPECT_TRUE(slices.checked(b.id));
  slices.read(a.id, 2, 4, std::nullopt);
  EXPECT_TRUE(slices.checked(a.id));
  auto first = slices.pop();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->first_index, 40u);
  EXPECT_EQ(first->count, 2u);
  auto second = slices.pop();
  ASSERT_TRUE(second);
  EXPECT_EQ(second->first_index, 42u);  // its one number before the bad line still counts
  EXPECT_FALSE(slices.pop());           // c, read and checked, is past the bad line
  ASSERT_TRUE(slices.error());
  EXPECT_STREQ(slices.error()->what(), "f:11: bad: 'x'");  // 5 lines before, 4 in a, then 2
  EXPECT_FALSE(slices.checked(c.id));
}

TEST(FileSlices, SlicesGrowWithTheNumbersAskedForAndEndAtTheFileEnd) {
  FileSlices slices("f", 100000, ReadPosition{}, 0);
  EXPECT_FALSE(slices.remaining());  // nothing known before the first read
  const Job first = slices.next(10, 0);
  slices.read(first.id, first.slice()->bytes / 20, 0, std::nullopt);  // 20 bytes a number
  ASSERT_TRUE(slices.remaining());
  EXPECT_NEAR(static_cast<double>(*slices.remaining()),
              static_cast<double>((100000 - first.slice()->bytes) / 20), 2.0);
  const Job second = slices.next(1000, 1);
  EXPECT_EQ(second.slice()->bytes, 20000u);
  std::uint64_t end = second.slice()->offset + second.slice()->bytes;
  for (std::uint64_t id = 2; !slices.exhausted(); ++id) {
    const Job j = slices.next(100000, id);
    EXPECT_EQ(j.slice()->offset, end);
    end += j.slice()->bytes;
  }
  EXPECT_EQ(end, 100000u);
}

// The dispatcher hands out a regular file as slices that cover it end to end, at most a few per
// compute thread until they are taken back, and none once those taken back reach the output's
// window (--order input waiting for a gap).
TEST(FileSlices, TheDispatcherHandsOutSlicesWithinItsWindows) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += std::to_string(1000 + i) + "\n";
  const std::string path = temp_file(text);
  const auto input = open_file(path);
  Dispatcher jobs(*input, ChunkPolicy::fixed(100), nullptr, true);
  std::vector<Job> out;
  while (auto job = jobs.next(UINT64_MAX, 1)) out.push_back(*job);
  ASSERT_EQ(out.size(), 8u);  // 4 a thread + 4
  EXPECT_TRUE(jobs.waiting_for_window(UINT64_MAX));
  EXPECT_EQ(out[0].slice()->offset, 0u);
  for (std::size_t i = 1; i < out.size(); ++i) {
    EXPECT_EQ(out[i].slice()->offset, out[i - 1].slice()->offset + out[i - 1].slice()->bytes);
  }
  SliceReader reader(*input->regular_file());
  FileSlices& slices = *jobs.slices();
  const SliceRead first = reader.read(out[0].slice()->offset, out[0].slice()->bytes);
  slices.read(out[0].id, first.numbers.numbers.size(), first.lines, std::nullopt);
  slices.checked(out[0].id);
  ASSERT_TRUE(slices.pop());
  EXPECT_FALSE(jobs.waiting_for_window(UINT64_MAX));  // one taken back: room for one more
  EXPECT_TRUE(
      jobs.waiting_for_window(first.numbers.numbers.size()));  // the output's window is full
  EXPECT_FALSE(jobs.next(first.numbers.numbers.size(), 1));
  EXPECT_TRUE(jobs.next(UINT64_MAX, 1));
  std::remove(path.c_str());
}

// Slices are known by their jobs' ids, which need not follow one another (list jobs of rank 0's
// reading take ids too): each report finds its own slice, and pop() numbers them in file order.
TEST(FileSlices, SlicesAreFoundByTheirJobsIds) {
  FileSlices slices("f", 1000, ReadPosition{}, 7);
  const Job a = slices.next(1, 10), b = slices.next(1, 25), c = slices.next(1, 26);
  EXPECT_EQ(a.id, 10u);
  ASSERT_NE(b.slice(), nullptr);
  EXPECT_EQ(b.slice()->offset, a.slice()->offset + a.slice()->bytes);
  EXPECT_EQ(c.slice()->offset, b.slice()->offset + b.slice()->bytes);
  slices.read(26, 4, 4, std::nullopt);
  slices.read(10, 1, 1, std::nullopt);
  slices.read(11, 9, 9, std::nullopt);  // no such slice: ignored
  EXPECT_TRUE(slices.checked(26));
  EXPECT_TRUE(slices.checked(10));
  EXPECT_FALSE(slices.checked(24));
  auto first = slices.pop();
  ASSERT_TRUE(first);
  EXPECT_EQ(first->id, 10u);
  EXPECT_EQ(first->first_index, 7u);
  EXPECT_FALSE(slices.pop());  // b is not read yet
  slices.read(25, 2, 2, std::nullopt);
  EXPECT_TRUE(slices.checked(25));
  auto second = slices.pop(), third = slices.pop();
  ASSERT_TRUE(second && third);
  EXPECT_EQ(second->id, 25u);
  EXPECT_EQ(second->first_index, 8u);
  EXPECT_EQ(third->id, 26u);
  EXPECT_EQ(third->first_index, 10u);
}
