// CPU seconds this process has used (user + system, all threads), from getrusage.
// The coordinator reports it to show that waiting for workers costs almost nothing.
#pragma once

namespace primepool {

double process_cpu_seconds();

}  // namespace primepool
