// Scheduling: cutting the input stream into Jobs, handed out on demand (self-scheduling).
// A worker that finishes asks for the next job, so one slow number never holds idle workers back.
#pragma once

#include <cstddef>
#include <optional>

#include "input.hpp"
#include "messages.hpp"

namespace primepool {

class JobMaker {
 public:
  JobMaker(NumberSource& input, std::size_t chunk) : input_(input), chunk_(chunk ? chunk : 1) {}
  // The next job of up to `chunk` consecutive numbers, or nothing once the input is exhausted.
  std::optional<Job> next();
  bool exhausted() const { return exhausted_; }

 private:
  NumberSource& input_;
  std::size_t chunk_;
  std::uint64_t next_index_ = 0;
  bool exhausted_ = false;
};

}  // namespace primepool
