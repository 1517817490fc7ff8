#!/usr/bin/env bash
# The main job: installs what is missing, builds, runs the full verification (every claim, and the slow
# checks), and writes the records and REPORT.md with figures to OUT (default irverify-results/).
# Usage: bash scripts/main.sh [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-irverify-results}
build=${IRVERIFY_BUILD:-build}
bash scripts/install-deps.sh
bash scripts/build.sh
ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
status=0
"$build/irverify" run --out "$out" || status=$?
"$build/irverify" report "$out"
if [ "$status" -ne 0 ]; then echo "main: some claims FAILED (see $out/REPORT.md)"; fi
exit "$status"
