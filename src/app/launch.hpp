// How this process was started (under an MPI launcher or plainly), what the launch must provide,
// and rank 0's way past mpirun's own standard output.
#pragma once

#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <optional>

#include "app/options.hpp"

namespace primepool::app {

// Under an MPI launcher (mpirun, srun with an MPI plugin, any PMI or PMIx one) MPI is initialised
// as always. Started plainly, the process runs alone without MPI_Init: Open MPI's singleton
// start-up (a helper daemon, about 0.3 s) is not paid.
struct Launch {
  std::optional<boost::mpi::environment> env;
  std::optional<boost::mpi::communicator> comm;
  bool mpi() const { return comm.has_value(); }
  int rank() const { return comm ? comm->rank() : 0; }
  int size() const { return comm ? comm->size() : 1; }
};

// MPI initialised (with MPI_THREAD_FUNNELED) when a launcher started this process.
void start(Launch& launch, int& argc, char**& argv);

// What the launch must provide: the ranks --expect-ranks names, and the OpenMP threads asked
// for (OpenMP may not start them: say so now, not as a failure mid-run). 0 when all is well,
// else the exit code (rank 0 has said why).
int check_launch(const Options& options, const Launch& world);

// With no input named (FILE, --numbers, --range, --random), standard input is the input when it
// is a pipe or a file (`seq 1 5 | primepool`, `primepool < numbers.txt`); a terminal, /dev/null
// or a closed one leaves the built-in sample. Under mpirun, rank 0's standard input is always
// mpirun's pipe, so the rule is applied to mpirun's own standard input; under srun, to what the
// pipe brings in its first second. Rank 0 decides for all.
void choose_standard_input(Options& o, const Launch& world);

// Under mpirun, rank 0 writes its standard output straight into mpirun's own output pipe (see
// launch.cpp for why). PRIMEPOOL_DIRECT_STDOUT=0 turns this off.
void write_past_mpirun();

}  // namespace primepool::app
