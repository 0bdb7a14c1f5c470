// The program's exit codes, all in one place (doc/using.md's table lists the same). Only the app
// decides them; the library reports what happened in its RunSummary.
#pragma once

namespace primepool::app {

constexpr int kExitOk = 0;         // every number checked (also: a stop came after the last one)
constexpr int kExitFailure = 1;    // a failure while running: a failed write, sync or close, MPI
constexpr int kExitUsage = 2;      // a usage error, bad input, or a refused run (no file changed)
constexpr int kExitStopped = 3;    // stopped by a signal after draining: resume with --resume
constexpr int kExitForced = 4;     // stopped at once by a second signal
constexpr int kExitStalled = 5;    // a worker stopped answering (--stall-timeout): resumable
constexpr int kExitPreflight = 6;  // --preflight found a problem with the allocation
constexpr int kExitDisagreement = 7;  // --verify: a verdict checked again came out otherwise

}  // namespace primepool::app
