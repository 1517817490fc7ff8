#!/usr/bin/env bash
# Configures and builds irverify (Release) into ${IRVERIFY_BUILD:-build}.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${IRVERIFY_BUILD:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$(nproc)"
