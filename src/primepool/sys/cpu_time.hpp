// CPU seconds this process has used (user + system, all threads), from getrusage.
// The coordinator reports it to show that waiting for workers costs almost nothing.
#pragma once

namespace primepool {

double process_cpu_seconds();
// CPU seconds the calling thread has used: a compute thread's busy time. Unlike wall time it
// does not count time the thread was stopped (SIGSTOP) or waiting for a shared core.
double thread_cpu_seconds();

}  // namespace primepool
