#!/usr/bin/env bash
# Builds irverify with AddressSanitizer and UndefinedBehaviorSanitizer (GCC, -O1 -g1, UB fatal, leaks checked) into
# ${IRVERIFY_SANITIZE_BUILD:-build-sanitize} and runs the ctests labelled unit, solver, input and cli: the unit
# checks, the problem-file and CSV readers, the CLI end to end and the bad-input corpus (checks/data/bad/).
# Any sanitizer report aborts the process, so the test fails.
#   bash scripts/sanitize.sh        the part CI runs: builds unit_checks and irverify only (measured on 2 cores:
#                                   7.5 min build, 128 tests in 3.2 min)
#   bash scripts/sanitize.sh --all  also the claim checks (claim_checks, label `claim`) and the reference reruns
#                                   (label `reference`, `slow` included); not in CI (a RelWithDebInfo sanitizer build
#                                   of the whole tree took over an hour on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
all=0
case "${1:-}" in
  "") ;;
  --all) all=1 ;;
  *) echo "usage: bash scripts/sanitize.sh [--all]" >&2; exit 2 ;;
esac
out=${IRVERIFY_SANITIZE_BUILD:-build-sanitize}
bash scripts/install-deps.sh
flags="-O1 -g1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
cmake -S . -B "$out" -G Ninja -DCMAKE_BUILD_TYPE=None -DIRVERIFY_BENCHMARKS=OFF -DCMAKE_CXX_FLAGS="$flags" \
  -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
export ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
if [ "$all" -eq 1 ]; then
  cmake --build "$out" -j "$(nproc)"
  ctest --test-dir "$out" --output-on-failure -j "$(nproc)"
else
  cmake --build "$out" -j "$(nproc)" --target unit_checks irverify
  # The claim checks (label `claim`, binary claim_checks) are not built here: they need --all.
  # The label-noise claims' CLI runs (label `mc-long`, minutes of Monte Carlo at -O1 with ASan) need --all too.
  ctest --test-dir "$out" --output-on-failure -j "$(nproc)" -L "unit|solver|input|cli" -LE "slow|reference|claim|mc-long"
fi
echo "sanitize: clean (ASan + UBSan, $out)"
