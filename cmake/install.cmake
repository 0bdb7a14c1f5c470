# cmake --install: the program, its man page and completion, and (when primepool is the top-level
# project) the library with its headers and a CMake package, so that another project can say
# find_package(primepool) and link primepool::primepool. CPack turns the same into a .deb.
install(TARGETS primepool RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT program)
install(FILES ${PRIMEPOOL_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT program)
install(FILES ${PRIMEPOOL_COMPLETION} DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        COMPONENT program)
install(FILES README.md LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT program)

# Install and export only when primepool is the top-level project (not under add_subdirectory).
if(CMAKE_SOURCE_DIR STREQUAL PROJECT_SOURCE_DIR)
  include(CMakePackageConfigHelpers)
  set(PRIMEPOOL_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/primepool)
  install(TARGETS primepool_core EXPORT primepoolTargets
          ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT library
          INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(DIRECTORY include/primepool ${PROJECT_BINARY_DIR}/include/primepool
          DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT library)
  install(EXPORT primepoolTargets NAMESPACE primepool:: DESTINATION ${PRIMEPOOL_CMAKE_DIR}
          COMPONENT library)
  configure_package_config_file(cmake/primepoolConfig.cmake.in
                                ${PROJECT_BINARY_DIR}/primepoolConfig.cmake
                                INSTALL_DESTINATION ${PRIMEPOOL_CMAKE_DIR})
  write_basic_package_version_file(${PROJECT_BINARY_DIR}/primepoolConfigVersion.cmake
                                   COMPATIBILITY SameMinorVersion)
  install(FILES ${PROJECT_BINARY_DIR}/primepoolConfig.cmake
                ${PROJECT_BINARY_DIR}/primepoolConfigVersion.cmake
                ${PROJECT_SOURCE_DIR}/cmake/FindFLINT.cmake
          DESTINATION ${PRIMEPOOL_CMAKE_DIR} COMPONENT library)

  # cpack -G DEB (in the build directory): primepool_<version>_<arch>.deb with the program, the
  # man page, the completion and the library; Depends are the Debian runtime packages.
  # The maintainer and home page are whoever packages it: -DPRIMEPOOL_MAINTAINER="Name <mail>"
  # (default: the author of the checkout's last commit) and -DPRIMEPOOL_HOMEPAGE=URL (no
  # Homepage field without one: an invented address would send users nowhere).
  execute_process(COMMAND git log -1 --format=%an\ <%ae> WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                  OUTPUT_VARIABLE last_author OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(NOT last_author)
    set(last_author "primepool developers")
  endif()
  set(PRIMEPOOL_MAINTAINER "${last_author}" CACHE STRING "the .deb's Maintainer")
  set(PRIMEPOOL_HOMEPAGE "" CACHE STRING "the .deb's Homepage (none when empty)")
  set(CPACK_PACKAGE_NAME primepool)
  set(CPACK_PACKAGE_VENDOR "primepool developers")
  set(CPACK_PACKAGE_CONTACT "${PRIMEPOOL_MAINTAINER}")
  set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
      "MPI process pool that checks numbers for primality (coordinator, workers, sentinel)")
  set(CPACK_PACKAGE_DESCRIPTION
      "primepool checks whether numbers are prime on a pool of MPI ranks and OpenMP threads: rank 0 hands out numbers on demand and collects the results; workers loop until a sentinel arrives. Numbers of any size (trial division, Baillie-PSW, FLINT's proofs, libprimesieve), a journal to resume from, batch scripts for Slurm and PBS.")
  set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
  set(CPACK_GENERATOR DEB)
  set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
  set(CPACK_DEBIAN_PACKAGE_SECTION science)
  if(PRIMEPOOL_HOMEPAGE)
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PRIMEPOOL_HOMEPAGE}")
  endif()
  set(CPACK_DEBIAN_PACKAGE_DEPENDS
      "openmpi-bin, libopenmpi3, libboost-mpi1.74.0, libboost-serialization1.74.0, libboost-program-options1.74.0, libprimesieve11, libflint17, libgmp10, libgomp1, libc6, libstdc++6")
  set(CPACK_DEBIAN_PACKAGE_SUGGESTS "libopenmpi-dev, libboost-mpi-dev, libflint-dev")
  include(CPack)
endif()
