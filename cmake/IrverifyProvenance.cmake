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
# The compiler flags of the build type (the SIMD kernels add their ISA flags per translation unit, chosen at run time).
string(TOUPPER "${CMAKE_BUILD_TYPE}" _build_type)
string(STRIP "${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${_build_type}}" IRVERIFY_BUILD_FLAGS)
configure_file(${CMAKE_CURRENT_LIST_DIR}/provenance.hpp.in ${CMAKE_CURRENT_BINARY_DIR}/generated/irverify_provenance.hpp @ONLY)
