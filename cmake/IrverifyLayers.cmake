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

# Project warnings for every target of ours.
function(irverify_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra)
endfunction()
