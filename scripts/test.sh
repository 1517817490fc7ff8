#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every check except those labelled `slow`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
ctest --test-dir "${IRVERIFY_BUILD:-build}" --output-on-failure -j "$(nproc)" -LE slow
