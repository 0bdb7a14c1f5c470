# FLINT (Debian libflint-dev), which ships no CMake package: FLINT::FLINT, its library and headers,
# with GMP (FLINT's inline functions call it).
# Used by --prove (src/primepool/check/prove128.cpp) and the kernel benchmarks.
find_library(FLINT_LIBRARY flint)
find_path(FLINT_INCLUDE_DIR flint/fmpz.h)
find_library(FLINT_GMP_LIBRARY gmp)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(FLINT REQUIRED_VARS FLINT_LIBRARY FLINT_INCLUDE_DIR
                                                      FLINT_GMP_LIBRARY)
if(FLINT_FOUND AND NOT TARGET FLINT::FLINT)
  add_library(FLINT::FLINT UNKNOWN IMPORTED)
  set_target_properties(FLINT::FLINT PROPERTIES IMPORTED_LOCATION "${FLINT_LIBRARY}"
                                                INTERFACE_INCLUDE_DIRECTORIES "${FLINT_INCLUDE_DIR}"
                                                INTERFACE_LINK_LIBRARIES "${FLINT_GMP_LIBRARY}")
endif()
