// Stopping on SIGTERM and SIGINT: an async-signal-safe flag for the first signal, _exit for the
// second. Only rank 0 acts on the flag; worker ranks keep checking until it sends the sentinel.
#include "signals.hpp"

#include <unistd.h>

#include <atomic>
#include <csignal>

namespace primepool {

namespace {

std::atomic<int> g_signal{0};

void on_signal(int sig) {
  int expected = 0;
  if (g_signal.compare_exchange_strong(expected, sig)) return;  // the first: stop gracefully
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
}

bool stop_requested() { return g_signal.load(std::memory_order_relaxed) != 0; }
int stop_signal() { return g_signal.load(std::memory_order_relaxed); }

}  // namespace primepool
