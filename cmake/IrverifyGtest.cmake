# GoogleTest binaries of checks/ (unit_checks in checks/unit, claim_checks in checks): irverify_gtest_binary and
# irverify_gtest_register.
find_package(GTest REQUIRED)
include(GoogleTest)

# GoogleTest binaries: one for the unit checks, one for the claim checks, each built as one unity translation unit
# (the test files share GoogleTest, json and the claim headers: compiled once instead of once per file). Their own
# code only calls the libraries (which keep -O3): the claim checks are compiled at -O1 with the library precompiled
# header (valid at any -O above 0, as -Winvalid-pch confirms); the unit checks, typed suites over every scalar whose
# cost is the compiler's front end, at -O0 without it (98 s against 143 s at -O1, measured; they run in seconds
# either way). Tests are registered per file or per claim with a gtest filter, and listed when ctest runs (not at
# build time); a last registration with the negated filters catches any test no filter names, so none goes unrun.
function(irverify_gtest_binary name opt)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE irverify_claims irverify_reports GTest::gtest GTest::gtest_main)
  target_compile_options(${name} PRIVATE ${opt} -Wall -Wextra -Winvalid-pch)
  if(NOT opt STREQUAL "-O0")
    target_precompile_headers(${name} REUSE_FROM irverify_pch_lib)
  endif()
  set_target_properties(${name} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 0)
endfunction()
# irverify_gtest_register(BINARY CATCH_ALL_LABELS "NAME|LABELS|FILTER" ...): tests matching FILTER are named
# "NAME.<Suite>.<Test>" and labelled LABELS (";" written as ","); the rest "BINARY.unlisted.<Suite>.<Test>".
function(irverify_gtest_register binary catch_all_labels)
  set(all "")
  foreach(entry IN LISTS ARGN)
    string(REPLACE "|" ";" entry "${entry}")
    list(GET entry 0 name)
    list(GET entry 1 labels)
    list(GET entry 2 filter)
    string(REPLACE "," ";" labels "${labels}")
    gtest_discover_tests(${binary} TEST_PREFIX "${name}." TEST_FILTER "${filter}"
                         DISCOVERY_MODE PRE_TEST PROPERTIES LABELS "${labels}" DISCOVERY_TIMEOUT 60)
    string(APPEND all ":${filter}")
  endforeach()
  string(SUBSTRING "${all}" 1 -1 all)
  gtest_discover_tests(${binary} TEST_PREFIX "${binary}.unlisted." TEST_FILTER "-${all}"
                       DISCOVERY_MODE PRE_TEST PROPERTIES LABELS "${catch_all_labels}" DISCOVERY_TIMEOUT 60)
endfunction()
