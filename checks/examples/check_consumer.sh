#!/bin/sh
# check_consumer.sh BUILD_DIR SOURCE_DIR WORK_DIR GENERATOR CXX: installs the build into WORK_DIR/prefix
# (cmake --install), then configures, builds and runs checks/examples/consumer against it with find_package(irverify).
set -e
build=$1; src=$2; work=$3; generator=$4; cxx=$5
rm -rf "$work" && mkdir -p "$work"
cmake --install "$build" --prefix "$work/prefix" > "$work/install.log"
cmake -S "$src/checks/examples/consumer" -B "$work/build" -G "$generator" -DCMAKE_CXX_COMPILER="$cxx" \
      -DCMAKE_PREFIX_PATH="$work/prefix" > "$work/configure.log"
cmake --build "$work/build" > "$work/build.log" || { cat "$work/build.log"; exit 1; }
test -x "$work/prefix/bin/irverify" && "$work/prefix/bin/irverify" --version
exec "$work/build/consumer"
