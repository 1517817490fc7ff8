# Provenance compiled into every record: version, git commit, compiler, dependency versions.
find_package(Git QUIET)
set(IRVERIFY_GIT_COMMIT "unknown")
if(GIT_FOUND AND EXISTS ${CMAKE_CURRENT_SOURCE_DIR}/.git)
  execute_process(COMMAND ${GIT_EXECUTABLE} rev-parse HEAD WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
                  OUTPUT_VARIABLE IRVERIFY_GIT_COMMIT OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  execute_process(COMMAND ${GIT_EXECUTABLE} status --porcelain --untracked-files=no
                  WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR} OUTPUT_VARIABLE _dirty ERROR_QUIET)
  if(_dirty)
    string(APPEND IRVERIFY_GIT_COMMIT "-dirty")
  endif()
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/provenance.hpp.in ${CMAKE_CURRENT_BINARY_DIR}/generated/irverify_provenance.hpp @ONLY)
