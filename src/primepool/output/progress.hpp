// Progress on standard error while rank 0 waits: a spinner (in the spirit of the reference
// text's spinner), numbers done, rate and, when the total is known, an ETA. Off for batch logs.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace primepool {

class Progress {
 public:
  // Draws on `out` only when `enabled`; see progress_by_default() for --progress auto.
  Progress(std::ostream& out, bool enabled, std::optional<std::uint64_t> total);
  ~Progress() { finish(); }
  // Cheap to call often: redraws at most ten times a second. `note`: more on the line (a spread
  // number's search: run/spread.hpp).
  void update(std::uint64_t done, const std::string& note = "");
  // Whether update() would draw now (to skip making a note that would not be shown).
  bool due() const;
  // Erase the line (before the summary is printed).
  void finish();

 private:
  std::ostream& out_;
  bool enabled_;
  std::optional<std::uint64_t> total_;
  double start_, last_draw_ = 0.0;
  unsigned frame_ = 0;
  bool drawn_ = false;
  std::size_t width_ = 0;  // of the line drawn last (finish() erases that much)
};

// Whether to draw progress when nobody said (--progress auto): when standard error is a
// terminal, unless result rows go to that terminal too (a spinner would be mixed into them).
bool progress_by_default(bool rows_on_stdout);

}  // namespace primepool
