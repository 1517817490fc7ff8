#!/usr/bin/env bash
# The main job: installs what is missing, builds, runs every claim once (nproc claims side by side, `run --jobs`; the
# records, validated against their schema and compared with reports/reference, the comparison the reference_* ctests
# make), the slow checks that are not
# claim reruns (long CLI runs on problem files), SGD-2's plain-average study (8 levels, about 20 s on 2 cores) to
# OUT/SGD-2-plain-study.json, and the calibration of the fast Monte Carlo claims (the study's default SGD-2, SGD-4,
# LN-1, LN-2, RANK-2, RANK-5 at IRVERIFY_CALIBRATION_SEEDS seeds each, default 200: 27.5 min on 2 cores in a fresh
# clone, LN-2 773 s of it, RANK-2 353 s, LN-1 269 s, SGD-4 158 s) to OUT/calibration.json; then REPORT.md with figures in OUT (default
# irverify-results/), its Studies section from the two studies. The default tests are the test command's
# (scripts/test.sh). OUT/timeline.txt: the seconds of each phase (fresh clone, 2 cores, packages present: 39.5 min on
# 2026-12-04, of which build 338 s, claims 308 s, slow checks 62 s, study 11 s, calibration 1650 s).
# Usage: bash scripts/main.sh [OUT]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-irverify-results}
build=${IRVERIFY_BUILD:-build}
mkdir -p "$out"
: > "$out/timeline.txt"
phase() {  # phase NAME COMMAND...: runs it, records its seconds and exit code; the job goes on either way
  local name=$1 t0=$SECONDS rc=0
  shift
  "$@" || rc=$?
  echo "$name $((SECONDS - t0)) s (exit $rc)" | tee -a "$out/timeline.txt"
  return "$rc"
}
status=0
phase install bash scripts/install-deps.sh
phase build bash scripts/build.sh
jobs=$(nproc)  # claims (and calibration seeds) side by side: the same records, printed in claim order
phase claims "$build/irverify" run --jobs "$jobs" --out "$out" || status=$?
# Every record the run wrote, against reports/record/record.schema.json, then against the reference records.
phase validate "$build/irverify" validate $(grep -l '"schema": "irverify-record-1"' "$out"/*.json) || status=$?
phase compare sh -c "\"\$0\" compare reports/reference \"\$1\" > \"\$1/compare.txt\"; rc=\$?; cat \"\$1/compare.txt\"; exit \$rc" \
  "$build/irverify" "$out" || status=$?
phase slow-checks ctest --test-dir "$build" --output-on-failure -j "$(nproc)" -L slow -E '^reference_' || status=$?
phase study-plain "$build/irverify" study sgd2-plain --out "$out/SGD-2-plain-study.json" || status=$?
phase calibration sh -c "\"\$0\" study calibration --seeds \"\$1\" --jobs \"\$3\" --out \"\$2/calibration.json\" > \"\$2/calibration.md\"" \
  "$build/irverify" "${IRVERIFY_CALIBRATION_SEEDS:-200}" "$out" "$jobs" || status=$?
phase report "$build/irverify" report "$out" || status=$?
if [ "$status" -ne 0 ]; then echo "main: some claims FAILED or differ from reports/reference (see $out/REPORT.md, $out/compare.txt)"; fi
exit "$status"
