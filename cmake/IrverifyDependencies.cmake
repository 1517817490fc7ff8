# All dependencies come from Debian 12 packages (scripts/install-deps.sh installs them).
find_package(Boost 1.74 REQUIRED)
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(fmt REQUIRED)
find_package(CLI11 QUIET CONFIG)
find_path(CLI11_INCLUDE CLI/CLI.hpp REQUIRED)
find_path(RANDOM123_INCLUDE Random123/philox.h REQUIRED)
find_path(MPFR_INCLUDE mpfr.h REQUIRED)
# MPFR's archive first (libmpfr-dev ships it, built position-independent): linked into the executable, MPFR's
# thread-local state (flags, exponent range), read by every operation, is reached through the initial-exec TLS model
# instead of a __tls_get_addr call per operation (14% of MOM-2's profile). The same library, the same bits; mp50 work
# 17% faster (SGD-4 + IGR-3 on one thread: 8.3 s -> 7.0 s). GMP stays shared: it keeps no thread-local state.
find_library(MPFR_LIBRARY NAMES libmpfr.a mpfr REQUIRED)
find_library(GMP_LIBRARY gmp REQUIRED)
find_library(QUADMATH_LIBRARY quadmath PATHS /usr/lib/gcc/x86_64-linux-gnu/12 REQUIRED)
find_path(GLPK_INCLUDE glpk.h REQUIRED)  # the LP of LN-3 (solvers/lp)
find_library(GLPK_LIBRARY glpk REQUIRED)
find_package(Threads REQUIRED)

add_library(irverify_deps INTERFACE)
add_library(irverify::deps ALIAS irverify_deps)
target_include_directories(irverify_deps SYSTEM INTERFACE ${Boost_INCLUDE_DIRS} ${CLI11_INCLUDE} ${RANDOM123_INCLUDE}
                           ${MPFR_INCLUDE})
target_link_libraries(irverify_deps INTERFACE Eigen3::Eigen nlohmann_json::nlohmann_json fmt::fmt ${MPFR_LIBRARY}
                      ${GMP_LIBRARY} ${QUADMATH_LIBRARY} Threads::Threads)
