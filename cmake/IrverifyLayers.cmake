# Layered include roots: a target sees only its own layer's folder and those below it, so an include that runs
# upward (theory -> solvers, solvers -> checks, reports -> anything but the record library) does not compile.
# Each root is a folder in the build tree holding symbolic links to source folders.
#   irverify_layer_root(NAME DIR...)   creates ${CMAKE_BINARY_DIR}/layers/NAME/DIR -> ${CMAKE_SOURCE_DIR}/DIR
function(irverify_layer_root name)
  set(root ${CMAKE_BINARY_DIR}/layers/${name})
  foreach(dir IN LISTS ARGN)
    get_filename_component(parent ${root}/${dir} DIRECTORY)
    file(MAKE_DIRECTORY ${parent})
    if(NOT EXISTS ${root}/${dir})
      file(CREATE_LINK ${CMAKE_SOURCE_DIR}/${dir} ${root}/${dir} SYMBOLIC)
    endif()
  endforeach()
  set(IRVERIFY_LAYER_${name} ${root} PARENT_SCOPE)
endfunction()

# Precompiled headers: the heavy third-party headers (Boost.Multiprecision, Eigen, nlohmann-json, fmt; GoogleTest for
# the checks) parsed once for the whole build and reused by every target (REUSE_FROM), instead of once per
# translation unit. Only third-party headers: a project header in a PCH would bypass the layered include roots.
set(IRVERIFY_PCH_HEADERS <boost/multiprecision/float128.hpp> <boost/multiprecision/mpfr.hpp> <Eigen/Core>
    <nlohmann/json.hpp> <fmt/format.h> <algorithm> <functional> <map> <memory> <string> <vector>)
function(irverify_pch_sources name)
  add_library(${name} OBJECT ${CMAKE_SOURCE_DIR}/cmake/pch_anchor.cpp)
  target_link_libraries(${name} PRIVATE irverify::deps ${ARGN})
  target_compile_options(${name} PRIVATE -Winvalid-pch)
endfunction()
irverify_pch_sources(irverify_pch_lib)
target_precompile_headers(irverify_pch_lib PRIVATE ${IRVERIFY_PCH_HEADERS})

# Libraries and programs of ours: warnings, and the library PCH.
function(irverify_target target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Winvalid-pch)
  target_precompile_headers(${target} REUSE_FROM irverify_pch_lib)
endfunction()
