// --preflight: a check of the allocation before a long run, under the same launcher and options:
// every rank reports its host, build, kernel forms, input file and CPUs; rank 0 prints one table.
#pragma once

#include "app/launch.hpp"
#include "app/options.hpp"

namespace primepool::app {

// Every rank: gather the reports on rank 0, which prints the table and each problem found (a
// rank on another build, an input file that a rank cannot open or sees otherwise, a journal
// directory rank 0 cannot write, a rank with several threads on one core). kExitOk when there is
// none, else kExitPreflight, on every rank.
int preflight(const Options& options, const Launch& world);

}  // namespace primepool::app
