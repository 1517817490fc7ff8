# cmake --install: the libraries, their headers, the CLI and a package configuration, so that another project can
#   find_package(irverify) and link irverify::claims (every claim, the framework and the layers below; the claims
#   register themselves, so they are installed as objects, not as an archive that would drop them).
# checks/examples/consumer is such a project (ctest example_find_package).
include(CMakePackageConfigHelpers)
include(GNUInstallDirs)
set(IRVERIFY_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/irverify)

set_target_properties(irverify_deps PROPERTIES EXPORT_NAME deps)
set_target_properties(irverify_io PROPERTIES EXPORT_NAME io)
set_target_properties(irverify_theory PROPERTIES EXPORT_NAME theory)
set_target_properties(irverify_solvers PROPERTIES EXPORT_NAME solvers)
set_target_properties(irverify_record PROPERTIES EXPORT_NAME record)
set_target_properties(irverify_framework PROPERTIES EXPORT_NAME framework)
set_target_properties(irverify_claims PROPERTIES EXPORT_NAME claims)
set_target_properties(irverify_reports PROPERTIES EXPORT_NAME reports)
install(TARGETS irverify_deps irverify_io irverify_theory irverify_solvers irverify_record irverify_framework
                irverify_claims irverify_reports
        EXPORT irverifyTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        OBJECTS DESTINATION ${CMAKE_INSTALL_LIBDIR}/irverify/objects)
install(TARGETS irverify RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
foreach(layer theory solvers checks reports)
  install(DIRECTORY ${CMAKE_SOURCE_DIR}/${layer} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/irverify
          FILES_MATCHING PATTERN "*.hpp" PATTERN "*.inc" PATTERN "*.schema.json"
          PATTERN "data" EXCLUDE PATTERN "examples" EXCLUDE PATTERN "fuzz" EXCLUDE PATTERN "bench" EXCLUDE)
endforeach()
install(EXPORT irverifyTargets NAMESPACE irverify:: DESTINATION ${IRVERIFY_CMAKE_DIR})
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/irverifyConfig.cmake.in
                              ${CMAKE_BINARY_DIR}/irverifyConfig.cmake INSTALL_DESTINATION ${IRVERIFY_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_BINARY_DIR}/irverifyConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/irverifyConfig.cmake ${CMAKE_BINARY_DIR}/irverifyConfigVersion.cmake
        DESTINATION ${IRVERIFY_CMAKE_DIR})
