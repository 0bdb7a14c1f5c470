// Stopping on SIGTERM, SIGINT, SIGUSR1 and SIGUSR2: an async-signal-safe flag for the first signal,
// _exit for the second. Only rank 0 acts on the flag; worker ranks keep checking until it sends the
// sentinel.
#include "app/signals.hpp"

#include <time.h>
#include <unistd.h>

#include <atomic>
#include <csignal>

#include "app/exit_codes.hpp"

namespace primepool::app {

namespace {

std::atomic<int> g_signal{0};
std::atomic<long long> g_first_ms{0};  // CLOCK_MONOTONIC milliseconds of the first signal

long long monotonic_ms() {  // clock_gettime is async-signal-safe
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<long long>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

void on_signal(int sig) {
  int expected = 0;
  if (g_signal.compare_exchange_strong(expected, sig)) {  // the first: stop gracefully
    g_first_ms.store(monotonic_ms());
    return;
  }
  // One event often arrives twice: at a Slurm time limit every task gets SIGTERM from Slurm and
  // the batch script's forwarded signal too; mpirun turns one Ctrl-C into SIGINT and SIGTERM.
  if (monotonic_ms() - g_first_ms.load() < kSameEventMs) return;
  static const char msg[] = "\nprimepool: second signal: stopping at once (journal intact)\n";
  const ssize_t ignored = ::write(STDERR_FILENO, msg, sizeof msg - 1);
  (void)ignored;
  _exit(kExitForced);
}

}  // namespace

void install_stop_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGUSR1, &sa, nullptr);
  sigaction(SIGUSR2, &sa, nullptr);  // a Ctrl-C passed on by jobs/laptop.sh (past mpirun)
  signal(SIGPIPE, SIG_IGN);
}

bool stop_requested() { return g_signal.load(std::memory_order_relaxed) != 0; }
int stop_signal() { return g_signal.load(std::memory_order_relaxed); }
double seconds_since_stop() {
  if (!stop_requested()) return 0.0;
  return static_cast<double>(monotonic_ms() - g_first_ms.load()) / 1000.0;
}

}  // namespace primepool::app
