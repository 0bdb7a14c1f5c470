// primepool's public API in one include: run the pool on an MPI communicator over a number
// source with a reporter (pool.hpp), and the primality kernels it uses (methods.hpp).
#pragma once

#include "primepool/input.hpp"
#include "primepool/methods.hpp"
#include "primepool/pool.hpp"
#include "primepool/report.hpp"
#include "primepool/result.hpp"
#include "primepool/run.hpp"
#include "primepool/summary.hpp"
#include "primepool/version.hpp"
