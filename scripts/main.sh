#!/usr/bin/env bash
# The main job: installs what is missing, builds, runs the full verification (every claim, and the slow
# checks), and writes the records (validated against their schema) and REPORT.md with figures to OUT (default
# irverify-results/), SGD-2's plain-average study (8 levels, about 20 s on 2 cores) to OUT/SGD-2-plain-study.json, and
# the calibration of the fast Monte Carlo claims (the study's default SGD-2, SGD-4, LN-1, LN-2, RANK-2, RANK-5 at
# IRVERIFY_CALIBRATION_SEEDS seeds each, default 200: 1 to 1.5 h on 2 cores, LN-2 about 35 min of it) to
# OUT/calibration.json, rendered in REPORT.md's Studies section.
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
# Every record the run wrote, against reports/record/record.schema.json.
"$build/irverify" validate $(grep -l '"schema": "irverify-record-1"' "$out"/*.json) || status=$?
"$build/irverify" study sgd2-plain --out "$out/SGD-2-plain-study.json" || status=$?
"$build/irverify" study calibration --seeds "${IRVERIFY_CALIBRATION_SEEDS:-200}" \
  --out "$out/calibration.json" > "$out/calibration.md" || status=$?
"$build/irverify" report "$out"
if [ "$status" -ne 0 ]; then echo "main: some claims FAILED (see $out/REPORT.md)"; fi
exit "$status"
