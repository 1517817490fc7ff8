#!/bin/sh
# check_jobs.sh IRVERIFY WORK_DIR CLAIM...: `irverify run CLAIM... --jobs 3` writes the same records as --jobs 1 (to
# the last bit: irverify compare --exact) and prints them in the same (claim) order; `irverify study calibration
# CLAIM... --seeds 3 --jobs 2` gives the same table as --jobs 1.
irverify=$1; out=$2/jobs; shift 2
for j in 1 3; do
  rm -rf "$out-j$j" && mkdir -p "$out-j$j" || exit 2
  "$irverify" run "$@" --jobs $j --out "$out-j$j" --quiet >"$out-j$j/run.txt" 2>&1; rc=$?
  if [ "$rc" -gt 1 ]; then cat "$out-j$j/run.txt"; echo "irverify run --jobs $j exited $rc"; exit 1; fi
  grep -E '^[A-Z]+-[0-9]+ ' "$out-j$j/run.txt" | cut -d' ' -f1 >"$out-j$j/order.txt"
done
"$irverify" compare --exact "$out-j1" "$out-j3" "$@" || exit 1
if ! cmp -s "$out-j1/order.txt" "$out-j3/order.txt"; then
  echo "claims printed in another order with --jobs 3:"; diff "$out-j1/order.txt" "$out-j3/order.txt"; exit 1
fi
for j in 1 2; do
  mkdir -p "$out-j$j" || exit 2
  "$irverify" study calibration "$@" --seeds 3 --jobs $j --quiet --out "$out-j$j/calibration.json" >"$out-j$j/study.txt" 2>&1 ||
    { cat "$out-j$j/study.txt"; echo "calibration --jobs $j failed"; exit 1; }
  grep -v -- '->' "$out-j$j/study.txt" >"$out-j$j/calibration.md"
done
if ! cmp -s "$out-j1/calibration.md" "$out-j2/calibration.md"; then
  echo "calibration tables differ between --jobs 1 and 2:"; diff "$out-j1/calibration.md" "$out-j2/calibration.md"; exit 1
fi
echo "jobs: same records, order and calibration for --jobs 1, 3 (run) and 1, 2 (calibration)"
