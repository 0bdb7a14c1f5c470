// Stopping on SIGTERM, SIGINT and SIGUSR1 (walltime, Ctrl-C, job scripts; mpirun forwards
// SIGUSR1 at once and turns SIGTERM/SIGINT into SIGTERM then SIGKILL a second later; srun
// forwards them): the first signal asks for a graceful stop, a second one exits at once.
#pragma once

namespace primepool::app {

// Install the handlers. The first SIGTERM/SIGINT/SIGUSR1 sets the stop flag; another one within
// kSameEventMs is the same event and changes nothing; a later one writes a line to stderr and
// calls _exit(kExitForced) (the journal is written batch by batch, so it is intact). SIGPIPE is
// ignored: a closed pipe is a write error that the writer reports (output_file.hpp).
void install_stop_handlers();
bool stop_requested();
int stop_signal();            // the signal that asked, 0 if none
double seconds_since_stop();  // since the first signal; 0 if none came

constexpr long long kSameEventMs = 2000;

}  // namespace primepool::app
