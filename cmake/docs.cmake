# The man page (primepool.1) and the bash completion, generated at build time from the option
# table by primepool_docgen (src/app/docgen.cpp), so that they always match --help.
add_executable(primepool_docgen src/app/docgen.cpp src/app/option_table.cpp)
primepool_target_defaults(primepool_docgen)
target_link_libraries(primepool_docgen PRIVATE primepool_internal Boost::program_options)

set(PRIMEPOOL_MAN_PAGE ${PROJECT_BINARY_DIR}/man/primepool.1)
set(PRIMEPOOL_COMPLETION ${PROJECT_BINARY_DIR}/completion/primepool)
add_custom_command(
  OUTPUT ${PRIMEPOOL_MAN_PAGE} ${PRIMEPOOL_COMPLETION}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man ${PROJECT_BINARY_DIR}/completion
  COMMAND primepool_docgen man > ${PRIMEPOOL_MAN_PAGE}
  COMMAND primepool_docgen bash-completion > ${PRIMEPOOL_COMPLETION}
  DEPENDS primepool_docgen
  COMMENT "Generating the man page and the bash completion from the option table")
add_custom_target(primepool_docs ALL DEPENDS ${PRIMEPOOL_MAN_PAGE} ${PRIMEPOOL_COMPLETION})
